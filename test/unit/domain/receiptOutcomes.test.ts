import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dispatchFigures,
  outcomeDelta,
  receiptOutcome,
  type OutcomeCounts,
} from '../../../shared/domain/receiptOutcomes.ts';
import { isLate, type Receipt } from '../../../shared/domain/receipts.ts';

const sentAt = Date.parse('2026-11-25T02:00:00.000Z');
const iso = (minutes: number) => new Date(sentAt + minutes * 60_000).toISOString();

const pending = (kind: Receipt['kind']): Receipt => ({
  dispatchId: '01JDISPATCH0000000000000000',
  unitId: 'health',
  kind,
  title: '通知',
  sentAt: iso(0),
  ackDueAt: iso(60),
  ...(kind === 'feedback' ? { respondBy: iso(600) } : {}),
  status: 'pending',
});

/** A receipt in any state it can reach: acknowledged (or not) at some minute, answered (or not) after. */
const receiptOf = (kind: Receipt['kind']) =>
  fc
    .record({
      ackAt: fc.option(fc.integer({ min: 1, max: 900 }), { nil: undefined }),
      answerAfter: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    })
    .map(({ ackAt, answerAfter }): Receipt => {
      const base = pending(kind);
      if (ackAt === undefined) return base;
      const acknowledged = { ...base, status: 'acknowledged' as const, acknowledgedAt: iso(ackAt) };
      if (kind !== 'feedback' || answerAfter === undefined) return acknowledged;
      return { ...acknowledged, status: 'responded', respondedAt: iso(ackAt + answerAfter) };
    });

describe('receipt outcomes', () => {
  it('judge an acknowledgement and an answer by when they came', () => {
    const answered: Receipt = {
      ...pending('feedback'),
      status: 'responded',
      acknowledgedAt: iso(30),
      respondedAt: iso(700),
    };
    expect(receiptOutcome(pending('notice'))).toEqual({ ack: 'none', answer: 'none' });
    expect(receiptOutcome(answered)).toEqual({ ack: 'onTime', answer: 'late' });
    expect(outcomeDelta(pending('feedback'), answered)).toEqual({ ack_onTime__ans_late: 1 });
  });

  it('give a dispatch the same figures as judging every receipt, at any time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Receipt['kind']>('notice', 'document', 'feedback'),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 12 }),
        (kind, nowMinutes, size) => {
          const receipts = fc.sample(receiptOf(kind), size);
          const counts: OutcomeCounts = {};
          for (const receipt of receipts) {
            for (const [name, delta] of Object.entries(outcomeDelta(pending(kind), receipt))) {
              counts[name] = (counts[name] ?? 0) + delta;
            }
          }
          const now = new Date(iso(nowMinutes));
          const { status: _status, ...sent } = pending(kind);
          const dispatch = { ...sent, recipientCount: receipts.length };
          expect(dispatchFigures(dispatch, counts, now)).toEqual({
            acknowledged: receipts.filter((receipt) => receipt.acknowledgedAt).length,
            answered: receipts.filter((receipt) => receipt.respondedAt).length,
            late: receipts.filter((receipt) => isLate(receipt, now)).length,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
