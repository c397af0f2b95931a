import { QueryCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import {
  boardEntry,
  type BoardEntry,
  type RankingDay,
  rankingChange,
} from '../domain/citizenBoard.ts';
import { cellsAround, distanceMeters, geohash, NEARBY_METERS } from '../domain/geo.ts';
import { shanghaiDay } from '../domain/reception.ts';
import type { Report, ReportUpdate } from '../domain/reports.ts';
import { CLOSED } from '../domain/reportStatus.ts';
import type { TransactItem } from './audit.ts';
import type { Store } from './context.ts';
import { BOARD_PARTITION, boardKey, nearbyKey, nearbyPartition, rankingKey } from './keys.ts';
import { queryPage } from './pages.ts';

/**
 * The public side of citizen reports, kept as reports change, in the same
 * transaction as the change: the board (a masked copy of each published
 * report), the nearby cells (open reports of the last 30 days), and the
 * ranking's figures per department and day.
 */

/** Reports older than this are not "nearby" (API.md); their cell entries expire. */
export const NEARBY_DAYS = 30;
const DAY_MS = 24 * 3600_000;

const nearbyOf = (report: Pick<Report, 'serviceCode' | 'lat' | 'lng' | 'createdAt' | 'id'>) =>
  nearbyKey(report.serviceCode, geohash(report.lat, report.lng), report.createdAt, report.id);

/**
 * The report's entry in its cell, `open` while it is not closed (nor moved
 * to another category's cell), `published` once its department has
 * published an update. Entries are never deleted by a request (only the
 * phones function deletes anything); they expire 30 days after the report.
 */
function nearbyWrite(
  store: Store,
  report: Report,
  published: boolean,
  open = !CLOSED.includes(report.status),
): TransactItem {
  const expires = Date.parse(report.createdAt) + NEARBY_DAYS * DAY_MS;
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...nearbyOf(report),
        id: report.id,
        status: report.status,
        open,
        published,
        createdAt: report.createdAt,
        lat: report.lat,
        lng: report.lng,
        expiresAt: Math.floor(expires / 1000),
      },
    },
  };
}

function boardWrite(store: Store, entry: BoardEntry): TransactItem {
  return {
    Put: {
      TableName: store.table,
      Item: {
        ...boardKey(entry.id),
        gsi1pk: BOARD_PARTITION,
        gsi1sk: `${entry.createdAt}#${entry.id}`,
        ...entry,
      },
    },
  };
}

