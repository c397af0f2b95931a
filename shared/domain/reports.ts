import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConflictError, ValidationError } from '../errors.ts';

/** Citizen reports (Art3, Art10): a problem in the city, routed to the department responsible. */
export const REPORT_STATUSES = [
  'submitted',
  'accepted',
  'in_progress',
  'resolved',
  'rejected',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const UPDATE_STATUSES = ['accepted', 'in_progress', 'resolved', 'rejected'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];
export const CLOSED: readonly ReportStatus[] = ['resolved', 'rejected'];

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The uploads check reads this many bytes of a photo at most, whatever its size. */
export const SNIFF_BYTES = 4096;

export type PhotoState = 'expected' | 'attached' | 'quarantined';
export interface ReportPhoto {
  n: number;
  contentType: PhotoType;
  size: number;
  state: PhotoState;
  reason?: string;
}

export interface Report {
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
}

export interface ReportUpdate {
  reportId: string;
  status: UpdateStatus;
  reply?: string;
  at: string;
  by: string;
  unitId: string;
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

/** Forward only; a closed report stays closed. A public reply is required to close one. */
export function reportUpdate(
  current: ReportStatus,
  next: UpdateStatus,
  reply: string | undefined,
): void {
  if (CLOSED.includes(current)) throw new ConflictError(`the report is ${current} already`);
  if (REPORT_STATUSES.indexOf(next) <= REPORT_STATUSES.indexOf(current) && !CLOSED.includes(next)) {
    throw new ConflictError(`a report that is ${current} cannot go back to ${next}`);
  }
  if (CLOSED.includes(next) && !reply)
    throw new ValidationError('a public reply is required to close a report', [
      { field: 'body.reply', message: `required when the status is ${next}` },
    ]);
}

/** A public reply must not publish a mobile number (a citizen's, or a colleague's). */
export const containsMobileNumber = (text: string) =>
  /(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}/.test(text);

/** The image type the first bytes show, whatever the upload claimed. */
export function sniffImageType(bytes: Uint8Array): PhotoType | undefined {
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
