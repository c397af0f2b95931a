import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  TransactWriteCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import {
  newReceipt,
  type Dispatch,
  type DispatchView,
  type ReceptionProblem,
} from '../domain/dispatches.ts';
import type { Receipt } from '../domain/receipts.ts';
import type { DispatchKind } from '../domain/deadlines.ts';
import { DISPATCH_COUNTERS, type OutcomeCounts } from '../domain/receiptOutcomes.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { carrier } from '../domain/attachments.ts';
import { carryAttachments } from './attachments.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { auditPut, type TransactItem } from './audit.ts';
import { conditionFailedAt } from './conditions.ts';
import { retryOnConflict } from './retry.ts';
import type { Store } from './context.ts';
import {
  dispatchKey,
  FEED,
  idempotencyKey,
  problemKey,
  receiptKey,
  sentPartition,
  withoutKeys,
} from './keys.ts';
import { queryPage, type Listing } from './pages.ts';
import { receiptItem, toReceipt } from './receipts.ts';
import { chunkGroups, MAX_TRANSACTION_ITEMS, writeTransactions } from './transactions.ts';
import { receptionUpdate } from './reception.ts';
import { RECEIVED } from '../domain/reception.ts';

/** How long an Idempotency-Key is remembered. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export interface IdempotencyClaim {
  key: string;
  /** What was asked: the same key with another request is a conflict, not a replay. */
  request: unknown;
}

/**
 * The stored dispatch: listed in what its unit sent (`byUnit`) and in every
 * dispatch (`feed`), with its recipient count for the lists, which do not
 * carry the recipients themselves.
 */
const dispatchItem = (dispatch: Dispatch) => ({
  ...dispatchKey(dispatch.id),
  gsi1pk: sentPartition(dispatch.senderUnit),
  gsi1sk: `${dispatch.sentAt}#${dispatch.id}`,
  gsi2pk: FEED.dispatches,
  gsi2sk: `${dispatch.sentAt}#${dispatch.id}`,
  ...dispatch,
  recipientCount: dispatch.recipients.length,
  // Its receipts' outcomes and its reception problems, counted as they change (receiptOutcomes.ts).
  tally: {},
});

const fingerprint = (request: unknown) =>
  createHash('sha256').update(JSON.stringify(request)).digest('hex');

/**
 * A recipient's receipt and the count of it on its unit's day (reception
 * bulletins): always in one transaction, so a receipt that already exists
 * (a retry) is not counted twice.
 */
