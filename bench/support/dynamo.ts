import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { chunk, inParallel } from '../../shared/store/transactions.ts';

/** Loads a bench's data set: every item put, 25 to a BatchWriteItem, 16 at a time, retrying what DynamoDB leaves. */
export const putAll = (
  db: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
) =>
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

let counters = 0;

/** Counts the requests `db` sends, by command, until `stop()`. */
export function countRequests(db: DynamoDBDocumentClient): {
  requests: Record<string, number>;
  stop: () => void;
} {
  const requests: Record<string, number> = {};
  const name = `bench-count-${counters++}`;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      requests[context.commandName ?? '?'] = (requests[context.commandName ?? '?'] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { requests, stop: () => db.middlewareStack.remove(name) };
}
