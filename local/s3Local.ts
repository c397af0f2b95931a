import { mkdirSync } from 'node:fs';
import type { S3Event } from 'aws-lambda';
import { unlink } from 'node:fs/promises';
import S3rver from 's3rver';
import objectController from 's3rver/lib/controllers/object.js';
import S3Error from 's3rver/lib/models/error.js';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';
import { freePort } from './dynamoLocal.ts';

/**
 * s3rver deletes the directories a deleted key leaves empty, and a photo
 * posted into `incoming/{report}/` while the uploads function deletes its
 * sibling can then lose its directory mid-write (a 500). S3 has no
 * directories at all: deleting only the object's files is closer to it.
 */
FilesystemStore.prototype.deleteObject = async function deleteObject(
  this: FilesystemStore,
  bucket: string,
  key: string,
) {
  await Promise.all(
    ['object', 'object.md5', 'metadata.json'].map((resource) =>
      unlink(this.getResourcePath(bucket, key, resource)).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }),
    ),
  );
};

/**
 * S3 refuses a copy whose source no longer has the ETag the caller read
 * (`x-amz-copy-source-if-match`, 412); s3rver ignores the header. The
 * uploads check relies on it, so that bytes posted after the check never
 * reach `photos/`: honour it here as S3 does.
 */
const copyObject = objectController.putObjectCopy.bind(objectController);
objectController.putObjectCopy = async function putObjectCopy(ctx) {
  const ifMatch = ctx.headers['x-amz-copy-source-if-match'];
  if (ifMatch !== undefined) {
    const [bucket = '', ...key] = decodeURI(ctx.headers['x-amz-copy-source'] ?? '')
      .replace(/^\//, '')
      .split('/');
    const metadata = await ctx.store.getMetadata(bucket, key.join('/')).catch(() => undefined);
    const unquoted = (etag: string) => etag.replace(/"/g, '');
    if (metadata && unquoted(metadata.etag) !== unquoted(ifMatch)) {
      throw new S3Error(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        {
          Condition: 'x-amz-copy-source-If-Match',
        },
      );
    }
  }
  return copyObject(ctx);
};

/**
 * S3 answers a GET with If-Match 412 when the object has another ETag now;
 * s3rver ignores the header. The uploads check reads a photo whole only if
 * it is still the upload it checked: honour it here as S3 does.
 */
const getObject = objectController.getObject.bind(objectController);
objectController.getObject = async function conditionalGetObject(ctx) {
  const ifMatch = ctx.headers['if-match'];
  if (ifMatch !== undefined) {
    const metadata = await ctx.store
      .getMetadata(ctx.params.bucket, ctx.params.key)
      .catch(() => undefined);
    if (metadata && metadata.etag.replace(/"/g, '') !== ifMatch.replace(/"/g, '')) {
      throw new S3Error(
        'PreconditionFailed',
        'At least one of the pre-conditions you specified did not hold',
        {
          Condition: 'If-Match',
        },
      );
    }
  }
  return getObject(ctx);
};

/**
 * S3's conditional write (`If-None-Match: *`, 412 when the key has an
 * object): the audit digests are written once. s3rver would overwrite.
 */
const putObject = objectController.putObject.bind(objectController);
objectController.putObject = async function conditionalPutObject(ctx) {
  if (
    ctx.headers['if-none-match'] === '*' &&
    (await ctx.store.existsObject(ctx.params.bucket, ctx.params.key))
  ) {
    throw new S3Error(
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      {
        Condition: 'If-None-Match',
      },
    );
  }
  return putObject(ctx);
};

/**
 * ListObjectVersions, which s3rver lacks: it keeps one version of a key
 * (the newest), so each object under the prefix is listed as one version.
 */
const listVersions = async (
  ctx: { store: FilesystemStore; query: Record<string, string | undefined> },
  bucket: string,
) => {
  const { objects } = await ctx.store.listObjects(bucket, { prefix: ctx.query['prefix'] ?? '' });
  const versions = objects
    .map(
      (object) =>
        `<Version><Key>${object.key}</Key><VersionId>null</VersionId><IsLatest>true</IsLatest><ETag>${object.metadata.etag}</ETag><Size>${object.size}</Size></Version>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${bucket}</Name><Prefix>${ctx.query['prefix'] ?? ''}</Prefix><IsTruncated>false</IsTruncated>${versions}</ListVersionsResult>`;
};

export interface S3Local {
  endpoint: string;
  stop(): Promise<void>;
}

/** As the deployed bucket: browsers POST upload forms and the console GETs downloads (photos are shown with <img>, which needs no CORS). */
const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3600</MaxAgeSeconds></CORSRule><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>3600</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

/**
 * The local S3 (s3rver) with its files in `dir`, the buckets made, and its
 * ObjectCreated events under `incoming/` and `attachments/incoming/` handed to `onUpload` as an S3 event,
 * as the bucket notification does in AWS. s3rver does not check signatures
 * or POST policy conditions: the uploads function's own checks catch what
 * it lets through.
 */
export async function startS3Local(options: {
  dir: string;
  buckets: string[];
  onUpload: (event: S3Event) => Promise<unknown>;
  onError?: (error: unknown) => void;
  port?: number;
}): Promise<S3Local> {
  mkdirSync(options.dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory: options.dir,
    silent: true,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [CORS] })),
  });
  // Ahead of s3rver's router, which answers `?versions` NotImplemented.
  server.middleware.splice(server.middleware.length - 1, 0, async (ctx, next) => {
    const bucket = /^\/([^/]+)\/?$/.exec(ctx.path)?.[1];
    if (ctx.method !== 'GET' || !bucket || !('versions' in ctx.query)) return next();
    ctx.type = 'application/xml';
    ctx.body = await listVersions(ctx, bucket);
  });
  server.on('event', (event: S3Event) => {
    const record = event.Records[0];
    if (
      !record?.eventName.startsWith('ObjectCreated') ||
      !['incoming/', 'attachments/incoming/'].some((prefix) =>
        record.s3.object.key.startsWith(prefix),
      )
    )
      return;
    options.onUpload(event).catch((error: unknown) => {
      (options.onError ?? console.error)(error);
    });
  });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
