import {
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import type { Report, ReportUpdate } from '../domain/reports.ts';
import { numberDay, reportNumber } from '../domain/workOrders.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { auditPut, type TransactItem } from './audit.ts';
import { isConditionFailure } from './conditions.ts';
import type { Store } from './context.ts';
import { getItems } from './batch.ts';
import {
  dueShard,
  EXTENSIONS_PARTITION,
  FEED,
  queuePartition,
  rankingKey,
  reportKey,
  RETURNED_PARTITION,
  withoutKeys,
} from './keys.ts';
import { queryPage, type Listing } from './pages.ts';
import {
  publicWritesOfChange,
  publicWritesOfNewReport,
  publicWritesOfReroute,
  rankingWrite,
} from './citizenBoard.ts';
import {
  isEmptyDelta,
  rankingChange,
  type RankingCounter,
  type RankingDelta,
} from '../domain/citizenBoard.ts';
import { shanghaiDay } from '../domain/reception.ts';
import { cancellationReasons } from '../aws/dynamo.ts';
import { chunk } from './transactions.ts';
import { updateExpression } from './updateExpression.ts';

/**
 * A report and its updates share a partition; a department's queue is the
 * `byUnit` index (a returned report sits in the district office's
 * `RETURNED` partition instead), and every report is in the district
 * office's `feed`. A report being chased carries `dueAt`/`duePk` (the `due`
 * index, as receipts do).
 */
const queueOf = (report: Pick<Report, 'unitId' | 'status'>) =>
  report.status === 'returned' ? RETURNED_PARTITION : queuePartition(report.unitId);
const dueOf = (report: Pick<Report, 'id' | 'dueAt'>) =>
  report.dueAt ? dueShard(report.id, 'REPORT') : undefined;

const toReport = (item: Record<string, unknown>) => {
  const { duePk: _due, ...report } = withoutKeys(item);
  return report as unknown as Report;
};
/** Updates stored before they had ids take theirs from their key. */
const toUpdate = (item: Record<string, unknown>) =>
  ({ id: String(item['sk']).split('#').at(-1), ...withoutKeys(item) }) as unknown as ReportUpdate;

const updateKey = (update: ReportUpdate) => ({
  pk: reportKey(update.reportId).pk,
  sk: `UPDATE#${update.at}#${update.id}`,
});

/** The next number of the day (Asia/Shanghai): one counter item per day, one request. */
export async function nextReportNumber(store: Store, now: Date): Promise<string> {
  const day = numberDay(now);
  const { Attributes } = await store.db.send(
    new UpdateCommand({
      TableName: store.table,
      Key: { pk: 'REPORT-NUMBER', sk: day },
      UpdateExpression: 'ADD seq :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return reportNumber(day, Attributes?.['seq'] as number);
}

/** A report as stored: its queue, the district office's feed, and the due index while it is chased. */
export function reportItem(report: Report): Record<string, unknown> {
  const due = dueOf(report);
  return {
    ...reportKey(report.id),
    gsi1pk: queueOf(report),
    gsi1sk: `${report.createdAt}#${report.id}`,
    gsi2pk: FEED.reports,
    gsi2sk: `${report.createdAt}#${report.id}`,
    ...report,
    ...(due ? { duePk: due } : {}),
  };
}

/** The report, its audit record, its nearby entry and its department's count for the day: one transaction. */
export async function createReport(store: Store, report: Report, audit: AuditEntry): Promise<void> {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: store.table,
            Item: reportItem(report),
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
 * Reports, newest first: one department's queue (`byUnit`), every
 * department's (`feed`, the district office's overview), or the district
 * office's returned ones. "Open": not yet resolved or rejected.
 */
export async function listReports(
  store: Store,
  options: {
    unitId?: string | undefined;
    openOnly: boolean;
    returned?: boolean;
    cursor?: string | undefined;
  },
): Promise<{ items: Report[]; cursor?: string }> {
  const listing: Listing = options.returned
    ? { index: 'byUnit', partition: RETURNED_PARTITION, pkPrefix: 'REPORT#', skPrefix: 'REPORT' }
    : options.unitId
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
            expression: 'NOT #status IN (:resolved, :rejected, :returned)',
            names: { '#status': 'status' },
            values: { ':resolved': 'resolved', ':rejected': 'rejected', ':returned': 'returned' },
          },
        }
      : {}),
  });
  return { items: page.items.map(toReport), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** Reports whose extension waits for the district office, oldest request first: one query and one batch read. */
export async function listPendingExtensions(store: Store): Promise<Report[]> {
  const { Items = [] } = await store.db.send(
    new QueryCommand({
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': EXTENSIONS_PARTITION },
      Limit: 100,
    }),
  );
  const ids = Items.map((item) => item['reportId'] as string);
  if (ids.length === 0) return [];
  const found = await getItems(
    store,
    ids.map((id) => reportKey(id)),
  );
  return ids
    .map((id) => found.find((item) => item['pk'] === reportKey(id).pk))
    .filter((item): item is Record<string, unknown> => item !== undefined)
    .map(toReport);
}

/** The fields a change may touch; anything else (photos, the citizen's text) stays as stored. */
const CHANGEABLE = [
  'status',
  'unitId',
  'serviceCode',
  'slaHours',
  'slaDueAt',
  'firstReplyDueAt',
  'firstRepliedAt',
  'resolvedAt',
  'assignedAt',
  'dueAt',
  'remindersSent',
  'supervision',
  'overdue',
  'judged',
  'returned',
  'extension',
  'feedback',
  'reopened',
] as const satisfies readonly (keyof Report)[];

/**
 * The report's item moved from `before` to `after`: what changed is set or
 * removed, with its queue and due-index keys, only if it is still as read
 * (status, department and chase).
 */
export function reportChangeUpdate(store: Store, before: Report, after: Report): TransactItem {
  const fields: Record<string, unknown> = {};
  for (const name of CHANGEABLE)
    if (JSON.stringify(before[name]) !== JSON.stringify(after[name])) fields[name] = after[name];
  if (queueOf(before) !== queueOf(after)) fields['gsi1pk'] = queueOf(after);
  if (dueOf(before) !== dueOf(after)) fields['duePk'] = dueOf(after);
  const seen = {
    ConditionExpression:
      '#seenStatus = :seenStatus AND #seenUnit = :seenUnit AND ' +
      (before.dueAt ? '#seenDue = :seenDue' : 'attribute_not_exists(#seenDue)'),
    ExpressionAttributeNames: {
      '#seenStatus': 'status',
      '#seenUnit': 'unitId',
      '#seenDue': 'dueAt',
    },
    ExpressionAttributeValues: {
      ':seenStatus': before.status,
      ':seenUnit': before.unitId,
      ...(before.dueAt ? { ':seenDue': before.dueAt } : {}),
    },
  };
  // Nothing of the report changes (a progress note, 公开 later): it only has to be as read.
  if (Object.keys(fields).length === 0)
    return { ConditionCheck: { TableName: store.table, Key: reportKey(before.id), ...seen } };
  const expression = updateExpression(fields);
  return {
    Update: {
      TableName: store.table,
      Key: reportKey(before.id),
      UpdateExpression: expression.UpdateExpression,
      ConditionExpression: seen.ConditionExpression,
      ExpressionAttributeNames: {
        ...expression.ExpressionAttributeNames,
        ...seen.ExpressionAttributeNames,
      },
      ExpressionAttributeValues: {
        ...expression.ExpressionAttributeValues,
        ...seen.ExpressionAttributeValues,
      },
    },
  };
}

/**
 * A change of a report as one transaction: the report, an update item if
 * there is one, its audit, what it changes in public (board, nearby,
 * ranking) and its entry in the office's extension list. A failed
 * condition is thrown as it is: the caller reads again and decides again.
 */
export async function saveReportChange(
  store: Store,
  found: { report: Report; updates: ReportUpdate[] },
  after: Report,
  audit: AuditEntry,
  update?: ReportUpdate,
): Promise<void> {
  const { report: before, updates } = found;
  const all = update ? [...updates.filter((earlier) => earlier.id !== update.id), update] : updates;
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        reportChangeUpdate(store, before, after),
        ...(update
          ? [{ Put: { TableName: store.table, Item: { ...updateKey(update), ...update } } }]
          : []),
        auditPut(store, audit),
        ...publicWritesOfChange(store, before, after, all),
        ...extensionListWrites(store, before, after),
      ],
    }),
  );
}

