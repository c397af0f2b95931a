import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OutcomeCounts } from '../domain/receiptOutcomes.ts';
import { OVERDUE, type Receipt, type ReceiptChange as DecidedChange } from '../domain/receipts.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { NotFoundError } from '../errors.ts';
import { isConditionFailure } from './conditions.ts';
import { auditPut, type TransactItem } from './audit.ts';
import { retryOnConflict } from './retry.ts';
import { queryPage, type Listing } from './pages.ts';
import type { Store } from './context.ts';
import { dispatchKey, dueShard, inboxPartition, inboxSortKey, receiptKey } from './keys.ts';
import { updateExpression } from './updateExpression.ts';
import { counterUpdate } from './counters.ts';
import { receptionUpdate } from './reception.ts';

const RECEIPT_FIELDS = [
  'dispatchId',
  'unitId',
  'senderUnit',
  'kind',
  'title',
  'sentAt',
  'ackDueAt',
  'respondBy',
  'status',
  'acknowledgedAt',
  'acknowledgedBy',
  'respondedAt',
  'respondedBy',
  'answer',
  'remindersSent',
  'dueAt',
  'noPhoneToRemind',
  'downloadedAt',
  'supervision',
  'missedAt',
  'role',
  'overdue',
  'openProblems',
  'problemSince',
  'recalledAt',
  'upwardId',
  'urgedAt',
  'docNumber',
  'urgency',
] as const;

/** The stored item: the receipt, its inbox keys, and the sparse `due` keys while it owes something. */
export function receiptItem(receipt: Receipt): Record<string, unknown> {
  return {
    ...receiptKey(receipt.dispatchId, receipt.unitId),
    ...receipt,
    gsi1pk: inboxPartition(receipt.unitId),
    gsi1sk: inboxSortKey(receipt.sentAt, receipt.dispatchId),
    ...(receipt.dueAt ? { duePk: dueShard(receipt.dispatchId, receipt.unitId) } : {}),
  };
}

export function toReceipt(item: Record<string, unknown>): Receipt {
  return Object.fromEntries(
    RECEIPT_FIELDS.filter((field) => item[field] !== undefined).map((field) => [
      field,
      item[field],
    ]),
  ) as unknown as Receipt;
}

export async function getReceipt(
  store: Store,
  dispatchId: string,
  unitId: string,
): Promise<Receipt | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({
      TableName: store.table,
      Key: receiptKey(dispatchId, unitId),
      ConsistentRead: true,
    }),
  );
  return Item ? toReceipt(Item) : undefined;
}

export interface InboxPage {
  items: Receipt[];
  cursor?: string;
}

/** A unit's receipts, newest first, from the `byUnit` index. "Pending": still owing an acknowledgement or an answer. */
export const inboxListing = (unitId: string): Listing => ({
  index: 'byUnit',
  partition: inboxPartition(unitId),
  pkPrefix: 'DISPATCH#',
  skPrefix: 'RECEIPT#',
});

