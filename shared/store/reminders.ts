import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import { cancellationReasons } from '../aws/dynamo.ts';
import type { ReminderState } from '../domain/reminders.ts';
import { OVERDUE, type Receipt } from '../domain/receipts.ts';
import { isConditionFailure } from './conditions.ts';
import { retryOnConflict } from './retry.ts';
import { inParallel, MAX_TRANSACTION_ITEMS } from './transactions.ts';
import { MISSED, shanghaiDay } from '../domain/reception.ts';
import type { Supervision } from '../domain/supervision.ts';
import { receptionUpdate } from './reception.ts';
import type { Store } from './context.ts';
import { DUE_SHARDS, dueShard, receiptKey } from './keys.ts';
import { toReceipt } from './receipts.ts';
import { toDueReport } from './reports.ts';
import type { Report } from '../domain/reports.ts';

/**
 * Every receipt and citizen's report whose next reminder is due by `now`, from the sparse `due`
 * index: one query per shard, reading only what is due.
 */
export async function queryDue(
  store: Store,
  now: Date,
): Promise<{ receipts: Receipt[]; reports: Report[]; itemsRead: number }> {
  const shards = Array.from({ length: DUE_SHARDS }, (_, i) => `DUE#${i}`);
  const perShard = await Promise.all(
    shards.map(async (shard) => {
      const found: Record<string, unknown>[] = [];
      const pages = paginateQuery(
        { client: store.db },
        {
          TableName: store.table,
          IndexName: 'due',
          KeyConditionExpression: 'duePk = :shard AND dueAt <= :now',
          ExpressionAttributeValues: { ':shard': shard, ':now': now.toISOString() },
        },
      );
      for await (const page of pages) found.push(...(page.Items ?? []));
      return found;
    }),
  );
  const items = perShard.flat();
  return {
    receipts: items.filter((item) => item['sk'] !== 'REPORT').map(toReceipt),
    reports: items.filter((item) => item['sk'] === 'REPORT').map(toDueReport),
    itemsRead: items.length,
  };
}

export interface ReminderMove {
  receipt: Receipt;
  next: ReminderState & {
    /**
     * The unit had no phone to text (true), or a reminder reached one (false):
     * the dispatch view shows the flag. Undefined leaves it as it is.
     */
    noPhoneToRemind: boolean | undefined;
    /** The colour it rises to, if it rises (supervision.ts). */
    supervision?: Supervision | undefined;
    /** Still open 24 h past its deadline: recorded now, and counted on its unit's day. */
    missed?: boolean;
    /** Found past its deadline for the first time: marked, and counted as 逾期 on its unit's day. */
    overdue?: boolean;
  };
}

/**
 * Moves receipts to their next reminder, up to 100 items to a transaction
 * (the request floor): the moves, and the missed counts of their units' days
 * (one item per unit and day). Each move holds only if the receipt is still
 * as the check read it: an acknowledgement or another run in between wins,
 * that move is dropped and the rest are written again without it. Returns
 * how many moved.
 */
export async function advanceReminders(
  store: Store,
  moves: ReminderMove[],
  now: Date,
): Promise<number> {
  let moved = 0;
  await inParallel(packMoves(moves), 4, async (batch) => {
    let pending = batch;
    await retryOnConflict(async () => {
      if (pending.length === 0) return;
      try {
        await store.db.send(
          new TransactWriteCommand({
            TransactItems: [
              ...pending.map((move) => ({ Update: advanceUpdate(store, move, now) })),
              ...dayCounts(pending).flatMap(([receipt, counts]) =>
                receptionUpdate(store, receipt, counts),
              ),
            ],
          }),
        );
        moved += pending.length;
      } catch (error) {
        // Moves whose receipt changed since it was read are dropped; the rest are tried again.
        const reasons = cancellationReasons(error);
        if (reasons) {
          pending = pending.filter((_, i) => reasons[i]?.Code !== 'ConditionalCheckFailed');
        }
        throw error;
      }
    });
  });
  return moved;
}

const dayOf = (receipt: Receipt) => `${receipt.unitId}#${shanghaiDay(receipt.sentAt)}`;

const counted = (move: ReminderMove) => move.next.missed || move.next.overdue;

/** How many of the moves are missed and newly overdue, per unit and day: one counter update each. */
function dayCounts(moves: ReminderMove[]): [Receipt, Record<string, number>][] {
  const counts = new Map<string, [Receipt, Record<string, number>]>();
  for (const { receipt, next } of moves) {
    if (!next.missed && !next.overdue) continue;
    const day: Record<string, number> = counts.get(dayOf(receipt))?.[1] ?? {};
    if (next.missed) day[MISSED] = (day[MISSED] ?? 0) + 1;
    if (next.overdue) day[OVERDUE] = (day[OVERDUE] ?? 0) + 1;
    counts.set(dayOf(receipt), [receipt, day]);
  }
  return [...counts.values()];
}

