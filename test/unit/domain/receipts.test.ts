import { describe, expect, it } from 'vitest';
import {
  acknowledgement,
  answer,
  isLate,
  receptionProblem,
  type Receipt,
} from '../../../shared/domain/receipts.ts';
import { DEFAULT_REMINDER_SETTINGS as settings } from '../../../shared/domain/reminders.ts';
import type { Principal } from '../../../shared/domain/principal.ts';
import { ConflictError } from '../../../shared/errors.ts';

const notice: Receipt = {
  dispatchId: '01JDISPATCH0000000000000000',
  unitId: 'environment',
  kind: 'notice',
  title: '通知',
  sentAt: '2026-11-25T02:00:00.000Z',
  ackDueAt: '2026-11-25T02:10:00.000Z',
  status: 'pending',
};
const feedback: Receipt = {
  ...notice,
  kind: 'feedback',
  ackDueAt: '2026-11-25T03:00:00.000Z',
  respondBy: '2026-11-27T08:00:00.000Z',
};
const at = (iso: string) => new Date(iso);
const person = (sub: string): Principal => ({
  sub,
  unitId: 'environment',
  groups: ['unit-staff'],
  sourceIp: '10.0.0.1',
});
const [alice, bob] = [person('alice'), person('bob')];
const given = { summary: '已办理', contactName: '张三', contactPhone: '+8613800000001' };

describe('receipt state machine', () => {
  it('acknowledges a pending receipt, and a second acknowledgement changes nothing', () => {
    const change = acknowledgement(notice, alice, at('2026-11-25T02:05:00.000Z'), settings);
    const set = change?.set;
    expect(change?.audit).toEqual({
      action: 'receipt.acknowledge',
      target: 'DISPATCH#01JDISPATCH0000000000000000',
      actor: alice,
      at: '2026-11-25T02:05:00.000Z',
      details: { unitId: 'environment' },
    });
    expect(set).toEqual({
      status: 'acknowledged',
      acknowledgedAt: '2026-11-25T02:05:00.000Z',
      acknowledgedBy: 'alice',
      remindersSent: 0,
      dueAt: undefined,
    });
    expect(
      acknowledgement({ ...notice, ...set }, bob, at('2026-11-25T02:06:00.000Z'), settings),
    ).toBeUndefined();
  });

  it('acknowledges a receipt with an open reception problem', () => {
    expect(
      acknowledgement(
        { ...notice, status: 'problem' },
        alice,
        at('2026-11-25T02:05:00.000Z'),
        settings,
      )?.set.status,
    ).toBe('acknowledged');
  });

  it('starts the answer reminders of a feedback request when it is acknowledged, skipping times already past', () => {
    // Acknowledged 30 h before the answer is due: the 24 h and 2 h reminders are ahead.
    expect(
      acknowledgement(feedback, alice, at('2026-11-26T02:00:00.000Z'), settings)?.set,
    ).toMatchObject({ remindersSent: 0, dueAt: '2026-11-26T08:00:00.000Z' });
    // Acknowledged 3 h before: the 24 h reminder is skipped, the 2 h one is next.
    expect(
      acknowledgement(feedback, alice, at('2026-11-27T05:00:00.000Z'), settings)?.set,
    ).toMatchObject({ remindersSent: 1, dueAt: '2026-11-27T06:00:00.000Z' });
  });

  it('answers a feedback request once, acknowledging it on the way', () => {
    const { set, audit } = answer(feedback, alice, at('2026-11-26T00:00:00.000Z'), given);
    expect(audit).toMatchObject({ action: 'receipt.answer', actor: alice });
    expect(set).toMatchObject({
      status: 'responded',
      acknowledgedAt: '2026-11-26T00:00:00.000Z',
      respondedBy: 'alice',
      answer: given,
    });
    expect('dueAt' in set && set.dueAt === undefined).toBe(true);
    expect(() =>
      answer({ ...feedback, ...set }, bob, at('2026-11-26T01:00:00.000Z'), given),
    ).toThrow(ConflictError);
  });

  it('refuses an answer to a notice', () => {
    expect(() => answer(notice, alice, at('2026-11-25T02:05:00.000Z'), given)).toThrow(
      /只有反馈类文件/,
    );
  });

  it('takes a reception problem until the answer, also after 签收; 签收 again keeps the first', () => {
    const report = {
      description: '附件打不开',
      contactName: '王五',
      contactPhone: '+8613800000009',
    };
    const now = at('2026-11-25T02:05:00.000Z');
    const decided = receptionProblem(notice, alice, now, report);
    expect(decided.set).toEqual({ status: 'problem' });
    expect(decided.problem).toMatchObject({
      dispatchId: notice.dispatchId,
      unitId: 'environment',
      ...report,
      reportedAt: '2026-11-25T02:05:00.000Z',
      reportedBy: 'alice',
    });
    expect(decided.audit).toMatchObject({
      action: 'receipt.problem',
      target: 'DISPATCH#01JDISPATCH0000000000000000',
    });
    const acknowledged = {
      ...notice,
      status: 'acknowledged' as const,
      acknowledgedAt: '2026-11-25T02:01:00.000Z',
      acknowledgedBy: 'alice',
    };
    expect(receptionProblem(acknowledged, alice, now, report).set).toEqual({ status: 'problem' });
    expect(
      acknowledgement({ ...acknowledged, status: 'problem' }, alice, now, settings)?.set,
    ).toEqual({ status: 'acknowledged' });
    expect(() =>
      receptionProblem({ ...acknowledged, status: 'responded' }, alice, now, report),
    ).toThrow(ConflictError);
  });
});

describe('isLate', () => {
  it('is late when still unacknowledged past the deadline', () => {
    expect(isLate(notice, at('2026-11-25T02:09:59.999Z'))).toBe(false);
    expect(isLate(notice, at('2026-11-25T02:10:00.001Z'))).toBe(true);
  });
  it('judges an acknowledgement by when it came, not by now', () => {
    const onTime = {
      ...notice,
      status: 'acknowledged' as const,
      acknowledgedAt: '2026-11-25T02:09:00.000Z',
    };
    expect(isLate(onTime, at('2026-12-01T00:00:00.000Z'))).toBe(false);
    expect(
      isLate(
        { ...onTime, acknowledgedAt: '2026-11-25T02:11:00.000Z' },
        at('2026-11-25T02:12:00.000Z'),
      ),
    ).toBe(true);
  });
  it('is late when a feedback answer comes after its deadline', () => {
    const answered = {
      ...feedback,
      status: 'responded' as const,
      acknowledgedAt: '2026-11-25T02:30:00.000Z',
      respondedAt: '2026-11-27T09:00:00.000Z',
    };
    expect(isLate(answered, at('2026-11-28T00:00:00.000Z'))).toBe(true);
    expect(
      isLate(
        { ...answered, respondedAt: '2026-11-27T07:00:00.000Z' },
        at('2026-11-28T00:00:00.000Z'),
      ),
    ).toBe(false);
  });
});
