import * as z from 'zod/mini';
import {
  presignedPhotoUrl,
  presignedUpload,
  incomingKey,
  photoKey,
  s3FromConfig,
} from '../../shared/aws/s3.ts';
import { reportListScope } from '../../shared/domain/access.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import {
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  newReport,
  newReportUpdate,
  PHOTO_TYPES,
  PUBLIC_PHOTO_STATE,
  tokenMatches,
  UPDATE_STATUSES,
  type Report,
} from '../../shared/domain/reports.ts';
import { openCategory } from '../../shared/domain/reportCategories.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import { Cursor, Text, Ulid, UnitId } from '../../shared/http/schemas.ts';
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
const photoStore = s3FromConfig();

const ServiceCode = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a service code'));
const ReportParams = z.object({ id: Ulid });

export const CreateReportBody = z.strictObject({
  serviceCode: ServiceCode,
  description: Text(2000),
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lng: z.number().check(z.gte(-180), z.lte(180)),
  address: z.optional(Text(200)),
  photos: z
    .array(
      z.strictObject({
        contentType: z.enum(PHOTO_TYPES),
        size: z.int().check(z.gte(1), z.lte(MAX_PHOTO_BYTES)),
      }),
    )
    .check(z.maxLength(MAX_PHOTOS)),
});

/** What a citizen sees: status, public replies, photos that passed the check. Never a phone, a token hash or who replied. */
async function publicView(
  report: Report,
  updates: { status: string; reply?: string; at: string }[],
) {
  const attached = report.photos.filter((photo) => photo.state === 'attached');
  return {
    id: report.id,
    serviceCode: report.serviceCode,
    status: report.status,
    createdAt: report.createdAt,
    photos: await Promise.all(
      attached.map(async (photo) => ({
        url: await presignedPhotoUrl(
          photoStore.s3,
          photoStore.bucket,
          photoKey(report.id, photo.n),
        ),
      })),
    ),
    photoStates: report.photos.map((photo) => ({
      n: photo.n,
      state: PUBLIC_PHOTO_STATE[photo.state],
    })),
    updates: updates.map(({ status, reply, at }) => ({ status, ...(reply ? { reply } : {}), at })),
  };
}

const staffView = ({ trackingTokenHash: _secret, ...report }: Report) => report;

export const handler = apiHandler('reports', {
  'GET /public/services': defineRoute({
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
            photoStore.s3,
            photoStore.bucket,
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
    params: ReportParams,
    headers: z.object({ 'x-tracking-token': z.optional(z.string().check(z.maxLength(256))) }),
    handle: async ({ params, headers }) => {
      const token = headers['x-tracking-token'];
      const found = await readReport(store, params.id);
      // A wrong token looks exactly like a missing report.
      if (!found || !token || !tokenMatches(token, found.report.trackingTokenHash))
        throw new NotFoundError('no such report');
      return { status: 200, body: await publicView(found.report, found.updates) };
    },
  }),

  'GET /reports': defineRoute({
    query: z.object({
      status: z._default(z.enum(['open', 'all']), 'open'),
      unitId: z.optional(UnitId),
      cursor: z.optional(Cursor),
    }),
    handle: async ({ query, principal }) => {
      const scope = reportListScope(principal, query.unitId);
      const page = await listReports(store, {
        ...scope,
        openOnly: query.status === 'open',
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: { items: page.items.map(staffView), ...(page.cursor ? { cursor: page.cursor } : {}) },
      };
    },
  }),

  'POST /reports/{id}/updates': defineRoute({
    params: ReportParams,
    body: z.strictObject({ status: z.enum(UPDATE_STATUSES), reply: z.optional(Text(2000)) }),
    handle: async ({ params, body, principal, now }) => {
      const found = await readReport(store, params.id);
      if (found?.report.unitId !== principal.unitId) {
        throw new NotFoundError('no such report in your queue');
      }
      const { update, audit } = newReportUpdate(found.report, body, principal, now);
      await addReportUpdate(store, found.report, update, audit);
      return {
        status: 201,
        body: {
          ...staffView(found.report),
          status: update.status,
          updates: [...found.updates, update],
        },
      };
    },
  }),

  'POST /reports/{id}/route': defineRoute({
    params: ReportParams,
    body: z.strictObject({ serviceCode: ServiceCode }),
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
        found.report,
        { serviceCode: service.code, unitId: service.unitId },
        audit,
      );
      return { status: 200, body: staffView(moved) };
    },
  }),

  'GET /routing': defineRoute({
    handle: async () => ({ status: 200, body: { items: await listServices(store) } }),
  }),

  'PUT /routing/{serviceCode}': defineRoute({
    params: z.object({ serviceCode: ServiceCode }),
    body: z.strictObject({ name: Text(50), column: Text(50), unitId: UnitId, active: z.boolean() }),
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
