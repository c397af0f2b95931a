import { QueryCommand, ScanCommand } from '../../shared/aws/dynamo.ts';
import { storeFromConfig } from '../../shared/store/context.ts';

/** The store the handlers use in this test file (its own tables in DynamoDB Local). */
export const store = storeFromConfig();

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
 * Counts the DynamoDB requests the client sends, by operation, while `work`
 * runs. `failOn` makes the n-th request of an operation fail, as a dropped
 * connection or a crashed Lambda would.
 */
export async function countRequests<T>(
  work: () => Promise<T>,
  failOn?: { command: string; nth: number },
): Promise<{ result: T; counts: Record<string, number> }> {
  const counts: Record<string, number> = {};
  const db = store.db;
  const send = db.send.bind(db);
  db.send = (command) => {
    const name = `${command.operation}Command`;
    counts[name] = (counts[name] ?? 0) + 1;
    if (failOn && name === failOn.command && counts[name] === failOn.nth)
      return Promise.reject(new Error('injected failure: connection reset'));
    return send(command);
  };
  try {
    return { result: await work(), counts };
  } finally {
    db.send = send;
  }
}
