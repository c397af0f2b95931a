import { createHash, createHmac } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPhone, getPhoneRequest } from '../../shared/store/phones.ts';
import { chunk, inParallel } from '../../shared/store/transactions.ts';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { admin, call, type Caller } from '../support/api.ts';
import { auditOf, snapshot, store } from '../support/db.ts';
import { testPlatform, testSettings } from '../support/testPlatform.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import { signIns } from '../../functions/signIns/handler.ts';
import type { PostAuthenticationTriggerEvent } from 'aws-lambda';
import { codeSentTo, newMobile, publishedTo, sns } from '../support/sms.ts';

const unitAdmin = (unit: string): Caller => ({ group: 'unit-admin', unit, sub: `${unit}-admin` });
const register = (unit: string, phone: string, as: Caller = admin, remind = true) =>
  call({
    method: 'POST',
    path: `/units/${unit}/phones`,
    as,
    body: { phone, holderName: '张三', remind },
  });
const verify = (unit: string, phone: string, code: string, as: Caller = admin) =>
  call({
    method: 'POST',
    path: `/units/${unit}/phones/${encodeURIComponent(phone)}/verify`,
    as,
    body: { code },
  });

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
});

describe('registering a phone (Art14)', () => {
  it('texts a 6-digit code to a new number, which is active only once the code is entered', async () => {
    const phone = newMobile();
    const registered = await register('health', phone.replace('+86', ''));
    expect(registered).toMatchObject({
      status: 201,
      body: { phone, status: 'unverified', codeSent: true, remind: true },
    });
    expect(registered.body.verification).toBeUndefined();
    expect(publishedTo(phone)).toHaveLength(1);
    expect(publishedTo(phone)[0]?.text).toMatch(/^【新华区政务网】验证码\d{6}/);

    const verified = await verify('health', phone, codeSentTo(phone));
    expect(verified).toMatchObject({ status: 200, body: { status: 'active' } });
    expect((await auditOf('UNIT#health')).map((entry) => entry['action'])).toEqual(
      expect.arrayContaining(['phone.register', 'phone.verify']),
    );
  });

  it('gives 5 tries: a wrong code says how many are left, then the code is dead', async () => {
    const phone = newMobile();
    await register('health', phone);
    const code = codeSentTo(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 0; left--) {
      const answer = await verify('health', phone, wrong);
      expect(answer.status).toBe(400);
      expect(answer.body.error.details[0].message).toBe(`验证码错误，还可再试 ${left} 次`);
    }
    expect((await verify('health', phone, code)).status).toBe(409);
    // Registering again sends a new code.
    await register('health', phone);
    expect((await verify('health', phone, codeSentTo(phone))).body.status).toBe('active');
  });

  it('keeps a number in one unit only', async () => {
    const phone = newMobile();
    await register('health', phone);
    const before = await snapshot();
    const elsewhere = await register('education', phone);
    expect(elsewhere.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['a landline', '0311-87654321'],
    ['a foreign number', '+1 202 555 0100'],
    ['no number at all', 'call me'],
  ])('refuses %s with 400 and writes nothing', async (_name, phone) => {
    const before = await snapshot();
    const refused = await register('health', phone);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].field).toBe('body.phone');
    expect(await snapshot()).toEqual(before);
  });

  it('lets a unit admin only ask, and only for their own unit', async () => {
    const phone = newMobile();
    const asked = await register('education', phone, unitAdmin('education'));
    expect(asked).toMatchObject({
      status: 202,
      body: { action: 'add', status: 'pending', unitId: 'education' },
    });
    expect(asked.body.phone).toMatch(/^\+86 139\*\*\*\*\d{4}$/);
    expect(publishedTo(phone)).toEqual([]);
    expect((await register('health', newMobile(), unitAdmin('education'))).status).toBe(403);
    expect(
      (await register('health', newMobile(), { group: 'unit-staff', unit: 'health' })).status,
    ).toBe(403);

    const pending = await call({ method: 'GET', path: '/phone-requests', as: admin });
    const request = pending.body.items.find((item: { phone: string }) => item.phone === phone);
    expect(request).toBeDefined();
    const approved = await call({
      method: 'POST',
      path: `/phone-requests/${request.id}/approve`,
      as: admin,
    });
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved', codeSent: true } });
    expect(publishedTo(phone)).toHaveLength(1);
    expect(
      (await call({ method: 'POST', path: `/phone-requests/${request.id}/reject`, as: admin }))
        .status,
    ).toBe(409);
    // The unit admin enters the code their colleague received.
    expect(
      (await verify('education', phone, codeSentTo(phone), unitAdmin('education'))).body.status,
    ).toBe('active');
  });

  it('a rejected request changes nothing', async () => {
    const phone = newMobile();
    const asked = await register('housing', phone, unitAdmin('housing'));
    const rejected = await call({
      method: 'POST',
      path: `/phone-requests/${asked.body.id}/reject`,
      as: admin,
    });
    expect(rejected.body.status).toBe('rejected');
    const listed = await call({ method: 'GET', path: '/units/housing/phones', as: admin });
    expect(listed.body.items.some((item: { phone: string }) => item.phone === phone)).toBe(false);
  });

  it('masks numbers for everyone but the district administrator', async () => {
    const phone = newMobile();
    await register('civil-affairs', phone);
    const forAdmin = await call({ method: 'GET', path: '/units/civil-affairs/phones', as: admin });
    expect(forAdmin.body.items.map((item: { phone: string }) => item.phone)).toContain(phone);
    const forUnit = await call({
      method: 'GET',
      path: '/units/civil-affairs/phones',
      as: unitAdmin('civil-affairs'),
    });
    expect(JSON.stringify(forUnit.body)).not.toContain(phone.slice(3));
    expect(forUnit.body.items[0].phone).toBe(`+86 ${phone.slice(3, 6)}****${phone.slice(-4)}`);
  });

  it('retires a number for good; a unit admin asks for it', async () => {
    const phone = newMobile();
    await register('environment', phone);
    await verify('environment', phone, codeSentTo(phone));
    const asked = await call({
      method: 'DELETE',
      path: `/units/environment/phones/${encodeURIComponent(phone)}`,
      as: unitAdmin('environment'),
    });
    expect(asked).toMatchObject({ status: 202, body: { action: 'retire' } });
    await call({ method: 'POST', path: `/phone-requests/${asked.body.id}/approve`, as: admin });
    const listed = await call({ method: 'GET', path: '/units/environment/phones', as: admin });
    expect(listed.body.items.find((item: { phone: string }) => item.phone === phone)).toMatchObject(
      { status: 'retired', remind: false },
    );
    expect(
      (
        await call({
          method: 'DELETE',
          path: `/units/environment/phones/${encodeURIComponent(phone)}`,
          as: admin,
        })
      ).status,
    ).toBe(404);
    // The number is free for another unit now.
    expect((await register('education', phone)).status).toBe(201);
  });
});

