import { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { inject } from 'vitest';
import { TEST_BUCKET } from './globalSetup.ts';

/**
 * The local S3 as a person outside the platform sees it (the SDK's client,
 * path style): to look at what the functions left in the uploads bucket.
 */
export const localS3 = () => ({
  s3: new S3Client({
    region: 'local',
    endpoint: inject('s3Endpoint'),
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  }),
  bucket: TEST_BUCKET,
});

/** Posts a file to a presigned upload exactly as a browser form would. */
export async function formUpload(
  upload: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  filename = 'photo',
): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes]), filename);
  return (await fetch(upload.url, { method: 'POST', body: form })).status;
}

/** The S3 ObjectCreated event the bucket notification sends for one key. */
export function objectCreated(bucket: string, key: string, size: number): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'cn-north-1',
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Post',
        userIdentity: { principalId: 'AWS:ANONYMOUS' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'incoming-photos',
          bucket: {
            name: bucket,
            ownerIdentity: { principalId: 'local' },
            arn: `arn:aws:s3:::${bucket}`,
          },
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/'),
            size,
            eTag: 'local',
            sequencer: '0',
          },
        },
      },
    ],
  };
}
