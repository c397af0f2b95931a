import { ulid } from 'ulid';
import * as z from 'zod/mini';
import {
  presignedPhotoUrl,
  presignedUpload,
  incomingKey,
  photoKey,
  s3FromConfig,
} from '../../shared/aws/s3.ts';
import {
  containsMobileNumber,
  isPlausibleLocation,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  newTrackingToken,
  PHOTO_TYPES,
  reportUpdate,
  tokenMatches,
  UPDATE_STATUSES,
  type Report,
} from '../../shared/domain/reports.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { apiHandler, defineRoute } from '../../shared/http/apiHandler.ts';
import { recordMetrics } from '../../shared/http/metrics.ts';
import { Text, Ulid, UnitId } from '../../shared/http/schemas.ts';
import { storeFromConfig } from '../../shared/store/context.ts';
import {
  addReportUpdate,
  createReport,
  listQueue,
  readReport,
  rerouteReport,
} from '../../shared/store/reports.ts';
import type { Service } from '../../shared/seed/routing.ts';
import { getService, listServices, putService } from '../../shared/store/routing.ts';
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
    updates: updates.map(({ status, reply, at }) => ({ status, ...(reply ? { reply } : {}), at })),
  };
}

/** A category that takes reports (Art10.4: closed categories take none). */
function openService(service: Service | undefined, code: string): Service {
  if (!service?.active)
    throw new ValidationError('unknown category', [
      { field: 'body.serviceCode', message: `no open category "${code}"` },
    ]);
  return service;
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
      if (!isPlausibleLocation(body.lat, body.lng))
        throw new ValidationError('the location is outside China', [
          { field: 'body.lat', message: 'not a plausible location' },
        ]);
      const service = openService(await getService(store, body.serviceCode), body.serviceCode);
      const { token, hash } = newTrackingToken();
      const report: Report = {
        id: ulid(now.getTime()),
        serviceCode: service.code,
        unitId: service.unitId,
        description: body.description,
        lat: body.lat,
        lng: body.lng,
        ...(body.address ? { address: body.address } : {}),
        status: 'submitted',
        createdAt: now.toISOString(),
        trackingTokenHash: hash,
        photos: body.photos.map((photo, n) => ({ n, ...photo, state: 'expected' as const })),
      };
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
      await createReport(store, report, {
        action: 'report.create',
        target: `REPORT#${report.id}`,
        actor: principal,
        at: report.createdAt,
        details: { serviceCode: report.serviceCode, photos: report.photos.length },
      });
      recordMetrics([{ name: 'ReportsCreated', value: 1 }]);
      return { status: 201, body: { id: report.id, trackingToken: token, uploads } };
    },
  }),

  'GET /public/reports/{id}': defineRoute({
    params: ReportParams,
    handle: async ({ params, headers }) => {
      const token = headers['x-tracking-token'] ?? '';
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
      cursor: z.optional(z.string().check(z.maxLength(2048))),
    }),
    handle: async ({ query, principal }) => {
      const page = await listQueue(store, principal.unitId, {
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
      if (!found || found.report.unitId !== principal.unitId)
        throw new NotFoundError('no such report in your queue');
      reportUpdate(found.report.status, body.status, body.reply);
      if (body.reply && containsMobileNumber(body.reply)) {
        throw new ValidationError('a public reply may not contain a mobile number', [
          { field: 'body.reply', message: 'remove the phone number' },
        ]);
      }
      const update = {
        reportId: params.id,
        status: body.status,
        ...(body.reply ? { reply: body.reply } : {}),
        at: now.toISOString(),
        by: principal.sub,
        unitId: principal.unitId,
      };
      await addReportUpdate(store, found.report, update, {
        action: 'report.update',
        target: `REPORT#${params.id}`,
        actor: principal,
        at: update.at,
        details: { status: body.status },
      });
      return {
        status: 201,
        body: {
          ...staffView(found.report),
          status: body.status,
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
      const service = openService(target, body.serviceCode);
      const moved = await rerouteReport(
        store,
        found.report,
        { serviceCode: service.code, unitId: service.unitId },
        {
          action: 'report.route',
          target: `REPORT#${params.id}`,
          actor: principal,
          at: now.toISOString(),
          details: { from: found.report.serviceCode, to: service.code },
        },
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
        body: await putService(store, service, {
          action: 'routing.put',
          target: `SERVICE#${service.code}`,
          actor: principal,
          at: now.toISOString(),
          details: body,
        }),
      };
    },
  }),
});
