import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './context.ts';

/** Every request counter's partition starts so (the board may write these and nothing else). */
export const REQUEST_COUNTER_PREFIX = 'RATE#';

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
      Key: {
        pk: `${REQUEST_COUNTER_PREFIX}${counter.route}#${counter.client}`,
        sk: `WINDOW#${counter.windowStart}`,
      },
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
