import { ulid } from 'ulid';
import * as z from 'zod/mini';
import type { Principal } from '../../shared/domain/principal.ts';
import { acknowledgement, answer, receptionProblem } from '../../shared/domain/receipts.ts';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { recordMetrics } from '../../shared/http/metrics.ts';
import { ContactName, PhoneNumber } from '../../shared/http/contactSchemas.ts';
import { DispatchIdParams, Text } from '../../shared/http/schemas.ts';
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

const auditOf = (action: string, dispatchId: string, actor: Principal, now: Date) => ({
  action,
  target: `DISPATCH#${dispatchId}`,
  actor,
  at: now.toISOString(),
  details: { unitId: actor.unitId },
});

export const handler = apiHandler('receipts', {
  'GET /inbox': defineRoute({
    query: z.object({
      status: z._default(z.enum(['pending', 'all']), 'pending'),
      cursor: z.optional(z.string().check(z.maxLength(2048))),
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
      const { receipt, changed } = await changeReceipt(
        store,
        params.id,
        principal.unitId,
        (current) => {
          const set = acknowledgement(current, principal.sub, now, settings);
          return set && { set, audit: auditOf('receipt.acknowledge', params.id, principal, now) };
        },
      );
      const view = receiptView(receipt, now);
      if (changed) {
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
      const { receipt } = await changeReceipt(store, params.id, principal.unitId, (current) => ({
        set: answer(current, principal.sub, now, body),
        audit: auditOf('receipt.answer', params.id, principal, now),
      }));
      return { status: 200, body: receiptView(receipt, now) };
    },
  }),

  'POST /dispatches/{id}/problem': defineRoute({
    params: DispatchIdParams,
    body: ProblemBody,
    handle: async ({ params, body, principal, now }) => {
      const problem = {
        id: ulid(now.getTime()),
        dispatchId: params.id,
        unitId: principal.unitId,
        ...body,
        reportedAt: now.toISOString(),
        reportedBy: principal.sub,
      };
      await changeReceipt(store, params.id, principal.unitId, (current) => ({
        set: receptionProblem(current),
        audit: auditOf('receipt.problem', params.id, principal, now),
        alsoWrite: [problemPut(store, problem)],
      }));
      return { status: 201, body: problemView(problem) };
    },
  }),
});
