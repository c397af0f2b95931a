import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Store } from './context.ts';
import { chunk } from './transactions.ts';

/** BatchGetItem reads at most this many keys a request. */
export const MAX_BATCH_GET_KEYS = 100;

/**
 * Items of the main table by key, strongly consistent: one BatchGetItem per
 * 100 keys; keys DynamoDB left unprocessed are asked again (the SDK's retry
 * strategy backs off between requests). Order is not kept: find items by key.
 */
export async function getItems(
  store: Store,
  keys: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (const batch of chunk(keys, MAX_BATCH_GET_KEYS)) {
    let Keys: Record<string, unknown>[] | undefined = batch;
    while (Keys && Keys.length > 0) {
      const result: BatchGetCommandOutput = await store.db.send(
        new BatchGetCommand({ RequestItems: { [store.table]: { Keys, ConsistentRead: true } } }),
      );
      items.push(...(result.Responses?.[store.table] ?? []));
      Keys = result.UnprocessedKeys?.[store.table]?.Keys;
    }
  }
  return items;
}
