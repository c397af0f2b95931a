import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runReminderCheck } from '../../functions/reminders/reminderCheck.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { admin, call, office, staffOf, type Caller } from '../support/api.ts';
import { auditOf, snapshot, store } from '../support/db.ts';
import { testPlatform } from '../support/testPlatform.ts';
import { activePhone } from '../support/phones.ts';

const sms = testPlatform.sms;
const MINUTE = 60_000;

/** The API's clock (only Date is faked: I/O and retries run as ever). */
function clockAt(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}
afterEach(() => {
  vi.useRealTimers();
});

const check = (iso: string) => runReminderCheck({ store, sms, now: new Date(iso) });

async function send(
  units: string[],
  at: string,
  over: Record<string, unknown> = {},
  sender: Caller = office,
) {
  clockAt(at);
  const sent = await call({
    method: 'POST',
    path: '/dispatches',
    as: sender,
    body: {
      kind: 'notice',
      title: '通知',
      body: '内容',
      recipients: units,
      ackWithinMinutes: 10,
      declaredUnclassified: true,
      ...over,
    },
  });
  expect(sent.status).toBe(201);
  return sent.body.id as string;
}

async function acknowledge(id: string, unit: string, at: string) {
  clockAt(at);
  const answer = await call({
    method: 'POST',
    path: `/dispatches/${id}/ack`,
    as: staffOf(unit),
  });
  expect(answer.status).toBe(200);
}

const colours = async (id: string, unit: string) => {
  const view = await call({ method: 'GET', path: `/dispatches/${id}`, as: office });
  const inbox = await call({ method: 'GET', path: '/inbox?status=all', as: staffOf(unit) });
  return {
    receipt: view.body.receipts[0].supervision,
    dispatch: view.body.supervision,
    inbox: inbox.body.items.find((item: { dispatchId: string }) => item.dispatchId === id)
      .supervision,
  };
};

describe('supervision colours', () => {
  it('move blue → orange → red as the clock advances and reminders run, on receipt, inbox and dispatch', async () => {
    await seedUnits(store, [{ id: 'colour-unit', name: '色标单位', kind: 'township' }]);
    await activePhone('colour-unit');
    const id = await send(['colour-unit'], '2031-05-01T01:00:00.000Z');
    const deadline = Date.parse('2031-05-01T01:10:00.000Z');
    const at = (minutes: number) => new Date(deadline + minutes * MINUTE).toISOString();

    expect(await colours(id, 'colour-unit')).toEqual({
      receipt: 'none',
      dispatch: 'none',
      inbox: 'none',
    });
    await check(at(0)); // the first reminder: 催办
    clockAt(at(1));
    expect(await colours(id, 'colour-unit')).toEqual({
      receipt: 'blue',
      dispatch: 'blue',
      inbox: 'blue',
    });
    await check(at(10));
    expect((await colours(id, 'colour-unit')).receipt).toBe('blue');
    await check(at(20)); // the third: the district office is told, 督办
    expect(await colours(id, 'colour-unit')).toEqual({
      receipt: 'orange',
      dispatch: 'orange',
      inbox: 'orange',
    });
    for (const minutes of [30, 40, 50]) await check(at(minutes));
    clockAt(at(24 * 60 - 1));
    expect((await colours(id, 'colour-unit')).receipt).toBe('orange');
    const missed = await check(at(24 * 60));
    expect(missed.missed).toBe(1);
    clockAt(at(24 * 60 + 1));
    expect(await colours(id, 'colour-unit')).toEqual({
      receipt: 'red',
      dispatch: 'red',
      inbox: 'red',
    });
    // Signed for late, it stays red: it was missed. Nothing more is due.
    await acknowledge(id, 'colour-unit', at(25 * 60));
    expect((await colours(id, 'colour-unit')).receipt).toBe('red');
    expect((await check(at(48 * 60))).itemsRead).toBe(0);
  });
});

const row = (units: { unitId: string }[], unitId: string) =>
  units.find((unit) => unit.unitId === unitId);

