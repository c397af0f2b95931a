import type { SmsMessage } from './smsTemplates.ts';
import type { DispatchKind } from './deadlines.ts';
import type { WorkingHours } from './duty.ts';
import type { ReportChaseSettings } from './workOrders.ts';
import type { Receipt } from './receipts.ts';
import { raiseSupervision, type Supervision } from './supervision.ts';
import {
  missTime,
  obligationDeadline,
  obligationOf,
  remindersPaused,
  type Schedulable,
} from './obligations.ts';

/**
 * When reminders go out (Art7, Art8), per kind. Data, changed by the district
 * office through `PUT /settings/reminders`; these are the defaults.
 */
export interface KindReminderSettings {
  /** The first reminder goes this long after the deadline (0: at the deadline). */
  firstAfterDeadlineMinutes: number;
  /** Then again every this many minutes while the item is still owed. */
  repeatEveryMinutes: number;
  /** After this many reminders to the unit, the district office is told too. */
  escalateAfter: number;
  /** No more reminders for one obligation (acknowledge, answer) than this. */
  maxReminders: number;
  /** Feedback requests: reminders this long before the answer is due. */
  answerRemindersBeforeMinutes?: number[];
}

/**
 * The district's reminder settings: when reminders go out, per kind, and
 * the office's working hours on a working day (`PUT /calendar` says which
 * days are worked). Outside working hours reminders go to whoever is on duty.
 */
export type ReminderSettings = Record<DispatchKind, KindReminderSettings> & {
  workingHours?: WorkingHours[];
  /** Kinds that are sent only as a draft signed off by the head of the district office (审核登记). */
  signOffRequired?: DispatchKind[];
  /** How citizens' reports are chased (workOrders.ts has the defaults). */
  report?: ReportChaseSettings;
};

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  notice: {
    firstAfterDeadlineMinutes: 0,
    repeatEveryMinutes: 10,
    escalateAfter: 2,
    maxReminders: 6,
  },
  document: {
    firstAfterDeadlineMinutes: 0,
    repeatEveryMinutes: 10,
    escalateAfter: 2,
    maxReminders: 6,
  },
  feedback: {
    firstAfterDeadlineMinutes: 0,
    repeatEveryMinutes: 10,
    escalateAfter: 2,
    maxReminders: 6,
    answerRemindersBeforeMinutes: [24 * 60, 2 * 60],
  },
};

const MINUTE = 60_000;

/**
 * The reminder times of the receipt's current obligation, in order: the
 * "before" reminders of a feedback answer, then the deadline (plus any grace)
 * and its repeats, at most `maxReminders` in all.
 */
export function reminderSchedule(receipt: Schedulable, settings: ReminderSettings): number[] {
  const obligation = obligationOf(receipt);
  if (!obligation || remindersPaused(receipt)) return [];
  const kind = settings[receipt.kind];
  const deadline = Date.parse(
    obligation === 'acknowledge' ? receipt.ackDueAt : (receipt.respondBy ?? receipt.ackDueAt),
  );
  const before =
    obligation === 'answer'
      ? [...(kind.answerRemindersBeforeMinutes ?? [])]
          .sort((a, b) => b - a)
          .map((m) => deadline - m * MINUTE)
      : [];
  const after = Array.from(
    { length: kind.maxReminders },
    (_, i) => deadline + (kind.firstAfterDeadlineMinutes + i * kind.repeatEveryMinutes) * MINUTE,
  );
  return [...before, ...after].slice(0, kind.maxReminders);
}

export interface ReminderState {
  /** How many reminder times of the current obligation are used up. */
  remindersSent: number;
  /**
   * When the check looks at the receipt next: its next reminder, or after the
   * last one the time it would be missed; undefined when nothing is left.
   */
  dueAt?: string;
}

/**
 * Where a receipt's reminders stand when its obligation begins at `now`
 * (sent, or acknowledged): times already past are skipped, not sent late.
 * The acknowledgement's first time is its deadline, which is never past.
 */
