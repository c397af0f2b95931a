import * as z from 'zod/mini';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES } from '../domain/reports.ts';
import { REPORT_STATUSES, UPDATE_STATUSES } from '../domain/reportStatus.ts';
import { Cursor, List, Page, ServiceCode, Text, UnitId } from './common.ts';

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

export const TrackingHeaders = z.object({
  'x-tracking-token': z.optional(z.string().check(z.maxLength(256))),
});
export const ReportListQuery = z.object({
  status: z._default(z.enum(['open', 'all']), 'open'),
  unitId: z.optional(UnitId),
  cursor: z.optional(Cursor),
});
export const ReportUpdateBody = z.strictObject({
  status: z.enum(UPDATE_STATUSES),
  reply: z.optional(Text(2000)),
});
export const RouteBody = z.strictObject({ serviceCode: ServiceCode });
export const ServiceParams = z.object({ serviceCode: ServiceCode });
export const ServiceBody = z.strictObject({
  name: Text(50),
  column: Text(50),
  unitId: UnitId,
  active: z.boolean(),
});

/** A presigned POST: an HTML-form upload of `fields` and then the file, to `url`, before `expiresAt`. */
export const Upload = z.object({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
export const ReportCreated = z.object({
  id: z.string(),
  /** Shown once: only its hash is kept. */
  trackingToken: z.string(),
  uploads: z.array(Upload),
});

const UpdateView = z.object({
  status: z.enum(UPDATE_STATUSES),
  reply: z.optional(z.string()),
  at: z.string(),
});

export const PublicReport = z.object({
  id: z.string(),
  serviceCode: z.string(),
  status: z.enum(REPORT_STATUSES),
  createdAt: z.string(),
  /** The photos that passed the check, as short-lived links. */
  photos: z.array(z.object({ url: z.string() })),
  /** Every declared photo: still being checked, attached, or rejected. */
  photoStates: z.array(
    z.object({ n: z.int(), state: z.enum(['checking', 'attached', 'rejected']) }),
  ),
  updates: z.array(UpdateView),
});

export const StaffReport = z.object({
  id: z.string(),
  serviceCode: z.string(),
  unitId: z.string(),
  description: z.string(),
  lat: z.number(),
  lng: z.number(),
  address: z.optional(z.string()),
  status: z.enum(REPORT_STATUSES),
  createdAt: z.string(),
  photos: z.array(
    z.object({
      n: z.int(),
      contentType: z.enum(PHOTO_TYPES),
      size: z.int(),
      state: z.enum(['expected', 'attached', 'quarantined']),
      reason: z.optional(z.string()),
      /** A short-lived link, for photos that passed the check. */
      url: z.optional(z.string()),
    }),
  ),
});
export const ReportPage = Page(StaffReport);
/** A report with its updates, oldest first: what the department works from. */
export const UpdatedReport = z.object({
  ...StaffReport.shape,
  updates: z.array(
    z.object({ ...UpdateView.shape, reportId: z.string(), by: z.string(), unitId: z.string() }),
  ),
});

export const ServiceView = z.object({
  code: z.string(),
  name: z.string(),
  column: z.string(),
  unitId: z.string(),
  active: z.boolean(),
});
export const PublicServiceList = List(
  z.object({ code: z.string(), name: z.string(), column: z.string(), unitId: z.string() }),
);
export const ServiceList = List(ServiceView);
