import type { SignedDigest } from '../domain/auditChain.ts';
import type { ObjectStore } from './s3.ts';

/** Where an hour's digest lives: `digests/2026/11/25/2026-11-25T20.json`. */
export const digestKey = (hour: string) =>
  `digests/${hour.slice(0, 4)}/${hour.slice(5, 7)}/${hour.slice(8, 10)}/${hour}.json`;

/** The digest bucket (Object Lock in compliance mode deployed; the local S3 locally). */
export interface DigestStore {
  /** Writes an hour's digest once: 'exists' when that hour has one already, which is never replaced. */
  put(digest: SignedDigest): Promise<'written' | 'exists'>;
  get(hour: string): Promise<SignedDigest | undefined>;
  /** How many versions of the hour's digest the bucket holds: a digest written once has one. */
  versions(hour: string): Promise<number>;
}

export function digestStore(objects: ObjectStore): DigestStore {
  return {
    put: (digest) =>
      objects.put(digestKey(digest.hour), JSON.stringify(digest, null, 2), 'application/json', {
        once: true,
      }),
    async get(hour) {
      const object = await objects.get(digestKey(hour));
      if (!object) return undefined;
      return JSON.parse(Buffer.from(await object.bytes()).toString('utf8')) as SignedDigest;
    },
    versions: (hour) => objects.versionCount(digestKey(hour)),
  };
}
