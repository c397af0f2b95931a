import type { DigestStore } from '../../shared/aws/auditDigests.ts';
import type { SealKey } from '../../shared/aws/sealKey.ts';
import {
  chainHour,
  digestBytes,
  GENESIS,
  hourOf,
  nextHour,
  type SignedDigest,
} from '../../shared/domain/auditChain.ts';
import { lowS, toBase64url } from '../../shared/domain/seal.ts';
import { logger } from '../../shared/observability/logger.ts';
import { advanceChainState, readAuditHour, readChainState } from '../../shared/store/auditChain.ts';
import type { Store } from '../../shared/store/context.ts';

/** After an outage, at most this many hours are caught up per run (the next run goes on). */
const MAX_HOURS_PER_RUN = 48;

/**
 * One run of the hourly digester: every complete hour since the last one
 * digested (the hour before `now` on the very first run) is chained from
 * where the chain stands, signed with the digest key, written to the digest
 * bucket, and only then recorded as done. A run that dies is redone by the
 * next; two runs at once cannot both move the chain on.
 *
 * A digest is written once (S3's `If-None-Match: *`) and never signed
 * again: if the hour has one already — the chain state was wound back, or a
 * run died after writing — the chain goes on from what that digest says,
 * so a record slipped into a digested hour stays a record `audit:verify`
 * finds added.
 */
export async function runAuditDigest({
  store,
  key,
  digests,
  now,
}: {
  store: Store;
  key: SealKey;
  digests: DigestStore;
  now: Date;
}): Promise<{ hours: string[] }> {
  const current = hourOf(now.toISOString());
  let state = await readChainState(store);
  let hour = state
    ? nextHour(state.lastHour)
    : hourOf(new Date(now.getTime() - 3600_000).toISOString());
  const hours: string[] = [];
  while (hour < current && hours.length < MAX_HOURS_PER_RUN) {
    const digest = chainHour(hour, state?.lastHash ?? GENESIS, await readAuditHour(store, hour));
    const signed: SignedDigest = {
      ...digest,
      kid: await key.kid(),
      signature: toBase64url(lowS(await key.sign(digestBytes(digest)))),
    };
    let kept = signed;
    if ((await digests.put(signed)) === 'exists') {
      const existing = await digests.get(hour);
      if (!existing) throw new Error(`the digest of ${hour} exists and cannot be read`);
      if (existing.last !== digest.last)
        logger.error('an hour digested already differs from the table now', { hour });
      kept = existing;
    }
    await advanceChainState(store, state?.lastHour, { lastHour: hour, lastHash: kept.last });
    state = { lastHour: hour, lastHash: kept.last };
    hours.push(hour);
    hour = nextHour(hour);
  }
  return { hours };
}