describe('a unit admin, who sees numbers masked', () => {
  it('enters the code of its new number by the phone’s id, and retires it the same way', async () => {
    const phone = newMobile();
    const asked = await register('education', phone, unitAdmin('education'));
    expect(asked.status).toBe(202);
    const approved = await call({
      method: 'POST',
      path: `/phone-requests/${asked.body.id as string}/approve`,
      as: admin,
    });
    expect(approved.body.codeSent).toBe(true);
    const listed = await call({
      method: 'GET',
      path: '/units/education/phones',
      as: unitAdmin('education'),
    });
    const mine = listed.body.items.find((item: { phone: string }) =>
      item.phone.endsWith(phone.slice(-4)),
    );
    expect(mine.phone).toContain('****');
    const verified = await call({
      method: 'POST',
      path: `/units/education/phones/${mine.id as string}/verify`,
      as: unitAdmin('education'),
      body: { code: codeSentTo(phone) },
    });
    expect(verified).toMatchObject({ status: 200, body: { id: mine.id, status: 'active' } });
    const retire = await call({
      method: 'DELETE',
      path: `/units/education/phones/${mine.id as string}`,
      as: unitAdmin('education'),
    });
    expect(retire).toMatchObject({ status: 202, body: { action: 'retire', phone: mine.phone } });
    // Another unit's admin cannot reach it by its id.
    const stranger = await call({
      method: 'POST',
      path: `/units/education/phones/${mine.id as string}/verify`,
      as: unitAdmin('health'),
      body: { code: '000000' },
    });
    expect(stranger.status).toBe(403);
  });
});

