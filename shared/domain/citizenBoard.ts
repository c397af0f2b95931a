import { maskPersonalNumbers } from './personalNumbers.ts';
import type { Report, ReportUpdate } from './reports.ts';

/**
 * The public side of citizen reports (Art10.2): the board, where a report
 * appears once its department publishes an update, and the ranking of
 * departments. Nothing a citizen writes is public before a department
 * publishes it (Art21.4), and public text never shows a phone or ID-card
 * number in full (Art14).
 */

export interface BoardEntry {
  id: string;
  serviceCode: string;
  status: Report['status'];
  createdAt: string;
  description: string;
  /** The photos that had passed the check when the entry was written. */
  photos: number[];
  updates: { status: ReportUpdate['status']; reply?: string; at: string }[];
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
    serviceCode: report.serviceCode,
    status: report.status,
    createdAt: report.createdAt,
    description: maskPersonalNumbers(report.description),
    photos: report.photos.filter((photo) => photo.state === 'attached').map((photo) => photo.n),
    updates: published.map(({ status, reply, at }) => ({
      status,
      ...(reply ? { reply: maskPersonalNumbers(reply, { keepLandlines: true }) } : {}),
      at,
    })),
  };
}

/** A category's promise when the district office set none: 72 hours (API.md). */
export const DEFAULT_SLA_HOURS = 72;

/**
 * What one department's reports of one day (Asia/Shanghai, the day they
 * were made) came to: the ranking adds these up, so its cost follows
 * departments × days, never reports.
 */
export interface RankingDay {
  unitId: string;
  day: string;
  reports: number;
  /** Hours from each report to its department's first update. */
  firstReplyHours: number[];
  /** Reports resolved within their category's SLA. */
  resolvedWithinSla: number;
}

const hoursBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 36_000) / 100;

/** What an update adds to its report's day: the first reply's hours, and a resolution within the SLA. */
export function rankingChange(
  report: Report,
  earlier: ReportUpdate[],
  update: ReportUpdate,
): { firstReplyHours?: number; resolvedWithinSla?: true } {
  const hours = hoursBetween(report.createdAt, update.at);
  return {
    ...(earlier.length === 0 ? { firstReplyHours: hours } : {}),
    ...(update.status === 'resolved' && hours <= (report.slaHours ?? DEFAULT_SLA_HOURS)
      ? { resolvedWithinSla: true as const }
      : {}),
  };
}

export interface RankedUnit {
  unitId: string;
  name: string;
  reports: number;
  firstReplyMedianHours: number | null;
  resolvedWithinSlaShare: number | null;
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

/**
 * The ranking of departments over some days: reports made, median hours to
 * the first reply, the share resolved within the SLA. Ranked by that share,
 * then the faster first reply, then more reports.
 */
export function rankDepartments(
  departments: { unitId: string; name: string }[],
  days: RankingDay[],
): RankedUnit[] {
  const units = departments.map(({ unitId, name }) => {
    const mine = days.filter((day) => day.unitId === unitId);
    const reports = mine.reduce((sum, day) => sum + day.reports, 0);
    const within = mine.reduce((sum, day) => sum + day.resolvedWithinSla, 0);
    return {
      unitId,
      name,
      reports,
      firstReplyMedianHours: median(mine.flatMap((day) => day.firstReplyHours)),
      resolvedWithinSlaShare: reports > 0 ? Math.round((within / reports) * 1000) / 1000 : null,
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
