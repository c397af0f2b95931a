import * as z from 'zod/mini';
import {
  HEIC_REFUSAL,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  PHOTO_TYPE_REFUSAL,
  PHOTO_TYPES,
} from '../domain/photos.ts';
import { REPORT_STATUSES, UPDATE_STATUSES } from '../domain/reportStatus.ts';
import { SUPERVISION } from '../domain/supervision.ts';
import { SATISFACTIONS } from '../domain/workOrders.ts';
import {
  Cursor,
  Day,
  List,
  Page,
  ServiceCode,
  Text,
  Time,
  UnitId,
  Ulid,
  Upload,
} from './common.ts';

export const CreateReportBody = z.strictObject({
  serviceCode: ServiceCode,
  description: Text(2000),
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lng: z.number().check(z.gte(-180), z.lte(180)),
  address: z.optional(Text(200)),
  photos: z
    .array(
      z.strictObject({
        // HEIC is refused with what to do instead: the server cannot decode it to strip its EXIF.
        contentType: z.enum(PHOTO_TYPES, {
          error: (issue) => (issue.input === 'image/heic' ? HEIC_REFUSAL : PHOTO_TYPE_REFUSAL),
        }),
        size: z.int().check(z.gte(1), z.lte(MAX_PHOTO_BYTES)),
      }),
    )
    .check(z.maxLength(MAX_PHOTOS)),
});

export const TrackingHeaders = z.object({
  'x-tracking-token': z.optional(z.string().check(z.maxLength(256))),
});
export const ReportListQuery = z.object({
  /** open/all: a queue; returned (退单) and extension (延期 to decide): the district office's lists. */
  status: z._default(z.enum(['open', 'all', 'returned', 'extension']), 'open'),
  unitId: z.optional(UnitId),
  cursor: z.optional(Cursor),
});
export const ReportUpdateBody = z.strictObject({
  /** Absent: a progress note, the status stays. */
  status: z.optional(z.enum(UPDATE_STATUSES)),
  reply: z.optional(Text(2000)),
  /** Publish on the board (Art10.2): the report appears there from its first public update. */
  public: z.optional(z.boolean()),
});
export const RouteBody = z.strictObject({ serviceCode: ServiceCode });
export const ServiceParams = z.object({ serviceCode: ServiceCode });
export const ServiceBody = z.strictObject({
  name: Text(50),
  column: Text(50),
  unitId: UnitId,
  active: z.boolean(),
  /** Hours within which the department should resolve a report: the ranking's SLA (72 when unset). */
  slaHours: z.optional(z.int().check(z.gte(1), z.lte(24 * 90))),
  /** Whether "someone nearby already reported this" may be asked of it (false for 低保 by default). */
  nearby: z.optional(z.boolean()),
});

export const ReportCreated = z.object({
  id: z.string(),
  /** Shown once: only its hash is kept. */
  trackingToken: z.string(),
  uploads: z.array(Upload),
});

const UpdateView = z.object({
  id: z.string(),
  status: z.optional(z.enum(UPDATE_STATUSES)),
  reply: z.optional(z.string()),
  at: z.string(),
});
export const UpdateParams = z.object({ id: Ulid, updateId: Ulid });
export const ReturnBody = z.strictObject({ reason: Text(500) });
export const ExtensionBody = z.strictObject({ until: Time, reason: Text(500) });
export const FeedbackBody = z.strictObject({
  fixed: z.boolean(),
  satisfaction: z.enum(SATISFACTIONS),
  comment: z.optional(Text(500)),
});
const Feedback = z.object({
  fixed: z.boolean(),
  satisfaction: z.enum(SATISFACTIONS),
  comment: z.optional(z.string()),
  at: z.string(),
});

