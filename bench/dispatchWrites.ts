/**
 * How many DynamoDB requests, and how long, a dispatch to "all" units takes
 * for N = 10, 100, 1000 recipients, on DynamoDB Local. Prints figures; not a
 * test. `npm run bench:dispatch`
 */
import { ensureTables, startDynamoLocal } from '../local/dynamoLocal.ts';
import { countRequests } from './support/dynamo.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const dynamo = await startDynamoLocal();
try {
  const rows: string[] = [];
  let warmedUp = false;
  // The first size runs twice: its first run warms connections and DynamoDB Local's JIT, and is not printed.
  for (const n of [10, 10, 100, 1000]) {
    const suffix = `${n}-${Date.now()}`;
    process.env['DYNAMODB_ENDPOINT'] = dynamo.endpoint;
    process.env['AWS_REGION'] = 'local';
    process.env['POWERTOOLS_LOG_LEVEL'] = 'SILENT';
    const names = { table: `bench-main-${suffix}`, auditTable: `bench-audit-${suffix}` };
    await ensureTables(dynamo.endpoint, names);
    const { createDocumentClient } = await import('../shared/aws/dynamo.ts');
    const { seedUnits } = await import('../shared/store/units.ts');
    const { saveDispatch } = await import('../shared/store/dispatches.ts');
    const { ulid } = await import('ulid');
    const db = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
    const store = { db, ...names };
    await seedUnits(
      store,
      Array.from({ length: n }, (_, i) => ({
        id: `unit-${i}`,
        name: `单位${i}`,
        kind: 'township' as const,
      })),
    );

    const { requests: counts } = countRequests(db);
    const sentAt = new Date().toISOString();
    const dispatch = {
      id: ulid(),
      kind: 'notice' as const,
      title: '基准测试',
      body: '内容',
      senderUnit: 'district-office',
      senderSub: 'bench',
      sentAt,
      ackDueAt: sentAt,
      recipients: Array.from({ length: n }, (_, i) => `unit-${i}`),
    };
    const actor = {
      sub: 'bench',
      unitId: 'district-office',
      groups: ['district-office' as const],
      sourceIp: '127.0.0.1',
    };
    const started = performance.now();
    await saveDispatch(
      store,
      dispatch,
      { action: 'dispatch.send', target: `DISPATCH#${dispatch.id}`, actor, at: sentAt },
      { idempotency: { key: `bench-${n}`, request: dispatch.recipients } },
    );
    const ms = performance.now() - started;
    const writes = counts['TransactWriteCommand'] ?? 0;
    const dispatchCounts = { ...counts };

    // 立即催办 of every unit, as the dispatch function does it: read the dispatch, record the
    // urge on the receipts (conditional, with its audit), find each unit's phones to text.
    const { readDispatch, recordUrged } = await import('../shared/store/dispatches.ts');
    const { urged } = await import('../shared/domain/dispatches.ts');
    const { reminderRecipientsOf } = await import('../shared/store/phones.ts');
    const { requests: urgeCounts, stop } = countRequests(db);
    const now = new Date();
    const view = await readDispatch(store, dispatch.id);
    const urge = urged(view!, { ...actor, name: 'bench' }, now, undefined);
    await recordUrged(store, urge.urge, now, urge.audit);
    await reminderRecipientsOf(
      store,
      urge.urge.map((receipt) => receipt.unitId),
      now,
      undefined,
    );
    stop();
    if (rows.length === 0 && n === 10 && !warmedUp) {
      warmedUp = true;
      continue;
    }
    rows.push(
      `N=${String(n).padStart(4)}  write requests=${String(writes).padStart(3)}  bound ceil((N+2)/25)=${String(Math.ceil((n + 2) / 25)).padStart(3)}  all requests=${JSON.stringify(dispatchCounts)}  time=${ms.toFixed(0)} ms  (${(ms / n).toFixed(2)} ms/recipient)`,
      `        urge all N units: requests=${JSON.stringify(urgeCounts)}`,
    );
  }
  console.log('dispatch to all units, DynamoDB Local, one run:');
  for (const row of rows) console.log(row);
} finally {
  await dynamo.stop();
}