const receiptWrites = (store: Store, dispatch: Dispatch, unitId: string): TransactItem[] => {
  const receipt = newReceipt(dispatch, unitId);
  return [
    {
      Put: {
        TableName: store.table,
        Item: receiptItem(receipt),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...receptionUpdate(store, receipt, { [RECEIVED]: 1 }),
  ];
};

/**
 * Writes a dispatch, its audit record, and per recipient its receipt and the
 * count on its unit's day, in transactions of up to 100 items; a receipt and
 * its count are never split, so N recipients (with a key, no files) take
 * ceil((2N + 4) / 100) requests. The first transaction also claims the Idempotency-Key, so two
 * requests with one key never make two dispatches. When a later transaction
 * fails, the dispatch exists with some receipts missing; the client's retry
 * with the same key finds the claim and writes what is missing.
 */
export async function saveDispatch(
  store: Store,
  dispatch: Dispatch,
  audit: AuditEntry,
  idempotency?: IdempotencyClaim,
): Promise<{ dispatch: Dispatch; replayed: boolean }> {
  const head: TransactItem[] = [];
  if (idempotency) {
    head.push({
      Put: {
        TableName: store.table,
        Item: {
          ...idempotencyKey(dispatch.senderUnit, idempotency.key),
          dispatchId: dispatch.id,
          fingerprint: fingerprint(idempotency.request),
          expiresAt: Math.floor(Date.parse(dispatch.sentAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  head.push(
    {
      Put: {
        TableName: store.table,
        Item: dispatchItem(dispatch),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    auditPut(store, audit),
  );
  // Each file it carries learns who may now read it, if it is still ready and the sender's.
  const files = (dispatch.attachments ?? []).map((file) => file.id);
  const filesFrom = head.length;
  head.push(...carryAttachments(store, files, dispatch.senderUnit, carrier.dispatch(dispatch.id)));
  const [first = [], ...rest] = chunkGroups(
    [
      ...head.map((item) => [item]),
      ...dispatch.recipients.map((unitId) => receiptWrites(store, dispatch, unitId)),
    ],
    MAX_TRANSACTION_ITEMS,
  );
  try {
    await store.db.send(new TransactWriteCommand({ TransactItems: first }));
  } catch (error) {
    if (idempotency && conditionFailedAt(error, 0))
      return replayDispatch(store, dispatch.senderUnit, idempotency);
    const refused = files.filter((_, i) => conditionFailedAt(error, filesFrom + i));
    if (refused.length)
      throw new ValidationError('有附件不能发送', [
        ...refused.map((id) => ({ field: 'attachmentIds', message: `${id} is no longer ready` })),
      ]);
    throw error;
  }
  await writeTransactions(store, rest);
  return { dispatch, replayed: false };
}

/** A second request with a claimed key: the same request gets the first dispatch, completed if need be. */
async function replayDispatch(
  store: Store,
  senderUnit: string,
  claim: IdempotencyClaim,
): Promise<{ dispatch: Dispatch; replayed: true }> {
  const { Item } = await store.db.send(
    new GetCommand({
      TableName: store.table,
      Key: idempotencyKey(senderUnit, claim.key),
      ConsistentRead: true,
    }),
  );
  if (!Item || Item['fingerprint'] !== fingerprint(claim.request)) {
    throw new ConflictError('这个 Idempotency-Key 已用于另一份发文', [
      { field: 'Idempotency-Key', message: '新发文请使用新的 Idempotency-Key' },
    ]);
  }
  return { dispatch: await completeDispatch(store, Item['dispatchId'] as string), replayed: true };
}

/**
 * Writes the receipts a dispatch still lacks. Another request may be writing
 * the same receipts at this moment: their puts are conditional, so a race
 * ends in a condition failure and another look, never in a duplicate.
 */
async function completeDispatch(store: Store, dispatchId: string): Promise<Dispatch> {
  return retryOnConflict(async () => {
    const view = await readDispatch(store, dispatchId);
    if (!view) throw new Error(`idempotency record points at missing dispatch ${dispatchId}`);
    const have = new Set(view.receipts.map((receipt) => receipt.unitId));
    const missing = view.dispatch.recipients.filter((unitId) => !have.has(unitId));
    await writeTransactions(
      store,
      chunkGroups(
        missing.map((unitId) => receiptWrites(store, view.dispatch, unitId)),
        MAX_TRANSACTION_ITEMS,
      ),
    );
    return view.dispatch;
  });
}

/** The dispatch with every receipt and reception problem: one query of its partition. */
export async function readDispatch(
  store: Store,
  dispatchId: string,
): Promise<DispatchView | undefined> {
  let dispatch: Dispatch | undefined;
  const receipts: Receipt[] = [];
  const problems: ReceptionProblem[] = [];
  const pages = paginateQuery(
    { client: store.db },
    {
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': dispatchKey(dispatchId).pk },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const sk = item['sk'] as string;
      if (sk === 'DISPATCH') dispatch = toDispatch(item);
      else if (sk.startsWith('RECEIPT#')) receipts.push(toReceipt(item));
      else if (sk.startsWith('PROBLEM#')) problems.push(toProblem(item));
    }
  }
  return dispatch ? { dispatch, receipts, problems } : undefined;
}

/**
 * The dispatch and one unit's receipt, in one request: what a recipient may
 * see, and enough to tell whether the unit is the sender.
 */
export async function readDispatchForUnit(
  store: Store,
  dispatchId: string,
  unitId: string,
): Promise<{ dispatch?: Dispatch; receipt?: Receipt }> {
  let Keys: Record<string, unknown>[] | undefined = [
    dispatchKey(dispatchId),
    receiptKey(dispatchId, unitId),
  ];
  const items: Record<string, unknown>[] = [];
  while (Keys && Keys.length > 0) {
    const result: BatchGetCommandOutput = await store.db.send(
      new BatchGetCommand({ RequestItems: { [store.table]: { Keys, ConsistentRead: true } } }),
    );
    items.push(...(result.Responses?.[store.table] ?? []));
    Keys = result.UnprocessedKeys?.[store.table]?.Keys;
  }
  const dispatch = items.find((item) => item['sk'] === 'DISPATCH');
  const receipt = items.find((item) => item['sk'] !== 'DISPATCH');
  return {
    ...(dispatch ? { dispatch: toDispatch(dispatch) } : {}),
    ...(receipt ? { receipt: toReceipt(receipt) } : {}),
  };
}

export function problemPut(store: Store, problem: ReceptionProblem): TransactItem {
  return {
    Put: {
      TableName: store.table,
      Item: { ...problemKey(problem.dispatchId, problem.unitId, problem.id), ...problem },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A dispatch as the lists show it: no body, no recipient list, with its counters. */
export interface DispatchListItem {
  dispatch: Omit<Dispatch, 'body' | 'recipients'> & { recipientCount: number };
  counts: OutcomeCounts;
}

/**
 * Dispatches, newest first: every one (`feed`, the district office's and
 * administrators' overview), or what one unit sent (`byUnit`); of one kind
 * if asked.
 */
export async function listDispatches(
  store: Store,
  options: {
    sender?: string | undefined;
    kind?: DispatchKind | undefined;
    cursor?: string | undefined;
  },
): Promise<{ items: DispatchListItem[]; cursor?: string }> {
  const listing: Listing = options.sender
    ? {
        index: 'byUnit',
        partition: sentPartition(options.sender),
        pkPrefix: 'DISPATCH#',
        skPrefix: 'DISPATCH',
      }
    : { index: 'feed', partition: FEED.dispatches, pkPrefix: 'DISPATCH#', skPrefix: 'DISPATCH' };
  const page = await queryPage(store, listing, {
    limit: 50,
    cursor: options.cursor,
    ...(options.kind
      ? { filter: { expression: 'kind = :kind', values: { ':kind': options.kind } } }
      : {}),
  });
  return {
    items: page.items.map((item) => {
      const {
        recipients: _all,
        body: _body,
        tally: _tally,
        ...dispatch
      } = toDispatch(item) as Dispatch & { tally?: unknown };
      const tally = (item['tally'] ?? {}) as Record<string, unknown>;
      const counts = Object.fromEntries(
        DISPATCH_COUNTERS.map((name) => [name, Number(tally[name] ?? 0)]),
      );
      return {
        dispatch: { ...dispatch, recipientCount: Number(item['recipientCount'] ?? 0) },
        counts,
      };
    }),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

const toDispatch = (item: Record<string, unknown>) => withoutKeys(item) as unknown as Dispatch;
const toProblem = (item: Record<string, unknown>) =>
  withoutKeys(item) as unknown as ReceptionProblem;
