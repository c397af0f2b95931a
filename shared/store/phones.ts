import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import {
  calendarYearsOf,
  inWorkingHours,
  type DutyEntry,
  type DutyRoster,
  type WeeklyShift,
} from '../domain/duty.ts';
import {
  reminderRecipients,
  type PhoneRequest,
  type RegisteredPhone,
} from '../domain/phoneRegistry.ts';
import type { ReminderSettings } from '../domain/reminders.ts';
import { readCalendars } from './calendar.ts';
import { inParallel } from './transactions.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { auditPut, type TransactItem } from './audit.ts';
import { conditionFailedAt, isConditionFailure } from './conditions.ts';
import type { Store } from './context.ts';
import { withoutKeys } from './keys.ts';
import { updateExpression } from './updateExpression.ts';

/**
 * A unit's phones and duty roster share one partition (one query for the
 * reminder check); a claim item per number keeps each number in one unit.
 */
const phonesPartition = (unitId: string) => `PHONES#${unitId}`;
const phoneKey = (unitId: string, phone: string) => ({
  pk: phonesPartition(unitId),
  sk: `PHONE#${phone}`,
});
const claimKey = (phone: string) => ({ pk: `PHONENUMBER#${phone}`, sk: 'CLAIM' });
const dutyKey = (unitId: string) => ({ pk: phonesPartition(unitId), sk: 'DUTY' });
const requestKey = (id: string) => ({ pk: 'PHONE_REQUESTS', sk: `REQUEST#${id}` });

/**
 * A phone as stored. One registered before phones had ids gets one from its
 * registration time: stable, and it says nothing of the number.
 */
const toPhone = (item: Record<string, unknown>): RegisteredPhone => {
  const phone = withoutKeys(item) as unknown as Omit<RegisteredPhone, 'id'> & { id?: string };
  return { ...phone, id: phone.id ?? `P${Date.parse(phone.addedAt).toString(36).toUpperCase()}` };
};
const toRequest = (item: Record<string, unknown>) => withoutKeys(item) as unknown as PhoneRequest;

/** A unit's phones and its duty roster: one query of its partition. */
export async function readUnitPhones(
  store: Store,
  unitId: string,
): Promise<{ phones: RegisteredPhone[]; roster: DutyRoster }> {
  const phones: RegisteredPhone[] = [];
  let stored: {
    entries?: (Omit<DutyEntry, 'phoneId'> & { phoneId?: string; phone?: string })[];
    weekly?: WeeklyShift[];
  } = {};
  const pages = paginateQuery(
    { client: store.db },
    {
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': phonesPartition(unitId) },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      if (item['sk'] === 'DUTY') stored = item;
      else phones.push(toPhone(item));
    }
  }
  // Entries saved before the roster named phones by id name them by number.
  const idOf = new Map(phones.map((phone) => [phone.phone, phone.id]));
  const entries = (stored.entries ?? []).map(({ phone, phoneId, from, to }) => ({
    phoneId: phoneId ?? idOf.get(phone ?? '') ?? '',
    from,
    to,
  }));
  return { phones, roster: { weekly: stored.weekly ?? [], entries } };
}

/** A unit's phone by its id: one query of the unit's partition. */
export async function getPhoneById(
  store: Store,
  unitId: string,
  id: string,
): Promise<RegisteredPhone | undefined> {
  return (await readUnitPhones(store, unitId)).phones.find((phone) => phone.id === id);
}

export async function getPhone(
  store: Store,
  unitId: string,
  phone: string,
): Promise<RegisteredPhone | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: phoneKey(unitId, phone), ConsistentRead: true }),
  );
  return Item ? toPhone(Item) : undefined;
}

/**
 * Registers a number (or registers a retired or unverified one again, with a
 * new code). Refused when the number is active, or belongs to another unit.
 */
