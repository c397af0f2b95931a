import { IdParams, Upload } from '../../shared/contract/common.ts';
import {
  CreateReportBody,
  ExtensionBody,
  FeedbackBody,
  PhotoParams,
  PublicReport,
  PublicServiceList,
  ReportCreated,
  ReportListQuery,
  ReportPage,
  ReportUpdateBody,
  ReturnBody,
  RouteBody,
  ServiceBody,
  ServiceList,
  ServiceParams,
  ServiceView,
  StaffReport,
  TrackingHeaders,
  UpdatedReport,
  UpdateParams,
} from '../../shared/contract/reports.ts';
import { incomingKey } from '../../shared/aws/objectKeys.ts';
import { canReadReport, reportListScope } from '../../shared/domain/access.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { DEFAULT_SLA_HOURS } from '../../shared/domain/citizenBoard.ts';
import type { Principal } from '../../shared/domain/principal.ts';
import { hasAnyGroup } from '../../shared/domain/principal.ts';
import {
  newReportUpdate,
  publishedUpdate,
  tokenMatches,
  type Report,
  type ReportUpdate,
} from '../../shared/domain/reports.ts';
import { openCategory } from '../../shared/domain/reportCategories.ts';
import {
  citizenFeedback,
  extensionAsked,
  extensionDecided,
  returnedReport,
  reroutedReport,
  type ReportChange,
} from '../../shared/domain/workOrders.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { publicReportView, staffReportView } from '../../shared/http/views.ts';
import type { Store } from '../../shared/store/context.ts';
import {
  listPendingExtensions,
  listReports,
  readReport,
  rerouteReport,
  saveReportChange,
} from '../../shared/store/reports.ts';
import { getService, listServices, putService } from '../../shared/store/reportCategories.ts';
import { retryOnConflict } from '../../shared/store/retry.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';
import { getUnit } from '../../shared/store/units.ts';
import { submitReport } from './submitReport.ts';

type Found = { report: Report; updates: ReportUpdate[] };

/** A report in the caller's department's hands; any other: not found. */
async function departmentReport(store: Store, principal: Principal, id: string): Promise<Found> {
  const found = await readReport(store, id);
  if (found?.report.unitId !== principal.unitId) throw new NotFoundError('本部门没有这件诉求');
  return found;
}

/**
 * A change of a report decided on what was read, written only if the report
 * is still as read; a change in between (another clerk, the reminder check)
 * is read again and decided again.
 */
async function changeReport(
  store: Store,
  read: () => Promise<Found>,
  decide: (found: Found) => ReportChange & { update?: ReportUpdate },
): Promise<Found> {
  return retryOnConflict(async () => {
    const found = await read();
    const { report, audit, update } = decide(found);
    await saveReportChange(store, found, report, audit, update);
    return {
      report,
      updates: update
        ? [...found.updates.filter((earlier) => earlier.id !== update.id), update]
        : found.updates,
    };
  });
}

const withUpdates = async (found: Found, uploads: Parameters<typeof staffReportView>[1]) => ({
  ...(await staffReportView(found.report, uploads)),
  updates: found.updates,
});

/** The report its tracking token opens; a wrong token looks exactly like a missing report. */
async function trackedReport(store: Store, id: string, token: string | undefined) {
  const found = await readReport(store, id);
  if (!found || !token || !tokenMatches(token, found.report.trackingTokenHash))
    throw new NotFoundError('诉求不存在');
  return found;
}

