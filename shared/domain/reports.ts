import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ulid } from 'ulid';
import { ConflictError, ValidationError } from '../errors.ts';
import { auditEntry, auditTarget, type AuditEntry } from './audit.ts';
import { containsMobileNumber } from './personalNumbers.ts';
import type { Principal } from './principal.ts';
import { DEFAULT_SLA_HOURS } from './citizenBoard.ts';
import { MAX_PHOTO_BYTES, type PhotoType } from './photos.ts';
import { openCategory, type Service } from './reportCategories.ts';
import type { ReminderSettings } from './reminders.ts';
import { assigned, chaseFrom, isReportOpen, type WorkOrder } from './workOrders.ts';

import {
  nextStatuses,
  REPORT_STATUS_NAMES,
  type ReportStatus,
  type UpdateStatus,
} from './reportStatus.ts';

/** Citizen reports (Art3, Art10): a problem in the city, routed to the department responsible. */
/** The uploads check reads this many bytes of a photo at most, whatever its size. */
export const SNIFF_BYTES = 4096;

export type PhotoState = 'expected' | 'attached' | 'quarantined';

/** What a citizen is told of each photo: still being checked, attached, or refused. */
export const PUBLIC_PHOTO_STATE = {
  expected: 'checking',
  attached: 'attached',
  quarantined: 'rejected',
} as const satisfies Record<PhotoState, string>;
export interface ReportPhoto {
  n: number;
  contentType: PhotoType;
  size: number;
  state: PhotoState;
  reason?: string;
}

export interface Report extends WorkOrder {
  id: string;
  serviceCode: string;
  unitId: string;
  description: string;
  lat: number;
  lng: number;
  address?: string;
  status: ReportStatus;
  createdAt: string;
  trackingTokenHash: string;
  photos: ReportPhoto[];
  /** Hours its category promised when it was made (absent on reports older than the ranking: 72). */
  slaHours?: number;
}

export interface ReportUpdate {
  id: string;
  reportId: string;
  /** Absent on a progress note: the report stays where it was. */
  status?: UpdateStatus;
  reply?: string;
  at: string;
  by: string;
  unitId: string;
  /** Published on the board (Art10.2): the report appears there from its first public update. */
  public?: true;
}

/** China's extent: a report from elsewhere is a mistake or abuse. */
export const isPlausibleLocation = (lat: number, lng: number) =>
  lat >= 3.8 && lat <= 53.6 && lng >= 73.4 && lng <= 135.1;

/** A tracking token of 256 random bits; only its hash is stored. */
export function newTrackingToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const tokenMatches = (token: string, hash: string) =>
  timingSafeEqual(Buffer.from(hashToken(token), 'hex'), Buffer.from(hash, 'hex'));

