import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { ulid } from 'ulid';
import { ConflictError, ValidationError } from '../errors.ts';
import { auditEntry, auditTarget, type AuditEntry } from './audit.ts';
import { onDutyAt, type DutyRoster } from './duty.ts';
import { maskPhone, normalizePhone } from './phones.ts';
import { hasAnyGroup, type Principal } from './principal.ts';

/**
 * Art14: each unit registers admin phones; some receive reminders. A new
 * number receives nothing until the code sent to it is entered; a retired
 * number never receives anything again.
 */
export const PHONE_STATUSES = ['unverified', 'active', 'retired'] as const;
export type PhoneStatus = (typeof PHONE_STATUSES)[number];

export interface Verification {
  codeHash: string;
  expiresAt: string;
  triesLeft: number;
}

export interface RegisteredPhone {
  /** How the roster and the console name it: not the number, which only the district administrator sees whole. */
  id: string;
  unitId: string;
  /** E.164, a Chinese mobile number. */
  phone: string;
  holderName: string;
  remind: boolean;
  status: PhoneStatus;
  addedAt: string;
  verifiedAt?: string;
  retiredAt?: string;
  verification?: Verification;
  /** SNS has refused every reminder to this number since then: the unit admin should check it. */
  failingSince?: string;
}

/** Art14: a unit admin asks for a number to be added or retired; the district administrator decides. */
export interface PhoneRequest {
  id: string;
  unitId: string;
  action: 'add' | 'retire';
  phone: string;
  holderName?: string;
  remind?: boolean;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
}

export const CODE_VALID_MINUTES = 10;
export const CODE_TRIES = 5;

/** The district administrator manages every unit's phones; a unit admin only their own unit's. */
export function canManageUnitPhones(principal: Principal, unitId: string): boolean {
  return (
    hasAnyGroup(principal, ['district-admin']) ||
    (hasAnyGroup(principal, ['unit-admin']) && principal.unitId === unitId)
  );
}

/** Only the district administrator sees whole numbers; everyone else sees them masked. */
export const seesWholeNumbers = (principal: Principal) =>
  hasAnyGroup(principal, ['district-admin']);

/**
 * A code is stored only as an HMAC keyed with a secret the table never
 * holds: someone who reads the table cannot try the million codes offline.
 */
const hashCode = (key: Uint8Array, phone: string, code: string) =>
  createHmac('sha256', key).update(`${phone}:${code}`).digest('hex');

/** A fresh 6-digit code; only its hash is stored. */
export function newVerification(
  phone: string,
  now: Date,
  key: Uint8Array,
  validMinutes = CODE_VALID_MINUTES,
): { code: string; verification: Verification } {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return {
    code,
    verification: {
      codeHash: hashCode(key, phone, code),
      expiresAt: new Date(now.getTime() + validMinutes * 60_000).toISOString(),
      triesLeft: CODE_TRIES,
    },
  };
}

/**
 * A code entered against the one sent: it matches, it is wrong (one try
 * used), or nothing may be tried any more (lapsed, or every try used).
 */
export function checkCode(
  verification: Verification,
  phone: string,
  code: string,
  now: Date,
  key: Uint8Array,
): 'match' | 'wrong' | 'lapsed' {
  if (verification.triesLeft <= 0 || verification.expiresAt < now.toISOString()) return 'lapsed';
  const expected = Buffer.from(verification.codeHash, 'hex');
  return timingSafeEqual(expected, Buffer.from(hashCode(key, phone, code), 'hex'))
    ? 'match'
    : 'wrong';
}

/**
 * What entering a code changes: the number becomes active, or one try is
 * used up. Throws when there is nothing to verify or the code has lapsed.
 */
export function verificationAttempt(
  phone: RegisteredPhone,
  code: string,
  now: Date,
  key: Uint8Array,
): { verified: boolean; set: Partial<RegisteredPhone> } {
  if (phone.status !== 'unverified' || !phone.verification)
    throw new ConflictError(`这个号码不在等待验证码`);
  const { verification } = phone;
  const checked = checkCode(verification, phone.phone, code, now, key);
  if (checked === 'lapsed') {
    throw new ConflictError('验证码已过期或输错次数过多，请重新登记号码以获取新验证码');
  }
  if (checked === 'match') {
    return {
      verified: true,
      set: { status: 'active', verifiedAt: now.toISOString(), verification: undefined },
    };
  }
  return {
    verified: false,
    set: { verification: { ...verification, triesLeft: verification.triesLeft - 1 } },
  };
}

/**
 * Art14: a unit's registered mobile number also signs its holder in on the
 * phone: an account of that unit whose phone is that number, once the number
 * is verified and while it stays registered. Every account with a number is
 * set by this rule when the number is verified or retired, and when the
 * account is made.
 */
export const signsInByPhone = (unitId: string, registered: RegisteredPhone | undefined): boolean =>
  registered?.status === 'active' && registered.unitId === unitId;

/** A sign-in code lives 5 minutes; a new one may be asked for once a minute. */
export const SIGN_IN_CODE_MINUTES = 5;
export const SIGN_IN_CODE_INTERVAL_SECONDS = 60;

/** A change of a unit's numbers, as asked (Art14). */
export type PhoneChange =
  | { action: 'add'; phone: string; holderName: string; remind: boolean }
  | { action: 'retire'; phone: string };

