import { QueryCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import {
  boardEntry,
  isEmptyDelta,
  RANKING_COUNTERS,
  rankingChange,
  type BoardEntry,
  type RankingDay,
  type RankingDelta,
} from '../domain/citizenBoard.ts';
import { cellsAround, distanceMeters, geohash, NEARBY_METERS } from '../domain/geo.ts';
import { shanghaiDay } from '../domain/reception.ts';
import type { Report, ReportUpdate } from '../domain/reports.ts';
import { CLOSED } from '../domain/reportStatus.ts';
import type { TransactItem } from './audit.ts';
import type { Store } from './context.ts';
import { BOARD_PARTITION, boardKey, nearbyKey, nearbyPartition, rankingKey } from './keys.ts';
import { queryPage } from './pages.ts';
import { getItems } from './batch.ts';

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

/** Adds a change to the figures of the report's department and day: one counter item. */
export function rankingWrite(
  store: Store,
  report: Pick<Report, 'createdAt' | 'unitId'>,
  delta: RankingDelta,
): TransactItem {
  const day = shanghaiDay(report.createdAt);
  const counters = Object.entries(delta.counts).filter(([, n]) => n !== 0);
  const adds = counters.map(([counter]) => `#${counter} :${counter}`);
  const sets = [
    'unitId = :unit',
    '#day = :day',
    ...(delta.firstReplyHours !== undefined
      ? ['firstReplyHours = list_append(if_not_exists(firstReplyHours, :none), :hours)']
      : []),
  ];
  return {
    Update: {
      TableName: store.table,
      Key: rankingKey(day, report.unitId),
      UpdateExpression: `SET ${sets.join(', ')}${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
      ExpressionAttributeNames: {
        '#day': 'day',
        ...Object.fromEntries(counters.map(([counter]) => [`#${counter}`, counter])),
      },
      ExpressionAttributeValues: {
        ':unit': report.unitId,
        ':day': day,
        ...Object.fromEntries(counters.map(([counter, n]) => [`:${counter}`, n])),
        ...(delta.firstReplyHours !== undefined
          ? { ':none': [], ':hours': [delta.firstReplyHours] }
          : {}),
      },
    },
  };
}

/** What a new report adds: its nearby entry and one report on its department's day. */
export const publicWritesOfNewReport = (store: Store, report: Report) => [
  nearbyWrite(store, report, false),
  rankingWrite(store, report, { counts: { reports: 1 } }),
];

/**
 * What a change of a report changes in public, in the same transaction:
 * the board entry once anything is published, the nearby entry (closed
 * when the report is), and its day's ranking figures.
 */
export function publicWritesOfChange(
  store: Store,
  before: Report,
  after: Report,
  updates: ReportUpdate[],
): TransactItem[] {
  const entry = boardEntry(after, updates);
  const delta = rankingChange(before, after);
  return [
    ...(entry ? [boardWrite(store, entry)] : []),
    nearbyWrite(store, after, entry !== undefined),
    ...(isEmptyDelta(delta) ? [] : [rankingWrite(store, after, delta)]),
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
      ? [
          rankingWrite(store, report, { counts: { reports: -1 } }),
          rankingWrite(store, moved, { counts: { reports: 1 } }),
        ]
      : []),
  ];
}

/** A page of the board, newest report first: one query. */
export async function listBoard(
  store: Store,
  cursor: string | undefined,
  limit = 20,
): Promise<{ items: BoardEntry[]; cursor?: string }> {
  const page = await queryPage(
    store,
    { index: 'byUnit', partition: BOARD_PARTITION, pkPrefix: 'BOARD#', skPrefix: 'BOARD' },
    { limit, cursor },
  );
  return {
    items: page.items.map(toBoardEntry),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/** Board entries by report id (published reports only; others are simply not found): one batch read. */
export async function getBoardEntries(store: Store, ids: string[]): Promise<BoardEntry[]> {
  return (await getItems(store, [...new Set(ids)].map(boardKey))).map(toBoardEntry);
}

const toBoardEntry = ({
  id,
  number,
  serviceCode,
  status,
  createdAt,
  description,
  photos,
  updates,
}: Record<string, unknown>) =>
  ({
    id,
    ...(number ? { number } : {}),
    serviceCode,
    status,
    createdAt,
    description,
    photos,
    updates,
  }) as BoardEntry;

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
        firstReplyHours: (item['firstReplyHours'] as number[] | undefined) ?? [],
        ...(Object.fromEntries(
          RANKING_COUNTERS.map((counter) => [counter, (item[counter] as number | undefined) ?? 0]),
        ) as Record<(typeof RANKING_COUNTERS)[number], number>),
      });
    }
  }
  return days;
}
