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

/** A page cursor: DynamoDB's LastEvaluatedKey (and what else a list needs to go on), opaque to clients. */
export const encodeCursor = (value: Record<string, unknown>) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/** The refusal of a cursor no list handed out: a 400, never a query elsewhere, never a 500. */
export const invalidCursor = () =>
  new ValidationError('翻页参数无效', [
    { field: 'query.cursor', message: '请使用上一页返回的翻页参数' },
  ]);

/** What a cursor encodes; an empty object for garbage, which every list's checks then refuse. */
export function parseCursor(cursor: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Exactly these key attributes, each a non-empty string within DynamoDB's key size. */
export function isKeyOf(value: unknown, names: readonly string[]): value is Record<string, string> {
  if (typeof value !== 'object' || value === null) return false;
  const key = value as Record<string, unknown>;
  return (
    Object.keys(key).length === names.length &&
    names.every((name) => {
      const field = key[name];
      return typeof field === 'string' && field !== '' && Buffer.byteLength(field) <= MAX_KEY_BYTES;
    })
  );
}

/**
 * The LastEvaluatedKey a cursor stands for, if it is one this list handed
 * out: exactly the table and index keys, each a non-empty string within
 * DynamoDB's key size, in this partition, of this kind of item. Garbage,
 * another unit's cursor or a forged key is a 400, never a query outside the
 * caller's partition and never a 500.
 */
export function decodeCursor(cursor: string, listing: Listing): Record<string, string> {
  const { partitionKey, sortKey } = MAIN_TABLE.indexes[listing.index];
  const key = parseCursor(cursor);
  const valid =
    isKeyOf(key, ['pk', 'sk', partitionKey, sortKey]) &&
    key[partitionKey] === listing.partition &&
    (key['pk'] ?? '').startsWith(listing.pkPrefix) &&
    (key['sk'] ?? '').startsWith(listing.skPrefix);
  if (!valid) throw invalidCursor();
  return key;
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
