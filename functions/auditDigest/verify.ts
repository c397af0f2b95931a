import type { DigestStore } from '../../shared/aws/auditDigests.ts';
import { digestBytes, firstDifference, nextHour } from '../../shared/domain/auditChain.ts';
import { verifySignature, type Jwks } from '../../shared/domain/seal.ts';
import { readAuditHour } from '../../shared/store/auditChain.ts';
import type { Store } from '../../shared/store/context.ts';

export type ChainVerdict =
  | { valid: true; hours: number; records: number }
  | { valid: false; hour: string; reason: string; record?: { pk: string; sk: string } };

/**
 * `npm run audit:verify`: for every hour from `from` to `to` (inclusive,
 * `2026-11-25T20`), the digest exists and was written once, its signature
 * holds under the JWKS,
 * it continues the previous hour's chain, and the table's records still
 * give exactly its hashes. The first failure is named: the hour, and the
 * record that was changed, deleted or added.
 */
export async function verifyAuditChain(
  { store, digests, jwks }: { store: Store; digests: DigestStore; jwks: Jwks },
  from: string,
  to: string,
): Promise<ChainVerdict> {
  let previous: string | undefined;
  let records = 0;
  let hours = 0;
  for (let hour = from; hour <= to; hour = nextHour(hour)) {
    const digest = await digests.get(hour);
    if (!digest) return { valid: false, hour, reason: 'no digest for this hour' };
    // Written once: a second version means the hour was digested (and signed) again.
    const versions = await digests.versions(hour);
    if (versions > 1)
      return { valid: false, hour, reason: `the digest was written ${versions} times` };
    const signed = await verifySignature(jwks, digest.kid, digest.signature, digestBytes(digest));
    if (signed !== true) return { valid: false, hour, reason: signed };
    if (previous !== undefined && digest.previous !== previous)
      return {
        valid: false,
        hour,
        reason: 'the digest does not continue the previous hour’s chain',
      };
    const difference = firstDifference(digest, await readAuditHour(store, hour));
    if (difference)
      return {
        valid: false,
        hour,
        reason: `record ${difference.problem}`,
        record: { pk: difference.pk, sk: difference.sk },
      };
    previous = digest.last;
    records += digest.records.length;
    hours++;
  }
  return { valid: true, hours, records };
}
