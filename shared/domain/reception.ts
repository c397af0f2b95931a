import { ValidationError } from '../errors.ts';
import { countOutcomes, type OutcomeCounts } from './receiptOutcomes.ts';

/**
 * Reception bulletins (通报, Art20): how each unit received what was sent to
 * it. Figures are kept per unit and per day as receipts change, in the same
 * transactions, so a bulletin for any range reads units × days counters and
 * never the receipts. An item counts on the day it was sent, in Asia/Shanghai.
 * `overdue` (逾期未办结) counts items past their deadline and still open:
 * the reminder check adds one when it finds an item past due, and the
 * change that closes, recalls or gives it more time takes it away, so for a
 * range that ends today it is exact, and for an earlier range it counts the
 * items of those days still open past due now.
 */

/** The bulletin's columns, in the order of the table and its exports. */
export const RECEPTION_COLUMNS = [
  'received',
  'acknowledgedOnTime',
  'acknowledgedLate',
  'missed',
  'overdue',
  'answeredOnTime',
  'answeredLate',
  'problems',
] as const;
export type ReceptionColumn = (typeof RECEPTION_COLUMNS)[number];
export type ReceptionFigures = Record<ReceptionColumn, number>;

/** The headings of the exported table (Chinese, as the district reads it). */
export const RECEPTION_HEADINGS: Record<'unitId' | 'name' | ReceptionColumn, string> = {
  unitId: '单位代码',
  name: '单位',
  received: '收到',
  acknowledgedOnTime: '按时签收',
  acknowledgedLate: '逾时签收',
  missed: '超期未办',
  overdue: '逾期未办结',
  answeredOnTime: '按时反馈',
  answeredLate: '逾时反馈',
  problems: '接收问题',
};

/** The counters a unit's day keeps besides the receipt outcomes (receiptOutcomes.ts). */
export const RECEIVED = 'received';
export const MISSED = 'missed';

const SHANGHAI_OFFSET_MS = 8 * 3600_000; // China keeps no summer time.

/** The Asia/Shanghai calendar day of an instant: `2026-11-25`. */
export const shanghaiDay = (iso: string): string =>
  new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

const DAY_MS = 24 * 3600_000;

/** The day `days` after `day` (before, when negative); a string that is no day comes back as it is, for the range check to refuse. */
export function addDays(day: string, days: number): string {
  const start = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(start) ? new Date(start + days * DAY_MS).toISOString().slice(0, 10) : day;
}

/** The longest range one bulletin covers. */
export const MAX_BULLETIN_DAYS = 366;

/** A bulletin's range, checked: real days, `from` ≤ `to`, at most a year and a day. */
export function bulletinRange(from: string, to: string): { from: string; to: string } {
  const [start, end] = [Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`)];
  const real = (day: string, ms: number) =>
    Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === day;
  if (!real(from, start) || !real(to, end))
    throw new ValidationError('起止日期格式为 YYYY-MM-DD', [
      ...(real(from, start) ? [] : [{ field: 'from', message: '不是有效日期' }]),
      ...(real(to, end) ? [] : [{ field: 'to', message: '不是有效日期' }]),
    ]);
  if (end < start)
    throw new ValidationError('结束日期早于开始日期', [
      { field: 'to', message: '不能早于开始日期' },
    ]);
  if ((end - start) / DAY_MS + 1 > MAX_BULLETIN_DAYS)
    throw new ValidationError(`通报最多覆盖 ${MAX_BULLETIN_DAYS} 天`, [
      { field: 'to', message: `最多在开始日期后 ${MAX_BULLETIN_DAYS} 天` },
    ]);
  return { from, to };
}

/** A unit's figures from its days' counters, added up. */
export function receptionFigures(days: OutcomeCounts[]): ReceptionFigures {
  const counts: OutcomeCounts = {};
  for (const day of days)
    for (const [name, value] of Object.entries(day)) counts[name] = (counts[name] ?? 0) + value;
  return {
    received: counts[RECEIVED] ?? 0,
    acknowledgedOnTime: countOutcomes(counts, ({ ack }) => ack === 'onTime'),
    acknowledgedLate: countOutcomes(counts, ({ ack }) => ack === 'late'),
    missed: counts[MISSED] ?? 0,
    overdue: Math.max(counts['overdue'] ?? 0, 0),
    answeredOnTime: countOutcomes(counts, ({ answer }) => answer === 'onTime'),
    answeredLate: countOutcomes(counts, ({ answer }) => answer === 'late'),
    problems: counts['problems'] ?? 0,
  };
}

export interface ReceptionRow extends ReceptionFigures {
  unitId: string;
  name: string;
}

/** One row per unit, in the units' order, zeros for a unit that received nothing. */
export function receptionTable(
  units: { id: string; name: string }[],
  days: { unitId: string; counts: OutcomeCounts }[],
): ReceptionRow[] {
  const byUnit = new Map<string, OutcomeCounts[]>();
  for (const day of days) byUnit.set(day.unitId, [...(byUnit.get(day.unitId) ?? []), day.counts]);
  return units.map((unit) => ({
    unitId: unit.id,
    name: unit.name,
    ...receptionFigures(byUnit.get(unit.id) ?? []),
  }));
}
