import { describe, expect, it } from 'vitest';
import {
  accountSwitch,
  mayCreate,
  mayList,
  passwordProblems,
} from '../../../shared/domain/accounts.ts';
import { GROUPS, type Group, type Principal } from '../../../shared/domain/principal.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../shared/errors.ts';

const as = (group: Group, unitId: string, username?: string): Principal => ({
  sub: `sub-${unitId}-${group}`,
  ...(username ? { username } : {}),
  unitId,
  groups: [group],
  sourceIp: '10.0.0.1',
});
const UNITS = ['info-center', 'district-office', 'health', 'education'];
const now = new Date('2026-11-25T02:00:00.000Z');

describe('who may create whom (API.md "Accounts")', () => {
  it('lets the district administrator create any group in any unit, but administrators only in the information centre and clerks only in the district office', () => {
    const admin = as('district-admin', 'info-center');
    const allowed = UNITS.flatMap((unitId) =>
      GROUPS.filter((group) => mayCreate(admin, unitId, group)).map(
        (group) => `${unitId}/${group}`,
      ),
    );
    expect(allowed.sort()).toEqual(
      [
        'info-center/district-admin',
        'district-office/district-office',
        ...UNITS.flatMap((unitId) =>
          ['unit-admin', 'unit-staff', 'unit-head'].map((group) => `${unitId}/${group}`),
        ),
      ].sort(),
    );
  });

  it('lets a unit admin create only staff and heads, only in its own unit', () => {
    const healthAdmin = as('unit-admin', 'health');
    const allowed = UNITS.flatMap((unitId) =>
      GROUPS.filter((group) => mayCreate(healthAdmin, unitId, group)).map(
        (group) => `${unitId}/${group}`,
      ),
    );
    expect(allowed).toEqual(['health/unit-staff', 'health/unit-head']);
  });

  it('lets nobody else create anyone', () => {
    for (const group of ['district-office', 'unit-staff', 'unit-head'] as const) {
      for (const unitId of UNITS) {
        expect(GROUPS.some((target) => mayCreate(as(group, unitId), unitId, target))).toBe(false);
      }
    }
  });

  it('shows a unit’s accounts to the district administrator and that unit’s admin only', () => {
    expect(mayList(as('district-admin', 'info-center'), 'health')).toBe(true);
    expect(mayList(as('unit-admin', 'health'), 'health')).toBe(true);
    expect(mayList(as('unit-admin', 'education'), 'health')).toBe(false);
    expect(mayList(as('district-office', 'district-office'), 'health')).toBe(false);
  });
});

describe('disabling and enabling an account', () => {
  const staff = {
    username: 'li',
    name: '李',
    group: 'unit-staff' as const,
    unitId: 'health',
    enabled: true,
  };

  it('is audited, for whoever could have created it', () => {
    const { account, audit } = accountSwitch(
      staff,
      'health',
      false,
      as('unit-admin', 'health'),
      now,
    );
    expect(account.enabled).toBe(false);
    expect(audit).toMatchObject({
      action: 'account.disable',
      target: 'ACCOUNT#li',
      details: { unitId: 'health', group: 'unit-staff' },
    });
  });

  it('is refused to a unit admin for another admin, and not found in another unit', () => {
    const otherAdmin = { ...staff, username: 'wang', group: 'unit-admin' as const };
    expect(() =>
      accountSwitch(otherAdmin, 'health', false, as('unit-admin', 'health'), now),
    ).toThrow(ForbiddenError);
    expect(() =>
      accountSwitch(staff, 'education', false, as('district-admin', 'info-center'), now),
    ).toThrow(NotFoundError);
    expect(() => accountSwitch(staff, 'health', false, as('unit-admin', 'education'), now)).toThrow(
      NotFoundError,
    );
    expect(() =>
      accountSwitch(undefined, 'health', false, as('district-admin', 'info-center'), now),
    ).toThrow(NotFoundError);
  });

  it('does not let anyone disable their own account', () => {
    const self = {
      ...staff,
      username: 'sysadmin',
      group: 'district-admin' as const,
      unitId: 'info-center',
    };
    expect(() =>
      accountSwitch(
        self,
        'info-center',
        false,
        as('district-admin', 'info-center', 'sysadmin'),
        now,
      ),
    ).toThrow(ConflictError);
  });
});

describe('the password policy', () => {
  it('names what a password lacks', () => {
    expect(passwordProblems('short')).toEqual(['至少12位', '含大写字母', '含数字', '含符号']);
    expect(passwordProblems('Zhaoling#2026pass')).toEqual([]);
  });
});
