import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from './audit.ts';
import type { Store } from './context.ts';

/**
 * Where the search index stands, one small item: `changes` counts every
 * change to what citizens can read (in the same transaction as the
 * change); `indexKey` names the index object built from `builtFrom`
 * changes. A search reads this item, and the index object only when it
 * is not the one it holds already.
 */
const STATE_KEY = { pk: 'SEARCH', sk: 'STATE' };

export interface SearchState {
  changes: number;
  indexKey?: string;
  builtFrom?: number;
}

/** Counts a change to what search should find, inside the change's own transaction. */
export const searchChanged = (store: Store): TransactItem => ({
  Update: {
    TableName: store.table,
    Key: STATE_KEY,
    UpdateExpression: 'ADD changes :one',
    ExpressionAttributeValues: { ':one': 1 },
  },
});

export async function readSearchState(store: Store): Promise<SearchState> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: STATE_KEY, ConsistentRead: true }),
  );
  return { changes: Number(Item?.['changes'] ?? 0), ...(Item as Partial<SearchState>) };
}

/**
 * Points at a newly built index, unless one built from as many changes or
 * more is already in place (a slower build never replaces a newer one).
 * False when it was not newer.
 */
export async function recordIndex(
  store: Store,
  indexKey: string,
  builtFrom: number,
): Promise<boolean> {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: STATE_KEY,
        UpdateExpression: 'SET indexKey = :key, builtFrom = :built',
        ConditionExpression: 'attribute_not_exists(builtFrom) OR builtFrom < :built',
        ExpressionAttributeValues: { ':key': indexKey, ':built': builtFrom },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
