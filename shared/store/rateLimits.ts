import { UpdateCommand } from '../aws/dynamo.ts';
import type { Store } from './context.ts';

/**
 * Counts one request of a client in a window and returns the count so far:
 * one counter item per (route, client, window), deleted by TTL when the
 * window is long past.
 */
export async function countRequest(
  store: Store,
  counter: { route: string; client: string; windowStart: number; windowSeconds: number },
): Promise<number> {
  const { Attributes } = await store.db.send(
    new UpdateCommand({
      TableName: store.table,
      Key: { pk: `RATE#${counter.route}#${counter.client}`, sk: `WINDOW#${counter.windowStart}` },
      UpdateExpression: 'ADD requests :one SET expiresAt = :expires',
      ExpressionAttributeValues: {
        ':one': 1,
        ':expires': Math.floor(counter.windowStart / 1000) + 2 * counter.windowSeconds,
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.['requests'] ?? 1);
}
