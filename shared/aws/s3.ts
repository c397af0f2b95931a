import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  NoSuchKey,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { LINK_EXPIRES_SECONDS, ObjectChangedError, UPLOAD_EXPIRES_SECONDS } from './objectKeys.ts';

/** An object read (or a range of it), as S3 answered. */
export interface StoredObject {
  /** The bytes read, as they arrive. */
  body: Readable;
  /** All of the bytes read. */
  bytes(): Promise<Uint8Array>;
  etag: string | undefined;
  versionId: string | undefined;
  contentType: string | undefined;
  /** The whole object's size, also when a range was read. */
  size: number;
  /** The bytes this read carries (a range's length). */
  length: number;
}

/** A browser-form upload: POST `fields` and then the file to `url`. */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** One bucket, as the functions use it (the uploads bucket, the audit digests' bucket). */
export interface ObjectStore {
  /**
   * The object (or a range of it); undefined when there is none. With
   * `ifMatch`, only if it still has that ETag: else ObjectChangedError.
   */
  get(
    key: string,
    options?: { range?: [from: number, to: number]; ifMatch?: string | undefined },
  ): Promise<StoredObject | undefined>;
  /**
   * Writes an object. With `once`, only if there is none under the key yet
   * (S3's conditional write, `If-None-Match: *`): 'exists' when there was.
   */
  put(
    key: string,
    body: string | Uint8Array,
    contentType: string,
    options?: { once?: boolean },
  ): Promise<'written' | 'exists'>;
  /**
   * Copies a checked upload to where its verdict sends it, only if the
   * object still has the ETag of the bytes that were checked; a refusal
   * carries its reason as metadata. 'superseded' when it was posted again
   * since it was read: the new bytes have an event of their own.
   */
  copy(
    from: { key: string; etag: string | undefined },
    to: { key: string; reason?: string | undefined },
  ): Promise<'copied' | 'superseded'>;
  delete(key: string, versionId?: string): Promise<void>;
  /** How many versions the bucket holds of this key (a written-once object has one). */
  versionCount(key: string): Promise<number>;
  /** A browser-form upload of exactly this key and content type, at most `maxBytes`, for 5 minutes. */
  uploadForm(key: string, contentType: string, maxBytes: number): Promise<UploadForm>;
  /** A 5-minute GET link; `as` makes it download under a name and type. */
  link(key: string, as?: { disposition: string; contentType: string }): Promise<string>;
}

const statusOf = (error: unknown) =>
  error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;

/** A request refused because the object no longer has the ETag it was tied to, or exists already (412). */
const isPreconditionFailed = (error: unknown) => statusOf(error) === 412;

/**
 * A bucket through the SDK's S3 client: ranged and conditional reads,
 * versioned deletes, copies tied to the ETag that was checked, and S3's own
 * presigners for forms and links. The SDK turns S3's "200 with an error"
 * (and an empty 200 to a copy) into a retried error, never a success.
 */
export function objectStore(s3: S3Client, bucket: string): ObjectStore {
  return {
    async get(key, options = {}) {
      try {
        const object = await s3.send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(options.range ? { Range: `bytes=${options.range[0]}-${options.range[1]}` } : {}),
            ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
          }),
        );
        const body = object.Body as Readable & { transformToByteArray(): Promise<Uint8Array> };
        const total = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
        return {
          body,
          bytes: () => body.transformToByteArray(),
          etag: object.ETag,
          versionId: object.VersionId,
          contentType: object.ContentType,
          size: Number(total ?? object.ContentLength ?? 0),
          length: object.ContentLength ?? 0,
        };
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        if (isPreconditionFailed(error)) throw new ObjectChangedError(key, { cause: error });
        throw error;
      }
    },
    async put(key, body, contentType, options = {}) {
      try {
        await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: contentType,
            // Object Lock buckets take an object only with a checksum of it.
            ContentMD5: createHash('md5').update(body).digest('base64'),
            ...(options.once ? { IfNoneMatch: '*' } : {}),
          }),
        );
        return 'written';
      } catch (error) {
        if (options.once && isPreconditionFailed(error)) return 'exists';
        throw error;
      }
    },
    async copy(from, to) {
      try {
        await s3.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: to.key,
            CopySource: `${bucket}/${encodeURIComponent(from.key).replace(/%2F/g, '/')}`,
            ...(from.etag ? { CopySourceIfMatch: from.etag } : {}),
            ...(to.reason === undefined
              ? {}
              : {
                  MetadataDirective: 'REPLACE',
                  Metadata: { reason: encodeURIComponent(to.reason) },
                }),
          }),
        );
        return 'copied';
      } catch (error) {
        if (isPreconditionFailed(error)) return 'superseded';
        throw error;
      }
    },
    async delete(key, versionId) {
      await s3.send(
        new DeleteObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
        }),
      );
    },
    async versionCount(key) {
      const { Versions = [], DeleteMarkers = [] } = await s3.send(
        new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }),
      );
      return [...Versions, ...DeleteMarkers].filter((version) => version.Key === key).length;
    },
    async uploadForm(key, contentType, maxBytes) {
      const expiresAt = new Date(Date.now() + UPLOAD_EXPIRES_SECONDS * 1000).toISOString();
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
      return { url, fields, expiresAt };
    },
    link(key, as) {
      return getSignedUrl(
        s3,
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(as
            ? { ResponseContentDisposition: as.disposition, ResponseContentType: as.contentType }
            : {}),
        }),
        { expiresIn: LINK_EXPIRES_SECONDS },
      );
    },
  };
}
