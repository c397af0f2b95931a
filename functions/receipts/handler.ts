import { IdParams } from '../../shared/contract/common.ts';
import {
  InboxPage,
  InboxQuery,
  ProblemView,
  ReceiptView,
} from '../../shared/contract/dispatches.ts';
import { AnswerBody, ProblemBody } from '../../shared/contract/receipts.ts';
import { acknowledgement, answer, receptionProblem } from '../../shared/domain/receipts.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import { inboxItem, problemView, receiptView } from '../../shared/http/views.ts';
import { problemPut } from '../../shared/store/dispatches.ts';
import { changeReceipt, listInbox } from '../../shared/store/receipts.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';

export const receipts = apiRoutes('receipts', {
  'GET /inbox': defineRoute({
    query: InboxQuery,
    responses: { 200: InboxPage },
    handle: async ({ query, principal, now }, { store }) => {
      const page = await listInbox(store, principal.unitId, {
        pendingOnly: query.status === 'pending',
        cursor: query.cursor,
        text: query.q,
      });
      return {
        status: 200,
        body: {
          items: page.items.map((receipt) => inboxItem(receipt, now)),
          ...(page.cursor ? { cursor: page.cursor } : {}),
        },
      };
    },
  }),

  'POST /dispatches/{id}/ack': defineRoute({
    params: IdParams,
    responses: { 200: ReceiptView },
    handle: async ({ params, principal, now }, { store }) => {
      const settings = await getReminderSettings(store);
      const { receipt, change } = await changeReceipt(
        store,
        params.id,
        principal.unitId,
        (current) => acknowledgement(current, principal, now, settings),
      );
      const view = receiptView(receipt, now);
      if (change) {
        recordMetrics([
          { name: 'Acknowledgements', value: 1 },
          { name: 'LateAcknowledgements', value: view.late ? 1 : 0 },
          {
            name: 'AcknowledgementDelay',
            value: (now.getTime() - Date.parse(receipt.sentAt)) / 1000,
            unit: 'Seconds',
          },
        ]);
      }
      return { status: 200, body: view };
    },
  }),

  'POST /dispatches/{id}/response': defineRoute({
    params: IdParams,
    body: AnswerBody,
    responses: { 200: ReceiptView },
    handle: async ({ params, body, principal, now }, { store }) => {
      const { receipt } = await changeReceipt(store, params.id, principal.unitId, (current) =>
        answer(current, principal, now, body),
      );
      return { status: 200, body: receiptView(receipt, now) };
    },
  }),

  'POST /dispatches/{id}/problem': defineRoute({
    params: IdParams,
    body: ProblemBody,
    responses: { 201: ProblemView },
    handle: async ({ params, body, principal, now }, { store }) => {
      const { change } = await changeReceipt(store, params.id, principal.unitId, (current) => {
        const decided = receptionProblem(current, principal, now, body);
        return { ...decided, alsoWrite: [problemPut(store, decided.problem)] };
      });
      if (!change) throw new Error('a reception problem is always a change');
      return { status: 201, body: problemView(change.problem) };
    },
  }),
});