/** The image type the first bytes show, whatever the upload claimed. */
export function sniffImageType(bytes: Uint8Array): PhotoType | 'image/heic' | undefined {
  const b = Buffer.from(bytes);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (
    b.length >= 8 &&
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png';
  if (
    b.length >= 12 &&
    b.toString('latin1', 0, 4) === 'RIFF' &&
    b.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'image/webp';
  if (
    b.length >= 12 &&
    b.toString('latin1', 4, 8) === 'ftyp' &&
    ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(b.toString('latin1', 8, 12))
  )
    return 'image/heic';
  return undefined;
}

/**
 * Why an upload is refused, or undefined when it is the photo the report
 * declared: real image bytes of the declared type and no larger than declared.
 */
export function photoRefusal(
  declared: ReportPhoto | undefined,
  upload: { firstBytes: Uint8Array; size: number; contentType: string | undefined },
): string | undefined {
  if (!declared) return 'no such photo was declared';
  if (declared.state !== 'expected') return `photo ${declared.n} is ${declared.state} already`;
  if (upload.size > declared.size || upload.size > MAX_PHOTO_BYTES)
    return `larger than declared (${upload.size} > ${declared.size} bytes)`;
  if (upload.size < 12) return 'too small to be an image';
  const sniffed = sniffImageType(upload.firstBytes);
  if (!sniffed) return 'not an image';
  if (sniffed !== declared.contentType)
    return `bytes are ${sniffed}, declared ${declared.contentType}`;
  if (upload.contentType !== undefined && upload.contentType !== declared.contentType)
    return `uploaded as ${upload.contentType}, declared ${declared.contentType}`;
  return undefined;
}

export interface ReportRequest {
  serviceCode: string;
  description: string;
  lat: number;
  lng: number;
  address?: string | undefined;
  photos: { contentType: PhotoType; size: number }[];
}

/** The category a report may be made in, or why not: a place outside China, a closed or unknown category. */
export function refuseUnreportable(
  request: Pick<ReportRequest, 'lat' | 'lng' | 'serviceCode'>,
  service: Service | undefined,
): Service {
  if (!isPlausibleLocation(request.lat, request.lng)) {
    throw new ValidationError('位置不在中国境内', [{ field: 'body.lat', message: '位置无效' }]);
  }
  return openCategory(service, request.serviceCode);
}

/**
 * A citizen's new report (Art3, Art10), routed to the department of its
 * category, with its tracking token (shown once, stored only as a hash) and
 * its audit record. Every photo is expected until its upload is checked.
 */
export function newReport(
  request: ReportRequest,
  context: {
    service: Service | undefined;
    citizen: Principal;
    now: Date;
    number: string;
    settings: ReminderSettings;
  },
): { report: Report; trackingToken: string; audit: AuditEntry } {
  const { citizen, now } = context;
  const service = refuseUnreportable(request, context.service);
  const { token, hash } = newTrackingToken();
  const report: Report = {
    id: ulid(now.getTime()),
    serviceCode: service.code,
    unitId: service.unitId,
    description: request.description,
    lat: request.lat,
    lng: request.lng,
    ...(request.address ? { address: request.address } : {}),
    status: 'submitted',
    createdAt: now.toISOString(),
    trackingTokenHash: hash,
    photos: request.photos.map((photo, n) => ({ n, ...photo, state: 'expected' as const })),
    slaHours: service.slaHours ?? DEFAULT_SLA_HOURS,
    number: context.number,
    ...assigned(service.slaHours ?? DEFAULT_SLA_HOURS, now),
  };
  Object.assign(report, chaseFrom(report, context.settings, now));
  const audit = auditEntry('report.create', auditTarget.report(report.id), citizen, now, {
    number: report.number,
    serviceCode: report.serviceCode,
    photos: report.photos.length,
  });
  return { report, trackingToken: token, audit };
}

/**
 * A department's update of a report in its hands: forward only (a closed or
 * returned report takes none), a progress note without a status change, a
 * public reply required to close one, and no mobile number in a reply. The
 * first update answers the report; a closing one ends its chase.
 */
export function newReportUpdate(
  report: Report,
  request: {
    status?: UpdateStatus | undefined;
    reply?: string | undefined;
    public?: boolean | undefined;
  },
  actor: Principal,
  now: Date,
  settings: ReminderSettings,
): { update: ReportUpdate; report: Report; audit: AuditEntry } {
  const { status: next, reply } = request;
  if (!isReportOpen(report))
    throw new ConflictError(`诉求已是“${REPORT_STATUS_NAMES[report.status]}”`);
  if (next && !nextStatuses(report.status).includes(next))
    throw new ConflictError(
      `诉求已是“${REPORT_STATUS_NAMES[report.status]}”，不能改为“${REPORT_STATUS_NAMES[next]}”`,
    );
  if (!next && !reply)
    throw new ValidationError('进展说明须填写内容', [{ field: 'body.reply', message: '必填' }]);
  if ((next === 'resolved' || next === 'rejected') && !reply) {
    throw new ValidationError('办结或退回诉求须填写公开答复', [
      { field: 'body.reply', message: `办结或退回时必填` },
    ]);
  }
  if (reply && containsMobileNumber(reply)) {
    throw new ValidationError('公开答复中不能含有手机号码', [
      { field: 'body.reply', message: '请删去手机号码' },
    ]);
  }
  const at = now.toISOString();
  const update: ReportUpdate = {
    id: ulid(now.getTime()),
    reportId: report.id,
    ...(next ? { status: next } : {}),
    ...(reply ? { reply } : {}),
    at,
    by: actor.sub,
    unitId: actor.unitId,
    ...(request.public ? { public: true as const } : {}),
  };
  const moved: Report = {
    ...report,
    ...(next ? { status: next } : {}),
    ...(report.firstRepliedAt ? {} : { firstRepliedAt: at, firstReplyDueAt: undefined }),
    // A resolution is the report's fate in the ranking, unless a broken promise already was.
    ...(next === 'resolved' ? { resolvedAt: at, judged: true as const } : {}),
  };
  // The chase starts again without the first-reply time, or ends with the report.
  const after: Report =
    moved.firstRepliedAt !== report.firstRepliedAt || !isReportOpen(moved)
      ? { ...moved, ...chaseFrom(moved, settings, now) }
      : moved;
  return {
    update,
    report: after,
    audit: auditEntry('report.update', auditTarget.report(report.id), actor, now, {
      ...(next ? { status: next } : { note: true }),
      ...(update.public ? { public: true } : {}),
    }),
  };
}

/** Publishes an update given earlier (公开 later): only the department's own, once. */
export function publishedUpdate(
  report: Report,
  update: ReportUpdate,
  actor: Principal,
  now: Date,
): { update: ReportUpdate; audit: AuditEntry } {
  if (update.public) throw new ConflictError('这条答复已经公开');
  if (!update.reply) throw new ConflictError('没有答复内容可公开');
  return {
    update: { ...update, public: true },
    audit: auditEntry('report.publish', auditTarget.report(report.id), actor, now, {
      updateId: update.id,
    }),
  };
}