export function startReminders(
  receipt: Schedulable,
  settings: ReminderSettings,
  now: Date,
): ReminderState {
  return startChase(reminderSchedule(receipt, settings), missTime(receipt), now);
}

export interface ReminderDecision extends ReminderState {
  /** Whether a reminder goes out now. */
  remind: boolean;
  /** Whether it also goes to the district office. */
  escalate: boolean;
  /** The obligation is still open 24 h past its deadline: missed now. */
  missed: boolean;
  /** The reminder goes before the deadline (a feedback answer's "before" reminders): nothing is late yet. */
  early: boolean;
  /** The receipt's colour after this decision, when it changes (never down). */
  supervision?: Supervision;
}

/**
 * The reminder check's rule for one due receipt. All times up to `now` are
 * covered by one SMS (after an outage the unit gets one message, not a
 * backlog); the escalation counts the times, so lateness still escalates.
 */
export function decideReminder(
  receipt: Receipt,
  settings: ReminderSettings,
  now: Date,
): ReminderDecision {
  return decideChase(
    {
      schedule: reminderSchedule(receipt, settings),
      deadline: Date.parse(obligationDeadline(receipt)),
      miss: missTime(receipt),
      sent: receipt.remindersSent ?? 0,
      supervision: receipt.supervision,
      escalateAfter: settings[receipt.kind].escalateAfter,
    },
    now,
  );
}

/** Whatever is chased (a receipt, a citizen's report): its reminder times and where it stands. */
export interface Chase {
  schedule: number[];
  /** What "late" is measured against: a reminder before it is early. */
  deadline: number;
  /** When it is missed (red), if it is still open then. */
  miss: number | undefined;
  /** Reminder times used up. */
  sent: number;
  supervision: Supervision | undefined;
  /** After this many reminders the district office is told too. */
  escalateAfter: number;
}

/** The one rule of chasing: what is due now, whether it escalates, and the colour it reaches. */
export function decideChase(chase: Chase, now: Date): ReminderDecision {
  const { schedule, miss, sent } = chase;
  const due = schedule.slice(sent).filter((time) => time <= now.getTime()).length;
  const colour = (to: Supervision) => {
    const raised = raiseSupervision(chase.supervision, to);
    return raised === (chase.supervision ?? 'none') ? {} : { supervision: raised };
  };
  if (due === 0) {
    const missed = sent >= schedule.length && miss !== undefined && miss <= now.getTime();
    if (missed)
      return {
        remindersSent: sent,
        remind: false,
        escalate: false,
        missed,
        early: false,
        ...colour('red'),
      };
    return {
      ...stateAt(schedule, sent, miss),
      remind: false,
      escalate: false,
      missed,
      early: false,
    };
  }
  const after = sent + due;
  const early = (schedule[after - 1] ?? 0) < chase.deadline;
  // The last reminder always reaches the district office too: reminders never just stop.
  const escalate = after > chase.escalateAfter || after >= schedule.length;
  return {
    ...stateAt(schedule, after, miss),
    remind: true,
    escalate,
    missed: false,
    early,
    ...colour(escalate ? 'orange' : 'blue'),
  };
}

/** Where a chase stands when it (re)starts at `now`: times already past are skipped, not sent late. */
export function startChase(schedule: number[], miss: number | undefined, now: Date): ReminderState {
  return stateAt(schedule, schedule.filter((time) => time < now.getTime()).length, miss);
}

function stateAt(schedule: number[], sent: number, miss: number | undefined): ReminderState {
  const next = schedule[sent] ?? miss;
  return next === undefined
    ? { remindersSent: sent }
    : { remindersSent: sent, dueAt: new Date(next).toISOString() };
}

export interface ReminderMessage {
  /** The unit whose phones get it: the late unit, or the sender for an escalation. */
  unitId: string;
  sms: SmsMessage;
  /**
   * The claim that keeps runs from sending twice: the unit and the reminder
   * time it is for (the earliest due time among what it covers). Runs that
   * read the same due items, or overlap while more become due, claim the same slot.
   */
  slot: string;
  /** What it covers: `dispatchId#unitId` of receipts, `REPORT#id` of citizens' reports. */
  refs: string[];
}

