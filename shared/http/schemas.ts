import { z } from 'zod';
import { normalizePhone } from '../domain/phones.ts';

/** Schemas shared by several routes. Route-specific ones live beside their route. */
export const UnitId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a unit id: lower-case letters, digits and hyphens');
export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an id as returned by the API');
export const DispatchIdParams = z.object({ id: Ulid });

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
