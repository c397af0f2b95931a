import { createHmac } from 'node:crypto';
import { createScope, getSigningKey, SignatureV4 } from '@smithy/signature-v4';
import { config } from '../config.ts';
import { environmentCredentials, Sha256, type Credentials } from './sigv4.ts';

/**
 * Presigned S3 links (a browser-form upload, a download) signed here with
 * SigV4, without the S3 client: signing needs the region, the credentials
 * and a SHA-256, not the client's protocol, middleware and XML parser, which
 * cost the reports, board and attachments functions a quarter of their cold
 * start (bench/bundles.ts). Reading, copying and writing objects is
 * shared/aws/s3.ts, signed the same way.
 */

/** The uploads bucket: citizens' photos and staff's files, under these keys. */
export function photosBucket(): string {
  const { PHOTOS_BUCKET } = config();
  if (!PHOTOS_BUCKET) throw new Error('PHOTOS_BUCKET is not set');
  return PHOTOS_BUCKET;
}
export const incomingKey = (reportId: string, n: number) => `incoming/${reportId}/${n}`;
export const photoKey = (reportId: string, n: number) => `photos/${reportId}/${n}`;
export const quarantineKey = (reportId: string, n: number) => `quarantine/${reportId}/${n}`;
export const attachmentUploadKey = (attachmentId: string) => `attachments/incoming/${attachmentId}`;
export const attachmentFileKey = (attachmentId: string) => `attachments/files/${attachmentId}`;
export const attachmentQuarantineKey = (attachmentId: string) =>
  `quarantine/attachments/${attachmentId}`;

/** How long a citizen has to start an upload, and how long a photo link works. */
export const UPLOAD_EXPIRES_SECONDS = 5 * 60;
export const PHOTO_URL_EXPIRES_SECONDS = 5 * 60;

/** Where the bucket answers: the local S3 (path style) or S3's regional, virtual-hosted endpoint. */
export function bucketUrl(bucket: string): URL {
  const { S3_ENDPOINT, AWS_REGION } = config();
  if (S3_ENDPOINT) return new URL(`${S3_ENDPOINT.replace(/\/$/, '')}/${bucket}/`);
  const suffix = AWS_REGION.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return new URL(`https://${bucket}.s3.${AWS_REGION}.${suffix}/`);
}

/** The function's credentials for S3 (its role's, from the environment Lambda sets); the local S3's outside AWS. */
export const s3Credentials = (): Promise<Credentials> =>
  config().S3_ENDPOINT
    ? Promise.resolve({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' })
    : environmentCredentials();

/** RFC 3986 escaping, as SigV4 canonicalizes the query. */
const escape = (value: string) =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
export const escapeKey = (key: string) => key.split('/').map(escape).join('/');

let signer: SignatureV4 | undefined;

/** A GET link to one object, valid for `PHOTO_URL_EXPIRES_SECONDS`; `query` sets response headers (`response-content-disposition`). */
async function presignedGet(
  bucket: string,
  key: string,
  query: Record<string, string> = {},
): Promise<string> {
  const url = bucketUrl(bucket);
  const path = `${url.pathname}${escapeKey(key)}`;
  // One signer per process: it keeps the day's signing key, so a board page of photos derives it once.
  signer ??= new SignatureV4({
    service: 's3',
    region: config().AWS_REGION,
    credentials: s3Credentials,
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path,
      // As the SDK's GetObject presigns it (test/unit/aws/s3.test.ts compares the two).
      query: { ...query, 'x-id': 'GetObject', 'x-amz-checksum-mode': 'ENABLED' },
      headers: { host: url.host, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    },
    { expiresIn: PHOTO_URL_EXPIRES_SECONDS },
  );
  const search = Object.entries(signed.query ?? {})
    .map(([name, value]) => `${escape(name)}=${escape(String(value))}`)
    .join('&');
  return `${url.protocol}//${url.host}${path}?${search}`;
}

const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A browser-form upload of exactly one object: this key, this content type,
 * at most `maxBytes`, within 5 minutes (S3's POST policy, signed with
 * SigV4). S3 enforces the policy; the uploads function checks the bytes.
 */
export async function presignedUpload(
  bucket: string,
  key: string,
  contentType: string,
  maxBytes: number,
  now: Date,
): Promise<{ url: string; fields: Record<string, string>; expiresAt: string }> {
  const region = config().AWS_REGION;
  const identity = await s3Credentials();
  const signingDate = iso8601(now).replace(/[-:]/g, '');
  const shortDate = signingDate.slice(0, 8);
  const expires = new Date(now.getTime() + UPLOAD_EXPIRES_SECONDS * 1000);
  const fields: Record<string, string> = {
    'Content-Type': contentType,
    bucket,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${identity.accessKeyId}/${createScope(shortDate, region, 's3')}`,
    'X-Amz-Date': signingDate,
    ...(identity.sessionToken ? { 'X-Amz-Security-Token': identity.sessionToken } : {}),
  };
  const policy = Buffer.from(
    JSON.stringify({
      expiration: iso8601(expires),
      conditions: [
        ['eq', '$Content-Type', contentType],
        ['content-length-range', 1, maxBytes],
        ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
        { key },
      ],
    }),
  ).toString('base64');
  const signingKey = await getSigningKey(Sha256, identity, shortDate, region, 's3');
  const signature = createHmac('sha256', signingKey).update(policy).digest('hex');
  return {
    url: bucketUrl(bucket).href,
    fields: { ...fields, key, Policy: policy, 'X-Amz-Signature': signature },
    expiresAt: expires.toISOString(),
  };
}

/** A 5-minute link to a photo that passed the check. */
export const photoLink = (key: string) => presignedGet(photosBucket(), key);

/** A 5-minute link that downloads a file under its own name and type. */
export const downloadLink = (key: string, file: { disposition: string; contentType: string }) =>
  presignedGet(photosBucket(), key, {
    'response-content-disposition': file.disposition,
    'response-content-type': file.contentType,
  });
