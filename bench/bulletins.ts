/**
 * A 30-day reception bulletin of all units, with 1,000 and with 100,000
 * receipts in the table, on DynamoDB Local, side by side in one run: the
 * requests and items it reads, and the time ratio. Reads must not grow with
 * receipts (they read units × days counters). `npm run bench:bulletins`
 */
import { ensureTables, startDynamoLocal } from '../local/dynamoLocal.ts';
import { countRequests, putAll } from './support/dynamo.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';

const UNITS = 60;
const DAYS = 30;
const RUNS = 21;
const FROM = '2026-10-01';
const TO = '2026-10-30';

const dynamo = await startDynamoLocal();
try {
  const { createDocumentClient } = await import('../shared/aws/dynamo.ts');
  const { newReceipt } = await import('../shared/domain/dispatches.ts');
  const { outcomeDelta } = await import('../shared/domain/receiptOutcomes.ts');
  const { RECEIVED, receptionTable, shanghaiDay } = await import('../shared/domain/reception.ts');
  const { receiptItem } = await import('../shared/store/receipts.ts');
  const { readReception, receptionKey } = await import('../shared/store/reception.ts');
  const { listUnits, seedUnits } = await import('../shared/store/units.ts');
  const db = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });

  /**
   * `count` receipts over the 30 days, half acknowledged, with the day
   * counters the receipt transactions would have kept for them.
   */
  function receiptsAndCounters(count: number, start = FROM, prefix = 'BENCH') {
    const receipts: Record<string, unknown>[] = [];
    const counters = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < count; i++) {
      // Every unit every day, round and round: as many unit-days as the receipts can fill.
      const day = Math.floor(i / UNITS) % (start === FROM ? DAYS : 240);
      const sentAt = new Date(
        Date.parse(`${start}T02:00:00Z`) + day * 86_400_000 + (i % 3_600_000),
      ).toISOString();
      const unitId = `unit-${i % UNITS}`;
      const dispatch = {
        id: `${prefix}${String(i).padStart(26 - prefix.length, '0')}`,
        kind: 'notice' as const,
        title: 'x',
        body: 'x',
        senderUnit: 'district-office',
        senderSub: 'bench',
        sentAt,
        ackDueAt: new Date(Date.parse(sentAt) + 600_000).toISOString(),
        recipients: [],
      };
      const receipt = newReceipt(dispatch, unitId, 'main');
      const done =
        i % 2 === 0
          ? { ...receipt, status: 'acknowledged' as const, acknowledgedAt: sentAt }
          : receipt;
      receipts.push(receiptItem(done));
      const key = receptionKey(unitId, shanghaiDay(sentAt));
      const counter = counters.get(key.sk) ?? { ...key, unitId, day: shanghaiDay(sentAt) };
      for (const [name, delta] of Object.entries({
        [RECEIVED]: 1,
        ...outcomeDelta(receipt, done),
      }))
        counter[name] = ((counter[name] as number | undefined) ?? 0) + delta;
      counters.set(key.sk, counter);
    }
    return [...receipts, ...counters.values()];
  }

  // The same 1,000 receipts in the bulletin's 30 days, alone or among 99,000 more of other
  // months; and, to show the bound, 100,000 all within the 30 days.
  const setups = [
    {
      name: '1,000 receipts',
      table: 'bench-bulletin-small',
      items: () => receiptsAndCounters(1_000),
    },
    {
      name: '100,000 receipts',
      table: 'bench-bulletin-large',
      items: () => [
        ...receiptsAndCounters(1_000),
        ...receiptsAndCounters(99_000, '2026-01-01', 'OLDER'),
      ],
    },
    {
      name: '100,000 in range',
      table: 'bench-bulletin-full',
      items: () => receiptsAndCounters(100_000),
    },
  ];
  for (const setup of setups) {
    await ensureTables(dynamo.endpoint, { table: setup.table, auditTable: `${setup.table}-audit` });
    const started = performance.now();
    const store = { db, table: setup.table, auditTable: `${setup.table}-audit` };
    await seedUnits(
      store,
      Array.from({ length: UNITS }, (_, u) => ({
        id: `unit-${u}`,
        name: `单位${u}`,
        kind: 'township' as const,
      })),
    );
    await putAll(db, setup.table, setup.items());
    console.log(`loaded ${setup.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const times: Record<string, number[]> = {};
  const last: Record<
    string,
    { requests: Record<string, number>; items: number; received: number }
  > = {};
  for (let run = 0; run < RUNS; run++) {
    for (const setup of setups) {
      const store = { db, table: setup.table, auditTable: `${setup.table}-audit` };
      const { requests, stop } = countRequests(db);
      // What GET /bulletins/reception does: the units and the days' counters, in parallel.
      const started = performance.now();
      const [units, { days }] = await Promise.all([
        listUnits(store),
        readReception(store, FROM, TO),
      ]);
      const table = receptionTable(units, days);
      (times[setup.name] ??= []).push(performance.now() - started);
      stop();
      last[setup.name] = {
        requests,
        items: units.length + days.length,
        received: table.reduce((sum, row) => sum + row.received, 0),
      };
    }
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(
    `\n30-day reception bulletin of ${UNITS} units (${FROM} to ${TO}), median of ${RUNS} interleaved runs`,
  );
  for (const setup of setups) {
    const figures = last[setup.name]!;
    console.log(
      `${setup.name.padEnd(17)} requests=${JSON.stringify(figures.requests)}  items read=${figures.items} (units + unit-days)  receipts counted=${figures.received}  time=${median(times[setup.name]!).toFixed(1)} ms`,
    );
  }
  console.log(
    `time, 100,000 vs 1,000 receipts in the table: ${(median(times['100,000 receipts']!) / median(times['1,000 receipts']!)).toFixed(2)}x; 100,000 all in range vs 1,000: ${(median(times['100,000 in range']!) / median(times['1,000 receipts']!)).toFixed(2)}x`,
  );
} finally {
  await dynamo.stop();
}
