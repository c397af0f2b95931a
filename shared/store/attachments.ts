import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Attachment } from '../domain/attachments.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { auditPut, type TransactItem } from './audit.ts';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './context.ts';
import { getItems } from './batch.ts';
import { attachmentKey, withoutKeys } from './keys.ts';

export async function createAttachment(
  store: Store,
  attachment: Attachment,
  audit: AuditEntry,
): Promise<void> {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: store.table,
            Item: { ...attachmentKey(attachment.id), ...attachment },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditPut(store, audit),
      ],
    }),
  );
}

export async function getAttachment(
  store: Store,
  attachmentId: string,
): Promise<Attachment | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({
      TableName: store.table,
      Key: attachmentKey(attachmentId),
      ConsistentRead: true,
    }),
  );
  return Item ? (withoutKeys(Item) as unknown as Attachment) : undefined;
}

/** Up to 20 attachments in one BatchGetItem (the contract's limit is far below its 100); throttled keys are asked again. */
export async function getAttachments(store: Store, ids: readonly string[]): Promise<Attachment[]> {
  const items = await getItems(store, [...new Set(ids)].map(attachmentKey));
  return items.map((item) => withoutKeys(item) as unknown as Attachment);
}

/** The uploads check's verdict, recorded once: a repeated or late event finds it settled. */
export async function settleAttachment(
  store: Store,
  attachmentId: string,
  verdict: { status: 'ready'; sha256: string } | { status: 'rejected'; reason: string },
): Promise<boolean> {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: attachmentKey(attachmentId),
        UpdateExpression:
          verdict.status === 'ready'
            ? 'SET #status = :status, sha256 = :sha256'
            : 'SET #status = :status, reason = :reason',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': verdict.status,
          ':pending': 'pending',
          ...(verdict.status === 'ready'
            ? { ':sha256': verdict.sha256 }
            : { ':reason': verdict.reason }),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Marks files as carried by an item, in the item's own transaction, on
 * condition that each is still ready and its unit's: a file checked out
 * from under a send refuses the send.
 */
export const carryAttachments = (
  store: Store,
  ids: readonly string[],
  unitId: string,
  item: string,
): TransactItem[] =>
  ids.map((id) => ({
    Update: {
      TableName: store.table,
      Key: attachmentKey(id),
      UpdateExpression: 'SET carriedBy = list_append(if_not_exists(carriedBy, :none), :item)',
      ConditionExpression: '#status = :ready AND unitId = :unit',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':none': [],
        ':item': [item],
        ':ready': 'ready',
        ':unit': unitId,
      },
    },
  }));
