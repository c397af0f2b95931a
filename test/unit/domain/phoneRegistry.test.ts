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
  id: `P${number.slice(-4)}`,
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
  const phones = [
    phone('+8613800000001'),
    phone('+8613800000002', { status: 'retired' }),
    phone('+8613800000003', { status: 'unverified' }),
  ];
  const entry = (phoneId: string, from = now, to = minutes(60)) => ({
    phoneId,
    from: from.toISOString(),
    to: to.toISOString(),
  });

  it('takes the unit’s own active phones, with from before to', () => {
    expect(() => {
      checkDutyRoster(
        {
          entries: [entry('P0001')],
          weekly: [{ days: [6, 7], from: '08:30', to: '08:30', phoneId: 'P0001' }],
        },
        phones,
      );
    }).not.toThrow();
  });

  it('names each entry or shift that is not an active phone of the unit, or ends before it starts', () => {
    try {
      checkDutyRoster(
        {
          entries: [entry('P0002'), entry('P0001', minutes(60), now), entry('P0003')],
          weekly: [{ days: [1], from: '18:00', to: '08:00', phoneId: 'P9999' }],
        },
        phones,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details.map((detail) => detail.field)).toEqual([
        'entries.0.phoneId',
        'entries.1.to',
        'entries.2.phoneId',
        'weekly.0.phoneId',
      ]);
    }
  });
});

describe('who gets a unit’s reminder', () => {
  const phones = [
    phone('+8613800000001'),
    phone('+8613800000002', { remind: false }),
    phone('+8613800000003', { remind: false }),
    phone('+8613800000004', { status: 'unverified' }),
    phone('+8613800000005', { status: 'retired', remind: false }),
  ];
  const roster = {
    weekly: [],
    entries: [
      { phoneId: 'P0002', from: minutes(-60).toISOString(), to: minutes(60).toISOString() },
      { phoneId: 'P0003', from: minutes(60).toISOString(), to: minutes(120).toISOString() },
      { phoneId: 'P0005', from: minutes(-60).toISOString(), to: minutes(60).toISOString() },
      { phoneId: 'P0001', from: minutes(-60).toISOString(), to: minutes(60).toISOString() },
    ],
  };

  it('in working hours, is every active reminder phone and the active phone on duty now, each once', () => {
    expect(reminderRecipients(phones, roster, now, true)).toEqual([
      '+8613800000001',
      '+8613800000002',
    ]);
  });

  it('outside working hours, is whoever is on duty; when nobody is, the reminder phones', () => {
    const onDutyOnly = { weekly: [], entries: roster.entries.slice(0, 1) };
    expect(reminderRecipients(phones, onDutyOnly, now, false)).toEqual(['+8613800000002']);
    expect(reminderRecipients(phones, { weekly: [], entries: [] }, now, false)).toEqual([
      '+8613800000001',
    ]);
  });

  it('is nobody when no number is active', () => {
    expect(
      reminderRecipients(
        [phone('+8613800000004', { status: 'unverified' })],
        { weekly: [], entries: [] },
        now,
        true,
      ),
    ).toEqual([]);
  });
});