/** Moves in batches whose moves and distinct day counters fit one transaction. */
function packMoves(moves: ReminderMove[]): ReminderMove[][] {
  const batches: ReminderMove[][] = [];
  let batch: ReminderMove[] = [];
  let days = new Set<string>();
  for (const move of moves) {
    const newDay = counted(move) && !days.has(dayOf(move.receipt)) ? 1 : 0;
    if (batch.length + days.size + 1 + newDay > MAX_TRANSACTION_ITEMS) {
      batches.push(batch);
      [batch, days] = [[], new Set()];
    }
    batch.push(move);
    if (counted(move)) days.add(dayOf(move.receipt));
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function advanceUpdate(store: Store, { receipt, next }: ReminderMove, now: Date) {
  const set = ['remindersSent = :sent'];
  const remove: string[] = [];
  if (next.dueAt) set.push('dueAt = :due', 'duePk = :shard');
  else remove.push('dueAt', 'duePk');
  if (next.noPhoneToRemind === true) set.push('noPhoneToRemind = :true');
  if (next.noPhoneToRemind === false) remove.push('noPhoneToRemind');
  if (next.supervision) set.push('supervision = :supervision');
  if (next.missed) set.push('missedAt = :now');
  if (next.overdue) set.push('overdue = :overdue');
  return {
    TableName: store.table,
    Key: receiptKey(receipt.dispatchId, receipt.unitId),
    UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
    ConditionExpression:
      '#status = :status AND dueAt = :seenDue AND (remindersSent = :seenSent OR attribute_not_exists(remindersSent))',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':sent': next.remindersSent,
      ':status': receipt.status,
      ':seenDue': receipt.dueAt,
      ':seenSent': receipt.remindersSent ?? 0,
      ...(next.dueAt
        ? { ':due': next.dueAt, ':shard': dueShard(receipt.dispatchId, receipt.unitId) }
        : {}),
      ...(next.noPhoneToRemind ? { ':true': true } : {}),
      ...(next.supervision ? { ':supervision': next.supervision } : {}),
      ...(next.missed ? { ':now': now.toISOString() } : {}),
      ...(next.overdue ? { ':overdue': true } : {}),
    },
  };
}

/** How long a run may hold a slot before another run takes it over (a run that died). */
const LEASE_MS = 2 * 60_000;
const SLOT_TTL_SECONDS = 3 * 24 * 3600;
const slotKey = (unitId: string, slot: string) => ({ pk: `REMINDER_SLOT#${unitId}`, sk: slot });

export type SlotClaim =
  | {
      state: 'claimed';
      /** Phones that have this message (from an earlier run that held the slot). */
      sentTo: Set<string>;
      /** How often SNS refused this message to each phone, over the runs that held the slot. */
      failures: Record<string, number>;
    }
  | { state: 'done' }
  | { state: 'busy' };

/**
 * Claims the (unit, reminder time) slot before anything is published, so
 * that overlapping runs never text the same reminder twice: only one holds
 * it. A run that died mid-way is taken over after its lease; phones it
 * reached are recorded and not texted again, and refusals are counted per
 * phone across runs.
 */
export async function claimSlot(
  store: Store,
  unitId: string,
  slot: string,
  now: Date,
): Promise<SlotClaim> {
  const leaseUntil = now.getTime() + LEASE_MS;
  try {
    await store.db.send(
      new PutCommand({
        TableName: store.table,
        Item: {
          ...slotKey(unitId, slot),
          leaseUntil,
          done: false,
          failures: {},
          expiresAt: Math.floor(now.getTime() / 1000) + SLOT_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { state: 'claimed', sentTo: new Set(), failures: {} };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: slotKey(unitId, slot), ConsistentRead: true }),
  );
  if (!Item) return { state: 'busy' };
  if (Item['done']) return { state: 'done' };
  if ((Item['leaseUntil'] as number) > now.getTime()) return { state: 'busy' };
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: slotKey(unitId, slot),
        UpdateExpression: 'SET leaseUntil = :lease',
        ConditionExpression: 'leaseUntil = :seen AND done = :false',
        ExpressionAttributeValues: {
          ':lease': leaseUntil,
          ':seen': Item['leaseUntil'] as number,
          ':false': false,
        },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) return { state: 'busy' };
    throw error;
  }
  return {
    state: 'claimed',
    sentTo: new Set((Item['sentTo'] as Set<string> | undefined) ?? []),
    failures: (Item['failures'] as Record<string, number> | undefined) ?? {},
  };
}

/** Records one phone as texted for this slot, right after SNS took the message. */
export async function recordSent(
  store: Store,
  unitId: string,
  slot: string,
  phone: string,
): Promise<void> {
  await store.db.send(
    new UpdateCommand({
      TableName: store.table,
      Key: slotKey(unitId, slot),
      UpdateExpression: 'ADD sentTo :phone',
      ExpressionAttributeValues: { ':phone': new Set([phone]) },
    }),
  );
}

/** Counts one refusal of this slot's message to a phone; returns how many there have been. */
export async function recordRefusal(
  store: Store,
  unitId: string,
  slot: string,
  phone: string,
): Promise<number> {
  const { Attributes } = await store.db.send(
    new UpdateCommand({
      TableName: store.table,
      Key: slotKey(unitId, slot),
      UpdateExpression: 'SET failures.#phone = if_not_exists(failures.#phone, :zero) + :one',
      ExpressionAttributeNames: { '#phone': phone },
      ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return (Attributes?.['failures'] as Record<string, number> | undefined)?.[phone] ?? 1;
}

/** Ends this run's hold on the slot: done when every phone has it, else free for the next run at once. */
export async function releaseSlot(
  store: Store,
  unitId: string,
  slot: string,
  done: boolean,
): Promise<void> {
  await store.db.send(
    new UpdateCommand({
      TableName: store.table,
      Key: slotKey(unitId, slot),
      UpdateExpression: 'SET done = :done, leaseUntil = :released',
      ExpressionAttributeValues: { ':done': done, ':released': 0 },
    }),
  );
}
