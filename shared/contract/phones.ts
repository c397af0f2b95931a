import * as z from 'zod/mini';
import { PHONE_STATUSES } from '../domain/phoneRegistry.ts';
import { List, Text, Time, UnitId } from './common.ts';
import { MobilePhone } from './phoneNumbers.ts';

/** A registered phone's id, as `GET /units/{unitId}/phones` gives it (a ULID; older phones `P…`). */
export const PhoneId = z
  .string()
  .check(z.regex(/^(?:[0-9A-HJKMNP-TV-Z]{26}|P[0-9A-Z]{6,12})$/, '应为登记手机的编号'));
/** A registered phone in a path: by its id (what a unit admin, who sees numbers masked, has), or its number. */
export const UnitPhoneParams = z.object({
  unitId: UnitId,
  phone: z.union([PhoneId, MobilePhone]),
});
export const PhoneBody = z.strictObject({
  phone: MobilePhone,
  holderName: Text(50),
  remind: z.boolean(),
});
export const VerifyBody = z.strictObject({
  code: z.string().check(z.regex(/^\d{6}$/, '短信中的 6 位验证码')),
});
/** `HH:MM`, Beijing time. */
export const ClockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式：HH:MM'));

/**
 * Who is on duty: a registered phone by its `phoneId` (what the roster
 * gives back; `phone` beside it is then only shown, masked or not), or by
 * its number. `holderName` is shown and ignored, so a roster read saves
 * back unchanged.
 */
const OnDutyPhone = {
  phoneId: z.optional(PhoneId),
  phone: z.optional(z.string().check(z.maxLength(32))),
  holderName: z.optional(z.string().check(z.maxLength(50))),
};
const namesAPhone = z.refine<{ phoneId?: string | undefined; phone?: string | undefined }>(
  (shift) => shift.phoneId !== undefined || shift.phone !== undefined,
  { message: '须指明值班手机（phoneId 或号码）', path: ['phoneId'] },
);
export const DutyEntryBody = z
  .strictObject({ ...OnDutyPhone, from: Time, to: Time })
  .check(namesAPhone);
export const WeeklyShiftBody = z
  .strictObject({
    ...OnDutyPhone,
    /** 1 Monday … 7 Sunday. */
    days: z.array(z.int().check(z.gte(1), z.lte(7))).check(z.minLength(1), z.maxLength(7)),
    /** A shift whose `to` is not after its `from` ends the next morning. */
    from: ClockTime,
    to: ClockTime,
  })
  .check(namesAPhone);
export const DutyBody = z.strictObject({
  entries: z._default(z.array(DutyEntryBody).check(z.maxLength(500)), []),
  weekly: z._default(z.array(WeeklyShiftBody).check(z.maxLength(100)), []),
});
export const DutyQuery = z.object({ at: z.optional(Time) });

/** A number as its viewer may see it: whole for the district administrator, masked for others. */
export const PhoneView = z.object({
  id: z.string(),
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

const OnDutyPhoneView = { phoneId: z.string(), phone: z.string(), holderName: z.string() };
export const DutyEntryView = z.object({ ...OnDutyPhoneView, from: z.string(), to: z.string() });
export const WeeklyShiftView = z.object({
  ...OnDutyPhoneView,
  days: z.array(z.int()),
  from: z.string(),
  to: z.string(),
});
export const UnitPhones = z.object({ items: z.array(PhoneView), duty: z.array(DutyEntryView) });
/** The roster as saved (numbers masked but for the district administrator): it saves back unchanged. */
export const DutyView = z.object({
  unitId: z.string(),
  entries: z.array(DutyEntryView),
  weekly: z.array(WeeklyShiftView),
});
/** Who is on duty at a moment, and whether the office is at work then. */
export const OnDutyView = z.object({
  at: z.string(),
  workingHours: z.boolean(),
  onDuty: z.array(z.object({ holderName: z.string(), phone: z.string() })),
});
export const DutyAnswer = z.union([DutyView, OnDutyView]);
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
