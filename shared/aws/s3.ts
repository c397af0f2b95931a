import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { config } from '../config.ts';
import {
  AwsError,
  readAll,
  signedRequest,
  xmlText,
  type Answer,
  type Failure,
  type Request,
} from './awsCall.ts';
import { bucketUrl, escapeKey, photosBucket, s3Credentials } from './s3Links.ts';
import { Sha256, type Credentials } from './sigv4.ts';

/**
 * The S3 objects the uploads and audit-digest functions read and write:
 * GET (a range, if it still has an ETag), PUT, a copy inside the bucket and
 * a DELETE of one version, each a REST request signed with SigV4, as the
 * SDK's S3 client sends them without its middleware, protocol and checksum
 * machinery (a third of a function's cold start, bench/bundles.ts). Outside
 * AWS, the local S3 (s3rver), path style.
 */

export interface StoredObject {
  /** The bytes read, as they arrive. */
  body: IncomingMessage;
  /** All of the bytes read. */
  bytes(): Promise<Uint8Array>;
  etag: string | undefined;
  versionId: string | undefined;
  contentType: string | undefined;
  /** The whole object's size, also when a range was read. */
  size: number;
}

export interface ObjectStore {
  readonly bucket: string;
  /** The object (or a range of it, if it still has `ifMatch` as ETag); undefined when there is none. */
  get(
    key: string,
    options?: { range?: [from: number, to: number]; ifMatch?: string | undefined },
  ): Promise<StoredObject | undefined>;
  put(key: string, body: string, contentType: string): Promise<void>;
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
}

interface Signing {
  region: string;
  credentials: Credentials | (() => Promise<Credentials>);
}

/** The SigV4 signer of S3 requests: keys come escaped already (`escapeKey`), as S3 canonicalizes them. */
export const objectSigner = ({ region, credentials }: Signing) =>
  new SignatureV4({ service: 's3', region, credentials, sha256: Sha256, uriEscapePath: false });

/** S3's error, from its XML; a HEAD-like error has no body: named by its status, as S3's own codes would. */
const failure = (answer: Answer): Failure => {
  const name =
    xmlText(answer.body, 'Code') ?? (answer.status === 404 ? 'NoSuchKey' : `Http${answer.status}`);
  return { name, message: xmlText(answer.body, 'Message') ?? name, fields: {} };
};

export function objectStore(bucket: string, signing: Signing): ObjectStore {
  const signer = objectSigner(signing);
  const request = <T>(sent: Request, read: (response: IncomingMessage) => Promise<T>) =>
    signedRequest(signer, sent, failure, read);
  const base = bucketUrl(bucket);
  const url = (key: string, query = '') => new URL(`${base.href}${escapeKey(key)}${query}`);
  return {
    bucket,
    async get(key, options = {}) {
      let response: IncomingMessage;
      try {
        response = await request(
          {
            method: 'GET',
            url: url(key),
            headers: {
              ...(options.range ? { range: `bytes=${options.range[0]}-${options.range[1]}` } : {}),
              ...(options.ifMatch ? { 'if-match': options.ifMatch } : {}),
            },
          },
          (answered) => Promise.resolve(answered),
        );
      } catch (error) {
        if (error instanceof AwsError && error.name === 'NoSuchKey') return undefined;
        throw error;
      }
      const header = (name: string) => {
        const value = response.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const total = /\/(\d+)$/.exec(header('content-range') ?? '')?.[1];
      return {
        body: response,
        bytes: async () => new Uint8Array(await readAll(response)),
        etag: header('etag'),
        versionId: header('x-amz-version-id'),
        contentType: header('content-type'),
        size: Number(total ?? header('content-length') ?? 0),
      };
    },
    async put(key, body, contentType) {
      const headers = {
        'content-type': contentType,
        'content-length': String(Buffer.byteLength(body)),
        // Object Lock buckets take an object only with a checksum of it.
        'content-md5': createHash('md5').update(body).digest('base64'),
      };
      await request({ method: 'PUT', url: url(key), headers, body }, readAll);
    },
    async copy(from, to) {
      const headers = {
        'x-amz-copy-source': `/${bucket}/${escapeKey(from.key)}`,
        ...(from.etag ? { 'x-amz-copy-source-if-match': from.etag } : {}),
        ...(to.reason === undefined
          ? {}
          : {
              'x-amz-metadata-directive': 'REPLACE',
              'x-amz-meta-reason': encodeURIComponent(to.reason),
            }),
      };
      try {
        return await request({ method: 'PUT', url: url(to.key), headers }, async (response) => {
          // A copy can fail after S3 has answered 200: the error is then in the body.
          const answer = {
            status: 200,
            headers: response.headers,
            body: (await readAll(response)).toString(),
          };
          if (xmlText(answer.body, 'Code') === undefined) return 'copied' as const;
          const { name, message } = failure(answer);
          throw new AwsError(name, message, 200, {});
        });
      } catch (error) {
        if (error instanceof AwsError && error.statusCode === 412) return 'superseded';
        throw error;
      }
    },
    async delete(key, versionId) {
      const query = versionId ? `?versionId=${encodeURIComponent(versionId)}` : '';
      await request({ method: 'DELETE', url: url(key, query) }, readAll);
    },
  };
}

/** The signing of this process: the local S3's fixed keys outside AWS, the role's in AWS. */
const signingFromConfig = (): Signing => ({
  region: config().AWS_REGION,
  credentials: s3Credentials,
});

let photos: ObjectStore | undefined;

/** The uploads bucket of this process, made on first use (the environment is read then). */
export function photoObjects(): ObjectStore {
  photos ??= objectStore(photosBucket(), signingFromConfig());
  return photos;
}

/** Another bucket of this process (the audit digests), made on first use. */
export const objectsOf = (bucket: string) => objectStore(bucket, signingFromConfig());
