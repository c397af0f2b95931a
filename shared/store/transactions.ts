import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from './audit.ts';
import type { Store } from './context.ts';

/** DynamoDB's ceiling on items in one TransactWriteItems request. */
export const MAX_TRANSACTION_ITEMS = 100;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Writes transactions `parallel` at a time; the first failure fails the whole. */
export async function writeTransactions(store: Store, transactions: TransactItem[][], parallel = 4): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < transactions.length) {
      const TransactItems = transactions[next++];
      await store.db.send(new TransactWriteCommand({ TransactItems }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, transactions.length) }, worker));
}