export async function registerPhone(
  store: Store,
  phone: RegisteredPhone,
  audit: AuditEntry,
  alsoWrite: TransactItem[] = [],
): Promise<void> {
  try {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.table,
              Item: { ...claimKey(phone.phone), unitId: phone.unitId },
              ConditionExpression: 'attribute_not_exists(pk) OR unitId = :unit',
              ExpressionAttributeValues: { ':unit': phone.unitId },
            },
          },
          {
            Put: {
              TableName: store.table,
              Item: { ...phoneKey(phone.unitId, phone.phone), ...phone },
              ConditionExpression: 'attribute_not_exists(pk) OR #status <> :active',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':active': 'active' },
            },
          },
          auditPut(store, audit),
          ...alsoWrite,
        ],
      }),
    );
  } catch (error) {
    if (conditionFailedAt(error, 0))
      throw new ConflictError('这个号码已登记在其他单位', [], { cause: error });
    if (conditionFailedAt(error, 1))
      throw new ConflictError('这个号码已登记并验证', [], {
        cause: error,
      });
    if (isConditionFailure(error)) throw decidedAlready(error);
    throw error;
  }
}

/** Applies a verification attempt, only if nobody else used a try in between. */
export async function updateVerification(
  store: Store,
  current: RegisteredPhone,
  set: Partial<RegisteredPhone>,
  audit?: AuditEntry,
): Promise<void> {
  const expression = updateExpression(set);
  const update: TransactItem = {
    Update: {
      TableName: store.table,
      Key: phoneKey(current.unitId, current.phone),
      UpdateExpression: expression.UpdateExpression,
      ConditionExpression: '#status = :unverified AND #verification.triesLeft = :triesLeft',
      ExpressionAttributeNames: {
        ...expression.ExpressionAttributeNames,
        '#status': 'status',
        '#verification': 'verification',
      },
      ExpressionAttributeValues: {
        ...expression.ExpressionAttributeValues,
        ':unverified': 'unverified',
        ':triesLeft': current.verification?.triesLeft ?? 0,
      },
    },
  };
  try {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [update, ...(audit ? [auditPut(store, audit)] : [])],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error))
      throw new ConflictError('同一时间有另一次操作，请重试', [], {
        cause: error,
      });
    throw error;
  }
}

/** Retires a number for good: it leaves the unit's reminders and its claim is released. */
export async function retirePhone(
  store: Store,
  unitId: string,
  phone: string,
  at: string,
  audit: AuditEntry,
  alsoWrite: TransactItem[] = [],
): Promise<void> {
  try {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: store.table,
              Key: phoneKey(unitId, phone),
              UpdateExpression:
                'SET #status = :retired, retiredAt = :at, remind = :false REMOVE verification, failingSince',
              ConditionExpression: 'attribute_exists(pk) AND #status <> :retired',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':retired': 'retired', ':at': at, ':false': false },
            },
          },
          {
            Delete: {
              TableName: store.table,
              Key: claimKey(phone),
              ConditionExpression: 'unitId = :unit',
              ExpressionAttributeValues: { ':unit': unitId },
            },
          },
          auditPut(store, audit),
          ...alsoWrite,
        ],
      }),
    );
  } catch (error) {
    if (conditionFailedAt(error, 0) || conditionFailedAt(error, 1))
      throw new NotFoundError('本单位没有登记这个号码', [], { cause: error });
    if (isConditionFailure(error)) throw decidedAlready(error);
    throw error;
  }
}

export async function putDutyRoster(
  store: Store,
  unitId: string,
  roster: DutyRoster,
  audit: AuditEntry,
): Promise<void> {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: store.table, Item: { ...dutyKey(unitId), ...roster } } },
        auditPut(store, audit),
      ],
    }),
  );
}

/** Pending requests only: the decision takes a request out (a sparse list in the `byUnit` index). */
const PENDING_REQUESTS = 'PHONE_REQUESTS#PENDING';

export async function createPhoneRequest(
  store: Store,
  request: PhoneRequest,
  audit: AuditEntry,
): Promise<void> {
  await store.db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: store.table,
            Item: {
              ...requestKey(request.id),
              gsi1pk: PENDING_REQUESTS,
              gsi1sk: `${request.requestedAt}#${request.id}`,
              ...request,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditPut(store, audit),
      ],
    }),
  );
}

