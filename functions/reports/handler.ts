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
import {
  incomingKey,
  photoKey,
  photoLink,
  photosBucket,
  presignedUpload,
} from '../../shared/aws/s3Links.ts';
import { maskPersonalNumbers } from '../../shared/domain/citizenBoard.ts';
import { canReadReport, reportListScope } from '../../shared/domain/access.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import {
  newReport,
  newReportUpdate,
  PUBLIC_PHOTO_STATE,
  tokenMatches,
  type Report,
  type ReportUpdate,
} from '../../shared/domain/reports.ts';
import { openCategory } from '../../shared/domain/reportCategories.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import {
  addReportUpdate,
  createReport,
  listReports,
  readReport,
  rerouteReport,
} from '../../shared/store/reports.ts';
import { getService, listServices, putService } from '../../shared/store/reportCategories.ts';
import { getUnit } from '../../shared/store/units.ts';

const store = storeFromConfig();

/** What a citizen sees: status, public replies, photos that passed the check. Never a phone, a token hash or who replied. */
async function publicView(report: Report, updates: ReportUpdate[]) {
  const attached = report.photos.filter((photo) => photo.state === 'attached');
  return {
    id: report.id,
    serviceCode: report.serviceCode,
    status: report.status,
    createdAt: report.createdAt,
    photos: await Promise.all(
      attached.map(async (photo) => ({
        url: await photoLink(photoKey(report.id, photo.n)),
      })),
    ),
    photoStates: report.photos.map((photo) => ({
      n: photo.n,
      state: PUBLIC_PHOTO_STATE[photo.state],
    })),
    updates: updates.map(({ status, reply, at }) => ({
      status,
      ...(reply ? { reply: maskPersonalNumbers(reply) } : {}),
      at,
    })),
  };
}

/** What staff see: the whole report but its token hash, with links to the photos that passed the check. */
async function staffView({ trackingTokenHash: _secret, ...report }: Report) {
  const photos = await Promise.all(
    report.photos.map(async (photo) =>
      photo.state === 'attached'
        ? {
            ...photo,
            url: await photoLink(photoKey(report.id, photo.n)),
          }
        : photo,
    ),
  );
  return { ...report, photos };
}

/** The report its tracking token opens; a wrong token looks exactly like a missing report. */
async function trackedReport(id: string, token: string | undefined) {
  const found = await readReport(store, id);
  if (!found || !token || !tokenMatches(token, found.report.trackingTokenHash))
    throw new NotFoundError('no such report');
  return found;
}

export const handler = apiHandler('reports', {
  'GET /public/services': defineRoute({
    responses: { 200: PublicServiceList },
    handle: async () => ({
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
    handle: async ({ body, principal, now }) => {
      const service = await getService(store, body.serviceCode);
      const { report, trackingToken, audit } = newReport(body, {
        service,
        citizen: principal,
        now,
      });
      const uploads = await Promise.all(
        report.photos.map((photo) =>
          presignedUpload(
            photosBucket(),
            incomingKey(report.id, photo.n),
            photo.contentType,
            photo.size,
            now,
          ),
        ),
      );
      await createReport(store, report, audit);
      recordMetrics([{ name: 'ReportsCreated', value: 1 }]);
      return { status: 201, body: { id: report.id, trackingToken, uploads } };
    },
  }),

  'GET /public/reports/{id}': defineRoute({
    params: IdParams,
    headers: TrackingHeaders,
    responses: { 200: PublicReport },
    handle: async ({ params, headers }) => {
      const found = await trackedReport(params.id, headers['x-tracking-token']);
      return { status: 200, body: await publicView(found.report, found.updates) };
    },
  }),

  'POST /public/reports/{id}/photos/{n}/upload': defineRoute({
    params: PhotoParams,
    headers: TrackingHeaders,
    responses: { 200: Upload },
    handle: async ({ params, headers, now }) => {
      const found = await trackedReport(params.id, headers['x-tracking-token']);
      const photo = found.report.photos[params.n];
      if (!photo) throw new NotFoundError(`the report has no photo ${params.n}`);
      if (photo.state !== 'expected')
        throw new ConflictError(`photo ${params.n} is ${PUBLIC_PHOTO_STATE[photo.state]} already`);
      const upload = await presignedUpload(
        photosBucket(),
        incomingKey(found.report.id, photo.n),
        photo.contentType,
        photo.size,
        now,
      );
      return { status: 200, body: upload };
    },
  }),

  'GET /reports': defineRoute({
    query: ReportListQuery,
    responses: { 200: ReportPage },
    handle: async ({ query, principal }) => {
      const scope = reportListScope(principal, query.unitId);
      const page = await listReports(store, {
        ...scope,
        openOnly: query.status === 'open',
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: {
          items: await Promise.all(page.items.map(staffView)),
          ...(page.cursor ? { cursor: page.cursor } : {}),
        },
      };
    },
  }),

  'GET /reports/{id}': defineRoute({
    params: IdParams,
    responses: { 200: UpdatedReport },
    handle: async ({ params, principal }) => {
      const found = await readReport(store, params.id);
      if (!found || !canReadReport(principal, found.report))
        throw new NotFoundError('no such report');
      return { status: 200, body: { ...(await staffView(found.report)), updates: found.updates } };
    },
  }),

  'POST /reports/{id}/updates': defineRoute({
    params: IdParams,
    body: ReportUpdateBody,
    responses: { 201: UpdatedReport },
    handle: async ({ params, body, principal, now }) => {
      const found = await readReport(store, params.id);
      if (found?.report.unitId !== principal.unitId) {
        throw new NotFoundError('no such report in your queue');
      }
      const { update, audit } = newReportUpdate(found.report, body, principal, now);
      await addReportUpdate(store, found, update, audit);
      return {
        status: 201,
        body: {
          ...(await staffView(found.report)),
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
    handle: async ({ params, body, principal, now }) => {
      const [found, target] = await Promise.all([
        readReport(store, params.id),
        getService(store, body.serviceCode),
      ]);
      if (!found) throw new NotFoundError('no such report');
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
      return { status: 200, body: await staffView(moved) };
    },
  }),

  'GET /routing': defineRoute({
    responses: { 200: ServiceList },
    handle: async () => ({ status: 200, body: { items: await listServices(store) } }),
  }),

  'PUT /routing/{serviceCode}': defineRoute({
    params: ServiceParams,
    body: ServiceBody,
    responses: { 200: ServiceView },
    handle: async ({ params, body, principal, now }) => {
      if (!(await getUnit(store, body.unitId)))
        throw new ValidationError('unknown unit', [
          { field: 'body.unitId', message: `no unit "${body.unitId}"` },
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
