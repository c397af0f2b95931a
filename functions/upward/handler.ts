import { ulid } from 'ulid';
import { IdParams } from '../../shared/contract/common.ts';
import {
  Jwks,
  ReplyBody,
  ReturnBody,
  UpwardBody,
  UpwardCreated,
  UpwardPage,
  UpwardQuery,
  UpwardView,
} from '../../shared/contract/upward.ts';
import { attachmentRef, refuseUnusableAttachments } from '../../shared/domain/attachments.ts';
import { hasAnyGroup, type Principal } from '../../shared/domain/principal.ts';
import {
  approvedUpward,
  canReadUpward,
  editedUpward,
  newUpward,
  receivedUpward,
  refuseUnanswerable,
  repliedUpward,
  returnedUpward,
  type UpwardReport,
  type UpwardRequest,
} from '../../shared/domain/upward.ts';
import { answer, type Receipt } from '../../shared/domain/receipts.ts';
import { auditPut, type TransactItem } from '../../shared/store/audit.ts';
import { getReceipt, receiptChangeItems } from '../../shared/store/receipts.ts';
import { verifySeal } from '../../shared/domain/seal.ts';
import { ConflictError, NotFoundError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { getAttachments } from '../../shared/store/attachments.ts';
import type { Store } from '../../shared/store/context.ts';
import {
  changeUpward,
  createUpward,
  listUpward,
  readUpward,
  replyUpward,
} from '../../shared/store/upward.ts';

/** The report if this person may read it; anyone else learns nothing, not even that it exists. */
async function readable(store: Store, principal: Principal, id: string): Promise<UpwardReport> {
  const report = await readUpward(store, id);
  if (!report || !canReadUpward(principal, report)) throw new NotFoundError('上报不存在');
  return report;
}

/** A feedback report must cite a request its unit still owes an answer (else 400). */
async function checkFeedback(
  store: Store,
  request: { kind: UpwardRequest['kind']; dispatchId?: string | undefined },
  unitId: string,
): Promise<void> {
  if (request.kind !== 'feedback' || !request.dispatchId) return;
  refuseUnanswerable(request, await getReceipt(store, request.dispatchId, unitId));
}

/**
 * The sealed feedback answers the request it cites, at its seal time and
 * with its contact, in the approval's transaction: the receipt's change,
 * its counters and its audit record. Nothing for other kinds.
 */
async function answeredBySeal(
  store: Store,
  report: UpwardReport,
  head: Principal,
): Promise<TransactItem[]> {
  if (report.kind !== 'feedback' || !report.dispatchId || !report.seal) return [];
  const receipt = await getReceipt(store, report.dispatchId, report.unitId);
  refuseUnanswerable(report, receipt);
  const change = answer(
    receipt as Receipt,
    head,
    new Date(report.seal.sealedAt),
    { summary: report.title, contactName: report.contactName, contactPhone: report.contactPhone },
    { upwardId: report.id },
  );
  return [...receiptChangeItems(store, receipt as Receipt, change), auditPut(store, change.audit)];
}

/** The files of a report: ≤ 20, each ready and the unit's own (else 400). */
async function filesOf(store: Store, ids: string[] | undefined, unitId: string) {
  const wanted = ids ?? [];
  return refuseUnusableAttachments(wanted, await getAttachments(store, wanted), unitId).map(
    attachmentRef,
  );
}

const summary = ({ id, kind, title, unitId, status, createdAt }: UpwardReport) => ({
  id,
  kind,
  title,
  unitId,
  status,
  createdAt,
});

export const upward = apiRoutes('upward', {
  'POST /upward': defineRoute({
    body: UpwardBody,
    responses: { 201: UpwardCreated },
    handle: async ({ body, principal, now }, { store }) => {
      const { attachmentIds, ...request } = body;
      const [attachments] = await Promise.all([
        filesOf(store, attachmentIds, principal.unitId),
        checkFeedback(store, request, principal.unitId),
      ]);
      const { report, audit } = newUpward(request, principal, {
        id: ulid(now.getTime()),
        now,
        attachments,
      });
      await createUpward(store, report, audit);
      return { status: 201, body: summary(report) };
    },
  }),

  'PUT /upward/{id}': defineRoute({
    params: IdParams,
    body: UpwardBody,
    responses: { 200: UpwardView },
    handle: async ({ params, body, principal, now }, { store }) => {
      const report = await readable(store, principal, params.id);
      const { attachmentIds, ...request } = body;
      const [attachments] = await Promise.all([
        filesOf(store, attachmentIds, principal.unitId),
        checkFeedback(store, request, principal.unitId),
      ]);
      const change = editedUpward(report, request, principal, { now, attachments });
      await changeUpward(store, change, report);
      return { status: 200, body: change.report };
    },
  }),

  'POST /upward/{id}/approve': defineRoute({
    params: IdParams,
    responses: { 200: UpwardView },
    handle: async ({ params, principal, now }, { store, sealKey }) => {
      const report = await readable(store, principal, params.id);
      const change = await approvedUpward(report, principal, now, sealKey);
      await changeUpward(
        store,
        change,
        report,
        await answeredBySeal(store, change.report, principal),
      );
      return { status: 200, body: change.report };
    },
  }),

  'POST /upward/{id}/return': defineRoute({
    params: IdParams,
    body: ReturnBody,
    responses: { 200: UpwardView },
    handle: async ({ params, body, principal, now }, { store }) => {
      const report = await readable(store, principal, params.id);
      const change = returnedUpward(report, principal, body.reason, now);
      await changeUpward(store, change, report);
      return { status: 200, body: change.report };
    },
  }),

  'POST /upward/{id}/receive': defineRoute({
    params: IdParams,
    responses: { 200: UpwardView },
    handle: async ({ params, principal, now }, { store, sealKey }) => {
      const report = await readable(store, principal, params.id);
      // The office receives only what its unit sealed: a report changed since, or sealed by another key, is refused.
      const seal = await verifySeal(report, await sealKey.jwks());
      if (!seal.valid) throw new ConflictError(`印章校验未通过，不能接收：${seal.reason}`);
      const change = receivedUpward(report, principal, now);
      if (change) await changeUpward(store, change, report);
      return { status: 200, body: change?.report ?? report };
    },
  }),

  'POST /upward/{id}/reply': defineRoute({
    params: IdParams,
    body: ReplyBody,
    responses: { 200: UpwardView },
    handle: async ({ params, body, principal, now }, { store }) => {
      const [report, attachments] = await Promise.all([
        readable(store, principal, params.id),
        filesOf(store, body.attachmentIds, principal.unitId),
      ]);
      const change = repliedUpward(report, principal, now, { body: body.body, attachments });
      await replyUpward(store, change);
      return { status: 200, body: change.report };
    },
  }),

  'GET /upward': defineRoute({
    query: UpwardQuery,
    responses: { 200: UpwardPage },
    handle: async ({ query, principal }, { store }) => {
      const scope = hasAnyGroup(principal, ['district-office'])
        ? ('district' as const)
        : { unitId: principal.unitId };
      const page = await listUpward(store, scope, query);
      return {
        status: 200,
        body: {
          items: page.items.map(summary),
          ...(page.cursor ? { cursor: page.cursor } : {}),
        },
      };
    },
  }),

  'GET /upward/{id}': defineRoute({
    params: IdParams,
    responses: { 200: UpwardView },
    handle: async ({ params, principal }, { store }) => ({
      status: 200,
      body: await readable(store, principal, params.id),
    }),
  }),

  'GET /public/seal-keys': defineRoute({
    responses: { 200: Jwks },
    handle: async (_input, { sealKey }) => ({ status: 200, body: await sealKey.jwks() }),
  }),
});
