import { createHash } from 'node:crypto';
import { GetCommand, TransactWriteCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import {
  dispatchStatus,
  receiptsOf,
  type Dispatch,
  type DispatchChange,
  type DispatchView,
  type ReceptionProblem,
  URGE_INTERVAL_MS,
} from '../domain/dispatches.ts';
import { receivedCount, type Receipt, type ReceiptChange } from '../domain/receipts.ts';
import type { DispatchKind } from '../domain/deadlines.ts';
import { DISPATCH_COUNTERS, type OutcomeCounts } from '../domain/receiptOutcomes.ts';
import { ConflictError, ThrottledError, ValidationError } from '../errors.ts';
import { carrier } from '../domain/attachments.ts';
import { carryAttachments } from './attachments.ts';
import type { AuditEntry } from '../domain/audit.ts';
import { auditPut, type TransactItem } from './audit.ts';
import { conditionFailedAt, isConditionFailure } from './conditions.ts';
import { retryOnConflict, RETRY_ATTEMPTS } from './retry.ts';
import type { Store } from './context.ts';
import { getItems } from './batch.ts';
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
import { getReceipt, receiptChangeItems, receiptItem, toReceipt } from './receipts.ts';
import {
  chunkGroups,
  inParallel,
  MAX_TRANSACTION_ITEMS,
  writeTransactions,
} from './transactions.ts';
import { updateExpression } from './updateExpression.ts';
import { cancellationReasons } from '../aws/dynamo.ts';
import { receptionUpdate } from './reception.ts';
import { shanghaiDay } from '../domain/reception.ts';

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
  copyCount: dispatch.copyTo?.length ?? 0,
  // Its receipts' outcomes and its reception problems, counted as they change (receiptOutcomes.ts).
  tally: {},
});

/** 文号 are unique per sending unit and year (Asia/Shanghai): one claim item each. */
const docNumberKey = (dispatch: Dispatch, docNumber: string) => ({
  pk: `DOCNUMBER#${dispatch.senderUnit}#${shanghaiDay(dispatch.sentAt).slice(0, 4)}`,
  sk: docNumber,
});

const fingerprint = (request: unknown) =>
  createHash('sha256').update(JSON.stringify(request)).digest('hex');

/**
 * A recipient's receipt and the count of it on its unit's day (reception
 * bulletins): always in one transaction, so a receipt that already exists
 * (a retry) is not counted twice.
 */
