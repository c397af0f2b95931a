import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { carrier } from '../domain/attachments.ts';
import type { AuditEntry } from '../domain/audit.ts';
import {
  SEEN_BY_DISTRICT,
  type UpwardChange,
  type UpwardReport,
  type UpwardStatus,
} from '../domain/upward.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { carryAttachments } from './attachments.ts';
import { auditPut, type TransactItem } from './audit.ts';
import { conditionFailedAt } from './conditions.ts';
import type { Store } from './context.ts';
import { FEED, upwardKey, upwardPartition, withoutKeys } from './keys.ts';
import { queryPage, type Listing } from './pages.ts';

/**
 * The stored report: in its unit's list (`byUnit`) always, and in the
 * district office's (`feed`) only once submitted: nothing reaches the
 * district office unapproved.
 */
const upwardItem = (report: UpwardReport) => ({
  ...upwardKey(report.id),
  gsi1pk: upwardPartition(report.unitId),
  gsi1sk: `${report.createdAt}#${report.id}`,
  ...(SEEN_BY_DISTRICT.includes(report.status)
    ? { gsi2pk: FEED.upward, gsi2sk: `${report.seal?.sealedAt ?? report.updatedAt}#${report.id}` }
    : {}),
  ...report,
});

export async function readUpward(store: Store, id: string): Promise<UpwardReport | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: upwardKey(id), ConsistentRead: true }),
  );
  return Item ? (withoutKeys(Item) as unknown as UpwardReport) : undefined;
}

/**
 * Writes a new or changed report with its audit record and, when it takes
 * files, their new carrier, in one transaction; a change only if the report
 * is still in the state it was decided from (two heads at once: one wins).
 */
async function write(
  store: Store,
  report: UpwardReport,
  audit: AuditEntry,
  from: UpwardStatus | undefined,
  newFiles: string[],
  options: { filesOf?: string; alsoWrite?: TransactItem[] } = {},
): Promise<void> {
  try {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.table,
              Item: upwardItem(report),
              ...(from
                ? {
                    ConditionExpression: '#status = :from',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ':from': from },
                  }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          },
          auditPut(store, audit),
          ...carryAttachments(
            store,
            newFiles,
            options.filesOf ?? report.unitId,
            carrier.upward(report.id),
          ),
          ...(options.alsoWrite ?? []),
        ],
      }),
    );
  } catch (error) {
    if (conditionFailedAt(error, 0)) throw new ConflictError('内容已被他人修改，请刷新后再试');
    if (newFiles.some((_, i) => conditionFailedAt(error, 2 + i)))
      throw new ValidationError('有附件不能发送', [
        { field: 'attachmentIds', message: '有附件已不可用' },
      ]);
    if (options.alsoWrite?.some((_, i) => conditionFailedAt(error, 2 + newFiles.length + i)))
      throw new ConflictError('所反馈的来文刚刚有了变化（已反馈或已撤回），请刷新后再试');
    throw error;
  }
}

export const createUpward = (store: Store, report: UpwardReport, audit: AuditEntry) =>
  write(
    store,
    report,
    audit,
    undefined,
    report.attachments.map((file) => file.id),
  );

/**
 * A decided change; files it did not carry before learn their new carrier.
 * `alsoWrite`: what changes with it (a feedback's receipt, answered by the seal).
 */
export const changeUpward = (
  store: Store,
  change: UpwardChange,
  before: UpwardReport,
  alsoWrite: TransactItem[] = [],
) => {
  const had = new Set(before.attachments.map((file) => file.id));
  return write(
    store,
    change.report,
    change.audit,
    change.from,
    change.report.attachments.map((file) => file.id).filter((id) => !had.has(id)),
    { alsoWrite },
  );
};

/** 批复: the reply's files are the district office's, now carried by the report. */
export const replyUpward = (store: Store, change: UpwardChange) =>
  write(
    store,
    change.report,
    change.audit,
    change.from,
    (change.report.reply?.attachments ?? []).map((file) => file.id),
    { filesOf: 'district-office' },
  );

/** A unit's reports, or (the district office) every submitted one; newest first, by status if asked. */
export async function listUpward(
  store: Store,
  scope: { unitId: string } | 'district',
  options: { status?: UpwardStatus | undefined; cursor?: string | undefined },
): Promise<{ items: UpwardReport[]; cursor?: string }> {
  const listing: Listing =
    scope === 'district'
      ? { index: 'feed', partition: FEED.upward, pkPrefix: 'UPWARD#', skPrefix: 'UPWARD' }
      : {
          index: 'byUnit',
          partition: upwardPartition(scope.unitId),
          pkPrefix: 'UPWARD#',
          skPrefix: 'UPWARD',
        };
  const page = await queryPage(store, listing, {
    limit: 50,
    cursor: options.cursor,
    ...(options.status
      ? {
          filter: {
            expression: '#status = :status',
            names: { '#status': 'status' },
            values: { ':status': options.status },
          },
        }
      : {}),
  });
  return {
    items: page.items.map((item) => withoutKeys(item) as unknown as UpwardReport),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}
