import { GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { chainOrder, type AuditItem } from '../domain/auditChain.ts';
import type { Store } from './context.ts';

/** Every audit record of one hour (`2026-11-25T20`), in the chain's order: a query of its day. */
export async function readAuditHour(store: Store, hour: string): Promise<AuditItem[]> {
  const items: AuditItem[] = [];
  const pages = paginateQuery(
    { client: store.db },
    {
      TableName: store.auditTable,
      IndexName: 'byDay',
      KeyConditionExpression: '#day = :day AND begins_with(sk, :hour)',
      ExpressionAttributeNames: { '#day': 'day' },
      ExpressionAttributeValues: { ':day': hour.slice(0, 10), ':hour': hour },
    },
  );
  for await (const page of pages) items.push(...((page.Items ?? []) as AuditItem[]));
  return items.sort(chainOrder);
}

/** The chain state's partition: only the digester may write it (infra/data.ts denies every other function). */
export const AUDIT_CHAIN_PARTITION = 'AUDIT_CHAIN';
const STATE_KEY = { pk: AUDIT_CHAIN_PARTITION, sk: 'STATE' };

/** Where the chain stands: the last hour digested and its last link. */
export async function readChainState(
  store: Store,
): Promise<{ lastHour: string; lastHash: string } | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: STATE_KEY, ConsistentRead: true }),
  );
  return Item
    ? { lastHour: Item['lastHour'] as string, lastHash: Item['lastHash'] as string }
    : undefined;
}

/** Moves the chain on by one hour, only from where it was read (one digester at a time). */
export async function advanceChainState(
  store: Store,
  from: string | undefined,
  to: { lastHour: string; lastHash: string },
): Promise<void> {
  await store.db.send(
    new PutCommand({
      TableName: store.table,
      Item: { ...STATE_KEY, ...to },
      ConditionExpression: from ? 'lastHour = :from' : 'attribute_not_exists(pk)',
      ...(from ? { ExpressionAttributeValues: { ':from': from } } : {}),
    }),
  );
}
