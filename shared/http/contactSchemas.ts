import * as z from 'zod';
import { normalizePhone } from '../domain/phones.ts';

/** Any valid phone number, returned in E.164; Chinese numbers may omit +86. */
export const PhoneNumber = z.string().max(32).transform((value, ctx) => {
  const phone = normalizePhone(value);
  if (phone === undefined) {
    ctx.addIssue({ code: 'custom', message: 'not a valid phone number' });
    return z.NEVER;
  }
  return phone;
});

export const ContactName = z.string().trim().min(1).max(50);
