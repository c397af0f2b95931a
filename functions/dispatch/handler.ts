import { attachmentRef, refuseUnusableAttachments } from '../../shared/domain/attachments.ts';
import { getAttachments } from '../../shared/store/attachments.ts';
import { IdParams } from '../../shared/contract/common.ts';
import {
  CreateDispatchBody,
  DispatchListQuery,
  DispatchPage,
  DispatchSummary,
  DispatchView,
  IdempotencyHeaders,
} from '../../shared/contract/dispatches.ts';
import { dispatchAccess, dispatchListScope } from '../../shared/domain/access.ts';
import { newDispatch } from '../../shared/domain/dispatches.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { dispatchListItem, dispatchSummary, dispatchView } from '../../shared/http/views.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import {
  listDispatches,
  readDispatch,
  readDispatchForUnit,
  saveDispatch,
} from '../../shared/store/dispatches.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';
import { listUnits } from '../../shared/store/units.ts';

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
      const saved = await saveDispatch(
        store,
        dispatch,
        audit,
        key ? { key, request: body } : undefined,
      );
      if (!saved.replayed) {
        recordMetrics([
          { name: 'DispatchesSent', value: 1 },
          { name: 'ReceiptsCreated', value: dispatch.recipients.length },
        ]);
      }
      return { status: 201, body: dispatchSummary(saved.dispatch) };
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
      const { dispatch, receipt } = await readDispatchForUnit(store, params.id, principal.unitId);
      const access = dispatch ? dispatchAccess(principal, dispatch, receipt) : 'none';
      const view =
        access === 'whole'
          ? await readDispatch(store, params.id)
          : dispatch && receipt && access === 'own-receipt'
            ? { dispatch, receipts: [receipt], problems: [] }
            : undefined;
      if (!view) throw new NotFoundError('发文不存在');
      return { status: 200, body: dispatchView(view, now) };
    },
  }),
});