/** The office's list of extensions to decide: an entry while one is pending. */
function extensionListWrites(store: Store, before: Report, after: Report): TransactItem[] {
  const was = before.extension?.status === 'pending' ? before.extension : undefined;
  const is = after.extension?.status === 'pending' ? after.extension : undefined;
  if (was?.requestedAt === is?.requestedAt) return [];
  const key = (requestedAt: string) => ({
    pk: EXTENSIONS_PARTITION,
    sk: `${requestedAt}#${before.id}`,
  });
  return [
    ...(was ? [{ Delete: { TableName: store.table, Key: key(was.requestedAt) } }] : []),
    ...(is
      ? [{ Put: { TableName: store.table, Item: { ...key(is.requestedAt), reportId: before.id } } }]
      : []),
  ];
}

/**
 * The district office moves a report to another category and its
 * department's queue; a returned report goes back into a queue with fresh
 * due times.
 */
export async function rerouteReport(
  store: Store,
  found: { report: Report; updates: ReportUpdate[] },
  moved: Report,
  audit: AuditEntry,
): Promise<void> {
  const { report, updates } = found;
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        reportChangeUpdate(store, report, moved),
        auditPut(store, audit),
        ...publicWritesOfReroute(store, report, moved, updates),
      ],
    }),
  );
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

