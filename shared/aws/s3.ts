import { CopyObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { config } from '../config.ts';
import { photosBucket } from './s3Links.ts';

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
      return photosBucket();
    },
  };
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
