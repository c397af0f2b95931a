import * as z from 'zod/mini';
import { PHONE_STATUSES } from '../domain/phoneRegistry.ts';
import { List, Text, Time, UnitId } from './common.ts';
import { MobilePhone } from './phoneNumbers.ts';

export const UnitPhoneParams = z.object({ unitId: UnitId, phone: MobilePhone });
export const PhoneBody = z.strictObject({
  phone: MobilePhone,
  holderName: Text(50),
  remind: z.boolean(),
});
export const VerifyBody = z.strictObject({
  code: z.string().check(z.regex(/^\d{6}$/, '短信中的 6 位验证码')),
});
export const DutyBody = z.strictObject({
  entries: z
    .array(z.strictObject({ phone: MobilePhone, from: Time, to: Time }))
    .check(z.maxLength(500)),
});

/** A number as its viewer may see it: whole for the district administrator, masked for others. */
export const PhoneView = z.object({
  unitId: z.string(),
  phone: z.string(),
  holderName: z.string(),
  remind: z.boolean(),
  status: z.enum(PHONE_STATUSES),
  addedAt: z.string(),
  verifiedAt: z.optional(z.string()),
  retiredAt: z.optional(z.string()),
  /** SNS has refused every reminder to it since then: check the number. */
  failingSince: z.optional(z.string()),
});
export const RegisteredPhoneView = z.object({ ...PhoneView.shape, codeSent: z.boolean() });

export const DutyEntryView = z.object({ phone: z.string(), from: z.string(), to: z.string() });
export const UnitPhones = z.object({ items: z.array(PhoneView), duty: z.array(DutyEntryView) });
export const DutyView = z.object({ unitId: z.string(), entries: z.array(DutyEntryView) });
export const RetiredPhone = z.object({
  unitId: z.string(),
  phone: z.string(),
  status: z.literal('retired'),
});

export const PhoneRequestView = z.object({
  id: z.string(),
  unitId: z.string(),
  action: z.enum(['add', 'retire']),
  phone: z.string(),
  holderName: z.optional(z.string()),
  remind: z.optional(z.boolean()),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.optional(z.string()),
  decidedAt: z.optional(z.string()),
});
export const DecidedPhoneRequest = z.object({
  ...PhoneRequestView.shape,
  codeSent: z.optional(z.boolean()),
});
export const PhoneRequestList = List(PhoneRequestView);