/** A unit's receipts, newest first, from the `byUnit` index. "Pending": still owing an acknowledgement or an answer. */
export async function listInbox(
  store: Store,
  unitId: string,
  options: {
    pendingOnly: boolean;
    cursor?: string | undefined;
    limit?: number;
    /** Only items whose title or 文号 holds this text (a query of the unit's partition, filtered). */
    text?: string | undefined;
  },
): Promise<InboxPage> {
  const pending = {
    expression:
      '(#status IN (:pending, :problem) OR (#status = :acknowledged AND kind = :feedback AND NOT #role = :copy)) AND attribute_not_exists(recalledAt)',
    names: { '#status': 'status', '#role': 'role' },
    values: {
      ':pending': 'pending',
      ':problem': 'problem',
      ':acknowledged': 'acknowledged',
      ':feedback': 'feedback',
      ':copy': 'copy',
    },
  };
  const text = {
    expression: '(contains(title, :text) OR contains(docNumber, :text))',
    names: {},
    values: { ':text': options.text },
  };
  const filters = [...(options.pendingOnly ? [pending] : []), ...(options.text ? [text] : [])];
  const page = await queryPage(store, inboxListing(unitId), {
    limit: options.limit ?? 50,
    cursor: options.cursor,
    ...(filters.length > 0
      ? {
          filter: {
            expression: filters.map((filter) => filter.expression).join(' AND '),
            names: Object.assign({}, ...filters.map((filter) => filter.names)) as Record<
              string,
              string
            >,
            values: Object.assign({}, ...filters.map((filter) => filter.values)) as Record<
              string,
              unknown
            >,
          },
        }
      : {}),
  });
  return { items: page.items.map(toReceipt), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** A receipt change as the domain decided it, and more items written in the same transaction (a reception problem). */
export type ReceiptChange = DecidedChange & { alsoWrite?: TransactItem[] };

/**
 * Adds a receipt change's counts to its dispatch's tally (which always
 * exists: its receipt does). 逾期 is counted on the units' days only.
 */
export const tallyUpdate = (store: Store, dispatchId: string, tally: OutcomeCounts) => {
  const { [OVERDUE]: _overdue, ...counts } = tally;
  return counterUpdate(store, dispatchKey(dispatchId), counts, { path: 'tally' });
};

/**
 * The items of one receipt's change: the receipt, on condition that it is
 * as it was read (status, open problems, not recalled), and what the change
 * adds to its dispatch's tally and its unit's day.
 */
export function receiptChangeItems(
  store: Store,
  receipt: Receipt,
  change: Pick<DecidedChange, 'set' | 'tally'>,
): TransactItem[] {
  const { dispatchId, unitId } = receipt;
  // The `due` index keys go with dueAt: both set, or both removed.
  const fields: Record<string, unknown> =
    'dueAt' in change.set
      ? { ...change.set, duePk: change.set.dueAt ? dueShard(dispatchId, unitId) : undefined }
      : change.set;
  const update = updateExpression(fields);
  const problems = receipt.openProblems;
  return [
    {
      Update: {
        TableName: store.table,
        Key: receiptKey(dispatchId, unitId),
        UpdateExpression: update.UpdateExpression,
        ConditionExpression: `#status = :seenStatus AND attribute_not_exists(recalledAt) AND ${
          problems ? 'openProblems = :seenProblems' : 'attribute_not_exists(openProblems)'
        }`,
        ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#status': 'status' },
        ExpressionAttributeValues: {
          ...update.ExpressionAttributeValues,
          ':seenStatus': receipt.status,
          ...(problems ? { ':seenProblems': problems } : {}),
        },
      },
    },
    ...tallyUpdate(store, dispatchId, change.tally),
    ...receptionUpdate(store, receipt, change.tally),
  ];
}

/**
 * Read, decide, write only if nothing changed in between. `decide` is the
 * domain's rule: it returns the change, or undefined when the receipt already
 * is as asked (a repeated acknowledgement), or throws a refusal. The write is
 * conditional on the receipt as just read, so of many concurrent callers
 * exactly one changes the receipt; the others read again and see its result.
 * Returns the change written, if any.
 */
export async function changeReceipt<C extends ReceiptChange>(
  store: Store,
  dispatchId: string,
  unitId: string,
  decide: (receipt: Receipt) => C | undefined,
): Promise<{ receipt: Receipt; change?: C }> {
  return retryOnConflict(async () => {
    const receipt = await getReceipt(store, dispatchId, unitId);
    if (!receipt) throw new NotFoundError('本单位没有这份来文');
    const change = decide(receipt);
    if (!change) return { receipt };
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          ...receiptChangeItems(store, receipt, change),
          auditPut(store, change.audit),
          ...(change.alsoWrite ?? []),
        ],
      }),
    );
    return { receipt: applied(receipt, change.set), change };
  });
}

/** The receipt with a change applied (a key set to undefined is gone). */
export const applied = (receipt: Receipt, set: Partial<Receipt>): Receipt =>
  toReceipt(receiptItem({ ...receipt, ...set }));

/**
 * A recipient unit's first download of a file its item carries, on its
 * receipt and in the audit log, once: later downloads change nothing.
 */
export async function recordFirstDownload(
  store: Store,
  dispatchId: string,
  unitId: string,
  at: string,
  audit: AuditEntry,
): Promise<boolean> {
  try {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: store.table,
              Key: receiptKey(dispatchId, unitId),
              UpdateExpression: 'SET downloadedAt = :at',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(downloadedAt)',
              ExpressionAttributeValues: { ':at': at },
            },
          },
          auditPut(store, audit),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
