import { ValidationError } from '../errors.ts';
import { auditEntry, auditTarget, type AuditEntry } from './audit.ts';
import type { Principal } from './principal.ts';

/**
 * Documents as files (Art8.2): what may be attached, and how the real bytes
 * of an upload are told from what it claims to be. Pure: the uploads check
 * reads the bytes these rules ask for, and no more.
 */
export const ATTACHMENT_TYPES = {
  'application/pdf': 'pdf',
  'application/ofd': 'ofd',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** The extensions a file's name may end in for each type: a browser opens a file by its name. */
const EXTENSIONS: Record<(typeof ATTACHMENT_TYPES)[AttachmentType], string[]> = {
  pdf: ['.pdf'],
  ofd: ['.ofd'],
  docx: ['.docx'],
  xlsx: ['.xlsx'],
  doc: ['.doc'],
  xls: ['.xls'],
  jpeg: ['.jpg', '.jpeg'],
  png: ['.png'],
};

/** Whether a file's name ends in an extension of its type (`.pdf` for PDF…), whatever its case. */
export const nameFitsType = (name: string, contentType: AttachmentType): boolean =>
  EXTENSIONS[ATTACHMENT_TYPES[contentType]].some((extension) =>
    name.toLowerCase().endsWith(extension),
  );

/** The extensions of a type, as a person is told them: `.jpg 或 .jpeg`. */
export const extensionsOf = (contentType: AttachmentType): string =>
  EXTENSIONS[ATTACHMENT_TYPES[contentType]].join(' 或 ');

/**
 * Characters a file's name may not hold: control characters (NUL among
 * them), path separators, and the marks that reverse how a name is shown
 * (`季度报告\u202Efdp.exe` reads as `季度报告exe.pdf`).
 */
export const UNSAFE_NAME_CHARACTERS = /[\p{Cc}/\\\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/u;
export const ATTACHMENT_CONTENT_TYPES = Object.keys(ATTACHMENT_TYPES) as [
  AttachmentType,
  ...AttachmentType[],
];
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;
export const ATTACHMENT_STATUSES = ['pending', 'ready', 'rejected'] as const;
export type AttachmentStatus = (typeof ATTACHMENT_STATUSES)[number];

export interface Attachment {
  id: string;
  /** The uploader's unit: it may attach the file to what it sends. */
  unitId: string;
  uploadedBy: string;
  name: string;
  contentType: AttachmentType;
  size: number;
  status: AttachmentStatus;
  sha256?: string;
  /** Why the bytes were refused. */
  reason?: string;
  createdAt: string;
  /** The items that carry it (`dispatch#id`, `upward#id`): who may read one may read the file. */
  carriedBy?: string[];
}

/** What a dispatch or an upward report keeps of each file it carries. */
export type AttachmentRef = Pick<Attachment, 'id' | 'name' | 'contentType' | 'size'> & {
  sha256: string;
};
export const attachmentRef = (attachment: Attachment): AttachmentRef => ({
  id: attachment.id,
  name: attachment.name,
  contentType: attachment.contentType,
  size: attachment.size,
  sha256: attachment.sha256 ?? '',
});

export const carrier = {
  dispatch: (id: string) => `dispatch#${id}`,
  upward: (id: string) => `upward#${id}`,
  /** Files sent to one recipient unit only (a reception problem's resolution). */
  receipt: (dispatchId: string, unitId: string) => `receipt#${dispatchId}#${unitId}`,
};

export function newAttachment(
  request: { name: string; contentType: AttachmentType; size: number },
  uploader: Principal,
  id: string,
  now: Date,
): { attachment: Attachment; audit: AuditEntry } {
  const attachment: Attachment = {
    id,
    unitId: uploader.unitId,
    uploadedBy: uploader.sub,
    ...request,
    status: 'pending',
    createdAt: now.toISOString(),
  };
  const audit = auditEntry('attachment.create', auditTarget.attachment(id), uploader, now, {
    contentType: request.contentType,
    size: request.size,
  });
  return { attachment, audit };
}

/**
 * The files an item may carry (API.md: ≤ 20, each `ready` and uploaded by
 * the sender's unit): refused with one detail per file otherwise.
 */
export function refuseUnusableAttachments(
  ids: readonly string[],
  found: readonly Attachment[],
  unitId: string,
): Attachment[] {
  const byId = new Map(found.map((attachment) => [attachment.id, attachment]));
  const details = ids.flatMap((id, i) => {
    const attachment = byId.get(id);
    const message = !attachment
      ? '附件不存在'
      : attachment.unitId !== unitId
        ? 'uploaded by another unit'
        : attachment.status !== 'ready'
          ? `not ready (${attachment.status})`
          : undefined;
    return message ? [{ field: `attachmentIds.${i}`, message }] : [];
  });
  if (new Set(ids).size !== ids.length)
    details.push({ field: 'attachmentIds', message: '每个附件只能添加一次' });
  if (details.length) throw new ValidationError('有附件不能发送', details);
  return ids.map((id) => byId.get(id) as Attachment);
}

// ---- The bytes -------------------------------------------------------------

/** How much of the start of a file the type check reads. */
export const HEAD_BYTES = 1024;
/** A ZIP's end record and comment lie in its last 65,557 bytes. */
export const ZIP_TAIL_BYTES = 22 + 0xffff;
/** The most of a central directory read: thousands of entries; a document has dozens. */
export const MAX_CENTRAL_DIRECTORY_BYTES = 160 * 1024;

/** The part that makes a ZIP container a document of each type. */
const DEFINING_PART: Partial<Record<AttachmentType, (names: string[]) => boolean>> = {
  'application/ofd': (names) => names.includes('OFD.xml'),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (names) =>
    names.includes('[Content_Types].xml') && names.includes('word/document.xml'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (names) =>
    names.includes('[Content_Types].xml') && names.includes('xl/workbook.xml'),
};

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** What the first bytes say: refused here, or a ZIP whose parts must be read next. */
export function headVerdict(
  contentType: AttachmentType,
  head: Uint8Array,
): { reason: string } | 'ok' | 'zip' {
  switch (ATTACHMENT_TYPES[contentType]) {
    case 'pdf':
      // At the very start: a file that opens as something else (`<html>…%PDF-`) is that something else.
      return startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])
        ? 'ok'
        : { reason: 'not a PDF: it does not start with %PDF-' };
    case 'jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]) ? 'ok' : { reason: 'not a JPEG image' };
    case 'png':
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        ? 'ok'
        : { reason: 'not a PNG image' };
    case 'doc':
    case 'xls':
      return startsWith(head, OLE) ? 'ok' : { reason: 'not an OLE compound file' };
    default:
      return startsWith(head, ZIP) ? 'zip' : { reason: 'not a ZIP container' };
  }
}

/** Where the central directory lies, from the end record in a ZIP's tail; or why it cannot be read. */
export function centralDirectory(
  tail: Uint8Array,
  size: number,
): { offset: number; length: number } | { reason: string } {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let at = tail.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const length = view.getUint32(at + 12, true);
    const offset = view.getUint32(at + 16, true);
    if (length === 0xffffffff || offset === 0xffffffff)
      return { reason: 'ZIP64 containers are not accepted' };
    if (offset + length > size) continue;
    if (length > MAX_CENTRAL_DIRECTORY_BYTES) return { reason: 'too many parts for a document' };
    return { offset, length };
  }
  return { reason: 'not a ZIP container: no end of central directory' };
}

/** The part names in a central directory. */
export function partNames(directory: Uint8Array): string[] {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let at = 0; at + 46 <= directory.length && view.getUint32(at, true) === 0x02014b50;) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    names.push(decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** A ZIP container's verdict from its part names: it holds its type's defining part. */
export function partsVerdict(contentType: AttachmentType, names: string[]): { reason?: string } {
  const holds = DEFINING_PART[contentType];
  if (!holds) return { reason: 'not a container type' };
  return holds(names)
    ? {}
    : { reason: `a ZIP without the parts of ${ATTACHMENT_TYPES[contentType].toUpperCase()}` };
}

/**
 * `Content-Disposition` for a download under the file's own name (RFC 6266
 * with RFC 5987's `filename*`), and an ASCII fallback for old clients.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
