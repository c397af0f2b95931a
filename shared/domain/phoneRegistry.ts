import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { ConflictError, ValidationError } from '../errors.ts';
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

export interface DutyEntry {
  phone: string;
  from: string;
  to: string;
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
): { code: string; verification: Verification } {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return {
    code,
    verification: {
      codeHash: hashCode(key, phone, code),
      expiresAt: new Date(now.getTime() + CODE_VALID_MINUTES * 60_000).toISOString(),
      triesLeft: CODE_TRIES,
    },
  };
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
  if (verification.triesLeft <= 0 || verification.expiresAt < now.toISOString()) {
    throw new ConflictError('验证码已过期或输错次数过多，请重新登记号码以获取新验证码');
  }
  const expected = Buffer.from(verification.codeHash, 'hex');
  if (timingSafeEqual(expected, Buffer.from(hashCode(key, phone.phone, code), 'hex'))) {
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

/** Duty entries must name the unit's own registered numbers, with from before to. */
export function checkDutyRoster(entries: DutyEntry[], phones: RegisteredPhone[]): void {
  const registered = new Set(
    phones.filter((phone) => phone.status !== 'retired').map((phone) => phone.phone),
  );
  const problems = entries.flatMap((entry, i) => [
    ...(registered.has(entry.phone)
      ? []
      : [{ field: `entries.${i}.phone`, message: '不是本单位登记的号码' }]),
    ...(entry.from < entry.to ? [] : [{ field: `entries.${i}.to`, message: '须晚于开始时间' }]),
  ]);
  if (problems.length > 0) throw new ValidationError('值班表有误', problems);
}

/**
 * Who gets a unit's reminder now: its active reminder phones and whoever is
 * on duty at this moment, if that number is active. Unverified and retired
 * numbers get nothing.
 */
export function reminderRecipients(
  phones: RegisteredPhone[],
  duty: DutyEntry[],
  now: Date,
): string[] {
  const active = new Set(
    phones.filter((phone) => phone.status === 'active').map((phone) => phone.phone),
  );
  const nowIso = now.toISOString();
  const onDuty = duty
    .filter((entry) => entry.from <= nowIso && nowIso < entry.to && active.has(entry.phone))
    .map((entry) => entry.phone);
  const reminders = phones
    .filter((phone) => phone.status === 'active' && phone.remind)
    .map((phone) => phone.phone);
  return [...new Set([...reminders, ...onDuty])];
}
