import * as z from 'zod/mini';
import { acknowledgement, answer, receptionProblem } from '../../shared/domain/receipts.ts';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import { ContactName, PhoneNumber } from '../../shared/http/contactSchemas.ts';
import { Cursor, DispatchIdParams, Text } from '../../shared/http/schemas.ts';
import { inboxItem, problemView, receiptView } from '../../shared/http/views.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import { problemPut } from '../../shared/store/dispatches.ts';
import { changeReceipt, listInbox } from '../../shared/store/receipts.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';

const store = storeFromConfig();

export const AnswerBody = z.strictObject({
  summary: Text(2000),
  contactName: ContactName,
  contactPhone: PhoneNumber,
});

export const ProblemBody = z.strictObject({
  description: Text(2000),
  contactName: ContactName,
  contactPhone: PhoneNumber,
});

export const handler = apiHandler('receipts', {
  'GET /inbox': defineRoute({
    query: z.object({
      status: z._default(z.enum(['pending', 'all']), 'pending'),
      cursor: z.optional(Cursor),
    }),
    handle: async ({ query, principal, now }) => {
      const page = await listInbox(store, principal.unitId, {
        pendingOnly: query.status === 'pending',
        cursor: query.cursor,
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
    params: DispatchIdParams,
    handle: async ({ params, principal, now }) => {
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
    params: DispatchIdParams,
    body: AnswerBody,
    handle: async ({ params, body, principal, now }) => {
      const { receipt } = await changeReceipt(store, params.id, principal.unitId, (current) =>
        answer(current, principal, now, body),
      );
      return { status: 200, body: receiptView(receipt, now) };
    },
  }),

  'POST /dispatches/{id}/problem': defineRoute({
    params: DispatchIdParams,
    body: ProblemBody,
    handle: async ({ params, body, principal, now }) => {
      const { change } = await changeReceipt(store, params.id, principal.unitId, (current) => {
        const decided = receptionProblem(current, principal, now, body);
        return { ...decided, alsoWrite: [problemPut(store, decided.problem)] };
      });
      if (!change) throw new Error('a reception problem is always a change');
      return { status: 201, body: problemView(change.problem) };
    },
  }),
});
