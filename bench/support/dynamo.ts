import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { type DocumentClient } from '../../shared/aws/dynamo.ts';
import { chunk, inParallel } from '../../shared/store/transactions.ts';

/** Loads a bench's data set: every item put, 25 to a BatchWriteItem, 16 at a time, retrying what DynamoDB leaves. */
export const putAll = (db: DocumentClient, table: string, items: Record<string, unknown>[]) =>
  inParallel(chunk(items, 25), 16, async (batch) => {
    let requests: Record<string, unknown>[] | undefined = batch.map((Item) => ({
      PutRequest: { Item },
    }));
    while (requests?.length) {
      const result: BatchWriteCommandOutput = await db.send(
        new BatchWriteCommand({ RequestItems: { [table]: requests } }),
      );
      requests = result.UnprocessedItems?.[table];
    }
  });

/** Counts the requests `db` sends, by operation (`QueryCommand`), until `stop()`. */
export function countRequests(db: DocumentClient): {
  requests: Record<string, number>;
  stop: () => void;
} {
  const requests: Record<string, number> = {};
  const send = db.send.bind(db) as (command: object) => Promise<unknown>;
  const counted = db as { send: (command: object) => Promise<unknown> };
  counted.send = (command) => {
    const name = command.constructor.name;
    requests[name] = (requests[name] ?? 0) + 1;
    return send(command);
  };
  return { requests, stop: () => (counted.send = send) };
}
