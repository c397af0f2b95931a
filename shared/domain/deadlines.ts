import { ValidationError } from '../errors.ts';

export const DISPATCH_KINDS = ['notice', 'document', 'feedback'] as const;
export type DispatchKind = (typeof DISPATCH_KINDS)[number];

/** Art8: a notice within 10 minutes; documents and feedback requests as the sender sets, 60 by default. */
export const DEFAULT_ACK_MINUTES: Record<DispatchKind, number> = {
  notice: 10,
  document: 60,
  feedback: 60,
};

/** 缓急 (Art8): 平急, 加急, 特急. */
export const URGENCIES = ['normal', 'urgent', 'very-urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** A document is acknowledged sooner the more urgent it is: 特急 15 minutes, 加急 30, 平急 60. */
export const DOCUMENT_ACK_MINUTES: Record<Urgency, number> = {
  'very-urgent': 15,
  urgent: 30,
  normal: 60,
};

/** The minutes a recipient has to acknowledge when the sender does not say. */
export const defaultAckMinutes = (kind: DispatchKind, urgency: Urgency = 'normal'): number =>
  kind === 'document' ? DOCUMENT_ACK_MINUTES[urgency] : DEFAULT_ACK_MINUTES[kind];

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
  urgency?: Urgency | undefined;
}): Deadlines {
  const { kind, sentAt, respondBy } = input;
  const ackDue = new Date(
    sentAt.getTime() + (input.ackWithinMinutes ?? defaultAckMinutes(kind, input.urgency)) * MINUTE,
  );

  if (kind !== 'feedback') {
    if (respondBy !== undefined) {
      throw new ValidationError('只有反馈类文件有反馈截止时间', [
        { field: 'respondBy', message: `这类文件不能设定` },
      ]);
    }
    return { ackDueAt: ackDue.toISOString() };
  }
  if (respondBy === undefined) {
    throw new ValidationError('反馈类文件须设定反馈截止时间', [
      { field: 'respondBy', message: '反馈类文件必填' },
    ]);
  }
  if (respondBy.getTime() <= sentAt.getTime()) {
    throw new ValidationError('反馈截止时间已过', [
      { field: 'respondBy', message: '须为将来的时间' },
    ]);
  }
  const ackDueAt = ackDue.getTime() < respondBy.getTime() ? ackDue : respondBy;
  return { ackDueAt: ackDueAt.toISOString(), respondBy: respondBy.toISOString() };
}