export const reports = apiRoutes('reports', {
  'GET /public/services': defineRoute({
    responses: { 200: PublicServiceList },
    handle: async (_input, { store }) => ({
      status: 200,
      body: {
        items: (await listServices(store))
          .filter((service) => service.active)
          .map(({ active: _a, ...service }) => service),
      },
    }),
  }),

  'POST /public/reports': defineRoute({
    body: CreateReportBody,
    responses: { 201: ReportCreated },
    handle: async ({ body, principal, now }, { store, uploads }) => {
      const { report, trackingToken, prepared } = await submitReport(
        store,
        body,
        principal,
        now,
        (made) =>
          Promise.all(
            made.photos.map((photo) =>
              uploads.uploadForm(incomingKey(made.id, photo.n), photo.contentType, photo.size),
            ),
          ),
      );
      return { status: 201, body: { id: report.id, trackingToken, uploads: prepared ?? [] } };
    },
  }),

  'GET /public/reports/{id}': defineRoute({
    params: IdParams,
    headers: TrackingHeaders,
    responses: { 200: PublicReport },
    handle: async ({ params, headers }, { store, uploads }) => {
      const found = await trackedReport(store, params.id, headers['x-tracking-token']);
      return { status: 200, body: await publicReportView(found.report, found.updates, uploads) };
    },
  }),

  'POST /public/reports/{id}/feedback': defineRoute({
    params: IdParams,
    headers: TrackingHeaders,
    body: FeedbackBody,
    responses: { 201: PublicReport },
    handle: async ({ params, headers, body, principal, now }, { store, uploads }) => {
      const settings = await getReminderSettings(store);
      const found = await changeReport(
        store,
        () => trackedReport(store, params.id, headers['x-tracking-token']),
        ({ report }) => citizenFeedback(report, principal, now, body, settings),
      );
      return { status: 201, body: await publicReportView(found.report, found.updates, uploads) };
    },
  }),

  'POST /public/reports/{id}/photos/{n}/upload': defineRoute({
    params: PhotoParams,
    headers: TrackingHeaders,
    responses: { 200: Upload },
    handle: async ({ params, headers }, { store, uploads }) => {
      const found = await trackedReport(store, params.id, headers['x-tracking-token']);
      const photo = found.report.photos[params.n];
      if (!photo) throw new NotFoundError(`诉求没有第 ${params.n + 1} 张照片`);
      if (photo.state !== 'expected') throw new ConflictError(`第 ${params.n + 1} 张照片已处理`);
      const upload = await uploads.uploadForm(
        incomingKey(found.report.id, photo.n),
        photo.contentType,
        photo.size,
      );
      return { status: 200, body: upload };
    },
  }),

  'GET /reports': defineRoute({
    query: ReportListQuery,
    responses: { 200: ReportPage },
    handle: async ({ query, principal }, { store, uploads }) => {
      const officeList = query.status === 'returned' || query.status === 'extension';
      if (officeList && !hasAnyGroup(principal, ['district-office']))
        throw new ForbiddenError('退单和延期申请由区政府办公室处理');
      const page =
        query.status === 'extension'
          ? { items: await listPendingExtensions(store) }
          : await listReports(store, {
              ...(officeList ? {} : reportListScope(principal, query.unitId)),
              openOnly: query.status === 'open',
              returned: query.status === 'returned',
              cursor: query.cursor,
            });
      return {
        status: 200,
        body: {
          items: await Promise.all(page.items.map((report) => staffReportView(report, uploads))),
          ...(page.cursor ? { cursor: page.cursor } : {}),
        },
      };
    },
  }),

  'GET /reports/{id}': defineRoute({
    params: IdParams,
    responses: { 200: UpdatedReport },
    handle: async ({ params, principal }, { store, uploads }) => {
      const found = await readReport(store, params.id);
      if (!found || !canReadReport(principal, found.report)) throw new NotFoundError('诉求不存在');
      return {
        status: 200,
        body: await withUpdates(found, uploads),
      };
    },
  }),

  'POST /reports/{id}/updates': defineRoute({
    params: IdParams,
    body: ReportUpdateBody,
    responses: { 201: UpdatedReport },
    handle: async ({ params, body, principal, now }, { store, uploads }) => {
      const settings = await getReminderSettings(store);
      const found = await changeReport(
        store,
        () => departmentReport(store, principal, params.id),
        ({ report }) => newReportUpdate(report, body, principal, now, settings),
      );
      return { status: 201, body: await withUpdates(found, uploads) };
    },
  }),

  'POST /reports/{id}/updates/{updateId}/publish': defineRoute({
    params: UpdateParams,
    responses: { 200: UpdatedReport },
    handle: async ({ params, principal, now }, { store, uploads }) => {
      const found = await changeReport(
        store,
        () => departmentReport(store, principal, params.id),
        ({ report, updates }) => {
          const earlier = updates.find((update) => update.id === params.updateId);
          if (!earlier) throw new NotFoundError('答复不存在');
          return { report, ...publishedUpdate(report, earlier, principal, now) };
        },
      );
      return { status: 200, body: await withUpdates(found, uploads) };
    },
  }),

  'POST /reports/{id}/return': defineRoute({
    params: IdParams,
    body: ReturnBody,
    responses: { 200: StaffReport },
    handle: async ({ params, body, principal, now }, { store, uploads }) => {
      const found = await changeReport(
        store,
        () => departmentReport(store, principal, params.id),
        ({ report }) => returnedReport(report, principal, now, body.reason),
      );
      return { status: 200, body: await staffReportView(found.report, uploads) };
    },
  }),

  'POST /reports/{id}/extension': defineRoute({
    params: IdParams,
    body: ExtensionBody,
    responses: { 202: StaffReport },
    handle: async ({ params, body, principal, now }, { store, uploads }) => {
      const found = await changeReport(
        store,
        () => departmentReport(store, principal, params.id),
        ({ report }) => extensionAsked(report, principal, now, body),
      );
      return { status: 202, body: await staffReportView(found.report, uploads) };
    },
  }),

  ...Object.fromEntries(
    (['approve', 'reject'] as const).map((decision) => [
      `POST /reports/{id}/extension/${decision}`,
      defineRoute({
        params: IdParams,
        responses: { 200: StaffReport },
        handle: async ({ params, principal, now }, { store, uploads }) => {
          const settings = await getReminderSettings(store);
          const found = await changeReport(
            store,
            async () => {
              const read = await readReport(store, params.id);
              if (!read) throw new NotFoundError('诉求不存在');
              return read;
            },
            ({ report }) =>
              extensionDecided(report, principal, now, decision === 'approve', settings),
          );
          return { status: 200, body: await staffReportView(found.report, uploads) };
        },
      }),
    ]),
  ),

  'POST /reports/{id}/route': defineRoute({
    params: IdParams,
    body: RouteBody,
    responses: { 200: StaffReport },
    handle: async ({ params, body, principal, now }, { store, uploads }) => {
      const [target, settings] = await Promise.all([
        getService(store, body.serviceCode),
        getReminderSettings(store),
      ]);
      const service = openCategory(target, body.serviceCode);
      const moved = await retryOnConflict(async () => {
        const found = await readReport(store, params.id);
        if (!found) throw new NotFoundError('诉求不存在');
        const audit = auditEntry('report.route', auditTarget.report(params.id), principal, now, {
          from: found.report.serviceCode,
          to: service.code,
          ...(found.report.status === 'returned' ? { returned: true } : {}),
        });
        const after = reroutedReport(
          found.report,
          {
            serviceCode: service.code,
            unitId: service.unitId,
            slaHours: service.slaHours ?? DEFAULT_SLA_HOURS,
          },
          now,
          settings,
        );
        await rerouteReport(store, found, after, audit);
        return after;
      });
      return { status: 200, body: await staffReportView(moved, uploads) };
    },
  }),

  'GET /routing': defineRoute({
    responses: { 200: ServiceList },
    handle: async (_input, { store }) => ({
      status: 200,
      body: { items: await listServices(store) },
    }),
  }),

  'PUT /routing/{serviceCode}': defineRoute({
    params: ServiceParams,
    body: ServiceBody,
    responses: { 200: ServiceView },
    handle: async ({ params, body, principal, now }, { store }) => {
      if (!(await getUnit(store, body.unitId)))
        throw new ValidationError('单位不存在', [
          { field: 'body.unitId', message: `单位“${body.unitId}”不存在` },
        ]);
      const service = { code: params.serviceCode, ...body };
      return {
        status: 200,
        body: await putService(
          store,
          service,
          auditEntry('routing.put', auditTarget.service(service.code), principal, now, body),
        ),
      };
    },
  }),
});
