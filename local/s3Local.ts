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