/** Every pending request, oldest first: the sparse list, however many were decided before. */
export async function listPendingPhoneRequests(store: Store): Promise<PhoneRequest[]> {
  const requests: PhoneRequest[] = [];
  const pages = paginateQuery(
    { client: store.db },
    {
      TableName: store.table,
      IndexName: 'byUnit',
      KeyConditionExpression: 'gsi1pk = :pending',
      ExpressionAttributeValues: { ':pending': PENDING_REQUESTS },
    },
  );
  for await (const page of pages) requests.push(...(page.Items ?? []).map(toRequest));
  return requests;
}

export async function getPhoneRequest(store: Store, id: string): Promise<PhoneRequest | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: requestKey(id), ConsistentRead: true }),
  );
  return Item ? toRequest(Item) : undefined;
}

/**
 * Closes a pending request, as one item of the transaction that applies it
 * (with the registration or retirement and its audit record): of an approval
 * and a rejection racing, exactly one is written, and nothing is applied
 * for the other.
 */
export function phoneRequestDecision(
  store: Store,
  id: string,
  status: 'approved' | 'rejected',
  by: string,
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: store.table,
      Key: requestKey(id),
      UpdateExpression:
        'SET #status = :status, decidedBy = :by, decidedAt = :at REMOVE gsi1pk, gsi1sk',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status, ':by': by, ':at': at, ':pending': 'pending' },
    },
  };
}

/** A rejection: the decision and its audit record. */
export async function rejectPhoneRequest(
  store: Store,
  id: string,
  by: string,
  at: string,
  audit: AuditEntry,
): Promise<void> {
  try {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          phoneRequestDecision(store, id, 'rejected', by, at),
          auditPut(store, audit),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw decidedAlready(error);
    throw error;
  }
}

const decidedAlready = (cause: unknown) => new ConflictError('这个申请已经处理过了', [], { cause });

/**
 * Marks a number whose reminders SNS keeps refusing, or clears the mark once
 * one goes through, so the unit admin sees which number to check.
 */
export async function markPhoneFailing(
  store: Store,
  unitId: string,
  phone: string,
  since: string | undefined,
): Promise<void> {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: phoneKey(unitId, phone),
        ...(since
          ? {
              UpdateExpression: 'SET failingSince = if_not_exists(failingSince, :since)',
              ExpressionAttributeValues: { ':since': since },
            }
          : { UpdateExpression: 'REMOVE failingSince' }),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  } catch (error) {
    // Retired and removed in the meantime: nothing to mark.
    if (!isConditionFailure(error)) throw error;
  }
}

/** A phone a reminder goes to, and whether an earlier reminder marked it failing (cleared when one goes through). */
export interface Recipient {
  phone: string;
  failing: boolean;
}

/**
 * Who is texted for each unit now (Art7): its reminder phones in working
 * hours, else its person on duty (shared/domain/duty.ts). One query per unit,
 * and the district calendar when anyone is to be texted.
 */
export async function reminderRecipientsOf(
  store: Store,
  unitIds: string[],
  now: Date,
  workingHours: ReminderSettings['workingHours'],
): Promise<Map<string, Recipient[]>> {
  if (unitIds.length === 0) return new Map();
  const atWork = inWorkingHours(
    now,
    workingHours,
    await readCalendars(store, calendarYearsOf(now)),
  );
  const entries = await inParallel(unitIds, 8, async (unitId) => {
    const { phones, roster } = await readUnitPhones(store, unitId);
    const failing = new Set(
      phones.filter((phone) => phone.failingSince).map((phone) => phone.phone),
    );
    const recipients = reminderRecipients(phones, roster, now, atWork).map((phone) => ({
      phone,
      failing: failing.has(phone),
    }));
    return [unitId, recipients] as const;
  });
  return new Map(entries);
}
