import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './context.ts';
import { chunk, putIfAbsent } from './transactions.ts';

type Table = Pick<Store, 'db' | 'table'>;

/** Every item of the provider: one partition each, the fixed sort key, gone at `expiresAt` (the table's TTL). */
const SK = 'OIDC';
const itemKey = (model: string, id: string) => ({ pk: `OIDC#${model}#${id}`, sk: SK });
const uidKey = (model: string, uid: string) => ({ pk: `OIDC#${model}-uid#${uid}`, sk: SK });
const grantPk = (grantId: string) => `OIDC#grant#${grantId}`;
const epochSeconds = (ms = Date.now()) => Math.floor(ms / 1000);
/** One item by key, strongly consistent: a code is redeemed a moment after another container wrote it. */
async function readItem<T>(store: Table, Key: Record<string, string>): Promise<T | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key, ConsistentRead: true }),
  );
  return Item as T | undefined;
}
/** DynamoDB's TTL removes expired items within days: a read checks the time itself. */
const live = (item: { expiresAt?: number } | undefined) =>
  item !== undefined && (item.expiresAt === undefined || item.expiresAt > epochSeconds());

/**
 * oidc-provider's store of sessions, interactions, codes, grants and tokens
 * in DynamoDB (its Adapter interface): the identity table deployed, the
 * directory table locally. A session is also found by its uid (a pointer
 * item); each item with a grant is listed under that grant, so revoking a
 * grant (a code used twice, a refresh token replayed) deletes them all.
 * Strongly consistent reads throughout: a code is redeemed a moment after it
 * is written, often by another Lambda container.
 */
export function oidcAdapter(store: Table): new (name: string) => Adapter {
  return class DynamoAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? { expiresAt: epochSeconds() + expiresIn } : {};
      const puts = [
        { ...itemKey(this.model, id), payload: JSON.stringify(payload), ...expiresAt },
        ...(payload.uid ? [{ ...uidKey(this.model, payload.uid), id, ...expiresAt }] : []),
        ...(payload.grantId
          ? [{ pk: grantPk(payload.grantId), sk: `${this.model}#${id}`, ...expiresAt }]
          : []),
      ];
      await store.db.send(
        new TransactWriteCommand({
          TransactItems: puts.map((Item) => ({ Put: { TableName: store.table, Item } })),
        }),
      );
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      const item = await readItem<{ payload: string; consumed?: number; expiresAt?: number }>(
        store,
        itemKey(this.model, id),
      );
      if (!item || !live(item)) return undefined;
      const payload = JSON.parse(item.payload) as AdapterPayload;
      return item.consumed === undefined ? payload : { ...payload, consumed: item.consumed };
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const pointer = await readItem<{ id: string; expiresAt?: number }>(
        store,
        uidKey(this.model, uid),
      );
      return pointer && live(pointer) ? this.find(pointer.id) : undefined;
    }

    /** Device codes are not offered: nothing is found by a user code. */
    findByUserCode(): Promise<AdapterPayload | undefined> {
      return Promise.resolve(undefined);
    }

    async consume(id: string): Promise<void> {
      await store.db.send(
        new UpdateCommand({
          TableName: store.table,
          Key: itemKey(this.model, id),
          UpdateExpression: 'SET #consumed = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#consumed': 'consumed' },
          ExpressionAttributeValues: { ':now': epochSeconds() },
        }),
      );
    }

    /** The item only: a session's uid pointer then leads nowhere, and lapses with it. */
    async destroy(id: string): Promise<void> {
      await store.db.send(
        new DeleteCommand({ TableName: store.table, Key: itemKey(this.model, id) }),
      );
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      const pages = paginateQuery(
        { client: store.db },
        {
          TableName: store.table,
          KeyConditionExpression: 'pk = :grant',
          ExpressionAttributeValues: { ':grant': grantPk(grantId) },
          ProjectionExpression: 'pk, sk',
          ConsistentRead: true,
        },
      );
      for await (const page of pages) {
        const listed = (page.Items ?? []) as { pk: string; sk: string }[];
        const keys = listed.flatMap(({ pk, sk }) => {
          const [model = '', ...rest] = sk.split('#');
          return [{ pk, sk }, itemKey(model, rest.join('#'))];
        });
        await deleteAll(store, keys);
      }
    }
  };
}

