import { ValidationError } from '../errors.ts';

export const DISPATCH_KINDS = ['notice', 'document', 'feedback'] as const;
export type DispatchKind = (typeof DISPATCH_KINDS)[number];

/** Art8: a notice within 10 minutes; documents and feedback requests as the sender sets, 60 by default. */
export const DEFAULT_ACK_MINUTES: Record<DispatchKind, number> = {
  notice: 10,
  document: 60,
  feedback: 60,
};

export interface Deadlines {
  ackDueAt: string;
  respondBy?: string;
}

const MINUTE = 60_000;

/**
 * When each recipient owes its acknowledgement and, for a feedback request,
 * its answer. A feedback request is never due to be acknowledged after it is
 * due to be answered.
 */
export function dispatchDeadlines(input: {
  kind: DispatchKind;
  sentAt: Date;
  ackWithinMinutes?: number | undefined;
  respondBy?: Date | undefined;
}): Deadlines {
  const { kind, sentAt, respondBy } = input;
  const ackDue = new Date(
    sentAt.getTime() + (input.ackWithinMinutes ?? DEFAULT_ACK_MINUTES[kind]) * MINUTE,
  );

  if (kind !== 'feedback') {
    if (respondBy !== undefined) {
      throw new ValidationError('only a feedback request has a response deadline', [
        { field: 'respondBy', message: `not allowed for kind "${kind}"` },
      ]);
    }
    return { ackDueAt: ackDue.toISOString() };
  }
  if (respondBy === undefined) {
    throw new ValidationError('a feedback request needs a response deadline', [
      { field: 'respondBy', message: 'required for kind "feedback"' },
    ]);
  }
  if (respondBy.getTime() <= sentAt.getTime()) {
    throw new ValidationError('the response deadline has passed', [
      { field: 'respondBy', message: 'must be in the future' },
    ]);
  }
  const ackDueAt = ackDue.getTime() < respondBy.getTime() ? ackDue : respondBy;
  return { ackDueAt: ackDueAt.toISOString(), respondBy: respondBy.toISOString() };
}
