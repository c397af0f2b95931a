import { TransactWriteCommand, UpdateCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Report, ReportUpdate } from '../domain/reports.ts';
import { CLOSED } from '../domain/reportStatus.ts';
import { ConflictError } from '../errors.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { auditPut, type TransactItem } from './audit.ts';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './context.ts';
import { FEED, queuePartition, reportKey, withoutKeys } from './keys.ts';
import { queryPage, type Listing } from './pages.ts';
import {
  publicWritesOfNewReport,
  publicWritesOfReroute,
  publicWritesOfUpdate,
} from './citizenBoard.ts';

/**
 * A report and its updates share a partition; a department's queue is the
 * `byUnit` index, and every report is in the district office's `feed`.
 */
const queueKeys = (report: Pick<Report, 'unitId' | 'createdAt' | 'id'>) => ({
  gsi1pk: queuePartition(report.unitId),
  gsi1sk: `${report.createdAt}#${report.id}`,
  gsi2pk: FEED.reports,
  gsi2sk: `${report.createdAt}#${report.id}`,
});

const toReport = (item: Record<string, unknown>) => withoutKeys(item) as unknown as Report;
const toUpdate = (item: Record<string, unknown>) => withoutKeys(item) as unknown as ReportUpdate;

/** The report, its audit record, its nearby entry and its department's count for the day: one transaction. */
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
        ...publicWritesOfNewReport(store, report),
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

/**
 * Reports, newest first: one department's queue (`byUnit`), or every
 * department's (`feed`, the district office's overview). "Open": not yet
 * resolved or rejected.
 */
export async function listReports(
  store: Store,
  options: { unitId?: string | undefined; openOnly: boolean; cursor?: string | undefined },
): Promise<{ items: Report[]; cursor?: string }> {
  const listing: Listing = options.unitId
    ? {
        index: 'byUnit',
        partition: queuePartition(options.unitId),
        pkPrefix: 'REPORT#',
        skPrefix: 'REPORT',
      }
    : { index: 'feed', partition: FEED.reports, pkPrefix: 'REPORT#', skPrefix: 'REPORT' };
  const page = await queryPage(store, listing, {
    limit: 50,
    cursor: options.cursor,
    ...(options.openOnly
      ? {
          filter: {
            expression: 'NOT #status IN (:resolved, :rejected)',
            names: { '#status': 'status' },
            values: { ':resolved': CLOSED[0], ':rejected': CLOSED[1] },
          },
        }
      : {}),
  });
  return { items: page.items.map(toReport), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** A report change as one transaction; a failed condition means someone changed the report since it was read. */
async function writeReportChange(store: Store, TransactItems: TransactItem[]): Promise<void> {
  try {
    await store.db.send(new TransactWriteCommand({ TransactItems }));
  } catch (error) {
    if (isConditionFailure(error))
      throw new ConflictError('内容已被他人修改，请刷新后再试', [], { cause: error });
    throw error;
  }
}

/**
 * A department's update: the status moves only from the one the department
 * saw, in one transaction with the update, its audit, and what it changes in
 * public (board, nearby, ranking).
 */
export async function addReportUpdate(
  store: Store,
  found: { report: Report; updates: ReportUpdate[] },
  update: ReportUpdate,
  audit: AuditEntry,
): Promise<void> {
  const { report, updates } = found;
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
    ...publicWritesOfUpdate(store, report, updates, update),
  ]);
}

/** The district office moves a report to another category and its department's queue. */
export async function rerouteReport(
  store: Store,
  found: { report: Report; updates: ReportUpdate[] },
  to: { serviceCode: string; unitId: string },
  audit: AuditEntry,
): Promise<Report> {
  const { report, updates } = found;
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
    ...publicWritesOfReroute(store, report, moved, updates),
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
