import { beforeAll, describe, expect, it } from 'vitest';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office } from '../support/api.ts';
import { countRequests, store } from '../support/db.ts';

const WRITES = ['TransactWriteCommand', 'BatchWriteCommand', 'PutCommand', 'UpdateCommand'];
const N = 400;

beforeAll(async () => {
  await seedUnits(store, [
    { id: 'district-office', name: '区政府办公室', kind: 'department' },
    ...Array.from({ length: N }, (_, i) => ({
      id: `unit-${String(i).padStart(4, '0')}`,
      name: `单位${i}`,
      kind: 'township' as const,
    })),
  ]);
});

describe('a dispatch to all units', () => {
  it(`writes its ${N} receipts in at most ceil((N+2)/25) write requests`, async () => {
    const { result, counts } = await countRequests(() =>
      call({
        method: 'POST',
        path: '/dispatches',
        as: office,
        headers: { 'idempotency-key': 'to-everyone' },
        body: {
          kind: 'notice',
          title: '全区通知',
          body: '内容',
          recipients: 'all',
          declaredUnclassified: true,
        },
      }),
    );
    expect(result.status).toBe(201);
    expect(result.body.recipientCount).toBe(N);
    const writes = WRITES.reduce((sum, command) => sum + (counts[command] ?? 0), 0);
    expect(writes).toBeLessThanOrEqual(Math.ceil((N + 2) / 25));
    // Per recipient a receipt and its unit's day counter, never split across transactions;
    // the first transaction also holds the key claim, the dispatch and its audit record.
    expect(writes).toBe(Math.ceil((2 * N + 4) / 100));
    const view = await call({ method: 'GET', path: `/dispatches/${result.body.id}`, as: office });
    expect(view.body.receipts).toHaveLength(N);
  });
});