/** BatchWriteItem takes 25 requests; what DynamoDB leaves unprocessed is sent again. */
async function deleteAll(store: Table, keys: Record<string, unknown>[]): Promise<void> {
  for (const batch of chunk(keys, 25)) {
    let requests: Record<string, unknown>[] | undefined = batch.map((Key) => ({
      DeleteRequest: { Key },
    }));
    while (requests && requests.length > 0) {
      const result: BatchWriteCommandOutput = await store.db.send(
        new BatchWriteCommand({ RequestItems: { [store.table]: requests } }),
      );
      requests = result.UnprocessedItems?.[store.table];
    }
  }
}

/**
 * What one sign-in remembers between its pages, by interaction: the account
 * that must set a new password first, or the code texted for phone sign-in.
 * In the table, because the next page may be served by another container.
 */
export function signInFlows<T extends object>(store: Table) {
  const key = (uid: string) => ({ pk: `OIDC#flow#${uid}`, sk: SK });
  const countKey = (name: string) => ({ pk: `OIDC#failures#${name}`, sk: SK });
  return {
    async get(uid: string): Promise<T | undefined> {
      const item = await readItem<{ flow: string; expiresAt: number }>(store, key(uid));
      return item && live(item) ? (JSON.parse(item.flow) as T) : undefined;
    },
    async put(uid: string, flow: T, seconds: number): Promise<void> {
      await store.db.send(
        new PutCommand({
          TableName: store.table,
          Item: { ...key(uid), flow: JSON.stringify(flow), expiresAt: epochSeconds() + seconds },
        }),
      );
    },
    async delete(uid: string): Promise<void> {
      await store.db.send(new DeleteCommand({ TableName: store.table, Key: key(uid) }));
    },
    /** The failures counted under `name` in its window (0 once the window has passed). */
    async failures(name: string): Promise<number> {
      const item = await readItem<{ failures: number; expiresAt: number }>(store, countKey(name));
      return item && live(item) ? item.failures : 0;
    },
    /** Counts one more failure under `name`; the first opens a window of `seconds`. */
    async fail(name: string, seconds: number): Promise<void> {
      const now = epochSeconds();
      try {
        await store.db.send(
          new UpdateCommand({
            TableName: store.table,
            Key: countKey(name),
            UpdateExpression: 'ADD failures :one',
            ConditionExpression: 'expiresAt > :now',
            ExpressionAttributeValues: { ':one': 1, ':now': now },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // No window open (none yet, or a lapsed one DynamoDB has not removed): a new one.
        await store.db.send(
          new PutCommand({
            TableName: store.table,
            Item: { ...countKey(name), failures: 1, expiresAt: now + seconds },
          }),
        );
      }
    },
    /** Forgets the failures under `name` (a sign-in that succeeded). */
    async clearFailures(name: string): Promise<void> {
      await store.db.send(new DeleteCommand({ TableName: store.table, Key: countKey(name) }));
    },
    /**
     * Claims a slot named `name` for `seconds` (one code a minute per number):
     * false while an earlier claim still holds it.
     */
    async claim(name: string, seconds: number): Promise<boolean> {
      const now = epochSeconds();
      try {
        await store.db.send(
          new PutCommand({
            TableName: store.table,
            Item: { pk: `OIDC#slot#${name}`, sk: SK, expiresAt: now + seconds },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}

/**
 * The provider's own keys, made once by whichever container asks first and
 * kept in the table (encrypted at rest; only the identity function reads it): the
 * ID-token signing key, the cookie keys and the key of sign-in codes. A
 * container that loses the race reads the winner's.
 */
export async function providerKeys<T extends object>(store: Table, make: () => Promise<T>) {
  const Key = { pk: 'OIDC#keys', sk: SK };
  const read = async () => {
    const item = await readItem<{ keys: string }>(store, Key);
    return item && (JSON.parse(item.keys) as T);
  };
  const existing = await read();
  if (existing) return existing;
  const keys = await make();
  if ((await putIfAbsent(store, [{ ...Key, keys: JSON.stringify(keys) }])) === 1) return keys;
  const winner = await read();
  if (!winner) throw new Error('the provider keys were neither written nor found');
  return winner;
}
