import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office, staffOf, type ApiCall, type Caller } from '../support/api.ts';
import { snapshot, store } from '../support/db.ts';

/**
 * The classification guard (Art12, Art15) on fields it once missed: every
 * text a person writes goes through the contract's one guard, and a
 * marking is refused with 422 CLASSIFIED_CONTENT naming the field, with
 * nothing written.
 */
const MARKED = '〖机密〗';
const headOf = (unit: string): Caller => ({ group: 'unit-head', unit, sub: `${unit}-head` });

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
});

const refusedWith422 = async (request: ApiCall, field: string) => {
  const before = await snapshot();
  const refused = await call(request);
  expect(refused.status).toBe(422);
  expect(refused.body.error).toMatchObject({
    code: 'CLASSIFIED_CONTENT',
    details: [{ field, message: '含有密级标志：本平台不得处理涉密内容' }],
  });
  expect(await snapshot()).toEqual(before);
};

describe('the guard on every text a person writes', () => {
  it('refuses a marking in an attachment’s name', async () => {
    await refusedWith422(
      {
        method: 'POST',
        path: '/attachments',
        as: office,
        body: { name: `${MARKED}季度报告.pdf`, contentType: 'application/pdf', size: 100 },
      },
      'name',
    );
  });

  it('refuses a marking in a category’s name', async () => {
    await refusedWith422(
      {
        method: 'PUT',
        path: '/routing/secret-category',
        as: office,
        body: { name: '密级为机密', column: '指点新华区', unitId: 'environment', active: true },
      },
      'name',
    );
  });

  it('refuses a marking in an upward report’s contact name', async () => {
    await refusedWith422(
      {
        method: 'POST',
        path: '/upward',
        as: staffOf('health'),
        body: {
          kind: 'info',
          title: '关于冬季防火检查的报告',
          body: '已检查。',
          contactName: '密級：機密',
          contactPhone: '0311-86012345',
        },
      },
      'contactName',
    );
  });

  it('refuses a marking in the head’s return reason', async () => {
    const created = await call({
      method: 'POST',
      path: '/upward',
      as: staffOf('health'),
      body: {
        kind: 'info',
        title: '关于冬季防火检查的报告',
        body: '已检查。',
        contactName: '王芳',
        contactPhone: '0311-86012345',
      },
    });
    await refusedWith422(
      {
        method: 'POST',
        path: `/upward/${created.body.id as string}/return`,
        as: headOf('health'),
        body: { reason: '机\u3164密★：请删去' },
      },
      'reason',
    );
  });

  it('refuses a marking in a citizen’s description, however it is hidden', async () => {
    await refusedWith422(
      {
        method: 'POST',
        path: '/public/reports',
        body: {
          serviceCode: 'city-appearance',
          description: '{机密}路灯不亮',
          lat: 38.05,
          lng: 114.46,
          photos: [],
        },
      },
      'description',
    );
  });
});
