import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';
import { config } from '../config.ts';
import { AwsError, backoff, MAX_ATTEMPTS, transient, xmlText } from './awsCall.ts';
import { bucketUrl, escapeKey, photosBucket } from './s3Links.ts';
import { environmentCredentials, Sha256, type Credentials } from './sigv4.ts';

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
  /** Signs as of this instant; now when not given. */
  at?: Date | undefined;
}

/** One object request, signed: where it goes and the headers it carries. */
export async function signedObjectRequest(
  request: { method: string; url: URL; headers?: Record<string, string>; body?: string },
  { region, credentials, at }: Signing,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 's3',
    region,
    credentials,
    sha256: Sha256,
    uriEscapePath: false,
  });
  const { url } = request;
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...request.headers, host: url.host },
      body: request.body,
    },
    at ? { signingDate: at } : {},
  );
  return signed.headers;
}

function send(url: URL, method: string, headers: Record<string, string>, body?: string) {
  const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const sent = request(url, { method, headers }, resolve);
    sent.on('error', reject);
    sent.end(body);
  });
}

const text = async (response: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** Sends the request, again on a dropped connection, a throttle or a 5xx; an error answer is thrown as an AwsError. */
async function objectRequest(
  signing: Signing,
  request: { method: string; url: URL; headers?: Record<string, string>; body?: string },
): Promise<IncomingMessage> {
  for (let attempt = 1; ; attempt++) {
    const headers = await signedObjectRequest(request, signing);
    let response: IncomingMessage;
    try {
      response = await send(request.url, request.method, headers, request.body);
    } catch (dropped) {
      if (attempt >= MAX_ATTEMPTS) throw dropped;
      await backoff(attempt, false);
      continue;
    }
    const status = response.statusCode ?? 0;
    if (status < 300) return response;
    const xml = (await text(response)).toString('utf8');
    // A HEAD-like error has no body: name it by its status, as S3's own codes would.
    const name = xmlText(xml, 'Code') ?? (status === 404 ? 'NoSuchKey' : `Http${status}`);
    if (attempt < MAX_ATTEMPTS && transient(name, status)) {
      await backoff(attempt, name === 'SlowDown');
      continue;
    }
    throw new AwsError(name, xmlText(xml, 'Message') ?? name, status, {});
  }
}

export function objectStore(bucket: string, signing: Signing): ObjectStore {
  const base = bucketUrl(bucket);
  const url = (key: string, query = '') => new URL(`${base.href}${escapeKey(key)}${query}`);
  return {
    bucket,
    async get(key, options = {}) {
      let response: IncomingMessage;
      try {
        response = await objectRequest(signing, {
          method: 'GET',
          url: url(key),
          headers: {
            ...(options.range ? { range: `bytes=${options.range[0]}-${options.range[1]}` } : {}),
            ...(options.ifMatch ? { 'if-match': options.ifMatch } : {}),
          },
        });
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
        bytes: async () => new Uint8Array(await text(response)),
        etag: header('etag'),
        versionId: header('x-amz-version-id'),
        contentType: header('content-type'),
        size: Number(total ?? header('content-length') ?? 0),
      };
    },
    async put(key, body, contentType) {
      const response = await objectRequest(signing, {
        method: 'PUT',
        url: url(key),
        headers: {
          'content-type': contentType,
          'content-length': String(Buffer.byteLength(body)),
          // Object Lock buckets take an object only with a checksum of it.
          'content-md5': createHash('md5').update(body).digest('base64'),
        },
        body,
      });
      response.resume();
    },
    async copy(from, to) {
      let response: IncomingMessage;
      try {
        response = await objectRequest(signing, {
          method: 'PUT',
          url: url(to.key),
          headers: {
            'x-amz-copy-source': `/${bucket}/${escapeKey(from.key)}`,
            ...(from.etag ? { 'x-amz-copy-source-if-match': from.etag } : {}),
            ...(to.reason === undefined
              ? {}
              : {
                  'x-amz-metadata-directive': 'REPLACE',
                  'x-amz-meta-reason': encodeURIComponent(to.reason),
                }),
          },
        });
      } catch (error) {
        if (error instanceof AwsError && error.statusCode === 412) return 'superseded';
        throw error;
      }
      // A copy can fail after S3 has answered 200: the error is then in the body.
      const xml = (await text(response)).toString('utf8');
      const code = xmlText(xml, 'Code');
      if (code) throw new AwsError(code, xmlText(xml, 'Message') ?? code, 200, {});
      return 'copied';
    },
    async delete(key, versionId) {
      const response = await objectRequest(signing, {
        method: 'DELETE',
        url: url(key, versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''),
      });
      response.resume();
    },
  };
}

/** The signing of this process: the local S3's fixed keys outside AWS, the role's in AWS. */
const signingFromConfig = (): Signing => {
  const { AWS_REGION, S3_ENDPOINT } = config();
  return {
    region: AWS_REGION,
    credentials: S3_ENDPOINT
      ? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }
      : environmentCredentials,
  };
};

let photos: ObjectStore | undefined;

/** The uploads bucket of this process, made on first use (the environment is read then). */
export function photoObjects(): ObjectStore {
  photos ??= objectStore(photosBucket(), signingFromConfig());
  return photos;
}

/** Another bucket of this process (the audit digests), made on first use. */
export const objectsOf = (bucket: string) => objectStore(bucket, signingFromConfig());
