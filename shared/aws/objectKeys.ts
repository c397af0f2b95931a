/**
 * Where things live in the uploads bucket: citizens' photos and staff's
 * files, each under a prefix of its stage (incoming, checked, quarantined).
 */
export const incomingKey = (reportId: string, n: number) => `incoming/${reportId}/${n}`;
export const photoKey = (reportId: string, n: number) => `photos/${reportId}/${n}`;
export const quarantineKey = (reportId: string, n: number) => `quarantine/${reportId}/${n}`;
export const attachmentUploadKey = (attachmentId: string) => `attachments/incoming/${attachmentId}`;
export const attachmentFileKey = (attachmentId: string) => `attachments/files/${attachmentId}`;
export const attachmentQuarantineKey = (attachmentId: string) =>
  `quarantine/attachments/${attachmentId}`;
/** An image of a published article, as re-encoded for citizens (never the staff's upload itself). */
export const articleImageKey = (articleId: string, attachmentId: string) =>
  `articles/${articleId}/${attachmentId}.jpg`;

/** How long a citizen has to start an upload, and how long a photo or download link works. */
export const UPLOAD_EXPIRES_SECONDS = 5 * 60;
export const LINK_EXPIRES_SECONDS = 5 * 60;

/**
 * A read tied to an ETag found the object changed since (S3's 412): the
 * upload was posted again, and its new bytes have an event of their own.
 * Here, not with the S3 client, so a caller can tell it without loading the SDK.
 */
export class ObjectChangedError extends Error {
  constructor(key: string, options?: ErrorOptions) {
    super(`${key} changed since it was read`, options);
    this.name = 'ObjectChangedError';
  }
}
