import { createHash } from 'node:crypto';
import { canonicalJson } from './seal.ts';

/**
 * Tamper evidence for the audit log (Art21), as CloudTrail proves its logs:
 * every hour's records, in a stable order, are chained — each record's hash
 * covers the one before it — and the hour's digest (the hashes, and where
 * the chain stood before and after) is signed with the seal key and kept
 * where nobody may change it. Changing, adding or deleting a record breaks
 * the chain from that record on; `npm run audit:verify` names it.
 */

/** Where the chain starts, before its first digested hour. */
export const GENESIS = '0'.repeat(64);

/** A stored audit item as the table gives it: its key and everything it records. */
export type AuditItem = Record<string, unknown> & { pk: string; sk: string };

/** The hour a record belongs to: the first 13 characters of its sort key, `2026-11-25T20`. */
export const hourOf = (iso: string) => iso.slice(0, 13);

export const nextHour = (hour: string) =>
  hourOf(new Date(Date.parse(`${hour}:00:00Z`) + 3600_000).toISOString());

/** The chain's order within an hour: time and id (the sort key), then the target. */
export const chainOrder = (a: AuditItem, b: AuditItem) =>
  a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : a.pk < b.pk ? -1 : a.pk > b.pk ? 1 : 0;

/** A record's link: the SHA-256 of the previous link and the record's canonical JSON. */
export const chainHash = (previous: string, item: AuditItem) =>
  createHash('sha256')
    .update(`${previous}\n${canonicalJson(item)}`)
    .digest('hex');

export interface AuditDigest {
  version: 1;
  hour: string;
  /** The chain before this hour's first record: the previous hour's `last`. */
  previous: string;
  /** The chain after its last record (`previous` for an hour with none). */
  last: string;
  records: { pk: string; sk: string; hash: string }[];
}

export interface SignedDigest extends AuditDigest {
  kid: string;
  /** ES256 (r‖s, base64url) over the SHA-256 of the digest's canonical JSON. */
  signature: string;
}

/** An hour's digest from its records, continuing the chain from `previous`. */
export function chainHour(hour: string, previous: string, items: AuditItem[]): AuditDigest {
  let link = previous;
  const records = [...items].sort(chainOrder).map((item) => {
    link = chainHash(link, item);
    return { pk: item.pk, sk: item.sk, hash: link };
  });
  return { version: 1, hour, previous, last: link, records };
}

/** The 32 bytes the seal key signs: the SHA-256 of the digest's canonical JSON. */
export const digestBytes = (digest: AuditDigest): Uint8Array<ArrayBuffer> => {
  const { version, hour, previous, last, records } = digest;
  return new Uint8Array(
    createHash('sha256').update(canonicalJson({ version, hour, previous, last, records })).digest(),
  );
};

/**
 * The first record where the table no longer matches a digest: changed
 * (its hash differs), deleted (in the digest, not the table) or added (in
 * the table, not the digest). Undefined when the hour holds.
 */
export function firstDifference(
  digest: AuditDigest,
  items: AuditItem[],
): { pk: string; sk: string; problem: 'changed' | 'deleted' | 'added' } | undefined {
  const recomputed = chainHour(digest.hour, digest.previous, items).records;
  const length = Math.max(recomputed.length, digest.records.length);
  for (let i = 0; i < length; i++) {
    const [now, then] = [recomputed[i], digest.records[i]];
    if (now && then && now.hash === then.hash) continue;
    if (then && (!now || now.pk !== then.pk || now.sk !== then.sk)) {
      // The digest's record is not where it was: deleted, unless the table has it further on.
      const still = recomputed.some((r) => r.pk === then.pk && r.sk === then.sk);
      return still && now
        ? { pk: now.pk, sk: now.sk, problem: 'added' }
        : { pk: then.pk, sk: then.sk, problem: 'deleted' };
    }
    if (now && !then) return { pk: now.pk, sk: now.sk, problem: 'added' };
    if (now) return { pk: now.pk, sk: now.sk, problem: 'changed' };
  }
  return undefined;
}