/** A report as the `due` index projects it (its id from its key): what the reminder check decides with. */
export const toDueReport = (item: Record<string, unknown>): Report => ({
  ...toReport(item),
  id: String(item['pk']).slice('REPORT#'.length),
});

/**
 * The reminder check moves due reports to their next reminder, with what
 * it recorded of them (colour, past a promise, past due) and their days'
 * ranking figures: up to 45 reports and their merged day items to a
 * transaction. A report changed since it was read (answered, returned)
 * fails its condition: the batch is written again report by report, and
 * that one is left as its change left it. Returns how many moved.
 */
export async function advanceReportChases(
  store: Store,
  moves: { before: Report; after: Report }[],
): Promise<number> {
  let moved = 0;
  for (const batch of chunk(moves, 45)) {
    try {
      await store.db.send(new TransactWriteCommand({ TransactItems: chaseWrites(store, batch) }));
      moved += batch.length;
    } catch (error) {
      if (!cancellationReasons(error)) throw error;
      for (const move of batch) {
        try {
          await store.db.send(
            new TransactWriteCommand({ TransactItems: chaseWrites(store, [move]) }),
          );
          moved += 1;
        } catch (single) {
          if (!isConditionFailure(single) && !cancellationReasons(single)) throw single;
        }
      }
    }
  }
  return moved;
}

function chaseWrites(store: Store, moves: { before: Report; after: Report }[]): TransactItem[] {
  const days = new Map<string, { report: Report; delta: RankingDelta }>();
  for (const { before, after } of moves) {
    const delta = rankingChange(before, after);
    if (isEmptyDelta(delta)) continue;
    const key = JSON.stringify(rankingKey(shanghaiDay(after.createdAt), after.unitId));
    const day = days.get(key) ?? { report: after, delta: { counts: {} } };
    for (const [counter, n] of Object.entries(delta.counts) as [RankingCounter, number][])
      day.delta.counts[counter] = (day.delta.counts[counter] ?? 0) + n;
    days.set(key, day);
  }
  return [
    ...moves.map(({ before, after }) => reportChangeUpdate(store, before, after)),
    ...[...days.values()].map(({ report, delta }) => rankingWrite(store, report, delta)),
  ];
}
