import * as z from 'zod/mini';
import { normalizePhone } from '../domain/phones.ts';
import { Text } from './schemas.ts';

/** A Chinese phone number, returned in E.164; +86 may be omitted. */
export const PhoneNumber = z.pipe(
  z.string().check(z.maxLength(32)),
  z.transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (phone === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: 'not a valid Chinese phone number',
        input: value,
      });
      return z.NEVER;
    }
    return phone;
  }),
);

export const ContactName = Text(50);
