import { mkdirSync } from 'node:fs';
import type { S3Event } from 'aws-lambda';
import { unlink } from 'node:fs/promises';
import S3rver from 's3rver';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';

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
import { freePort } from './dynamoLocal.ts';

export interface S3Local {
  endpoint: string;
  stop(): Promise<void>;
}

const CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>`;

/**
 * The local S3 (s3rver) with its files in `dir`, the buckets made, and its
 * ObjectCreated events under `incoming/` handed to `onUpload` as an S3 event,
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
      !record.s3.object.key.startsWith('incoming/')
    )
      return;
    options.onUpload(event).catch((error: unknown) => {
      (options.onError ?? console.error)(error);
    });
  });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => server.close() };
}