/**
 * Art14: the district administrator (区信息中心) changes a unit's numbers
 * at once; a unit admin asks, and the change waits for that decision.
 */
export function phoneChangeRoute(principal: Principal): 'apply' | 'request' {
  return seesWholeNumbers(principal) ? 'apply' : 'request';
}

/** A unit admin's request for a change, and its audit record. */
export function newPhoneRequest(
  unitId: string,
  change: PhoneChange,
  principal: Principal,
  now: Date,
): { request: PhoneRequest; audit: AuditEntry } {
  const request: PhoneRequest = {
    id: ulid(now.getTime()),
    unitId,
    ...change,
    status: 'pending',
    requestedBy: principal.sub,
    requestedAt: now.toISOString(),
  };
  return {
    request,
    audit: auditEntry('phone.request', auditTarget.unit(unitId), principal, now, {
      action: change.action,
      phone: maskPhone(change.phone),
    }),
  };
}

/** The change a pending request asks for, as it will be applied. */
export const requestedChange = (request: PhoneRequest): PhoneChange =>
  request.action === 'add'
    ? {
        action: 'add',
        phone: request.phone,
        holderName: request.holderName ?? '',
        remind: request.remind ?? false,
      }
    : { action: 'retire', phone: request.phone };

/** A number newly registered (or registered again): unverified until its code comes back. */
export function newRegisteredPhone(
  unitId: string,
  change: Extract<PhoneChange, { action: 'add' }>,
  now: Date,
  key: Uint8Array,
): { phone: RegisteredPhone; code: string } {
  const { code, verification } = newVerification(change.phone, now, key);
  const { action: _add, ...fields } = change;
  return {
    code,
    phone: {
      id: ulid(now.getTime()),
      unitId,
      ...fields,
      status: 'unverified',
      addedAt: now.toISOString(),
      verification,
    },
  };
}

/**
 * A roster as sent, with each person on duty named by phone id: an id as
 * given, or the id of the unit's phone with that number. A number the unit
 * has not registered is a mistake of the field that names it.
 */
export function resolveRoster(
  sent: {
    entries: {
      phoneId?: string | undefined;
      phone?: string | undefined;
      from: string;
      to: string;
    }[];
    weekly: {
      phoneId?: string | undefined;
      phone?: string | undefined;
      days: number[];
      from: string;
      to: string;
    }[];
  },
  phones: RegisteredPhone[],
): DutyRoster {
  const problems: { field: string; message: string }[] = [];
  const idOf = (
    shift: { phoneId?: string | undefined; phone?: string | undefined },
    field: string,
  ) => {
    if (shift.phoneId) return shift.phoneId;
    const number = normalizePhone(shift.phone ?? '');
    const phone = phones.find((candidate) => candidate.phone === number);
    if (!phone) problems.push({ field, message: '不是本单位登记的号码' });
    return phone?.id ?? '';
  };
  const roster = {
    entries: sent.entries.map((entry, i) => ({
      phoneId: idOf(entry, `entries.${i}.phone`),
      from: new Date(entry.from).toISOString(),
      to: new Date(entry.to).toISOString(),
    })),
    weekly: sent.weekly.map((shift, i) => ({
      phoneId: idOf(shift, `weekly.${i}.phone`),
      days: [...new Set(shift.days)].sort(),
      from: shift.from,
      to: shift.to,
    })),
  };
  if (problems.length > 0) throw new ValidationError('值班表有误', problems);
  checkDutyRoster(roster, phones);
  return roster;
}

/**
 * A roster must name the unit's own active (verified) phones, its one-off
 * entries must end after they start, and a weekly shift needs its days.
 */
export function checkDutyRoster(roster: DutyRoster, phones: RegisteredPhone[]): void {
  const active = new Set(
    phones.filter((phone) => phone.status === 'active').map((phone) => phone.id),
  );
  const named = (phoneId: string, field: string) =>
    active.has(phoneId) ? [] : [{ field, message: '不是本单位已验证的提醒手机' }];
  const problems = [
    ...roster.entries.flatMap((entry, i) => [
      ...named(entry.phoneId, `entries.${i}.phoneId`),
      ...(entry.from < entry.to ? [] : [{ field: `entries.${i}.to`, message: '须晚于开始时间' }]),
    ]),
    ...roster.weekly.flatMap((shift, i) => named(shift.phoneId, `weekly.${i}.phoneId`)),
  ];
  if (problems.length > 0) throw new ValidationError('值班表有误', problems);
}

/**
 * Who gets a unit's reminder now. In working hours: its active reminder
 * phones and whoever is on duty. Outside them (nights, weekends, holidays):
 * whoever is on duty — and if nobody is, the reminder phones, so that a
 * reminder never goes nowhere. Unverified and retired numbers get nothing.
 */
export function reminderRecipients(
  phones: RegisteredPhone[],
  roster: DutyRoster,
  now: Date,
  atWork: boolean,
): string[] {
  const active = new Map(
    phones.filter((phone) => phone.status === 'active').map((phone) => [phone.id, phone.phone]),
  );
  const onDuty = onDutyAt(roster, now).flatMap((id) => active.get(id) ?? []);
  const reminders = phones
    .filter((phone) => phone.status === 'active' && phone.remind)
    .map((phone) => phone.phone);
  return [...new Set(!atWork && onDuty.length > 0 ? onDuty : [...reminders, ...onDuty])];
}
