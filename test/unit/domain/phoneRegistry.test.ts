import { describe, expect, it } from 'vitest';
import {
  canManageUnitPhones,
  checkDutyRoster,
  CODE_TRIES,
  newVerification,
  reminderRecipients,
  seesWholeNumbers,
  verificationAttempt,
  type RegisteredPhone,
} from '../../../shared/domain/phoneRegistry.ts';
import type { Group, Principal } from '../../../shared/domain/principal.ts';
import { ConflictError, ValidationError } from '../../../shared/errors.ts';

const as = (group: Group, unitId: string): Principal => ({
  sub: `${unitId}-${group}`,
  unitId,
  groups: [group],
  sourceIp: '10.0.0.1',
});
const now = new Date('2026-11-25T02:00:00.000Z');
const key = Buffer.from('a secret the table never holds');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

const phone = (number: string, over: Partial<RegisteredPhone> = {}): RegisteredPhone => ({
  unitId: 'health',
  phone: number,
  holderName: '值班员',
  remind: true,
  status: 'active',
  addedAt: now.toISOString(),
  ...over,
});

describe('who manages a unit’s phones', () => {
  it('is the district administrator for every unit, and a unit admin for its own unit only', () => {
    expect(canManageUnitPhones(as('district-admin', 'info-center'), 'health')).toBe(true);
    expect(canManageUnitPhones(as('unit-admin', 'health'), 'health')).toBe(true);
    expect(canManageUnitPhones(as('unit-admin', 'education'), 'health')).toBe(false);
    expect(canManageUnitPhones(as('unit-staff', 'health'), 'health')).toBe(false);
    expect(canManageUnitPhones(as('district-office', 'district-office'), 'health')).toBe(false);
  });

  it('shows whole numbers to the district administrator only', () => {
    expect(seesWholeNumbers(as('district-admin', 'info-center'))).toBe(true);
    expect(seesWholeNumbers(as('unit-admin', 'health'))).toBe(false);
  });
});

describe('verification codes', () => {
  it('activates a number with the code sent to it, and stores only a hash of the code', () => {
    const { code, verification } = newVerification('+8613800000001', now, key);
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(verification)).not.toContain(code);
    const unverified = phone('+8613800000001', { status: 'unverified', verification });
    expect(verificationAttempt(unverified, code, minutes(9), key)).toEqual({
      verified: true,
      set: { status: 'active', verifiedAt: minutes(9).toISOString(), verification: undefined },
    });
  });

  it('uses up one try per wrong code, and refuses once the tries or the 10 minutes are gone', () => {
    const { code, verification } = newVerification('+8613800000001', now, key);
    const wrong = code === '000000' ? '111111' : '000000';
    const unverified = phone('+8613800000001', { status: 'unverified', verification });
    const attempt = verificationAttempt(unverified, wrong, minutes(1), key);
    expect(attempt.verified).toBe(false);
    expect(attempt.set.verification?.triesLeft).toBe(CODE_TRIES - 1);

    const noTriesLeft = { ...unverified, verification: { ...verification, triesLeft: 0 } };
    expect(() => verificationAttempt(noTriesLeft, code, minutes(1), key)).toThrow(ConflictError);
    expect(() => verificationAttempt(unverified, code, minutes(11), key)).toThrow(ConflictError);
  });

  it('keys the stored hash with a secret: the same code under another key does not verify', () => {
    const { code, verification } = newVerification('+8613800000001', now, key);
    const unverified = phone('+8613800000001', { status: 'unverified', verification });
    expect(
      verificationAttempt(unverified, code, minutes(1), Buffer.from('another key')).verified,
    ).toBe(false);
  });

  it('does not take a code for another number’s registration', () => {
    const { code, verification } = newVerification('+8613800000001', now, key);
    const other = phone('+8613800000002', { status: 'unverified', verification });
    expect(verificationAttempt(other, code, minutes(1), key).verified).toBe(false);
  });

  it('refuses a code for a number that is active or retired', () => {
    expect(() => verificationAttempt(phone('+8613800000001'), '123456', now, key)).toThrow(
      ConflictError,
    );
    expect(() =>
      verificationAttempt(phone('+8613800000001', { status: 'retired' }), '123456', now, key),
    ).toThrow(ConflictError);
  });
});

describe('the duty roster', () => {
  const phones = [phone('+8613800000001'), phone('+8613800000002', { status: 'retired' })];

  it('takes the unit’s own registered numbers with from before to', () => {
    expect(() => {
      checkDutyRoster(
        [{ phone: '+8613800000001', from: now.toISOString(), to: minutes(60).toISOString() }],
        phones,
      );
    }).not.toThrow();
  });

  it('names each entry that is not a registered number or ends before it starts', () => {
    try {
      checkDutyRoster(
        [
          { phone: '+8613800000002', from: now.toISOString(), to: minutes(60).toISOString() },
          { phone: '+8613800000001', from: minutes(60).toISOString(), to: now.toISOString() },
        ],
        phones,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details.map((detail) => detail.field)).toEqual([
        'entries.0.phone',
        'entries.1.to',
      ]);
    }
  });
});

describe('who gets a unit’s reminder', () => {
  it('is every active reminder phone and the active phone on duty now, each once', () => {
    const phones = [
      phone('+8613800000001'),
      phone('+8613800000002', { remind: false }),
      phone('+8613800000003', { remind: false }),
      phone('+8613800000004', { status: 'unverified' }),
      phone('+8613800000005', { status: 'retired', remind: false }),
    ];
    const duty = [
      { phone: '+8613800000002', from: minutes(-60).toISOString(), to: minutes(60).toISOString() },
      { phone: '+8613800000003', from: minutes(60).toISOString(), to: minutes(120).toISOString() },
      { phone: '+8613800000005', from: minutes(-60).toISOString(), to: minutes(60).toISOString() },
      { phone: '+8613800000001', from: minutes(-60).toISOString(), to: minutes(60).toISOString() },
    ];
    expect(reminderRecipients(phones, duty, now)).toEqual(['+8613800000001', '+8613800000002']);
  });

  it('is nobody when no number is active', () => {
    expect(
      reminderRecipients([phone('+8613800000004', { status: 'unverified' })], [], now),
    ).toEqual([]);
  });
});
