/**
 * The reminder check with 1,000 overdue receipts and 200 citizens' reports
 * past their first-answer time, among 1,000 open receipts and among 100,000
 * open receipts and 100,000 open reports, on DynamoDB Local, measured side by
 * side in one run. Prints items read per run against what is due, SMS
 * against distinct phones due, and the run-time ratio. `npm run bench:reminders`
 */
import { ensureTables, startDynamoLocal } from '../local/dynamoLocal.ts';
import { countRequests, putAll } from './support/dynamo.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';

const OVERDUE = 1_000;
const REPORTS_DUE = 200;
const UNITS = 100;
const PHONES_PER_UNIT = 2;
const RUNS = 5;

const dynamo = await startDynamoLocal();
try {
  const { createDocumentClient } = await import('../shared/aws/dynamo.ts');
  const { newReceipt } = await import('../shared/domain/dispatches.ts');
  const { receiptItem } = await import('../shared/store/receipts.ts');
  const { runReminderCheck } = await import('../functions/reminders/reminderCheck.ts');
  const { reportItem } = await import('../shared/store/reports.ts');
  const { assigned, chaseFrom } = await import('../shared/domain/workOrders.ts');
  const { DEFAULT_REMINDER_SETTINGS } = await import('../shared/domain/reminders.ts');
  /** Open reports made at `made`, each chased from then: due at its first-answer time, 24 h on. */
  const reports = (count: number, made: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => {
      const at = new Date(made);
      const report = {
        id: `${prefix}${String(i).padStart(26 - prefix.length, '0')}`,
        serviceCode: 'city-appearance',
        unitId: unitId(i),
        description: 'x',
        lat: 38.05,
        lng: 114.46,
        status: 'submitted' as const,
        createdAt: at.toISOString(),
        trackingTokenHash: '00',
        photos: [],
        slaHours: 72,
        ...assigned(72, at),
      };
      return reportItem({ ...report, ...chaseFrom(report, DEFAULT_REMINDER_SETTINGS, at) });
    });
  const db = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });

  const now = Date.now();
  const unitId = (i: number) => `unit-${i % UNITS}`;
  const receipts = (count: number, dueAt: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => {
      const at = new Date(dueAt).toISOString();
      const dispatch = {
        id: `${prefix}${String(i).padStart(22, '0')}`,
        kind: 'notice' as const,
        title: 'x',
        body: 'x',
        senderUnit: 'district-office',
        senderSub: 'bench',
        sentAt: at,
        ackDueAt: at,
        recipients: [],
        firstReminderAt: at,
      };
      return receiptItem(newReceipt(dispatch, unitId(i), 'main'));
    });

  const phones = Array.from({ length: UNITS }, (_, u) =>
    Array.from({ length: PHONES_PER_UNIT }, (_, p) => ({
      pk: `PHONES#unit-${u}`,
      sk: `PHONE#+86138${String(u).padStart(4, '0')}${String(p).padStart(4, '0')}`,
      unitId: `unit-${u}`,
      phone: `+86138${String(u).padStart(4, '0')}${String(p).padStart(4, '0')}`,
      holderName: 'x',
      remind: true,
      status: 'active',
      addedAt: new Date(now).toISOString(),
    })),
  ).flat();

  const setups = [
    { name: '1,000 open', table: 'bench-small', open: 0, openReports: 0 },
    {
      name: '100,000 open',
      table: 'bench-large',
      open: 100_000 - OVERDUE,
      openReports: 100_000 - REPORTS_DUE,
    },
  ];
  for (const setup of setups) {
    await ensureTables(dynamo.endpoint, { table: setup.table, auditTable: `${setup.table}-audit` });
    const started = performance.now();
    await putAll(db, setup.table, [
      ...phones,
      ...receipts(setup.open, now + 86_400_000, 'FUTURE0'),
      // Made just now: their first reminder is a day away.
      ...reports(setup.openReports, now, 'FUTUREREPORT'),
    ]);
    console.log(`loaded ${setup.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const times: Record<string, number[]> = {};
  const last: Record<
    string,
    {
      itemsRead: number;
      reports: number;
      published: number;
      requests: Record<string, number>;
    }
  > = {};
  for (let run = 0; run < RUNS; run++) {
    for (const setup of setups) {
      // Every run gets 1,000 new overdue receipts; earlier ones have moved on. A slot is per (unit,
      // reminder time), so each run's are due 10 s apart: a new reminder time, new slots, new SMS.
      await putAll(db, setup.table, [
        ...receipts(OVERDUE, now - 5 * 60_000 - run * 10_000, `OVERDUE${run}`),
        // Made a day and five minutes ago: unanswered past their first-answer time.
        ...reports(REPORTS_DUE, now - 86_400_000 - 5 * 60_000 - run * 10_000, `LATEREPORT${run}`),
      ]);
      let published = 0;
      const { requests, stop } = countRequests(db);
      const started = performance.now();
      const result = await runReminderCheck({
        store: { db, table: setup.table, auditTable: `${setup.table}-audit` },
        sms: {
          send: () => {
            published++;
            return Promise.resolve();
          },
        },
        now: new Date(now),
      });
      (times[setup.name] ??= []).push(performance.now() - started);
      stop();
      last[setup.name] = {
        itemsRead: result.itemsRead,
        reports: result.reports,
        published,
        requests,
      };
    }
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(
    `\nreminder check, ${OVERDUE} overdue receipts and ${REPORTS_DUE} late reports in ${UNITS} units with ${PHONES_PER_UNIT} phones each (${UNITS * PHONES_PER_UNIT} distinct phones due), median of ${RUNS} interleaved runs`,
  );
  for (const setup of setups) {
    const figures = last[setup.name]!;
    console.log(
      `${setup.name.padEnd(13)} items read=${figures.itemsRead} (${(figures.itemsRead / (OVERDUE + REPORTS_DUE)).toFixed(3)}x due; reports ${figures.reports} of ${REPORTS_DUE} due)  SMS=${figures.published}  time=${median(times[setup.name]!).toFixed(0)} ms  requests=${JSON.stringify(figures.requests)}`,
    );
  }
  console.log(
    `run time, 100,000 open vs 1,000 open: ${(median(times['100,000 open']!) / median(times['1,000 open']!)).toFixed(2)}x`,
  );
} finally {
  await dynamo.stop();
}
