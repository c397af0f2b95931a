import type { DigestStore } from '../../shared/aws/auditDigests.ts';
import type { SealKey } from '../../shared/aws/sealSigner.ts';
import {
  chainHour,
  digestBytes,
  GENESIS,
  hourOf,
  nextHour,
  type SignedDigest,
} from '../../shared/domain/auditChain.ts';
import { toBase64url } from '../../shared/domain/seal.ts';
import { advanceChainState, readAuditHour, readChainState } from '../../shared/store/auditChain.ts';
import type { Store } from '../../shared/store/context.ts';

/** After an outage, at most this many hours are caught up per run (the next run goes on). */
const MAX_HOURS_PER_RUN = 48;

/**
 * One run of the hourly digester: every complete hour since the last one
 * digested (the hour before `now` on the very first run) is chained from
 * where the chain stands, signed with the seal key, written to the digest
 * bucket, and only then recorded as done. A run that dies is redone by the
 * next; two runs at once cannot both move the chain on.
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
      signature: toBase64url(await key.sign(digestBytes(digest))),
    };
    await digests.put(signed);
    await advanceChainState(store, state?.lastHour, { lastHour: hour, lastHash: digest.last });
    state = { lastHour: hour, lastHash: digest.last };
    hours.push(hour);
    hour = nextHour(hour);
  }
  return { hours };
}
