import {
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { CLOSED, type Report, type ReportUpdate } from '../domain/reports.ts';
import { ConflictError } from '../errors.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { auditPut, type TransactItem } from './audit.ts';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './context.ts';
import { withoutKeys } from './keys.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

/** A report and its updates share a partition; a department's queue is the `byUnit` index. */
const reportKey = (id: string) => ({ pk: `REPORT#${id}`, sk: 'REPORT' });
const queueKeys = (report: Pick<Report, 'unitId' | 'createdAt' | 'id'>) => ({
  gsi1pk: `QUEUE#${report.unitId}`,
  gsi1sk: `${report.createdAt}#${report.id}`,
});

const toReport = (item: Record<string, unknown>) => withoutKeys(item) as unknown as Report;
const toUpdate = (item: Record<string, unknown>) => withoutKeys(item) as unknown as ReportUpdate;

export async function createReport(store: Store, report: Report, audit: AuditEntry): Promise<void> {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: store.table,
            Item: { ...reportKey(report.id), ...queueKeys(report), ...report },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditPut(store, audit),
      ],
    }),
  );
}

/** The report with its updates, oldest first: one query. */
export async function readReport(
  store: Store,
  id: string,
): Promise<{ report: Report; updates: ReportUpdate[] } | undefined> {
  let report: Report | undefined;
  const updates: ReportUpdate[] = [];
  const pages = paginateQuery(
    { client: store.db },
    {
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': reportKey(id).pk },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      if (item['sk'] === 'REPORT') report = toReport(item);
      else updates.push(toUpdate(item));
    }
  }
  return report ? { report, updates } : undefined;
}

export async function listQueue(
  store: Store,
  unitId: string,
  options: { openOnly: boolean; cursor?: string | undefined },
): Promise<{ items: Report[]; cursor?: string }> {
  const partition = `QUEUE#${unitId}`;
  const ExclusiveStartKey = options.cursor ? decodeCursor(options.cursor, partition) : undefined;
  const { Items = [], LastEvaluatedKey } = await store.db.send(
    new QueryCommand({
      TableName: store.table,
      IndexName: 'byUnit',
      KeyConditionExpression: 'gsi1pk = :pk',
      ...(options.openOnly
        ? {
            FilterExpression: 'NOT #status IN (:resolved, :rejected)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':pk': partition,
              ':resolved': CLOSED[0],
              ':rejected': CLOSED[1],
            },
          }
        : { ExpressionAttributeValues: { ':pk': partition } }),
      ScanIndexForward: false,
      Limit: 50,
      ExclusiveStartKey,
    }),
  );
  return {
    items: Items.map((item) => toReport(item)),
    ...(LastEvaluatedKey ? { cursor: encodeCursor(LastEvaluatedKey) } : {}),
  };
}

/** A report change as one transaction; a failed condition means someone changed the report since it was read. */
async function writeReportChange(store: Store, TransactItems: TransactItem[]): Promise<void> {
  try {
    await store.db.send(new TransactWriteCommand({ TransactItems }));
  } catch (error) {
    if (isConditionFailure(error))
      throw new ConflictError('the report changed meanwhile; reload it', [], { cause: error });
    throw error;
  }
}

/** A public update: the status moves only from the one the department saw, in one transaction with the update and its audit. */
export async function addReportUpdate(
  store: Store,
  report: Report,
  update: ReportUpdate,
  audit: AuditEntry,
): Promise<void> {
  await writeReportChange(store, [
    {
      Update: {
        TableName: store.table,
        Key: reportKey(report.id),
        UpdateExpression: 'SET #status = :next',
        ConditionExpression: '#status = :seen AND unitId = :unit',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':next': update.status,
          ':seen': report.status,
          ':unit': update.unitId,
        },
      },
    },
    {
      Put: {
        TableName: store.table,
        Item: { pk: reportKey(report.id).pk, sk: `UPDATE#${update.at}#${ulid()}`, ...update },
      },
    },
    auditPut(store, audit),
  ]);
}

/** The district office moves a report to another category and its department's queue. */
export async function rerouteReport(
  store: Store,
  report: Report,
  to: { serviceCode: string; unitId: string },
  audit: AuditEntry,
): Promise<Report> {
  const moved = { ...report, ...to };
  await writeReportChange(store, [
    {
      Update: {
        TableName: store.table,
        Key: reportKey(report.id),
        UpdateExpression: 'SET serviceCode = :code, unitId = :unit, gsi1pk = :queue',
        ConditionExpression: 'unitId = :seenUnit AND serviceCode = :seenCode',
        ExpressionAttributeValues: {
          ':code': to.serviceCode,
          ':unit': to.unitId,
          ':queue': queueKeys(moved).gsi1pk,
          ':seenUnit': report.unitId,
          ':seenCode': report.serviceCode,
        },
      },
    },
    auditPut(store, audit),
  ]);
  return moved;
}

/**
 * Records the uploads check's verdict on photo n, once: only a photo still
 * `expected` changes, so a second delivery of the same S3 event changes nothing.
 * Returns false when it was decided before.
 */
export async function settlePhoto(
  store: Store,
  reportId: string,
  n: number,
  verdict: { state: 'attached' } | { state: 'quarantined'; reason: string },
): Promise<boolean> {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: reportKey(reportId),
        UpdateExpression:
          verdict.state === 'attached'
            ? `SET photos[${n}].#state = :state`
            : `SET photos[${n}].#state = :state, photos[${n}].reason = :reason`,
        ConditionExpression: `photos[${n}].#state = :expected`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':state': verdict.state,
          ':expected': 'expected',
          ...(verdict.state === 'quarantined' ? { ':reason': verdict.reason } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
