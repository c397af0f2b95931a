import { IdParams, Upload } from '../../shared/contract/common.ts';
import {
  CreateReportBody,
  PhotoParams,
  PublicReport,
  PublicServiceList,
  ReportCreated,
  ReportListQuery,
  ReportPage,
  ReportUpdateBody,
  RouteBody,
  ServiceBody,
  ServiceList,
  ServiceParams,
  ServiceView,
  StaffReport,
  TrackingHeaders,
  UpdatedReport,
} from '../../shared/contract/reports.ts';
import { incomingKey } from '../../shared/aws/objectKeys.ts';
import { canReadReport, reportListScope } from '../../shared/domain/access.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { newReport, newReportUpdate, tokenMatches } from '../../shared/domain/reports.ts';
import { openCategory } from '../../shared/domain/reportCategories.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { publicReportView, staffReportView } from '../../shared/http/views.ts';
import type { Store } from '../../shared/store/context.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import {
  addReportUpdate,
  createReport,
  listReports,
  readReport,
  rerouteReport,
} from '../../shared/store/reports.ts';
import { getService, listServices, putService } from '../../shared/store/reportCategories.ts';
import { getUnit } from '../../shared/store/units.ts';

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
      const service = await getService(store, body.serviceCode);
      const { report, trackingToken, audit } = newReport(body, {
        service,
        citizen: principal,
        now,
      });
      const forms = await Promise.all(
        report.photos.map((photo) =>
          uploads.uploadForm(incomingKey(report.id, photo.n), photo.contentType, photo.size),
        ),
      );
      await createReport(store, report, audit);
      recordMetrics([{ name: 'ReportsCreated', value: 1 }]);
      return { status: 201, body: { id: report.id, trackingToken, uploads: forms } };
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
      const scope = reportListScope(principal, query.unitId);
      const page = await listReports(store, {
        ...scope,
        openOnly: query.status === 'open',
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
        body: { ...(await staffReportView(found.report, uploads)), updates: found.updates },
      };
    },
  }),

  'POST /reports/{id}/updates': defineRoute({
    params: IdParams,
    body: ReportUpdateBody,
    responses: { 201: UpdatedReport },
    handle: async ({ params, body, principal, now }, { store, uploads }) => {
      const found = await readReport(store, params.id);
      if (found?.report.unitId !== principal.unitId) {
        throw new NotFoundError('本部门没有这件诉求');
      }
      const { update, audit } = newReportUpdate(found.report, body, principal, now);
      await addReportUpdate(store, found, update, audit);
      return {
        status: 201,
        body: {
          ...(await staffReportView(found.report, uploads)),
          status: update.status,
          updates: [...found.updates, update],
        },
      };
    },
  }),

  'POST /reports/{id}/route': defineRoute({
    params: IdParams,
    body: RouteBody,
    responses: { 200: StaffReport },
    handle: async ({ params, body, principal, now }, { store, uploads }) => {
      const [found, target] = await Promise.all([
        readReport(store, params.id),
        getService(store, body.serviceCode),
      ]);
      if (!found) throw new NotFoundError('诉求不存在');
      const service = openCategory(target, body.serviceCode);
      const audit = auditEntry('report.route', auditTarget.report(params.id), principal, now, {
        from: found.report.serviceCode,
        to: service.code,
      });
      const moved = await rerouteReport(
        store,
        found,
        { serviceCode: service.code, unitId: service.unitId },
        audit,
      );
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
