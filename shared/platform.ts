import type { DigestStore } from './aws/auditDigests.ts';
import type { ObjectStore } from './aws/s3.ts';
import type { SealKey } from './aws/sealKey.ts';
import type { SmsSender } from './sms/sender.ts';
import type { Directory } from './domain/accounts.ts';
import type { Store } from './store/context.ts';

/**
 * Everything a function reaches outside itself, as ports. One composition
 * root per environment builds it: `functions/lambdaPlatform.ts` from the
 * SDK's clients and the function's environment, `local/localPlatform.ts`
 * from the emulators, outboxes and key files of `npm start` (and the
 * tests). Handlers receive it; nothing below them decides where it runs.
 */
export interface Platform {
  /** DynamoDB: the main table and the audit table. */
  store: Store;
  /** The per-client request counters of public routes. */
  requests: RequestCounter;
  sms: SmsSender;
  /** The staff accounts: Cognito deployed, or the table directory (locally, and where Cognito is not offered). */
  directory: Directory;
  /** The unit seal of upward reports. */
  sealKey: SealKey;
  /** The key the hourly audit digests are signed with (a key of its own, never the seal's). */
  digestKey: SealKey;
  /** The secret that keys verification-code hashes. */
  phoneCodeKey: () => Promise<Uint8Array>;
  /** The uploads bucket: citizens' photos and staff's files. */
  uploads: ObjectStore;
  /** The audit digests' bucket (Object Lock). */
  digests: DigestStore;
  /**
   * Deployed, whether a request came through the platform's CloudFront
   * distribution (its secret origin-verify header); locally there is no edge.
   */
  edge?: { admits: (header: string | undefined) => Promise<boolean> };
}

/** Counts one request of a client in a window; the middleware refuses beyond the route's share. */
export interface RequestCounter {
  count(counter: {
    route: string;
    client: string;
    windowStart: number;
    windowSeconds: number;
  }): Promise<number>;
  /** Multiplies every per-client limit (many citizens behind one carrier address). */
  limitScale: number;
}
