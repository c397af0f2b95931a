import { maskPersonalNumbers } from './personalNumbers.ts';
import type { Report, ReportUpdate } from './reports.ts';
import type { UpdateStatus } from './reportStatus.ts';

/**
 * The public side of citizen reports (Art10.2): the board, where a report
 * appears once its department publishes an update, and the ranking of
 * departments. Nothing a citizen writes is public before a department
 * publishes it (Art21.4), and public text never shows a phone or ID-card
 * number in full (Art14).
 */

export interface BoardEntry {
  id: string;
  number?: string;
  serviceCode: string;
  status: Report['status'];
  createdAt: string;
  description: string;
  /** The photos that had passed the check when the entry was written. */
  photos: number[];
  updates: { id: string; status?: UpdateStatus; reply?: string; at: string }[];
}

/**
 * A report as the board shows it, or undefined while its department has
 * published nothing: its public updates only, every text masked.
 */
export function boardEntry(report: Report, updates: ReportUpdate[]): BoardEntry | undefined {
  const published = updates.filter((update) => update.public);
  if (published.length === 0) return undefined;
  return {
    id: report.id,
    ...(report.number ? { number: report.number } : {}),
    serviceCode: report.serviceCode,
    status: report.status,
    createdAt: report.createdAt,
    description: maskPersonalNumbers(report.description),
    photos: report.photos.filter((photo) => photo.state === 'attached').map((photo) => photo.n),
    updates: published.map(({ id, status, reply, at }) => ({
      id,
      ...(status ? { status } : {}),
      ...(reply ? { reply: maskPersonalNumbers(reply, { keepLandlines: true }) } : {}),
      at,
    })),
  };
}

/** A category's promise when the district office set none: 72 hours (API.md). */
export const DEFAULT_SLA_HOURS = 72;

/** What the ranking counts per department and day, each a number added to as reports change. */
export const RANKING_COUNTERS = [
  'reports',
  /** Resolved by their due time. */
  'resolvedWithinSla',
  /** Whose fate is counted: resolved, or past a promise (unanswered at the first-reply time, open past the due time). */
  'judged',
  /** Citizens who said whether a resolution fixed it, and of those, the satisfied. */
  'feedbacks',
  'satisfied',
  /** Reopened because the citizen said it was not fixed. */
  'reopened',
  /** Found still open past the due time. */
  'overdue',
] as const;
export type RankingCounter = (typeof RANKING_COUNTERS)[number];

/**
 * What one department's reports of one day (Asia/Shanghai, the day they
 * were made) came to: the ranking adds these up, so its cost follows
 * departments × days, never reports.
 */
export type RankingDay = { unitId: string; day: string; firstReplyHours: number[] } & Record<
  RankingCounter,
  number
>;

/** A change of the figures of a report's day. */
export interface RankingDelta {
  counts: Partial<Record<RankingCounter, number>>;
  /** Hours from the report reaching its department to the department's first answer. */
  firstReplyHours?: number;
}

const hoursBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 36_000) / 100;

/** When a report should be resolved: its due time, or (reports older than due times) its category's hours. */
export const dueTimeOf = (report: Report) =>
  report.slaDueAt ??
  new Date(
    Date.parse(report.createdAt) + (report.slaHours ?? DEFAULT_SLA_HOURS) * 3_600_000,
  ).toISOString();

/**
 * What a change of a report adds to its day: the first answer's hours, a
 * fate counted (and whether it was a resolution by the due time), the
 * citizen's word, a reopening, a due time passed. The rules live here; the
 * store writes the numbers in the same transaction as the change.
 */
export function rankingChange(before: Report, after: Report): RankingDelta {
  const counts: RankingDelta['counts'] = {};
  const add = (counter: RankingCounter) => (counts[counter] = (counts[counter] ?? 0) + 1);
  if (!before.judged && after.judged) {
    add('judged');
    if (
      after.resolvedAt &&
      after.resolvedAt !== before.resolvedAt &&
      after.resolvedAt <= dueTimeOf(after)
    )
      add('resolvedWithinSla');
  }
  if (after.feedback && after.feedback.at !== before.feedback?.at) {
    add('feedbacks');
    if (after.feedback.satisfaction === 'satisfied') add('satisfied');
  }
  if ((after.reopened ?? 0) > (before.reopened ?? 0)) add('reopened');
  if (!before.overdue && after.overdue) add('overdue');
  return {
    counts,
    ...(!before.firstRepliedAt && after.firstRepliedAt
      ? { firstReplyHours: hoursBetween(after.assignedAt ?? after.createdAt, after.firstRepliedAt) }
      : {}),
  };
}

export const isEmptyDelta = (delta: RankingDelta) =>
  Object.keys(delta.counts).length === 0 && delta.firstReplyHours === undefined;

export interface RankedUnit {
  unitId: string;
  name: string;
  reports: number;
  firstReplyMedianHours: number | null;
  resolvedWithinSlaShare: number | null;
  satisfiedShare: number | null;
  reopened: number;
  overdue: number;
  /** 1 is best; equal figures share a rank; a department with no reports is not ranked. */
  rank: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}

const share = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;

/**
 * The ranking of departments over some days: reports made, median hours to
 * the first answer, the share resolved by the due time of those whose fate
 * is known (resolved, or past a promise: a report ignored counts against at
 * once, a fresh one inside its time counts for nothing yet), the citizens'
 * satisfied share, reopenings and reports past due. Ranked by the share
 * within the due time, then the faster first answer, then more reports.
 */
export function rankDepartments(
  departments: { unitId: string; name: string }[],
  days: RankingDay[],
): RankedUnit[] {
  const units = departments.map(({ unitId, name }) => {
    const mine = days.filter((day) => day.unitId === unitId);
    const sum = (counter: RankingCounter) => mine.reduce((total, day) => total + day[counter], 0);
    return {
      unitId,
      name,
      reports: sum('reports'),
      firstReplyMedianHours: median(mine.flatMap((day) => day.firstReplyHours)),
      resolvedWithinSlaShare: share(sum('resolvedWithinSla'), sum('judged')),
      satisfiedShare: share(sum('satisfied'), sum('feedbacks')),
      reopened: sum('reopened'),
      overdue: sum('overdue'),
    };
  });
  const key = (unit: (typeof units)[number]) => [
    -(unit.resolvedWithinSlaShare ?? 0),
    unit.firstReplyMedianHours ?? Number.MAX_SAFE_INTEGER,
    -unit.reports,
  ];
  const compare = (a: (typeof units)[number], b: (typeof units)[number]) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) {
      const diff = (ka[i] ?? 0) - (kb[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return 0;
  };
  const ranked = units.filter((unit) => unit.reports > 0).sort(compare);
  const unranked = units
    .filter((unit) => unit.reports === 0)
    .sort((a, b) => a.unitId.localeCompare(b.unitId));
  return [
    ...ranked.map((unit, i) => {
      let first = i;
      while (first > 0 && compare(ranked[first - 1] ?? unit, unit) === 0) first -= 1;
      return { ...unit, rank: first + 1 };
    }),
    ...unranked.map((unit) => ({ ...unit, rank: null })),
  ];
}
