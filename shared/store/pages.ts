import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../errors.ts';
import type { Store } from './context.ts';
import { MAIN_TABLE } from './tables.ts';

/**
 * One list: a partition of an index, and what the items in it are (the
 * table key they have). A page cursor is only ever one handed out for this
 * very list: anything else is refused before it reaches DynamoDB.
 */
export interface Listing {
  index: 'byUnit' | 'feed';
  partition: string;
  /** Every item listed has a `pk` starting so, and an `sk` starting so. */
  pkPrefix: string;
  skPrefix: string;
}

/** DynamoDB's limit on a sort key value; ours never come near it. */
const MAX_KEY_BYTES = 1024;

/** A page cursor: DynamoDB's LastEvaluatedKey, opaque to clients. */
const encodeCursor = (key: Record<string, unknown>) =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/**
 * The LastEvaluatedKey a cursor stands for, if it is one this list handed
 * out: exactly the table and index keys, each a non-empty string within
 * DynamoDB's key size, in this partition, of this kind of item. Garbage,
 * another unit's cursor or a forged key is a 400, never a query outside the
 * caller's partition and never a 500.
 */
export function decodeCursor(cursor: string, listing: Listing): Record<string, string> {
  const { partitionKey, sortKey } = MAIN_TABLE.indexes[listing.index];
  const names = ['pk', 'sk', partitionKey, sortKey];
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  const key = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const valid =
    Object.keys(key).length === names.length &&
    names.every((name) => {
      const value = key[name];
      return typeof value === 'string' && value !== '' && Buffer.byteLength(value) <= MAX_KEY_BYTES;
    }) &&
    key[partitionKey] === listing.partition &&
    (key['pk'] as string).startsWith(listing.pkPrefix) &&
    (key['sk'] as string).startsWith(listing.skPrefix);
  if (!valid) {
    throw new ValidationError('invalid cursor', [
      { field: 'query.cursor', message: 'use the cursor of a previous page' },
    ]);
  }
  return key as Record<string, string>;
}

/**
 * One page of a list, newest first: a query of one index partition, with a
 * filter where the list shows only some items (a page may then hold fewer
 * than `limit`, and still have a cursor).
 */
export async function queryPage(
  store: Store,
  listing: Listing,
  options: {
    limit: number;
    cursor?: string | undefined;
    filter?: {
      expression: string;
      names?: Record<string, string>;
      values?: Record<string, unknown>;
    };
  },
): Promise<{ items: Record<string, unknown>[]; cursor?: string }> {
  const { partitionKey } = MAIN_TABLE.indexes[listing.index];
  const { filter } = options;
  const { Items = [], LastEvaluatedKey } = await store.db.send(
    new QueryCommand({
      TableName: store.table,
      IndexName: listing.index,
      KeyConditionExpression: '#partition = :partition',
      ...(filter ? { FilterExpression: filter.expression } : {}),
      ExpressionAttributeNames: { '#partition': partitionKey, ...filter?.names },
      ExpressionAttributeValues: { ':partition': listing.partition, ...filter?.values },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: options.cursor ? decodeCursor(options.cursor, listing) : undefined,
    }),
  );
  return { items: Items, ...(LastEvaluatedKey ? { cursor: encodeCursor(LastEvaluatedKey) } : {}) };
}
