import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { canViewDispatch } from '../../shared/domain/access.ts';
import { fieldsWithClassifiedMarking } from '../../shared/domain/classification.ts';
import { DISPATCH_KINDS, dispatchDeadlines } from '../../shared/domain/deadlines.ts';
import { hasAnyGroup } from '../../shared/domain/principal.ts';
import { resolveRecipients } from '../../shared/domain/recipients.ts';
import { startReminders } from '../../shared/domain/reminders.ts';
import { ClassifiedContentError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { recordMetrics } from '../../shared/http/metrics.ts';
import { DispatchIdParams, Text, UnitId } from '../../shared/http/schemas.ts';
import { dispatchSummary, dispatchView } from '../../shared/http/views.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import { readDispatch, readDispatchForUnit, saveDispatch } from '../../shared/store/dispatches.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';
import { listUnits } from '../../shared/store/units.ts';

const store = storeFromConfig();

export const CreateDispatchBody = z.strictObject({
  kind: z.enum(DISPATCH_KINDS),
  title: Text(200),
  body: Text(50_000),
  recipients: z.union([z.literal('all'), z.array(UnitId).check(z.minLength(1), z.maxLength(1000))]),
  ackWithinMinutes: z.optional(z.int().check(z.gte(1), z.lte(7 * 24 * 60))),
  respondBy: z.optional(z.iso.datetime({ offset: true })),
  /** 谁发布谁负责: the sender states that the item carries no classified content (Art12, Art15). */
  declaredUnclassified: z.literal(true, 'the sender must declare the dispatch unclassified'),
});

const IdempotencyKey = z.optional(
  z.string().check(z.regex(/^[\x21-\x7e]{1,128}$/, '1-128 printable ASCII characters')),
);

export const handler = apiHandler('dispatch', {
  'POST /dispatches': defineRoute({
    body: CreateDispatchBody,
    handle: async ({ body, headers, principal, now }) => {
      const key = IdempotencyKey.safeParse(headers['idempotency-key']);
      if (!key.success)
        throw new ValidationError('invalid Idempotency-Key', [
          { field: 'Idempotency-Key', message: key.error.issues[0]?.message ?? '' },
        ]);
      const marked = fieldsWithClassifiedMarking({ title: body.title, body: body.body });
      if (marked.length > 0) {
        throw new ClassifiedContentError(
          'classified material may not be sent on this platform (Art12)',
          marked.map((field) => ({ field, message: 'carries a classification marking' })),
        );
      }
      const deadlines = dispatchDeadlines({
        kind: body.kind,
        sentAt: now,
        ackWithinMinutes: body.ackWithinMinutes,
        respondBy: body.respondBy ? new Date(body.respondBy) : undefined,
      });
      const [units, settings] = await Promise.all([listUnits(store), getReminderSettings(store)]);
      const recipients = resolveRecipients(
        body.recipients,
        units.map((unit) => unit.id),
        principal.unitId,
      );
      if (recipients.length === 0)
        throw new ValidationError('no recipient units', [
          { field: 'recipients', message: 'no unit to send to' },
        ]);

      const dispatch = {
        id: ulid(now.getTime()),
        kind: body.kind,
        title: body.title,
        body: body.body,
        senderUnit: principal.unitId,
        senderSub: principal.sub,
        sentAt: now.toISOString(),
        ...deadlines,
        recipients,
        firstReminderAt: startReminders(
          { kind: body.kind, status: 'pending', ...deadlines },
          settings,
          now,
        ).dueAt,
      };
      const audit = {
        action: 'dispatch.send',
        target: `DISPATCH#${dispatch.id}`,
        actor: principal,
        at: dispatch.sentAt,
        details: { kind: dispatch.kind, recipientCount: recipients.length },
      };
      const saved = await saveDispatch(
        store,
        dispatch,
        audit,
        key.data ? { key: key.data, request: body } : undefined,
      );
      if (!saved.replayed)
        recordMetrics([
          { name: 'DispatchesSent', value: 1 },
          { name: 'ReceiptsCreated', value: recipients.length },
        ]);
      return { status: 201, body: dispatchSummary(saved.dispatch) };
    },
  }),

  'GET /dispatches/{id}': defineRoute({
    params: DispatchIdParams,
    handle: async ({ params, principal, now }) => {
      if (hasAnyGroup(principal, ['district-office', 'district-admin'])) {
        const view = await readDispatch(store, params.id);
        if (view) return { status: 200, body: dispatchView(view, now) };
      } else {
        const own = await readDispatchForUnit(store, params.id, principal.unitId);
        if (own.dispatch && canViewDispatch(principal, own.dispatch)) {
          const view = await readDispatch(store, params.id);
          if (view) return { status: 200, body: dispatchView(view, now) };
        }
        // A recipient reads the item and sees its own receipt only.
        if (own.dispatch && own.receipt)
          return {
            status: 200,
            body: dispatchView(
              { dispatch: own.dispatch, receipts: [own.receipt], problems: [] },
              now,
            ),
          };
      }
      throw new NotFoundError('no such dispatch');
    },
  }),
});
