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

/** How long a citizen has to start an upload, and how long a photo or download link works. */
export const UPLOAD_EXPIRES_SECONDS = 5 * 60;
export const LINK_EXPIRES_SECONDS = 5 * 60;
