import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { testPlatform } from './testPlatform.ts';

/** The store the handlers use in this test file (its own tables in DynamoDB Local). */
export const store = testPlatform.store;

/**
 * Every item of both tables, to prove a refused request wrote nothing.
 * Test-only: a scan. Per-client request counters (`RATE#`) count every
 * request, refused or not, and are left out.
 */
export async function snapshot(): Promise<unknown[]> {
  const items: unknown[] = [];
  for (const TableName of [store.table, store.auditTable]) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await store.db.send(
        new ScanCommand({ TableName, ExclusiveStartKey, ConsistentRead: true }),
      );
      items.push(
        ...(page.Items ?? [])
          .filter((item) => !String(item['pk']).startsWith('RATE#'))
          .map((item) => ({ TableName, ...item })),
      );
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export async function auditOf(target: string) {
  const { Items = [] } = await store.db.send(
    new QueryCommand({
      TableName: store.auditTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': target },
    }),
  );
  return Items;
}

/**
 * Counts the DynamoDB requests the client sends, by command, while `work`
 * runs. `failOn` makes the n-th request of a command fail, as a dropped
 * connection or a crashed Lambda would.
 */
export async function countRequests<T>(
  work: () => Promise<T>,
  failOn?: { command: string; nth: number },
): Promise<{ result: T; counts: Record<string, number> }> {
  const counts: Record<string, number> = {};
  const db = store.db;
  const send = db.send.bind(db) as (command: object) => Promise<unknown>;
  (db as { send: (command: object) => Promise<unknown> }).send = (command) => {
    const name = command.constructor.name;
    counts[name] = (counts[name] ?? 0) + 1;
    if (failOn && name === failOn.command && counts[name] === failOn.nth)
      return Promise.reject(new Error('injected failure: connection reset'));
    return send(command);
  };
  try {
    return { result: await work(), counts };
  } finally {
    (db as { send: unknown }).send = send;
  }
}
