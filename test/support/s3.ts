import type { S3Event } from 'aws-lambda';

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
