import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../domain/audit.ts';
import type { Bulletin } from '../domain/bulletins.ts';
import { auditPut } from './audit.ts';
import type { Store } from './context.ts';
import { bulletinKey, FEED, withoutKeys } from './keys.ts';
import { queryPage, type Listing } from './pages.ts';

/**
 * Every published bulletin, newest first: a partition of the `byUnit` index,
 * which projects whole items (the `feed` index projects only the lists' fields).
 */
const bulletinListing: Listing = {
  index: 'byUnit',
  partition: FEED.bulletins,
  pkPrefix: 'BULLETIN#',
  skPrefix: 'BULLETIN',
};

/** Publishes a bulletin with its audit record, in one transaction; never over another. */
export async function createBulletin(
  store: Store,
  bulletin: Bulletin,
  audit: AuditEntry,
): Promise<void> {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: store.table,
            Item: {
              ...bulletinKey(bulletin.id),
              gsi1pk: FEED.bulletins,
              gsi1sk: `${bulletin.publishedAt}#${bulletin.id}`,
              ...bulletin,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditPut(store, audit),
      ],
    }),
  );
}

export async function readBulletin(store: Store, id: string): Promise<Bulletin | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: bulletinKey(id) }),
  );
  return Item ? (withoutKeys(Item) as unknown as Bulletin) : undefined;
}

/** A page of bulletins, newest first. */
export async function listBulletins(
  store: Store,
  cursor: string | undefined,
): Promise<{ items: Bulletin[]; cursor?: string }> {
  const page = await queryPage(store, bulletinListing, { limit: 50, cursor });
  return {
    items: page.items.map((item) => withoutKeys(item) as unknown as Bulletin),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}