const receiptWrites = (store: Store, receipt: Receipt): TransactItem[] => [
  {
    Put: {
      TableName: store.table,
      Item: receiptItem(receipt),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  },
  ...receptionUpdate(store, receipt, receivedCount(receipt)),
];

/**
 * Writes a dispatch, its audit record, and per recipient its receipt and the
 * count on its unit's day, in transactions of up to 100 items; a receipt and
 * its count are never split, so N recipients (with a key, no files) take
 * ceil((2N + 4) / 100) requests. The first transaction also claims the
 * Idempotency-Key and the 文号, so two requests with one key never make two
 * dispatches and a 文号 is never used twice. When a later transaction
 * fails, the dispatch exists with some receipts missing; the client's retry
 * with the same key finds the claim and writes what is missing. A draft
 * writes no receipts; its 签发 (`signedOff`) writes them, on condition that
 * it is still a draft.
 */
export async function saveDispatch(
  store: Store,
  dispatch: Dispatch,
  audit: AuditEntry,
  options: { idempotency?: IdempotencyClaim | undefined; signedOff?: boolean } = {},
): Promise<{ dispatch: Dispatch; replayed: boolean }> {
  const { idempotency, signedOff } = options;
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
  const dispatchAt = head.length;
  head.push({
    Put: {
      TableName: store.table,
      Item: dispatchItem(dispatch),
      ...(signedOff
        ? {
            ConditionExpression: '#status = :draft',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':draft': 'draft' },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  });
  const docNumberAt = dispatch.docNumber && !signedOff ? head.length : -1;
  if (dispatch.docNumber && !signedOff) {
    head.push({
      Put: {
        TableName: store.table,
        Item: { ...docNumberKey(dispatch, dispatch.docNumber), dispatchId: dispatch.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  head.push(auditPut(store, audit));
  // Each file it carries learns who may now read it, if it is still ready and the sender's.
  const files = signedOff ? [] : (dispatch.attachments ?? []).map((file) => file.id);
  const filesFrom = head.length;
  head.push(...carryAttachments(store, files, dispatch.senderUnit, carrier.dispatch(dispatch.id)));
  const receipts = dispatchStatus(dispatch) === 'sent' ? receiptsOf(dispatch) : [];
  const [first = [], ...rest] = chunkGroups(
    [...head.map((item) => [item]), ...receipts.map((receipt) => receiptWrites(store, receipt))],
    MAX_TRANSACTION_ITEMS,
  );
  try {
    await store.db.send(new TransactWriteCommand({ TransactItems: first }));
  } catch (error) {
    if (idempotency && conditionFailedAt(error, 0))
      return replayDispatch(store, dispatch.senderUnit, idempotency);
    if (signedOff && conditionFailedAt(error, dispatchAt))
      throw new ConflictError('这份草稿已经签发了');
    if (conditionFailedAt(error, docNumberAt))
      throw new ConflictError('文号已被使用', [
        { field: 'docNumber', message: `本单位今年已有文号“${dispatch.docNumber}”的发文` },
      ]);
    const refused = files.filter((_, i) => conditionFailedAt(error, filesFrom + i));
    if (refused.length)
      throw new ValidationError('有附件不能发送', [
        ...refused.map((id) => ({ field: 'attachmentIds', message: `附件 ${id} 已不可用` })),
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
    if (dispatchStatus(view.dispatch) !== 'sent') return view.dispatch;
    const have = new Set(view.receipts.map((receipt) => receipt.unitId));
    const missing = receiptsOf(view.dispatch).filter((receipt) => !have.has(receipt.unitId));
    await writeTransactions(
      store,
      chunkGroups(
        missing.map((receipt) => receiptWrites(store, receipt)),
        MAX_TRANSACTION_ITEMS,
      ),
    );
    return view.dispatch;
  });
}

/** The dispatch alone: one read. */
export async function getDispatch(store: Store, dispatchId: string): Promise<Dispatch | undefined> {
  const { Item } = await store.db.send(
    new GetCommand({ TableName: store.table, Key: dispatchKey(dispatchId), ConsistentRead: true }),
  );
  return Item ? toDispatch(Item) : undefined;
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
 * The dispatch and one unit's receipt and reception problems, in two
 * requests side by side: what a recipient may see, and enough to tell
 * whether the unit is the sender.
 */
export async function readDispatchForUnit(
  store: Store,
  dispatchId: string,
  unitId: string,
): Promise<{ dispatch?: Dispatch; receipt?: Receipt; problems: ReceptionProblem[] }> {
  const [items, problems] = await Promise.all([
    getItems(store, [dispatchKey(dispatchId), receiptKey(dispatchId, unitId)]),
    queryProblems(store, dispatchId, `PROBLEM#${unitId}#`),
  ]);
  const dispatch = items.find((item) => item['sk'] === 'DISPATCH');
  const receipt = items.find((item) => item['sk'] !== 'DISPATCH');
  return {
    ...(dispatch ? { dispatch: toDispatch(dispatch) } : {}),
    ...(receipt ? { receipt: toReceipt(receipt) } : {}),
    problems: receipt ? problems : [],
  };
}

/** A dispatch's reception problems whose keys start so: one query of its partition's problems. */
async function queryProblems(
  store: Store,
  dispatchId: string,
  prefix = 'PROBLEM#',
): Promise<ReceptionProblem[]> {
  const problems: ReceptionProblem[] = [];
  const pages = paginateQuery(
    { client: store.db },
    {
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': dispatchKey(dispatchId).pk, ':prefix': prefix },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) problems.push(...(page.Items ?? []).map(toProblem));
  return problems;
}

/** One reception problem by its id, with the receipt it is about: a query of the dispatch's problems and a read. */
export async function readProblem(
  store: Store,
  dispatchId: string,
  problemId: string,
): Promise<{ problem: ReceptionProblem; receipt: Receipt } | undefined> {
  const problem = (await queryProblems(store, dispatchId)).find((p) => p.id === problemId);
  if (!problem) return undefined;
  const { Item } = await store.db.send(
    new GetCommand({
      TableName: store.table,
      Key: receiptKey(dispatchId, problem.unitId),
      ConsistentRead: true,
    }),
  );
  return Item ? { problem, receipt: toReceipt(Item) } : undefined;
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

/** The problem resolved, on condition that it was still open (two resolutions at once: one wins). */
export function problemResolved(store: Store, problem: ReceptionProblem): TransactItem {
  return {
    Put: {
      TableName: store.table,
      Item: { ...problemKey(problem.dispatchId, problem.unitId, problem.id), ...problem },
      ConditionExpression:
        'attribute_exists(pk) AND (attribute_not_exists(#status) OR #status = :open)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':open': 'open' },
    },
  };
}

/**
 * Writes a change of a sent dispatch (recall, new deadlines) and of its
 * receipts: first the dispatch's fields, on condition that it is as it was
 * read, with the audit record and the first receipts; then the rest, up to
 * 100 items a transaction, each receipt on condition of its status as read.
 * A receipt that changed in between (a unit acknowledged meanwhile) is read
 * again and decided again by `redecide`; a dispatch that changed is a 409.
 * N receipts take ceil((N·k + 2) / 100) requests, k = 1, or 2 where a
 * receipt's unit-day counter moves too.
 */
export async function changeDispatch(
  store: Store,
  change: DispatchChange,
  seen: Dispatch,
  redecide: (receipt: Receipt) => DispatchChange['receipts'][number] | undefined,
): Promise<void> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(change.dispatch))
    if (JSON.stringify(value) !== JSON.stringify(seen[name as keyof Dispatch]))
      fields[name] = value;
  const update = updateExpression(fields);
  const status = dispatchStatus(seen);
  const head: TransactItem[] = [
    {
      Update: {
        TableName: store.table,
        Key: dispatchKey(seen.id),
        UpdateExpression: update.UpdateExpression,
        ConditionExpression:
          (status === 'sent' ? '(#st = :st OR attribute_not_exists(#st))' : '#st = :st') +
          ' AND ackDueAt = :seenAck',
        ExpressionAttributeNames: { ...update.ExpressionAttributeNames, '#st': 'status' },
        ExpressionAttributeValues: {
          ...update.ExpressionAttributeValues,
          ':st': status,
          ':seenAck': seen.ackDueAt,
        },
      },
    },
    auditPut(store, change.audit),
  ];
  let headDone = false;
  let pending = change.receipts;
  for (let attempt = 1; ; attempt++) {
    const batches = packReceipts(
      pending.map(({ receipt, change }) => ({
        receipt,
        items: receiptChangeItems(store, receipt, change),
      })),
      headDone ? 0 : head.length,
    );
    const failed: Receipt[] = [];
    /** Writes one batch; false when a receipt in it changed since it was read. */
    const write = async (
      batch: { receipts: Receipt[]; items: TransactItem[] },
      withHead: boolean,
    ): Promise<boolean> => {
      try {
        await store.db.send(
          new TransactWriteCommand({ TransactItems: [...(withHead ? head : []), ...batch.items] }),
        );
        return true;
      } catch (error) {
        if (withHead && conditionFailedAt(error, 0))
          throw new ConflictError('发文已被他人修改，请刷新后再试');
        if (!cancellationReasons(error)) throw error;
        failed.push(...batch.receipts);
        return false;
      }
    };
    const [firstBatch = { receipts: [], items: [] }, ...rest] = batches;
    const firstWritten = await write(firstBatch, !headDone);
    headDone ||= firstWritten;
    if (headDone) await inParallel(rest, 4, (batch) => write(batch, false));
    else failed.push(...rest.flatMap((batch) => batch.receipts));
    if (failed.length === 0 && headDone) return;
    if (attempt >= RETRY_ATTEMPTS) throw new Error(`dispatch ${seen.id}: receipts kept changing`);
    const reread = await Promise.all(
      failed.map((receipt) => getReceipt(store, receipt.dispatchId, receipt.unitId)),
    );
    pending = reread.flatMap((receipt) => {
      const next = receipt && redecide(receipt);
      return next ? [next] : [];
    });
  }
}

/** Receipt changes packed into transactions of at most 100 items, the first leaving room for `reserved`. */
function packReceipts(
  changes: { receipt: Receipt; items: TransactItem[] }[],
  reserved: number,
): { receipts: Receipt[]; items: TransactItem[] }[] {
  const batches: { receipts: Receipt[]; items: TransactItem[] }[] = [];
  let current = { receipts: [] as Receipt[], items: [] as TransactItem[] };
  let room = MAX_TRANSACTION_ITEMS - reserved;
  for (const change of changes) {
    if (current.items.length + change.items.length > room) {
      batches.push(current);
      current = { receipts: [], items: [] };
      room = MAX_TRANSACTION_ITEMS;
    }
    current.receipts.push(change.receipt);
    current.items.push(...change.items);
  }
  if (current.items.length > 0 || batches.length === 0) batches.push(current);
  return batches;
}

/**
 * Records that these units were urged now, with the audit record, on
 * condition that none was urged in the last 10 minutes (429 otherwise,
 * nothing written). N units take ceil((N + 1) / 100) requests.
 */
export async function recordUrged(
  store: Store,
  receipts: Receipt[],
  now: Date,
  audit: AuditEntry,
): Promise<void> {
  const since = new Date(now.getTime() - URGE_INTERVAL_MS).toISOString();
  const items: TransactItem[] = receipts.map((receipt) => ({
    Update: {
      TableName: store.table,
      Key: receiptKey(receipt.dispatchId, receipt.unitId),
      UpdateExpression: 'SET urgedAt = :now',
      ConditionExpression:
        'attribute_exists(pk) AND (attribute_not_exists(urgedAt) OR urgedAt <= :since)',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':since': since },
    },
  }));
  const [first = [], ...rest] = chunkGroups(
    [[auditPut(store, audit)], ...items.map((item) => [item])],
    MAX_TRANSACTION_ITEMS,
  );
  try {
    await store.db.send(new TransactWriteCommand({ TransactItems: first }));
    await writeTransactions(store, rest);
  } catch (error) {
    if (isConditionFailure(error))
      throw new ThrottledError('10 分钟内已催办过这些单位，请稍后再催');
    throw error;
  }
}

/**
 * A reception problem resolved: the problem, its receipt (resumed when it
 * was the last one open) with what that adds to the counters, the audit
 * record, and the files given, carried for that unit only: one transaction.
 */
export async function resolveProblem(
  store: Store,
  receipt: Receipt,
  change: ReceiptChange & { problem: ReceptionProblem },
  senderUnit: string,
): Promise<void> {
  const files = (change.problem.attachments ?? []).map((file) => file.id);
  try {
    await store.db.send(
      new TransactWriteCommand({
        TransactItems: [
          problemResolved(store, change.problem),
          ...receiptChangeItems(store, receipt, change),
          auditPut(store, change.audit),
          ...carryAttachments(
            store,
            files,
            senderUnit,
            carrier.receipt(receipt.dispatchId, receipt.unitId),
          ),
        ],
      }),
    );
  } catch (error) {
    if (conditionFailedAt(error, 0)) throw new ConflictError('这个问题已经处理过了');
    throw error;
  }
}

/** A dispatch as the lists show it: no body, no recipient list, with its counters. */
export interface DispatchListItem {
  dispatch: Omit<Dispatch, 'body' | 'recipients'> & { recipientCount: number; copyCount: number };
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
        dispatch: {
          ...dispatch,
          recipientCount: Number(item['recipientCount'] ?? 0),
          copyCount: Number(item['copyCount'] ?? 0),
        },
        counts,
      };
    }),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

const toDispatch = (item: Record<string, unknown>) => withoutKeys(item) as unknown as Dispatch;
const toProblem = (item: Record<string, unknown>) =>
  withoutKeys(item) as unknown as ReceptionProblem;
