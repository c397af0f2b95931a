import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import type { SignedDigest } from '../domain/auditChain.ts';
import { config } from '../config.ts';
import { s3FromConfig } from './s3.ts';

/** Where an hour's digest lives: `digests/2026/11/25/2026-11-25T20.json`. */
export const digestKey = (hour: string) =>
  `digests/${hour.slice(0, 4)}/${hour.slice(5, 7)}/${hour.slice(8, 10)}/${hour}.json`;

/** The digest bucket (Object Lock in compliance mode deployed; the local S3 locally). */
export interface DigestStore {
  put(digest: SignedDigest): Promise<void>;
  get(hour: string): Promise<SignedDigest | undefined>;
}

export function digestStoreFromConfig(): DigestStore {
  const { s3 } = s3FromConfig();
  const bucket = () => {
    const { AUDIT_DIGEST_BUCKET } = config();
    if (!AUDIT_DIGEST_BUCKET) throw new Error('AUDIT_DIGEST_BUCKET is not set');
    return AUDIT_DIGEST_BUCKET;
  };
  return {
    async put(digest) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket(),
          Key: digestKey(digest.hour),
          Body: JSON.stringify(digest, null, 2),
          ContentType: 'application/json',
        }),
      );
    },
    async get(hour) {
      try {
        const { Body } = await s3.send(
          new GetObjectCommand({ Bucket: bucket(), Key: digestKey(hour) }),
        );
        return JSON.parse((await Body?.transformToString()) ?? 'null') as SignedDigest;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
  };
}
