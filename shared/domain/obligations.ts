import type { Receipt } from './receipts.ts';

/** An obligation still open this long past its deadline is missed (red; counted in the bulletins, Art20). */
export const MISSED_AFTER_MS = 24 * 60 * 60_000;

/**
 * What a receipt owes now: its acknowledgement, the answer of a feedback
 * request, or nothing. A reception problem reported after 签收 leaves the
 * acknowledgement given: the unit still owes its answer.
 */
export function obligationOf(
  receipt: Pick<Receipt, 'kind' | 'status' | 'acknowledgedAt' | 'role' | 'recalledAt'>,
): 'acknowledge' | 'answer' | undefined {
  // 抄送 is for information: nothing is owed. A recalled item is owed no more.
  if (receipt.role === 'copy' || receipt.recalledAt !== undefined) return undefined;
  if (receipt.status === 'responded') return undefined;
  const acknowledged =
    receipt.status === 'acknowledged' ||
    (receipt.status === 'problem' && receipt.acknowledgedAt !== undefined);
  if (!acknowledged) return 'acknowledge';
  return receipt.kind === 'feedback' ? 'answer' : undefined;
}

/** The deadline the current obligation is late against. */
export const obligationDeadline = (
  receipt: Pick<
    Receipt,
    'kind' | 'status' | 'acknowledgedAt' | 'ackDueAt' | 'respondBy' | 'role' | 'recalledAt'
  >,
) =>
  obligationOf(receipt) === 'answer' && receipt.respondBy ? receipt.respondBy : receipt.ackDueAt;

export type Schedulable = Pick<
  Receipt,
  | 'kind'
  | 'status'
  | 'acknowledgedAt'
  | 'ackDueAt'
  | 'respondBy'
  | 'missedAt'
  | 'role'
  | 'recalledAt'
>;

/**
 * Art8.4: while a reception problem is open the unit cannot do what it owes
 * until the sender acts, so nothing chases it (no reminder, no miss); when
 * the sender resolves it, its deadlines move later by the time it was open.
 */
export const remindersPaused = (receipt: Pick<Receipt, 'status'>) => receipt.status === 'problem';

/** The current obligation is past its deadline at `now` (逾期, counted in the bulletins while it lasts). */
export function isOverdue(receipt: Schedulable, now: Date): boolean {
  return (
    obligationOf(receipt) !== undefined &&
    !remindersPaused(receipt) &&
    Date.parse(obligationDeadline(receipt)) <= now.getTime()
  );
}

/**
 * When the current obligation counts as missed, if it is still open then:
 * 24 h past its deadline. Once per receipt: a receipt already missed is not
 * missed again by its answer.
 */
export function missTime(receipt: Schedulable): number | undefined {
  if (receipt.missedAt !== undefined || !obligationOf(receipt) || remindersPaused(receipt))
    return undefined;
  return Date.parse(obligationDeadline(receipt)) + MISSED_AFTER_MS;
}