export const PublicReport = z.object({
  id: z.string(),
  number: z.optional(z.string()),
  serviceCode: z.string(),
  status: z.enum(REPORT_STATUSES),
  createdAt: z.string(),
  dueAt: z.optional(z.string()),
  /** Whether the citizen may say now whether it is fixed (once per resolution). */
  feedbackWanted: z.boolean(),
  feedback: z.optional(Feedback),
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
  number: z.optional(z.string()),
  serviceCode: z.string(),
  unitId: z.string(),
  description: z.string(),
  lat: z.number(),
  lng: z.number(),
  address: z.optional(z.string()),
  status: z.enum(REPORT_STATUSES),
  createdAt: z.string(),
  /** When it should be resolved (moved by an approved extension). */
  dueAt: z.optional(z.string()),
  /** When its department should first answer, until it has. */
  firstReplyDueAt: z.optional(z.string()),
  firstRepliedAt: z.optional(z.string()),
  resolvedAt: z.optional(z.string()),
  supervision: z.enum(SUPERVISION),
  returned: z.optional(z.object({ reason: z.string(), at: z.string(), by: z.string() })),
  extension: z.optional(
    z.object({
      until: z.string(),
      reason: z.string(),
      status: z.enum(['pending', 'approved', 'rejected']),
      requestedAt: z.string(),
      requestedBy: z.string(),
      decidedAt: z.optional(z.string()),
      decidedBy: z.optional(z.string()),
    }),
  ),
  feedback: z.optional(Feedback),
  reopened: z.optional(z.int()),
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
    z.object({
      ...UpdateView.shape,
      reportId: z.string(),
      by: z.string(),
      unitId: z.string(),
      public: z.optional(z.boolean()),
    }),
  ),
});

export const ServiceView = z.object({
  code: z.string(),
  name: z.string(),
  column: z.string(),
  unitId: z.string(),
  active: z.boolean(),
  slaHours: z.optional(z.int()),
  nearby: z.optional(z.boolean()),
});
export const PublicServiceList = List(
  z.object({ code: z.string(), name: z.string(), column: z.string(), unitId: z.string() }),
);
export const ServiceList = List(ServiceView);

/** A fresh upload link for photo `n` of a report, when the first one expired (the tracking token proves the report is yours). */
export const PhotoParams = z.object({
  id: Ulid,
  n: z.coerce.number().check(z.int(), z.gte(0), z.lt(MAX_PHOTOS)),
});

export const BoardQuery = z.object({ cursor: z.optional(Cursor) });
/** A report on the public board: masked text, published updates only, photos that passed the check. */
export const BoardItem = z.object({
  id: z.string(),
  serviceCode: z.string(),
  status: z.enum(REPORT_STATUSES),
  createdAt: z.string(),
  description: z.string(),
  photos: z.array(z.object({ url: z.string() })),
  updates: z.array(UpdateView),
});
export const BoardPage = Page(BoardItem);

export const NearbyQuery = z.object({
  serviceCode: ServiceCode,
  lat: z.coerce.number().check(z.gte(-90), z.lte(90)),
  lng: z.coerce.number().check(z.gte(-180), z.lte(180)),
});
/** Published reports only, without where they are; the others only counted (API.md v1.2). */
export const NearbyList = z.object({
  items: z.array(
    z.object({ id: z.string(), status: z.enum(REPORT_STATUSES), createdAt: z.string() }),
  ),
  unpublished: z.int(),
});

/** Days in Asia/Shanghai; the last 30 days to today when absent. */
export const RankingQuery = z.object({ from: z.optional(Day), to: z.optional(Day) });
export const RankingView = z.object({
  from: z.string(),
  to: z.string(),
  units: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      reports: z.int(),
      firstReplyMedianHours: z.nullable(z.number()),
      resolvedWithinSlaShare: z.nullable(z.number()),
      /** Of the citizens who judged a resolution, the share satisfied. */
      satisfiedShare: z.nullable(z.number()),
      reopened: z.int(),
      overdue: z.int(),
      rank: z.nullable(z.int()),
    }),
  ),
});
