import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { admin, call, office, staffOf } from '../support/api.ts';
import { auditOf, snapshot, store } from '../support/db.ts';

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
});

describe('units', () => {
  it('lists the seeded units with their Chinese names to any staff', async () => {
    const listed = await call({ method: 'GET', path: '/units', as: staffOf('health') });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([{ id: 'urban-management', name: '区城管局', kind: 'department' }]),
    );
    expect(listed.body.items).toHaveLength(SEED_UNITS.length);
  });

  it('seeding again keeps units edited since', async () => {
    await call({
      method: 'PATCH',
      path: '/units/health',
      as: admin,
      body: { name: '区卫生健康局' },
    });
    expect(await seedUnits(store, SEED_UNITS)).toBe(0);
    const listed = await call({ method: 'GET', path: '/units', as: office });
    expect(listed.body.items.find((unit: { id: string }) => unit.id === 'health').name).toBe(
      '区卫生健康局',
    );
  });

  it('lets the district administrator add a unit, audited', async () => {
    const created = await call({
      method: 'POST',
      path: '/units',
      as: admin,
      body: { id: 'tianyuan-town', name: '田园乡', kind: 'township' },
    });
    expect(created.status).toBe(201);
    expect(await auditOf('UNIT#tianyuan-town')).toEqual([
      expect.objectContaining({ action: 'unit.create', actorSub: 'admin-li' }),
    ]);
    const twice = await call({
      method: 'POST',
      path: '/units',
      as: admin,
      body: { id: 'tianyuan-town', name: '田园乡', kind: 'township' },
    });
    expect(twice.status).toBe(409);
  });

  it.each([
    [
      'a unit admin',
      { group: 'unit-admin', unit: 'health' } as const,
      { id: 'x-town', name: 'x', kind: 'township' },
      403,
    ],
    ['a bad id', admin, { id: 'Bad Id', name: 'x', kind: 'township' }, 400],
    ['an unknown kind', admin, { id: 'y-town', name: 'y', kind: 'city' }, 400],
  ])('refuses %s and writes nothing', async (_name, as, body, status) => {
    const before = await snapshot();
    expect((await call({ method: 'POST', path: '/units', as, body })).status).toBe(status);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 when patching a unit that does not exist, and 400 for an empty patch', async () => {
    expect(
      (await call({ method: 'PATCH', path: '/units/nowhere', as: admin, body: { name: '无' } }))
        .status,
    ).toBe(404);
    expect(
      (await call({ method: 'PATCH', path: '/units/health', as: admin, body: {} })).status,
    ).toBe(400);
  });
});