/** What is chased, a receipt or a citizen's report, as a reminder message sees it. */
export interface Chased {
  ref: string;
  /** The unit that owes it. */
  unitId: string;
  /** Who is told when it escalates: a receipt's sender, the district office for a report. */
  escalateTo: string;
  kind: DispatchKind | 'report';
  /** Its reminder time now (the slot's time). */
  slotTime: string;
  /** What it is late against (a message names the earliest). */
  deadline: string;
}

export const receiptRef = (receipt: Pick<Receipt, 'dispatchId' | 'unitId'>) =>
  `${receipt.dispatchId}#${receipt.unitId}`;

export const chasedReceipt = (receipt: Receipt): Chased => ({
  ref: receiptRef(receipt),
  unitId: receipt.unitId,
  escalateTo: receipt.senderUnit ?? 'district-office',
  kind: receipt.kind,
  slotTime: receipt.dueAt ?? receipt.ackDueAt,
  deadline: obligationDeadline(receipt),
});

const earliest = (values: string[]) => values.reduce((a, b) => (b < a ? b : a));

function groupBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

export type ChasedCounts = Partial<Record<Chased['kind'], number>>;

/**
 * One message per late unit that has a phone to text (counts per kind,
 * receipts and reports together, earliest deadline), and one per sender
 * with escalations: items past `escalateAfter` reminders or at their last
 * one, and every reminder past its deadline of a unit nobody can be texted
 * at, naming the (first) unit and how many units and items. A "before the
 * deadline" reminder of such a unit goes nowhere: the escalation says 逾期,
 * and nothing is late yet. Text comes from the registered templates only.
 */
export function planReminderMessages(
  due: { item: Chased; decision: ReminderDecision }[],
  units: { hasPhone: (unitId: string) => boolean; name: (unitId: string) => string },
  texts: {
    unit: (counts: ChasedCounts, earliest: string) => SmsMessage;
    escalation: (
      unitName: string,
      units: number,
      counts: ChasedCounts,
      earliest: string,
    ) => SmsMessage;
  },
): ReminderMessage[] {
  const reminded = due
    .filter(({ decision }) => decision.remind)
    .map(({ item, decision }) => ({
      item,
      escalate: decision.escalate || (!units.hasPhone(item.unitId) && !decision.early),
    }));
  const slot = (prefix: string, items: typeof reminded) =>
    `${prefix}#${earliest(items.map(({ item }) => item.slotTime))}`;
  const deadlines = (items: typeof reminded) => earliest(items.map(({ item }) => item.deadline));
  const counts = (items: typeof reminded) => {
    const kinds: ChasedCounts = {};
    for (const { item } of items) kinds[item.kind] = (kinds[item.kind] ?? 0) + 1;
    return kinds;
  };

  const toUnits = [
    ...groupBy(reminded, ({ item }) => (units.hasPhone(item.unitId) ? item.unitId : undefined)),
  ].map(([unitId, items]) => ({
    unitId,
    sms: texts.unit(counts(items), deadlines(items)),
    slot: slot('UNIT', items),
    refs: items.map(({ item }) => item.ref),
  }));
  const toSenders = [
    ...groupBy(reminded, ({ item, escalate }) => (escalate ? item.escalateTo : undefined)),
  ].map(([unitId, items]) => {
    // The unit of the most overdue item is the one named.
    const first = items.reduce((a, b) => (b.item.deadline < a.item.deadline ? b : a));
    return {
      unitId,
      sms: texts.escalation(
        units.name(first.item.unitId),
        new Set(items.map(({ item }) => item.unitId)).size,
        counts(items),
        deadlines(items),
      ),
      slot: slot('ESCALATION', items),
      refs: items.map(({ item }) => item.ref),
    };
  });
  return [...toUnits, ...toSenders];
}
