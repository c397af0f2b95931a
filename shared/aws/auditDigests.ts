import type { SignedDigest } from '../domain/auditChain.ts';
import { config } from '../config.ts';
import { objectsOf, type ObjectStore } from './s3.ts';

/** Where an hour's digest lives: `digests/2026/11/25/2026-11-25T20.json`. */
export const digestKey = (hour: string) =>
  `digests/${hour.slice(0, 4)}/${hour.slice(5, 7)}/${hour.slice(8, 10)}/${hour}.json`;

/** The digest bucket (Object Lock in compliance mode deployed; the local S3 locally). */
export interface DigestStore {
  put(digest: SignedDigest): Promise<void>;
  get(hour: string): Promise<SignedDigest | undefined>;
}

export function digestStoreFromConfig(): DigestStore {
  let objects: ObjectStore | undefined;
  const bucket = () => {
    const { AUDIT_DIGEST_BUCKET } = config();
    if (!AUDIT_DIGEST_BUCKET) throw new Error('AUDIT_DIGEST_BUCKET is not set');
    objects ??= objectsOf(AUDIT_DIGEST_BUCKET);
    return objects;
  };
  return {
    async put(digest) {
      await bucket().put(
        digestKey(digest.hour),
        JSON.stringify(digest, null, 2),
        'application/json',
      );
    },
    async get(hour) {
      const object = await bucket().get(digestKey(hour));
      if (!object) return undefined;
      return JSON.parse(Buffer.from(await object.bytes()).toString('utf8')) as SignedDigest;
    },
  };
}
