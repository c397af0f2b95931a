import type { Receipt } from './receipts.ts';
import {
  MISSED_AFTER_MS,
  obligationDeadline,
  obligationOf,
  remindersPaused,
  type Schedulable,
} from './obligations.ts';

/**
 * How closely the district office watches an item (Art20, API.md
 * "Accountability"): `blue` once the unit was reminded (催办), `orange` once
 * the district office was told (督办), `red` when it was still open 24 h past
 * its deadline (missed). A colour only ever rises.
 */
export const SUPERVISION = ['none', 'blue', 'orange', 'red'] as const;
export type Supervision = (typeof SUPERVISION)[number];

const rank = (colour: Supervision | undefined) => SUPERVISION.indexOf(colour ?? 'none');

/** The higher of two colours. */
export const raiseSupervision = (current: Supervision | undefined, to: Supervision): Supervision =>
  rank(to) > rank(current) ? to : (current ?? 'none');

/** The worst colour among several (a dispatch's, from its receipts). */
export const worstSupervision = (colours: Supervision[]): Supervision =>
  colours.reduce<Supervision>(raiseSupervision, 'none');

/**
 * A receipt's colour now: what the reminder check recorded as it ran, or red
 * already when the obligation is open 24 h past its deadline and the check
 * has not come by yet.
 */
export function supervisionOf(
  receipt: Schedulable & Pick<Receipt, 'supervision'>,
  now: Date,
): Supervision {
  const missed =
    obligationOf(receipt) !== undefined &&
    !remindersPaused(receipt) &&
    now.getTime() > Date.parse(obligationDeadline(receipt)) + MISSED_AFTER_MS;
  return missed ? 'red' : (receipt.supervision ?? 'none');
}
