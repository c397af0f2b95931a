import { describe, expect, it } from 'vitest';
import {
  acknowledgement,
  answer,
  isLate,
  problemResolution,
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
const person = (sub: string, name: string): Principal => ({
  sub,
  name,
  unitId: 'environment',
  groups: ['unit-staff'],
  sourceIp: '10.0.0.1',
});
// Records name the person (签收人, 反馈人), not the account's id.
const [alice, bob] = [person('alice', '李四'), person('bob', '赵六')];
const office: Principal = {
  sub: 'clerk',
  name: '王秘书',
  unitId: 'district-office',
  groups: ['district-office'],
  sourceIp: '10.0.0.2',
};
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
      acknowledgedBy: '李四',
      remindersSent: 0,
      dueAt: undefined,
    });
    expect(
      acknowledgement({ ...notice, ...set }, bob, at('2026-11-25T02:06:00.000Z'), settings),
    ).toBeUndefined();
  });

  it('records 签收 during an open reception problem and keeps the receipt paused', () => {
    const set = acknowledgement(
      { ...notice, status: 'problem', openProblems: 1, problemSince: notice.sentAt },
      alice,
      at('2026-11-25T02:05:00.000Z'),
      settings,
    )?.set;
    expect(set).toMatchObject({ status: 'problem', acknowledgedAt: '2026-11-25T02:05:00.000Z' });
    expect(set?.dueAt).toBeUndefined();
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
      respondedBy: '李四',
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

  it('takes a reception problem until the answer, also after 签收, and pauses the reminders', () => {
    const report = {
      description: '附件打不开',
      contactName: '王五',
      contactPhone: '+8613800000009',
    };
    const now = at('2026-11-25T02:05:00.000Z');
    const decided = receptionProblem(notice, alice, now, report);
    expect(decided.set).toEqual({
      status: 'problem',
      openProblems: 1,
      problemSince: '2026-11-25T02:05:00.000Z',
      dueAt: undefined,
    });
    expect(decided.problem).toMatchObject({
      dispatchId: notice.dispatchId,
      unitId: 'environment',
      ...report,
      reportedAt: '2026-11-25T02:05:00.000Z',
      reportedBy: '李四',
      status: 'open',
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
    expect(receptionProblem(acknowledged, alice, now, report).set).toMatchObject({
      status: 'problem',
      openProblems: 1,
    });
    // 签收 again while it is open changes nothing: the first stands.
    expect(
      acknowledgement(
        { ...acknowledged, status: 'problem', openProblems: 1 },
        alice,
        now,
        settings,
      ),
    ).toBeUndefined();
    expect(() =>
      receptionProblem({ ...acknowledged, status: 'responded' }, alice, now, report),
    ).toThrow(ConflictError);
  });

  it('resumes a receipt when the sender resolves its last problem, its deadline later by the time it was open', () => {
    const report = { description: '没有附件', contactName: '王五', contactPhone: '+8613800000009' };
    const reported = receptionProblem(notice, alice, at('2026-11-25T02:05:00.000Z'), report);
    const paused = { ...notice, ...reported.set };
    const resolved = problemResolution(
      paused,
      reported.problem,
      office,
      at('2026-11-25T03:05:00.000Z'),
      { resolution: '已补发附件', attachments: [] },
      settings,
    );
    // Open an hour: the 签收 deadline (02:10) moves to 03:10, and its reminders start again.
    expect(resolved.set).toMatchObject({
      status: 'pending',
      ackDueAt: '2026-11-25T03:10:00.000Z',
      remindersSent: 0,
      dueAt: '2026-11-25T03:10:00.000Z',
    });
    expect(resolved.problem).toMatchObject({
      status: 'resolved',
      resolution: '已补发附件',
      resolvedAt: '2026-11-25T03:05:00.000Z',
    });
    expect(resolved.audit.action).toBe('dispatch.resolve-problem');
    // Resolving it again is refused.
    expect(() =>
      problemResolution(
        { ...paused, ...resolved.set },
        resolved.problem,
        office,
        at('2026-11-25T03:06:00.000Z'),
        { resolution: '再次', attachments: [] },
        settings,
      ),
    ).toThrow(ConflictError);
    // With a second problem still open, the receipt stays paused.
    const second = receptionProblem(paused, alice, at('2026-11-25T02:30:00.000Z'), report);
    const both = { ...paused, ...second.set };
    expect(both.openProblems).toBe(2);
    expect(
      problemResolution(
        both,
        reported.problem,
        office,
        at('2026-11-25T03:05:00.000Z'),
        {
          resolution: '已补发',
          attachments: [],
        },
        settings,
      ).set,
    ).toEqual({ openProblems: 1 });
  });

  it('refuses every step on a recalled item, and a copy owes no answer', () => {
    const recalledNotice = { ...notice, recalledAt: '2026-11-25T02:03:00.000Z' };
    expect(() =>
      acknowledgement(recalledNotice, alice, at('2026-11-25T02:05:00.000Z'), settings),
    ).toThrow(/撤回/);
    expect(() =>
      answer({ ...feedback, role: 'copy' }, alice, at('2026-11-26T00:00:00.000Z'), given),
    ).toThrow(/抄送/);
    expect(isLate({ ...notice, role: 'copy' }, at('2026-12-01T00:00:00.000Z'))).toBe(false);
    // A recalled item is judged when it was recalled: before its deadline, never late.
    expect(isLate(recalledNotice, at('2026-12-01T00:00:00.000Z'))).toBe(false);
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
