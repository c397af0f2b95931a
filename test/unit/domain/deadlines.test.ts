import { describe, expect, it } from 'vitest';
import { dispatchDeadlines } from '../../../shared/domain/deadlines.ts';
import { ValidationError } from '../../../shared/errors.ts';

const sentAt = new Date('2026-11-25T02:00:00.000Z');

describe('dispatchDeadlines', () => {
  it('gives a notice 10 minutes to be acknowledged by default', () => {
    expect(dispatchDeadlines({ kind: 'notice', sentAt })).toEqual({
      ackDueAt: '2026-11-25T02:10:00.000Z',
    });
  });

  it('gives a document 60 minutes by default and honours the sender’s own limit', () => {
    expect(dispatchDeadlines({ kind: 'document', sentAt }).ackDueAt).toBe(
      '2026-11-25T03:00:00.000Z',
    );
    expect(dispatchDeadlines({ kind: 'document', sentAt, ackWithinMinutes: 30 }).ackDueAt).toBe(
      '2026-11-25T02:30:00.000Z',
    );
  });

  it('requires a future response deadline for a feedback request', () => {
    expect(() => dispatchDeadlines({ kind: 'feedback', sentAt })).toThrow(ValidationError);
    expect(() => dispatchDeadlines({ kind: 'feedback', sentAt, respondBy: sentAt })).toThrow(
      /已过/,
    );
    expect(
      dispatchDeadlines({ kind: 'feedback', sentAt, respondBy: new Date('2026-11-27T08:00:00Z') }),
    ).toEqual({
      ackDueAt: '2026-11-25T03:00:00.000Z',
      respondBy: '2026-11-27T08:00:00.000Z',
    });
  });

  it('never makes a feedback request due for acknowledgement after its answer is due', () => {
    const respondBy = new Date('2026-11-25T02:20:00.000Z');
    expect(dispatchDeadlines({ kind: 'feedback', sentAt, respondBy }).ackDueAt).toBe(
      '2026-11-25T02:20:00.000Z',
    );
  });

  it('refuses a response deadline on a notice', () => {
    expect(() =>
      dispatchDeadlines({ kind: 'notice', sentAt, respondBy: new Date('2026-11-26T00:00:00Z') }),
    ).toThrow(ValidationError);
  });
});
