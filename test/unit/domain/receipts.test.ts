import { describe, expect, it } from 'vitest';
import { acknowledgement, answer, dueAt, isLate, receptionProblem, type Receipt } from '../../../shared/domain/receipts.ts';
import { ConflictError } from '../../../shared/errors.ts';

const notice: Receipt = {
  dispatchId: '01JDISPATCH0000000000000000', unitId: 'environment', kind: 'notice', title: '通知',
  sentAt: '2026-11-25T02:00:00.000Z', ackDueAt: '2026-11-25T02:10:00.000Z', status: 'pending',
};
const feedback: Receipt = { ...notice, kind: 'feedback', ackDueAt: '2026-11-25T03:00:00.000Z', respondBy: '2026-11-27T08:00:00.000Z' };
const at = (iso: string) => new Date(iso);
const given = { summary: '已办理', contactName: '张三', contactPhone: '+8613800000001' };

describe('receipt state machine', () => {
  it('acknowledges a pending receipt, and a second acknowledgement changes nothing', () => {
    const set = acknowledgement(notice, 'alice', at('2026-11-25T02:05:00.000Z'));
    expect(set).toEqual({ status: 'acknowledged', acknowledgedAt: '2026-11-25T02:05:00.000Z', acknowledgedBy: 'alice' });
    expect(acknowledgement({ ...notice, ...set }, 'bob', at('2026-11-25T02:06:00.000Z'))).toBeUndefined();
  });

  it('acknowledges a receipt with an open reception problem', () => {
    expect(acknowledgement({ ...notice, status: 'problem' }, 'alice', at('2026-11-25T02:05:00.000Z'))?.status).toBe('acknowledged');
  });

  it('answers a feedback request once, acknowledging it on the way', () => {
    const set = answer(feedback, 'alice', at('2026-11-26T00:00:00.000Z'), given);
    expect(set).toMatchObject({ status: 'responded', acknowledgedAt: '2026-11-26T00:00:00.000Z', respondedBy: 'alice', answer: given });
    expect(() => answer({ ...feedback, ...set }, 'bob', at('2026-11-26T01:00:00.000Z'), given)).toThrow(ConflictError);
  });

  it('refuses an answer to a notice', () => {
    expect(() => answer(notice, 'alice', at('2026-11-25T02:05:00.000Z'), given)).toThrow(/feedback/);
  });

  it('takes a reception problem only before the acknowledgement', () => {
    expect(receptionProblem(notice)).toEqual({ status: 'problem' });
    expect(() => receptionProblem({ ...notice, status: 'acknowledged' })).toThrow(ConflictError);
  });
});

describe('dueAt', () => {
  it('is the acknowledgement deadline while pending or with a problem', () => {
    expect(dueAt(notice)).toBe(notice.ackDueAt);
    expect(dueAt({ ...notice, status: 'problem' })).toBe(notice.ackDueAt);
  });
  it('is the response deadline of an acknowledged feedback request and nothing once answered', () => {
    expect(dueAt({ ...feedback, status: 'acknowledged' })).toBe(feedback.respondBy);
    expect(dueAt({ ...feedback, status: 'responded' })).toBeUndefined();
    expect(dueAt({ ...notice, status: 'acknowledged' })).toBeUndefined();
  });
});

describe('isLate', () => {
  it('is late when still unacknowledged past the deadline', () => {
    expect(isLate(notice, at('2026-11-25T02:09:59.999Z'))).toBe(false);
    expect(isLate(notice, at('2026-11-25T02:10:00.001Z'))).toBe(true);
  });
  it('judges an acknowledgement by when it came, not by now', () => {
    const onTime = { ...notice, status: 'acknowledged' as const, acknowledgedAt: '2026-11-25T02:09:00.000Z' };
    expect(isLate(onTime, at('2026-12-01T00:00:00.000Z'))).toBe(false);
    expect(isLate({ ...onTime, acknowledgedAt: '2026-11-25T02:11:00.000Z' }, at('2026-11-25T02:12:00.000Z'))).toBe(true);
  });
  it('is late when a feedback answer comes after its deadline', () => {
    const answered = { ...feedback, status: 'responded' as const, acknowledgedAt: '2026-11-25T02:30:00.000Z', respondedAt: '2026-11-27T09:00:00.000Z' };
    expect(isLate(answered, at('2026-11-28T00:00:00.000Z'))).toBe(true);
    expect(isLate({ ...answered, respondedAt: '2026-11-27T07:00:00.000Z' }, at('2026-11-28T00:00:00.000Z'))).toBe(false);
  });
});