function rankingAdd(
  store: Store,
  report: Pick<Report, 'createdAt' | 'unitId'>,
  change: { reports?: number; firstReplyHours?: number; resolvedWithinSla?: true },
): TransactItem {
  const day = shanghaiDay(report.createdAt);
  const adds = [
    ...(change.reports !== undefined ? ['reports :reports'] : []),
    ...(change.resolvedWithinSla ? ['resolvedWithinSla :one'] : []),
  ];
  const sets = [
    'unitId = :unit',
    '#day = :day',
    ...(change.firstReplyHours !== undefined
      ? ['firstReplyHours = list_append(if_not_exists(firstReplyHours, :none), :hours)']
      : []),
  ];
  return {
    Update: {
      TableName: store.table,
      Key: rankingKey(day, report.unitId),
      UpdateExpression: `SET ${sets.join(', ')}${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: { '#day': 'day' },
      ExpressionAttributeValues: {
        ':unit': report.unitId,
        ':day': day,
        ...(change.reports !== undefined ? { ':reports': change.reports } : {}),
        ...(change.resolvedWithinSla ? { ':one': 1 } : {}),
        ...(change.firstReplyHours !== undefined
          ? { ':none': [], ':hours': [change.firstReplyHours] }
          : {}),
      },
    },
  };
}

/** What a new report adds: its nearby entry and one report on its department's day. */
export const publicWritesOfNewReport = (store: Store, report: Report) => [
  nearbyWrite(store, report, false),
  rankingAdd(store, report, { reports: 1 }),
];

/**
 * What an update changes in public: the board entry once anything is
 * published, the nearby entry (marked closed when the report closes), the
 * first reply's hours and a resolution within the SLA.
 */
export function publicWritesOfUpdate(
  store: Store,
  report: Report,
  earlier: ReportUpdate[],
  update: ReportUpdate,
): TransactItem[] {
  const after = { ...report, status: update.status };
  const entry = boardEntry(after, [...earlier, update]);
  const change = rankingChange(report, earlier, update);
  return [
    ...(entry ? [boardWrite(store, entry)] : []),
    nearbyWrite(store, after, entry !== undefined),
    ...(Object.keys(change).length > 0 ? [rankingAdd(store, report, change)] : []),
  ];
}

/** What moving a report to another category changes: its cell partition, its board entry, its department's count. */
export function publicWritesOfReroute(
  store: Store,
  report: Report,
  moved: Report,
  updates: ReportUpdate[],
): TransactItem[] {
  const entry = boardEntry(moved, updates);
  const sameCell = nearbyOf(report).pk === nearbyOf(moved).pk;
  return [
    ...(sameCell ? [] : [nearbyWrite(store, report, entry !== undefined, false)]),
    nearbyWrite(store, moved, entry !== undefined),
    ...(entry ? [boardWrite(store, entry)] : []),
    ...(moved.unitId !== report.unitId
      ? [rankingAdd(store, report, { reports: -1 }), rankingAdd(store, moved, { reports: 1 })]
      : []),
  ];
}

/** A page of the board, newest report first: one query. */
export async function listBoard(
  store: Store,
  cursor: string | undefined,
): Promise<{ items: BoardEntry[]; cursor?: string }> {
  const page = await queryPage(
    store,
    { index: 'byUnit', partition: BOARD_PARTITION, pkPrefix: 'BOARD#', skPrefix: 'BOARD' },
    { limit: 20, cursor },
  );
  return {
    items: page.items.map(
      ({ id, serviceCode, status, createdAt, description, photos, updates }) =>
        ({ id, serviceCode, status, createdAt, description, photos, updates }) as BoardEntry,
    ),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

export interface NearbyReports {
  /** Published reports: what the board shows anyway, without where they are. */
  items: { id: string; status: Report['status']; createdAt: string }[];
  /** Reports not yet published: only how many. */
  unpublished: number;
}

/**
 * Open reports of a category within 50 m made in the last 30 days: one
 * query per cell around the point (1 to 4). Nothing identifies or locates a
 * report before its department publishes it: published ones are listed
 * newest first without their distance, the rest only counted — three
 * lookups must not place a citizen's home.
 */
export async function findNearby(
  store: Store,
  point: { serviceCode: string; lat: number; lng: number },
  now: Date,
): Promise<NearbyReports> {
  const since = new Date(now.getTime() - NEARBY_DAYS * DAY_MS).toISOString();
  const cells = await Promise.all(
    cellsAround(point.lat, point.lng).map((cell) =>
      store.db.send(
        new QueryCommand({
          TableName: store.table,
          KeyConditionExpression: 'pk = :pk AND sk >= :since',
          ExpressionAttributeValues: {
            ':pk': nearbyPartition(point.serviceCode, cell),
            ':since': since,
          },
        }),
      ),
    ),
  );
  const near = cells
    .flatMap(({ Items = [] }) => Items)
    .filter(
      (item) =>
        item['open'] === true &&
        distanceMeters(point, { lat: item['lat'] as number, lng: item['lng'] as number }) <=
          NEARBY_METERS,
    );
  return {
    items: near
      .filter((item) => item['published'] === true)
      .map((item) => ({
        id: item['id'] as string,
        status: item['status'] as Report['status'],
        createdAt: item['createdAt'] as string,
      }))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    unpublished: near.filter((item) => item['published'] !== true).length,
  };
}

/** Every department's figures for the days from `from` to `to` (Asia/Shanghai days): one query of days × departments items. */
export async function readRankingDays(
  store: Store,
  from: string,
  to: string,
): Promise<RankingDay[]> {
  const days: RankingDay[] = [];
  const pages = paginateQuery(
    { client: store.db },
    {
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': 'RANKING', ':from': `${from}#`, ':to': `${to}#~` },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      days.push({
        unitId: item['unitId'] as string,
        day: item['day'] as string,
        reports: (item['reports'] as number | undefined) ?? 0,
        firstReplyHours: (item['firstReplyHours'] as number[] | undefined) ?? [],
        resolvedWithinSla: (item['resolvedWithinSla'] as number | undefined) ?? 0,
      });
    }
  }
  return days;
}
