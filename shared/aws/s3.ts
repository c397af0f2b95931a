import { CopyObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { config } from '../config.ts';

/** How long a citizen has to start an upload, and how long a photo link works. */
export const UPLOAD_EXPIRES_SECONDS = 5 * 60;
export const PHOTO_URL_EXPIRES_SECONDS = 5 * 60;

let client: S3Client | undefined;

/**
 * The S3 client and photo bucket of this process; outside AWS, the local S3
 * (s3rver) with path-style URLs. Read from the environment on first use.
 */
export function s3FromConfig(): { readonly s3: S3Client; readonly bucket: string } {
  return {
    get s3() {
      const { AWS_REGION, S3_ENDPOINT } = config();
      client ??= new S3Client(
        S3_ENDPOINT
          ? {
              region: AWS_REGION,
              endpoint: S3_ENDPOINT,
              forcePathStyle: true,
              credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
            }
          : { region: AWS_REGION },
      );
      return client;
    },
    get bucket() {
      const { PHOTOS_BUCKET } = config();
      if (!PHOTOS_BUCKET) throw new Error('PHOTOS_BUCKET is not set');
      return PHOTOS_BUCKET;
    },
  };
}

/**
 * A browser-form upload of exactly one object: this key, this content type,
 * at most `maxBytes`, within 5 minutes. S3 enforces the policy; the uploads
 * function checks the bytes.
 */
export async function presignedUpload(
  s3: S3Client,
  bucket: string,
  key: string,
  contentType: string,
  maxBytes: number,
  now: Date,
) {
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: bucket,
    Key: key,
    Conditions: [
      ['eq', '$Content-Type', contentType],
      ['content-length-range', 1, maxBytes],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: UPLOAD_EXPIRES_SECONDS,
  });
  return {
    url,
    fields,
    expiresAt: new Date(now.getTime() + UPLOAD_EXPIRES_SECONDS * 1000).toISOString(),
  };
}

export async function presignedPhotoUrl(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<string> {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
    expiresIn: PHOTO_URL_EXPIRES_SECONDS,
  });
}

export const incomingKey = (reportId: string, n: number) => `incoming/${reportId}/${n}`;
export const photoKey = (reportId: string, n: number) => `photos/${reportId}/${n}`;
export const quarantineKey = (reportId: string, n: number) => `quarantine/${reportId}/${n}`;
export const attachmentUploadKey = (attachmentId: string) => `attachments/incoming/${attachmentId}`;
export const attachmentFileKey = (attachmentId: string) => `attachments/files/${attachmentId}`;
export const attachmentQuarantineKey = (attachmentId: string) =>
  `quarantine/attachments/${attachmentId}`;

/** A 5-minute link that downloads an object under its own name and type. */
export async function presignedDownload(
  s3: S3Client,
  bucket: string,
  key: string,
  file: { disposition: string; contentType: string },
): Promise<string> {
  return getSignedUrl(
    s3,
    new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentDisposition: file.disposition,
      ResponseContentType: file.contentType,
    }),
    { expiresIn: PHOTO_URL_EXPIRES_SECONDS },
  );
}

/**
 * Copies a checked upload to where its verdict sends it, only if the object
 * still has the ETag of the bytes that were checked; a refusal carries its
 * reason as metadata. 'superseded' when it was posted again since it was
 * read: the new bytes have an event of their own, and are checked there.
 */
export async function copyChecked(
  s3: S3Client,
  bucket: string,
  from: { key: string; etag: string | undefined },
  to: { key: string; reason?: string | undefined },
): Promise<'copied' | 'superseded'> {
  try {
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: to.key,
        CopySource: `${bucket}/${from.key}`,
        CopySourceIfMatch: from.etag,
        ...(to.reason === undefined
          ? {}
          : { MetadataDirective: 'REPLACE', Metadata: { reason: encodeURIComponent(to.reason) } }),
      }),
    );
    return 'copied';
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412)
      return 'superseded';
    throw error;
  }
}
