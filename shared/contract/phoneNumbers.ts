import * as z from 'zod/mini';
import { isMobilePhone, normalizePhone } from '../domain/phones.ts';

/*
 * Phone numbers, apart from the common shapes: checking one takes
 * libphonenumber, which only the functions that take a number load.
 */

/** A Chinese phone number, returned in E.164; +86 may be omitted. */
export const PhoneNumber = z.pipe(
  z.string().check(z.maxLength(32)),
  z.transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (phone === undefined) {
      ctx.issues.push({
        code: 'custom',
        message: '不是有效的中国电话号码',
        input: value,
      });
      return z.NEVER;
    }
    return phone;
  }),
);

/** A Chinese mobile number: only mobiles receive SMS. */
export const MobilePhone = PhoneNumber.check(
  z.refine(isMobilePhone, '须为手机号码：只有手机能收短信'),
);