describe('reception bulletins', () => {
  // Worked out by hand, days in Asia/Shanghai (UTC+8):
  //   D1 notice 2031-03-10 15:59Z = 03-10 23:59 to a, b (due 16:09Z): a signs 16:05 (on time), b 16:30 (late).
  //   D2 notice 2031-03-10 16:01Z = 03-11 00:01 to a, b (due 16:11Z): a never signs (missed 24 h later);
  //      b reports a problem at 16:05, then signs at 16:06 (on time).
  //   D3 feedback 2031-03-11 02:00Z = 03-11 10:00 to a, sign within 60 min, answer by 03-12 02:00Z:
  //      a signs at 02:30 (on time) and answers at 03-12 03:00Z (late).
  const A = 'bulletin-a';
  const B = 'bulletin-b';
  const EXPECTED = {
    both: {
      [A]: {
        received: 3,
        acknowledgedOnTime: 2,
        acknowledgedLate: 0,
        missed: 1,
        overdue: 1,
        answeredOnTime: 0,
        answeredLate: 1,
        problems: 0,
      },
      [B]: {
        received: 2,
        acknowledgedOnTime: 1,
        acknowledgedLate: 1,
        missed: 0,
        overdue: 0,
        answeredOnTime: 0,
        answeredLate: 0,
        problems: 1,
      },
    },
    first: {
      [A]: {
        received: 1,
        acknowledgedOnTime: 1,
        acknowledgedLate: 0,
        missed: 0,
        overdue: 0,
        answeredOnTime: 0,
        answeredLate: 0,
        problems: 0,
      },
      [B]: {
        received: 1,
        acknowledgedOnTime: 0,
        acknowledgedLate: 1,
        missed: 0,
        overdue: 0,
        answeredOnTime: 0,
        answeredLate: 0,
        problems: 0,
      },
    },
    second: {
      [A]: {
        received: 2,
        acknowledgedOnTime: 1,
        acknowledgedLate: 0,
        missed: 1,
        overdue: 1,
        answeredOnTime: 0,
        answeredLate: 1,
        problems: 0,
      },
      [B]: {
        received: 1,
        acknowledgedOnTime: 1,
        acknowledgedLate: 0,
        missed: 0,
        overdue: 0,
        answeredOnTime: 0,
        answeredLate: 0,
        problems: 1,
      },
    },
  };

  beforeAll(async () => {
    await seedUnits(store, [
      { id: A, name: '通报甲镇', kind: 'township' },
      { id: B, name: '通报乙街道', kind: 'street-office' },
      { id: 'bulletin-c', name: '通报丙局', kind: 'department' },
    ]);
    const d1 = await send([A, B], '2031-03-10T15:59:00.000Z');
    await acknowledge(d1, A, '2031-03-10T16:05:00.000Z');
    await acknowledge(d1, B, '2031-03-10T16:30:00.000Z');
    const d2 = await send([A, B], '2031-03-10T16:01:00.000Z');
    clockAt('2031-03-10T16:05:00.000Z');
    const problem = await call({
      method: 'POST',
      path: `/dispatches/${d2}/problem`,
      as: staffOf(B),
      body: { description: '附件打不开', contactName: '李明', contactPhone: '13800138000' },
    });
    expect(problem.status).toBe(201);
    await acknowledge(d2, B, '2031-03-10T16:06:00.000Z');
    const d3 = await send([A], '2031-03-11T02:00:00.000Z', {
      kind: 'feedback',
      ackWithinMinutes: 60,
      respondBy: '2031-03-12T02:00:00.000Z',
    });
    await acknowledge(d3, A, '2031-03-11T02:30:00.000Z');
    // The check runs through the reminders of D2 and, 24 h past its deadline, finds it missed.
    for (const at of [
      '2031-03-10T16:11:00.000Z',
      '2031-03-11T16:11:00.000Z',
      '2031-03-11T16:12:00.000Z',
    ])
      await check(at);
    clockAt('2031-03-12T03:00:00.000Z');
    const answered = await call({
      method: 'POST',
      path: `/dispatches/${d3}/response`,
      as: staffOf(A),
      body: { summary: '已落实', contactName: '王芳', contactPhone: '0311-86012345' },
    });
    expect(answered.status).toBe(200);
    vi.useRealTimers();
  });

  const reception = (query: string, as: Caller = office) =>
    call({ method: 'GET', path: `/bulletins/reception?${query}`, as });

  it('counts each item on the day it was sent in Shanghai: late, missed, late answers and problems', async () => {
    const both = await reception('from=2031-03-10&to=2031-03-11');
    expect(both.status).toBe(200);
    expect(row(both.body.units, A)).toEqual({ unitId: A, name: '通报甲镇', ...EXPECTED.both[A] });
    expect(row(both.body.units, B)).toEqual({ unitId: B, name: '通报乙街道', ...EXPECTED.both[B] });
    const first = (await reception('from=2031-03-10&to=2031-03-10')).body.units;
    expect(row(first, A)).toMatchObject(EXPECTED.first[A]);
    expect(row(first, B)).toMatchObject(EXPECTED.first[B]);
    const second = (await reception('from=2031-03-11&to=2031-03-11')).body.units;
    expect(row(second, A)).toMatchObject(EXPECTED.second[A]);
    expect(row(second, B)).toMatchObject(EXPECTED.second[B]);
    // Every unit has a row, zeros for one that received nothing.
    expect(row(both.body.units, 'bulletin-c')).toEqual({
      unitId: 'bulletin-c',
      name: '通报丙局',
      received: 0,
      acknowledgedOnTime: 0,
      acknowledgedLate: 0,
      missed: 0,
      overdue: 0,
      answeredOnTime: 0,
      answeredLate: 0,
      problems: 0,
    });
  });

  it('reads day counters, never the receipts: one query per month and the unit list', async () => {
    const { countRequests } = await import('../support/db.ts');
    const { counts } = await countRequests(() => reception('from=2031-03-10&to=2031-03-11'));
    expect(counts).toEqual({ QueryCommand: 2 });
  });

  it('exports the same table as CSV (with a BOM and Chinese headings) and as XLSX with numbers', async () => {
    const csv = await reception('from=2031-03-10&to=2031-03-11&format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('接收情况_2031-03-10_2031-03-11.csv')}`,
    );
    const text = csv.bytes!.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text
      .slice(1)
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    // The same columns, in the same order, in both downloads.
    const header = [
      '单位代码',
      '单位',
      '收到',
      '按时签收',
      '逾时签收',
      '超期未办',
      '逾期未办结',
      '按时反馈',
      '逾时反馈',
      '接收问题',
    ];
    expect(lines[0]).toEqual(header);
    expect(lines.find((line) => line[0] === A)).toEqual([
      A,
      '通报甲镇',
      '3',
      '2',
      '0',
      '1',
      '1',
      '0',
      '1',
      '0',
    ]);
    expect(lines.find((line) => line[0] === B)).toEqual([
      B,
      '通报乙街道',
      '2',
      '1',
      '1',
      '0',
      '0',
      '0',
      '0',
      '1',
    ]);

    const xlsx = await reception('from=2031-03-10&to=2031-03-11&format=xlsx');
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes!.buffer as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...header]);
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const a = rows.find((values) => values[1] === A);
    // Numbers, not text: Excel and WPS can sum them.
    expect(a?.slice(1)).toEqual([A, '通报甲镇', 3, 2, 0, 1, 1, 0, 1, 0]);
  });

  it('publishes a frozen copy that every unit reads, and that later changes leave as it was', async () => {
    const published = await call({
      method: 'POST',
      path: '/bulletins',
      as: office,
      body: {
        title: '2031年3月上旬收文情况通报',
        from: '2031-03-10',
        to: '2031-03-11',
        remarks: '请各单位按时签收。',
      },
    });
    expect(published.status).toBe(201);
    const id = published.body.id as string;
    expect(row(published.body.units, A)).toMatchObject(EXPECTED.both[A]);
    expect((await auditOf(`BULLETIN#${id}`)).map((entry) => entry['action'])).toEqual([
      'bulletin.publish',
    ]);

    // A late 签收 of D2 after publishing changes the live figures, not the bulletin.
    const d2 = (await call({ method: 'GET', path: '/inbox', as: staffOf(A) })).body.items.find(
      (item: { sentAt: string }) => item.sentAt === '2031-03-10T16:01:00.000Z',
    ).dispatchId as string;
    await acknowledge(d2, A, '2031-03-13T00:00:00.000Z');
    vi.useRealTimers();
    const live = (await reception('from=2031-03-10&to=2031-03-11')).body.units;
    // 逾期未办结 counts what is still open: the late 签收 takes D2 out of it.
    expect(row(live, A)).toMatchObject({ acknowledgedLate: 1, missed: 1, overdue: 0 });

    const read = await call({ method: 'GET', path: `/bulletins/${id}`, as: staffOf(B) });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      title: '2031年3月上旬收文情况通报',
      remarks: '请各单位按时签收。',
    });
    expect(row(read.body.units, A)).toMatchObject({ acknowledgedLate: 0, missed: 1 });
    const list = await call({ method: 'GET', path: '/bulletins', as: staffOf(B) });
    expect(list.body.items[0]).toEqual({
      id,
      title: '2031年3月上旬收文情况通报',
      from: '2031-03-10',
      to: '2031-03-11',
      publishedAt: expect.any(String) as string,
    });
  });

  it('refuses bad ranges and classified markings with 400, and writes nothing', async () => {
    const before = await snapshot();
    for (const query of [
      'from=2031-03-11&to=2031-03-10',
      'from=2031-02-30&to=2031-03-10',
      'from=2031-03&to=2031-03-10',
      'from=2030-01-01&to=2031-03-10',
      'to=2031-03-10',
      'from=2031-03-10&to=2031-03-11&format=pdf',
    ]) {
      const refused = await reception(query);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    const marked = await call({
      method: 'POST',
      path: '/bulletins',
      as: office,
      body: { title: '【机密】通报', from: '2031-03-10', to: '2031-03-11' },
    });
    expect(marked.status).toBe(422);
    for (const body of [
      { title: '通报', from: '2031-03-12', to: '2031-03-11' },
      { title: '', from: '2031-03-10', to: '2031-03-11' },
      { title: '通报', from: '2031-03-10', to: '2031-03-11', extra: 1 },
    ]) {
      const refused = await call({ method: 'POST', path: '/bulletins', as: office, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
    expect(
      (await call({ method: 'GET', path: '/bulletins/01JZZZZZZZZZZZZZZZZZZZZZZZ', as: office }))
        .status,
    ).toBe(404);
  });
});

describe('audit search', () => {
  const search = (query: string, as: Caller = admin) =>
    call({ method: 'GET', path: `/audit?${query}`, as });
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

  let sent: string[] = [];
  beforeAll(async () => {
    await seedUnits(store, [{ id: 'audit-unit', name: '审计单位', kind: 'township' }]);
    const clerk: Caller = { group: 'district-office', unit: 'district-office', sub: 'clerk-audit' };
    sent = [];
    // Three dispatches on three days, each acknowledged a minute later by the unit's staff.
    for (const day of ['2032-01-05', '2032-01-06', '2032-01-08']) {
      const id = await send(['audit-unit'], `${day}T02:00:00.000Z`, {}, clerk);
      await acknowledge(id, 'audit-unit', `${day}T02:01:00.000Z`);
      sent.push(id);
    }
    vi.useRealTimers();
  });

  const range = { from: '2032-01-01T00:00:00Z', to: '2032-01-31T00:00:00Z' };

  it('finds a target’s history, newest first', async () => {
    const found = await search(q({ target: `DISPATCH#${sent[0]!}`, ...range }));
    expect(found.status).toBe(200);
    expect(found.body.items.map((item: { action: string }) => item.action)).toEqual([
      'receipt.acknowledge',
      'dispatch.send',
    ]);
    expect(found.body.items[0]).toMatchObject({
      at: '2032-01-05T02:01:00.000Z',
      target: `DISPATCH#${sent[0]!}`,
      actorSub: 'audit-unit-staff',
      actorUnit: 'audit-unit',
      sourceIp: '127.0.0.1',
      details: { unitId: 'audit-unit' },
    });
  });

  it('finds what one person did, within the range, and pages through it', async () => {
    const all = await search(q({ actor: 'clerk-audit', ...range }));
    expect(all.body.items.map((item: { target: string }) => item.target)).toEqual(
      [...sent].reverse().map((id) => `DISPATCH#${id}`),
    );
    const narrow = await search(
      q({ actor: 'clerk-audit', from: '2032-01-06T00:00:00Z', to: '2032-01-07T00:00:00Z' }),
    );
    expect(narrow.body.items.map((item: { target: string }) => item.target)).toEqual([
      `DISPATCH#${sent[1]!}`,
    ]);
    const { searchAudit } = await import('../../shared/store/auditSearch.ts');
    const first = await searchAudit(
      store,
      { actor: 'clerk-audit', from: range.from, to: range.to },
      { limit: 2 },
    );
    expect(first.items).toHaveLength(2);
    const second = await search(q({ actor: 'clerk-audit', ...range, cursor: first.cursor! }));
    expect(second.body.items.map((item: { target: string }) => item.target)).toEqual([
      `DISPATCH#${sent[0]!}`,
    ]);
    expect(second.body.cursor).toBeUndefined();
  });

  it('searches by time alone a day at a time, newest first, across days with nothing', async () => {
    const { searchAudit } = await import('../../shared/store/auditSearch.ts');
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await searchAudit(store, range, { limit: 2, cursor });
      pages.push(page.items.map((item) => `${item.at} ${item.action}`));
      cursor = page.cursor;
    } while (cursor);
    expect(pages.flat()).toEqual([
      '2032-01-08T02:01:00.000Z receipt.acknowledge',
      '2032-01-08T02:00:00.000Z dispatch.send',
      '2032-01-06T02:01:00.000Z receipt.acknowledge',
      '2032-01-06T02:00:00.000Z dispatch.send',
      '2032-01-05T02:01:00.000Z receipt.acknowledge',
      '2032-01-05T02:00:00.000Z dispatch.send',
    ]);
    const over = await search(q(range));
    expect(over.body.items).toHaveLength(6);
  });

  it('combines target and actor', async () => {
    const found = await search(
      q({ target: `DISPATCH#${sent[2]!}`, actor: 'audit-unit-staff', ...range }),
    );
    expect(found.body.items.map((item: { action: string }) => item.action)).toEqual([
      'receipt.acknowledge',
    ]);
  });

  it('is the district administrator’s alone; bad ranges and forged cursors are 400', async () => {
    expect((await search(q(range), office)).status).toBe(403);
    expect((await search(q(range), staffOf('audit-unit'))).status).toBe(403);
    for (const query of [
      q({ from: '2032-01-31T00:00:00Z', to: '2032-01-01T00:00:00Z' }),
      q({ from: '2030-01-01T00:00:00Z', to: '2032-01-01T00:00:00Z' }),
      q({ from: 'yesterday' }),
      q({ ...range, cursor: 'garbage' }),
      q({ ...range, cursor: Buffer.from('{"d":"2031-12-01"}').toString('base64url') }),
      q({
        actor: 'clerk-audit',
        ...range,
        cursor: Buffer.from(
          JSON.stringify({ k: { pk: 'X', sk: '2032-01-02', actorSub: 'someone-else' } }),
        ).toString('base64url'),
      }),
    ]) {
      const refused = await search(query);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
