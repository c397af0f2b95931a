import { describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/domain/receipts.ts';
import {
  raiseSupervision,
  supervisionOf,
  worstSupervision,
} from '../../../shared/domain/supervision.ts';

const notice: Receipt = {
  dispatchId: '01JDISPATCH0000000000000000',
  unitId: 'environment',
  kind: 'notice',
  title: '通知',
  sentAt: '2026-11-25T02:00:00.000Z',
  ackDueAt: '2026-11-25T02:10:00.000Z',
  status: 'pending',
};
const at = (text: string) => new Date(text);

describe('supervision colours', () => {
  it('rise and never fall', () => {
    expect(raiseSupervision(undefined, 'blue')).toBe('blue');
    expect(raiseSupervision('blue', 'orange')).toBe('orange');
    expect(raiseSupervision('orange', 'blue')).toBe('orange');
    expect(raiseSupervision('red', 'orange')).toBe('red');
    expect(worstSupervision(['none', 'blue', 'orange', 'blue'])).toBe('orange');
    expect(worstSupervision([])).toBe('none');
  });

  it('show what the check recorded, and red as soon as an open item is 24 h past its deadline', () => {
    expect(supervisionOf(notice, at('2026-11-25T02:11:00Z'))).toBe('none');
    expect(supervisionOf({ ...notice, supervision: 'blue' }, at('2026-11-25T02:11:00Z'))).toBe(
      'blue',
    );
    expect(supervisionOf({ ...notice, supervision: 'orange' }, at('2026-11-26T02:10:00Z'))).toBe(
      'orange',
    );
    expect(supervisionOf({ ...notice, supervision: 'orange' }, at('2026-11-26T02:10:01Z'))).toBe(
      'red',
    );
  });

  it('keep a missed item red after it is done late, and leave a done item its colour', () => {
    const acknowledged = {
      ...notice,
      status: 'acknowledged' as const,
      acknowledgedAt: '2026-11-27T00:00:00.000Z',
    };
    expect(supervisionOf({ ...acknowledged, supervision: 'red' }, at('2026-12-01T00:00:00Z'))).toBe(
      'red',
    );
    expect(supervisionOf(acknowledged, at('2026-12-01T00:00:00Z'))).toBe('none');
  });

  it('judge a feedback request’s answer against its own deadline once 签收 is given', () => {
    const feedback: Receipt = {
      ...notice,
      kind: 'feedback',
      status: 'acknowledged',
      acknowledgedAt: '2026-11-25T02:05:00.000Z',
      respondBy: '2026-11-28T08:00:00.000Z',
    };
    expect(supervisionOf(feedback, at('2026-11-29T08:00:00Z'))).toBe('none');
    expect(supervisionOf(feedback, at('2026-11-29T08:00:01Z'))).toBe('red');
  });
});
