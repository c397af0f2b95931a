import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { conditionFailedAt, isConditionFailure } from './conditions.ts';
import type { TransactItem } from './audit.ts';
import type { Store } from './context.ts';

/** DynamoDB's ceiling on items in one TransactWriteItems request. */
export const MAX_TRANSACTION_ITEMS = 100;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Groups of items that must be written together, packed in order into chunks of at most `size` items; a group is never split. */
export function chunkGroups<T>(groups: readonly T[][], size: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const group of groups) {
    if (group.length > size) throw new Error(`a group of ${group.length} items exceeds ${size}`);
    if (current.length + group.length > size) {
      chunks.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Runs `work` on every item, `parallel` at a time, and returns the results in order; the first failure fails the whole. */
export async function inParallel<T, R>(
  items: readonly T[],
  parallel: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

/** Writes transactions `parallel` at a time; the first failure fails the whole. */
export async function writeTransactions(
  store: Store,
  transactions: TransactItem[][],
  parallel = 4,
): Promise<void> {
  await inParallel(transactions, parallel, (TransactItems) =>
    store.db.send(new TransactWriteCommand({ TransactItems })),
  );
}

/**
 * Writes one transaction whose first item is conditioned on its record
 * being as it was read (or not there yet): false when that condition
 * failed — changed by someone else meanwhile — for the caller to say so.
 */
export async function writeUnlessChanged(store: Store, items: TransactItem[]): Promise<boolean> {
  try {
    await store.db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (conditionFailedAt(error, 0)) return false;
    throw error;
  }
}

/**
 * Seeds items that are not there yet, `parallel` at a time (BatchWriteItem
 * takes no conditions): an item edited since the last seed keeps its edits.
 * Returns how many were added.
 */
export async function putIfAbsent(
  store: Pick<Store, 'db' | 'table'>,
  items: readonly Record<string, unknown>[],
  parallel = 25,
): Promise<number> {
  const added = await inParallel(items, parallel, async (Item) => {
    try {
      await store.db.send(
        new PutCommand({
          TableName: store.table,
          Item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  });
  return added.filter(Boolean).length;
}