describe('duty roster (Art7)', () => {
  /** A verified number of the unit: only those can be on duty. */
  const activePhone = async (unit: string, holderName = '张三') => {
    const phone = newMobile();
    const registered = await call({
      method: 'POST',
      path: `/units/${unit}/phones`,
      as: admin,
      body: { phone, holderName, remind: false },
    });
    expect((await verify(unit, phone, codeSentTo(phone))).status).toBe(200);
    return { phone, id: registered.body.id as string };
  };

  it('takes one-off entries and a weekly pattern of the unit’s verified phones, by id or by number', async () => {
    const night = await activePhone('market-regulation', '夜班李四');
    const weekend = await activePhone('market-regulation', '周末王五');
    const put = await call({
      method: 'PUT',
      path: '/units/market-regulation/duty',
      as: unitAdmin('market-regulation'),
      body: {
        entries: [{ phone: night.phone, from: '2026-11-25T10:00:00Z', to: '2026-11-26T00:00:00Z' }],
        weekly: [
          { days: [1, 2, 3, 4, 5], from: '17:30', to: '08:30', phoneId: night.id },
          { days: [6, 7], from: '08:30', to: '08:30', phoneId: weekend.id },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.entries).toEqual([
      {
        phoneId: night.id,
        phone: expect.stringContaining('****'),
        holderName: '夜班李四',
        from: '2026-11-25T10:00:00.000Z',
        to: '2026-11-26T00:00:00.000Z',
      },
    ]);
    expect(put.body.weekly.map((shift: { holderName: string }) => shift.holderName)).toEqual([
      '夜班李四',
      '周末王五',
    ]);
  });

  it('reads back as saved, masked for a unit admin, and saves back unchanged', async () => {
    const unit = 'housing';
    const person = await activePhone(unit, '值班赵六');
    const asAdmin = unitAdmin(unit);
    await call({
      method: 'PUT',
      path: `/units/${unit}/duty`,
      as: asAdmin,
      body: { weekly: [{ days: [6, 7], from: '00:00', to: '23:59', phoneId: person.id }] },
    });
    const read = await call({ method: 'GET', path: `/units/${unit}/duty`, as: asAdmin });
    expect(read.status).toBe(200);
    expect(read.body.weekly[0].phone).toMatch(/\*\*\*\*/);
    // What the console does: the roster it shows, with masked numbers, sent back as it is.
    const { unitId: _unit, ...roster } = read.body;
    const saved = await call({
      method: 'PUT',
      path: `/units/${unit}/duty`,
      as: asAdmin,
      body: roster,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(read.body);
    // The district administrator sees whole numbers.
    const whole = await call({ method: 'GET', path: `/units/${unit}/duty`, as: admin });
    expect(whole.body.weekly[0].phone).toBe(person.phone);
  });

  it('refuses a stranger’s number, an unverified phone, an unknown id and an entry that ends before it starts, writing nothing', async () => {
    const unit = 'market-regulation';
    const known = await activePhone(unit);
    const unverified = newMobile();
    await register(unit, unverified);
    const before = await snapshot();
    for (const body of [
      {
        entries: [{ phone: newMobile(), from: '2026-11-25T10:00:00Z', to: '2026-11-26T00:00:00Z' }],
      },
      {
        entries: [{ phone: unverified, from: '2026-11-25T10:00:00Z', to: '2026-11-26T00:00:00Z' }],
      },
      { weekly: [{ days: [1], from: '18:00', to: '08:00', phoneId: 'NOSUCHPHONE0' }] },
      {
        entries: [{ phoneId: known.id, from: '2026-11-25T10:00:00Z', to: '2026-11-25T09:00:00Z' }],
      },
      { weekly: [{ days: [8], from: '18:00', to: '08:00', phoneId: known.id }] },
      { weekly: [{ days: [1], from: '25:00', to: '08:00', phoneId: known.id }] },
      { weekly: [{ days: [1], from: '18:00', to: '08:00' }] },
    ]) {
      const refused = await call({
        method: 'PUT',
        path: `/units/${unit}/duty`,
        as: unitAdmin(unit),
        body,
      });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('says who is on duty at a moment, and whether it falls in working hours', async () => {
    const unit = 'civil-affairs';
    const night = await activePhone(unit, '夜班孙七');
    await call({
      method: 'PUT',
      path: `/units/${unit}/duty`,
      as: unitAdmin(unit),
      body: { weekly: [{ days: [1, 2, 3, 4, 5], from: '17:30', to: '08:30', phoneId: night.id }] },
    });
    // Thursday 2026-11-26, 23:00 in Beijing: the Thursday night shift.
    const nightly = await call({
      method: 'GET',
      path: `/units/${unit}/duty`,
      query: { at: '2026-11-26T15:00:00Z' },
      as: unitAdmin(unit),
    });
    expect(nightly.body).toEqual({
      at: '2026-11-26T15:00:00.000Z',
      workingHours: true,
      onDuty: [{ holderName: '夜班孙七', phone: expect.stringContaining('****') }],
    });
    // Friday 10:00: nobody on the roster.
    const morning = await call({
      method: 'GET',
      path: `/units/${unit}/duty`,
      query: { at: '2026-11-27T02:00:00Z' },
      as: unitAdmin(unit),
    });
    expect(morning.body.onDuty).toEqual([]);
    const other = await call({
      method: 'GET',
      path: `/units/${unit}/duty`,
      query: { at: '2026-11-27T02:00:00Z' },
      as: unitAdmin('health'),
    });
    expect(other.status).toBe(403);
  });
});

describe('reminder settings', () => {
  const office: Caller = { group: 'district-office', unit: 'district-office' };
  it('reads the defaults, takes new values from the district office only', async () => {
    const current = await call({ method: 'GET', path: '/settings/reminders', as: office });
    expect(current.body.notice).toEqual({
      firstAfterDeadlineMinutes: 0,
      repeatEveryMinutes: 10,
      escalateAfter: 2,
      maxReminders: 6,
    });
    const changed = { ...current.body, notice: { ...current.body.notice, repeatEveryMinutes: 5 } };
    expect(
      (await call({ method: 'PUT', path: '/settings/reminders', as: office, body: changed }))
        .status,
    ).toBe(200);
    expect(
      (await call({ method: 'GET', path: '/settings/reminders', as: office })).body.notice
        .repeatEveryMinutes,
    ).toBe(5);
    expect(
      (await call({ method: 'PUT', path: '/settings/reminders', as: admin, body: changed })).status,
    ).toBe(403);
    expect(
      (
        await call({
          method: 'PUT',
          path: '/settings/reminders',
          as: office,
          body: { ...changed, notice: { ...changed.notice, repeatEveryMinutes: 0 } },
        })
      ).status,
    ).toBe(400);
    await call({ method: 'PUT', path: '/settings/reminders', as: office, body: current.body });
  });
});

describe('what outside review found (phones)', () => {
  it('lists every pending request, past the 1 MB of one query page, however many were decided before', async () => {
    // Written straight to the table (thousands through the API would take minutes), as the store writes
    // them: pending ones in the sparse list of the byUnit index, decided ones out of it.
    const request = (i: number, status: 'pending' | 'approved') => {
      const id = `01J${status === 'pending' ? 'P' : 'D'}${String(i).padStart(22, '0')}`;
      return {
        pk: 'PHONE_REQUESTS',
        sk: `REQUEST#${id}`,
        ...(status === 'pending'
          ? { gsi1pk: 'PHONE_REQUESTS#PENDING', gsi1sk: `2026-01-01T00:00:00.000Z#${id}` }
          : {}),
        id,
        unitId: 'health',
        action: 'add',
        phone: '+8613900000000',
        holderName: '申请人'.repeat(20),
        status,
        requestedBy: 'someone',
        requestedAt: '2026-01-01T00:00:00.000Z',
      };
    };
    const items = [
      ...Array.from({ length: 2000 }, (_, i) => request(i, 'approved')),
      ...Array.from({ length: 4000 }, (_, i) => request(i, 'pending')),
    ];
    await inParallel(chunk(items, 25), 8, (batch) =>
      store.db.send(
        new BatchWriteCommand({
          RequestItems: { [store.table]: batch.map((Item) => ({ PutRequest: { Item } })) },
        }),
      ),
    );
    const pending = await call({ method: 'GET', path: '/phone-requests', as: admin });
    const ids = new Set(pending.body.items.map((item: { id: string }) => item.id));
    expect(
      items.filter((item) => item.status === 'pending').every((item) => ids.has(item.id)),
    ).toBe(true);
    expect(pending.body.items.every((item: { status: string }) => item.status === 'pending')).toBe(
      true,
    );
  });

  it('decides a request once: a rejection racing an approval leaves the approval whole, or nothing applied', async () => {
    const phone = newMobile();
    const asked = await register('education', phone, unitAdmin('education'));
    let rejection: Awaited<ReturnType<typeof call>> | undefined;
    // The district administrator rejects while the approval is texting the code.
    sns.onPublish(phone, async () => {
      rejection = await call({
        method: 'POST',
        path: `/phone-requests/${asked.body.id}/reject`,
        as: admin,
      });
    });
    try {
      const approval = await call({
        method: 'POST',
        path: `/phone-requests/${asked.body.id}/approve`,
        as: admin,
      });
      expect(approval.status).toBe(200);
    } finally {
      sns.accept(phone);
    }
    expect(rejection?.status).toBe(409);
    const request = await getPhoneRequest(store, asked.body.id);
    expect(request?.status).toBe('approved');
    const listed = await call({ method: 'GET', path: '/units/education/phones', as: admin });
    expect(listed.body.items.find((item: { phone: string }) => item.phone === phone)?.status).toBe(
      'unverified',
    );
  });

  it('audits approvals, rejections and wrong codes', async () => {
    const [approvedPhone, rejectedPhone] = [newMobile(), newMobile()];
    const approved = await register('civil-affairs', approvedPhone, unitAdmin('civil-affairs'));
    const rejected = await register('civil-affairs', rejectedPhone, unitAdmin('civil-affairs'));
    await call({ method: 'POST', path: `/phone-requests/${approved.body.id}/approve`, as: admin });
    await call({ method: 'POST', path: `/phone-requests/${rejected.body.id}/reject`, as: admin });
    const code = codeSentTo(approvedPhone);
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await verify('civil-affairs', approvedPhone, wrong)).status).toBe(400);
    const actions = (await auditOf('UNIT#civil-affairs')).map((entry) => [
      entry['action'],
      entry['details'],
    ]);
    expect(actions).toEqual(
      expect.arrayContaining([
        [
          'phone.request.approve',
          expect.objectContaining({ requestId: approved.body.id, action: 'add' }),
        ],
        ['phone.request.reject', expect.objectContaining({ requestId: rejected.body.id })],
        [
          'phone.verify.failed',
          expect.objectContaining({ phone: expect.stringContaining('****') }),
        ],
      ]),
    );
    expect(JSON.stringify(actions)).not.toContain(approvedPhone.slice(3));
  });

  it('keys the stored code hash with a secret the table does not hold', async () => {
    const phone = newMobile();
    await register('education', phone);
    const code = codeSentTo(phone);
    const stored = await getPhone(store, 'education', phone);
    const unkeyed = createHash('sha256').update(`${phone}:${code}`).digest('hex');
    const keyed = createHmac('sha256', testSettings.phoneCodeKey)
      .update(`${phone}:${code}`)
      .digest('hex');
    expect(stored?.verification?.codeHash).not.toBe(unkeyed);
    expect(stored?.verification?.codeHash).toBe(keyed);
  });
});

describe('phone sign-in follows the registry (Art14)', () => {
  const { directory } = testPlatform;
  const account = (username: string, unit: string, phone: string) =>
    call({
      method: 'POST',
      path: `/units/${unit}/accounts`,
      as: admin,
      body: {
        username,
        name: '值班员',
        group: 'unit-staff',
        email: `${username}@example.gov.cn`,
        phone,
      },
    });
  const signsIn = async (phone: string) => (await directory.phoneSignInAccount(phone))?.username;

  it('signs an account in by its phone only while the number is its own unit’s verified phone', async () => {
    const phone = newMobile();
    expect((await account('health-duty', 'health', phone)).status).toBe(201);
    expect((await account('education-duty', 'education', phone)).status).toBe(201);
    expect(await signsIn(phone)).toBeUndefined();
    await register('health', phone);
    expect(await signsIn(phone)).toBeUndefined();
    await verify('health', phone, codeSentTo(phone));
    // Health's account: the number is health's. Education's never: not its unit's number.
    expect(await signsIn(phone)).toBe('health-duty');
    const retired = await call({
      method: 'DELETE',
      path: `/units/health/phones/${encodeURIComponent(phone)}`,
      as: admin,
    });
    expect(retired.status).toBe(200);
    expect(await signsIn(phone)).toBeUndefined();
  });

  it('lets an account made after its number was verified sign in with it at once; a disabled one not', async () => {
    const phone = newMobile();
    await register('civil-affairs', phone);
    await verify('civil-affairs', phone, codeSentTo(phone));
    await account('civil-duty', 'civil-affairs', phone);
    expect(await signsIn(phone)).toBe('civil-duty');
    await call({
      method: 'POST',
      path: '/units/civil-affairs/accounts/civil-duty/disable',
      as: admin,
    });
    expect(await signsIn(phone)).toBeUndefined();
  });

  it('records each sign-in Cognito reports (its post authentication trigger) in the audit log', async () => {
    const event = {
      version: '1',
      region: 'cn-north-1',
      userPoolId: 'pool-1',
      userName: 'health-duty',
      triggerSource: 'PostAuthentication_Authentication',
      callerContext: { awsSdkVersion: '3', clientId: 'console-client' },
      request: {
        userAttributes: { sub: 'c0ffee', name: '值班员', 'custom:unitId': 'health' },
        newDeviceUsed: false,
      },
      response: {},
    } as PostAuthenticationTriggerEvent;
    // Cognito signs the person in with what the trigger returns: the event, unchanged.
    expect(await signIns(testPlatform)(event, lambdaContext('signIns'))).toEqual(event);
    expect(await auditOf('ACCOUNT#health-duty')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'account.sign-in',
          actorSub: 'c0ffee',
          actorUnit: 'health',
          details: { clientId: 'console-client' },
        }),
      ]),
    );
  });
});
