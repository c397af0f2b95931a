import type { Account } from '../shared/domain/accounts.ts';
import type { Unit } from '../shared/domain/units.ts';

/** The local demo accounts' password (API.md "Sign-in"): local only, never changed at first sign-in. */
export const DEMO_PASSWORD = 'xinhua-local';

/**
 * The demo accounts of API.md, so that a newcomer and the browser tests can
 * sign in at once: the district office's clerk, the district administrator,
 * and an admin, a member of staff and a head in every unit.
 */
export function demoAccounts(units: readonly Unit[]): Account[] {
  return [
    {
      username: 'office-clerk',
      name: '区政府办公室文书',
      group: 'district-office',
      unitId: 'district-office',
      enabled: true,
    },
    {
      username: 'sysadmin',
      name: '区信息中心系统管理员',
      group: 'district-admin',
      unitId: 'info-center',
      enabled: true,
    },
    ...units.flatMap((unit): Account[] => [
      {
        username: `${unit.id}-admin`,
        name: `${unit.name}管理员`,
        group: 'unit-admin',
        unitId: unit.id,
        enabled: true,
      },
      {
        username: `${unit.id}-staff`,
        name: `${unit.name}值班员`,
        group: 'unit-staff',
        unitId: unit.id,
        enabled: true,
      },
      {
        username: `${unit.id}-head`,
        name: `${unit.name}负责人`,
        group: 'unit-head',
        unitId: unit.id,
        enabled: true,
      },
    ]),
  ];
}
