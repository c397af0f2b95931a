import { attachmentRef, refuseUnusableAttachments } from '../../shared/domain/attachments.ts';
import { getAttachments } from '../../shared/store/attachments.ts';
import { IdParams } from '../../shared/contract/common.ts';
import {
  CreateDispatchBody,
  DeadlineBody,
  DispatchListQuery,
  DispatchPage,
  DispatchSummary,
  DispatchView,
  IdempotencyHeaders,
  ProblemParams,
  ProblemView,
  RecallBody,
  ResolveBody,
  UrgeBody,
  UrgeView,
} from '../../shared/contract/dispatches.ts';
import { dispatchAccess, dispatchListScope } from '../../shared/domain/access.ts';
import type { Principal } from '../../shared/domain/principal.ts';
import {
  movedDeadlines,
  newDispatch,
  recalled,
  signedOff,
  urged,
  type DispatchChange,
  type DispatchView as View,
} from '../../shared/domain/dispatches.ts';
import { problemResolution } from '../../shared/domain/receipts.ts';
import { obligationDeadline } from '../../shared/domain/obligations.ts';
import { unitReminderSms } from '../../shared/domain/smsTemplates.ts';
import { NotFoundError, ThrottledError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import {
  dispatchListItem,
  dispatchSummary,
  dispatchView,
  problemView,
  withCounts,
} from '../../shared/http/views.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import type { Store } from '../../shared/store/context.ts';
import {
  changeDispatch,
  getDispatch,
  listDispatches,
  readDispatch,
  readDispatchForUnit,
  readProblem,
  recordUrged,
  resolveProblem,
  saveDispatch,
} from '../../shared/store/dispatches.ts';
import { reminderRecipientsOf } from '../../shared/store/phones.ts';
import { retryOnConflict } from '../../shared/store/retry.ts';
import { inParallel } from '../../shared/store/transactions.ts';
import { logger } from '../../shared/observability/logger.ts';
import { maskPhone } from '../../shared/domain/phones.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';
import { listUnits } from '../../shared/store/units.ts';

/** The whole dispatch, for whoever may follow it (its sender, the district office); anyone else: not found. */
async function followed(store: Store, principal: Principal, id: string): Promise<View> {
  const view = await readDispatch(store, id);
  if (!view || dispatchAccess(principal, view.dispatch, undefined) !== 'whole')
    throw new NotFoundError('发文不存在');
  return view;
}

/** A sender's change of a sent dispatch and its receipts, decided again on what a race left. */
async function changed(
  store: Store,
  principal: Principal,
  id: string,
  decide: (view: View) => DispatchChange,
): Promise<View> {
  return retryOnConflict(async () => {
    const view = await followed(store, principal, id);
    const change = decide(view);
    await changeDispatch(store, change, view.dispatch, (receipt) => {
      const again = decide({ ...view, receipts: [receipt] });
      return again.receipts[0];
    });
    const after = new Map(change.receipts.map(({ receipt, change }) => [receipt.unitId, change]));
    return {
      ...view,
      dispatch: change.dispatch,
      receipts: view.receipts.map((receipt) => ({ ...receipt, ...after.get(receipt.unitId)?.set })),
    };
  });
}

export const dispatch = apiRoutes('dispatch', {
  'POST /dispatches': defineRoute({
    body: CreateDispatchBody,
    headers: IdempotencyHeaders,
    responses: { 201: DispatchSummary },
    handle: async ({ body, headers, principal, now }, { store }) => {
      const ids = body.attachmentIds ?? [];
      const [units, settings, found] = await Promise.all([
        listUnits(store),
        getReminderSettings(store),
        getAttachments(store, ids),
      ]);
      const unitIds = units.map((unit) => unit.id);
      const attachments = refuseUnusableAttachments(ids, found, principal.unitId).map(
        attachmentRef,
      );
      const { dispatch, audit } = newDispatch(body, {
        sender: principal,
        now,
        unitIds,
        settings,
        attachments,
      });
      const key = headers['idempotency-key'];
      const saved = await saveDispatch(store, dispatch, audit, {
        idempotency: key ? { key, request: body } : undefined,
      });
      if (!saved.replayed && !body.draft) {
        recordMetrics([
          { name: 'DispatchesSent', value: 1 },
          { name: 'ReceiptsCreated', value: dispatch.recipients.length },
        ]);
      }
      return { status: 201, body: dispatchSummary(withCounts(saved.dispatch)) };
    },
  }),

  'GET /dispatches': defineRoute({
    query: DispatchListQuery,
    responses: { 200: DispatchPage },
    handle: async ({ query, principal, now }, { store }) => {
      const scope = dispatchListScope(principal);
      const page = await listDispatches(store, {
        ...scope,
        kind: query.kind,
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: {
          items: page.items.map(({ dispatch, counts }) => dispatchListItem(dispatch, counts, now)),
          ...(page.cursor ? { cursor: page.cursor } : {}),
        },
      };
    },
  }),

  'GET /dispatches/{id}': defineRoute({
    params: IdParams,
    responses: { 200: DispatchView },
    handle: async ({ params, principal, now }, { store }) => {
      const { dispatch, receipt, problems } = await readDispatchForUnit(
        store,
        params.id,
        principal.unitId,
      );
      const access = dispatch ? dispatchAccess(principal, dispatch, receipt) : 'none';
      const view =
        access === 'whole'
          ? await readDispatch(store, params.id)
          : dispatch && receipt && access === 'own-receipt'
            ? { dispatch, receipts: [receipt], problems }
            : undefined;
      if (!view) throw new NotFoundError('发文不存在');
      return { status: 200, body: dispatchView(view, now) };
    },
  }),

  'POST /dispatches/{id}/sign-off': defineRoute({
    params: IdParams,
    responses: { 200: DispatchSummary },
    handle: async ({ params, principal, now }, { store }) => {
      const draft = await getDispatch(store, params.id);
      if (!draft || dispatchAccess(principal, draft, undefined) !== 'whole')
        throw new NotFoundError('发文不存在');
      const { dispatch, audit } = signedOff(
        draft,
        principal,
        now,
        await getReminderSettings(store),
      );
      await saveDispatch(store, dispatch, audit, { signedOff: true });
      recordMetrics([
        { name: 'DispatchesSent', value: 1 },
        { name: 'ReceiptsCreated', value: dispatch.recipients.length },
      ]);
      return { status: 200, body: dispatchSummary(withCounts(dispatch)) };
    },
  }),

  'POST /dispatches/{id}/recall': defineRoute({
    params: IdParams,
    body: RecallBody,
    responses: { 200: DispatchView },
    handle: async ({ params, body, principal, now }, { store }) => {
      const view = await changed(store, principal, params.id, (current) =>
        recalled(current, principal, now, body.reason),
      );
      return { status: 200, body: dispatchView(view, now) };
    },
  }),

  'POST /dispatches/{id}/deadline': defineRoute({
    params: IdParams,
    body: DeadlineBody,
    responses: { 200: DispatchView },
    handle: async ({ params, body, principal, now }, { store }) => {
      const settings = await getReminderSettings(store);
      const view = await changed(store, principal, params.id, (current) =>
        movedDeadlines(current, principal, now, body, settings),
      );
      return { status: 200, body: dispatchView(view, now) };
    },
  }),

  'POST /dispatches/{id}/urge': defineRoute({
    params: IdParams,
    body: UrgeBody,
    responses: { 202: UrgeView },
    handle: async ({ params, body, principal, now }, { store, sms }) => {
      const [view, settings] = await Promise.all([
        followed(store, principal, params.id),
        getReminderSettings(store),
      ]);
      const { urge, recentlyUrged, audit } = urged(view, principal, now, body.unitIds);
      if (recentlyUrged.length)
        throw new ThrottledError(
          '10 分钟内已催办过这些单位，请稍后再催',
          recentlyUrged.map((unitId) => ({ field: 'unitIds', message: `单位“${unitId}”刚催办过` })),
        );
      await recordUrged(store, urge, now, audit);
      const recipients = await reminderRecipientsOf(
        store,
        urge.map((receipt) => receipt.unitId),
        now,
        settings.workingHours,
      );
      // The reminder SMS, now: to the unit's reminder phones, or its person on duty out of hours.
      const texts = urge.flatMap((receipt) =>
        (recipients.get(receipt.unitId) ?? []).map(({ phone }) => ({
          phone,
          unitId: receipt.unitId,
          message: unitReminderSms({ [receipt.kind]: 1 }, obligationDeadline(receipt)),
        })),
      );
      await inParallel(texts, 8, ({ phone, unitId, message }) =>
        sms.send(phone, message).catch((error: unknown) => {
          logger.warn('urge SMS not sent', {
            unitId,
            phone: maskPhone(phone),
            error: (error as Error).name,
          });
        }),
      );
      const withoutPhone = urge
        .map((receipt) => receipt.unitId)
        .filter((unitId) => (recipients.get(unitId) ?? []).length === 0);
      return {
        status: 202,
        body: { unitIds: urge.map((receipt) => receipt.unitId), withoutPhone },
      };
    },
  }),

  'POST /dispatches/{id}/problems/{problemId}/resolve': defineRoute({
    params: ProblemParams,
    body: ResolveBody,
    responses: { 200: ProblemView },
    handle: async ({ params, body, principal, now }, { store }) => {
      const dispatch = await getDispatch(store, params.id);
      if (!dispatch || dispatchAccess(principal, dispatch, undefined) !== 'whole')
        throw new NotFoundError('发文不存在');
      const ids = body.attachmentIds ?? [];
      const [settings, found] = await Promise.all([
        getReminderSettings(store),
        getAttachments(store, ids),
      ]);
      const attachments = refuseUnusableAttachments(ids, found, principal.unitId).map(
        attachmentRef,
      );
      const resolved = await retryOnConflict(async () => {
        const read = await readProblem(store, params.id, params.problemId);
        if (!read) throw new NotFoundError('接收问题不存在');
        const change = problemResolution(
          read.receipt,
          read.problem,
          principal,
          now,
          { resolution: body.resolution, attachments },
          settings,
        );
        await resolveProblem(store, read.receipt, change, dispatch.senderUnit);
        return change.problem;
      });
      return { status: 200, body: problemView(resolved) };
    },
  }),
});
