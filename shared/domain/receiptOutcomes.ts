import type { Dispatch } from './dispatches.ts';
import type { Receipt } from './receipts.ts';

/**
 * What became of a receipt, from its stored times alone (never "now"): its
 * acknowledgement and its answer, each none yet, on time, or late. A
 * dispatch counts its receipts by outcome, and so does a unit's day in the
 * reception bulletins, so that figures are read from a few counters and
 * never from the receipts.
 */
export type Timeliness = 'none' | 'onTime' | 'late';

export interface ReceiptOutcome {
  ack: Timeliness;
  answer: Timeliness;
}

export function receiptOutcome(receipt: Receipt): ReceiptOutcome {
  const ack = !receipt.acknowledgedAt
    ? 'none'
    : receipt.acknowledgedAt > receipt.ackDueAt
      ? 'late'
      : 'onTime';
  const answer = !receipt.respondedAt
    ? 'none'
    : receipt.respondBy && receipt.respondedAt > receipt.respondBy
      ? 'late'
      : 'onTime';
  return { ack, answer };
}

/** Every outcome with an acknowledgement: the counters kept (an answer always acknowledges too). */
export const OUTCOMES = (['onTime', 'late'] as const).flatMap((ack) =>
  (['none', 'onTime', 'late'] as const).map((answer) => ({ ack, answer })),
);

/** The counter of an outcome: `ack_onTime__ans_none`. */
export const outcomeCounter = ({ ack, answer }: ReceiptOutcome) => `ack_${ack}__ans_${answer}`;

/** The counters a dispatch keeps: one per outcome, its reception problems, and those overdue now. */
export const DISPATCH_COUNTERS = [
  ...OUTCOMES.map((outcome) => outcomeCounter(outcome)),
  'problems',
  'overdue',
];

export type OutcomeCounts = Record<string, number>;

/**
 * How a change of one receipt moves the counters: one down for the outcome
 * it leaves, one up for the one it reaches; nothing when the outcome stays.
 */
export function outcomeDelta(before: Receipt, after: Receipt): OutcomeCounts {
  const [from, to] = [receiptOutcome(before), receiptOutcome(after)];
  if (from.ack === to.ack && from.answer === to.answer) return {};
  return {
    ...(from.ack === 'none' ? {} : { [outcomeCounter(from)]: -1 }),
    ...(to.ack === 'none' ? {} : { [outcomeCounter(to)]: 1 }),
  };
}

/** How many receipts the counters hold whose outcome matches. */
export const countOutcomes = (counts: OutcomeCounts, match: (outcome: ReceiptOutcome) => boolean) =>
  OUTCOMES.filter(match).reduce((sum, outcome) => sum + (counts[outcomeCounter(outcome)] ?? 0), 0);

/**
 * A dispatch's figures from its counters: how many units acknowledged and
 * answered, and how many are late now, exactly as `isLate` judges each
 * receipt: acknowledged or answered late, or still owing past the deadline.
 */
export function dispatchFigures(
  dispatch: Pick<Dispatch, 'kind' | 'ackDueAt' | 'respondBy' | 'status' | 'recalledAt'> & {
    recipientCount: number;
  },
  counts: OutcomeCounts,
  now: Date,
): { acknowledged: number; answered: number; late: number } {
  if (dispatch.status === 'draft') return { acknowledged: 0, answered: 0, late: 0 };
  // A recalled item is judged as it stood when it was recalled.
  const nowIso = dispatch.recalledAt ?? now.toISOString();
  const acknowledged = countOutcomes(counts, () => true);
  const answered = countOutcomes(counts, ({ answer }) => answer !== 'none');
  const unacknowledged = dispatch.recipientCount - acknowledged;
  const owingAnswer = countOutcomes(
    counts,
    ({ ack, answer }) => ack === 'onTime' && answer === 'none',
  );
  const late =
    countOutcomes(counts, ({ ack, answer }) => ack === 'late' || answer === 'late') +
    (nowIso > dispatch.ackDueAt ? unacknowledged : 0) +
    (dispatch.kind === 'feedback' && dispatch.respondBy && nowIso > dispatch.respondBy
      ? owingAnswer
      : 0);
  return { acknowledged, answered, late };
}
