import { createHash, createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/**
 * The unit's electronic seal on an upward report (Art9, API.md "Upward
 * reporting"): an ECDSA P-256 signature, as JWS ES256 makes it, over the
 * 32 bytes of the SHA-256 digest of the report's canonical JSON. Anyone
 * with the published JWKS verifies it offline (`npm run verify-seal`).
 */
export const SEAL_ALG = 'ES256';

export interface Seal {
  alg: typeof SEAL_ALG;
  kid: string;
  /** base64url SHA-256 of the canonical JSON of the sealed content. */
  digest: string;
  /** base64url of the 64-byte r‖s signature over the digest's 32 bytes. */
  signature: string;
  sealedAt: string;
  approvedBy: string;
}

/** What the seal covers, as API.md lists it. */
export interface SealedContent {
  id: string;
  unitId: string;
  kind: string;
  title: string;
  body: string;
  contactName: string;
  contactPhone: string;
  /** The SHA-256 of each attachment, in the order attached. */
  attachments: string[];
  approvedBy: string;
  sealedAt: string;
}

/** JSON with keys sorted at every level and no spaces: one text for one content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sealDigest = (content: SealedContent): Buffer =>
  createHash('sha256').update(canonicalJson(content), 'utf8').digest();

/** The sealed content of a report as stored or as served (with its attachments' hashes). */
export function sealedContentOf(
  report: {
    id: string;
    unitId: string;
    kind: string;
    title: string;
    body: string;
    contactName: string;
    contactPhone: string;
    attachments: { sha256: string }[];
  },
  seal: Pick<Seal, 'approvedBy' | 'sealedAt'>,
): SealedContent {
  return {
    id: report.id,
    unitId: report.unitId,
    kind: report.kind,
    title: report.title,
    body: report.body,
    contactName: report.contactName,
    contactPhone: report.contactPhone,
    attachments: report.attachments.map((file) => file.sha256),
    approvedBy: seal.approvedBy,
    sealedAt: seal.sealedAt,
  };
}

export interface Jwks {
  keys: { kty?: string; crv?: string; x?: string; y?: string; kid?: string }[];
}

/**
 * Whether a report's seal holds, from the report and the JWKS alone: its
 * digest is the digest of what it says now, and the key named signed it.
 */
export function verifySeal(
  report: Parameters<typeof sealedContentOf>[0] & { seal?: Seal | undefined },
  jwks: Jwks,
): { valid: true } | { valid: false; reason: string } {
  const { seal } = report;
  if (!seal) return { valid: false, reason: 'the report carries no seal' };
  // A report read from a file may say anything.
  if ((seal.alg as string) !== SEAL_ALG)
    return { valid: false, reason: `unknown algorithm ${seal.alg as string}` };
  const digest = sealDigest(sealedContentOf(report, seal));
  if (digest.toString('base64url') !== seal.digest)
    return { valid: false, reason: 'the content differs from what was sealed' };
  const jwk = jwks.keys.find((key) => key.kid === seal.kid);
  if (!jwk) return { valid: false, reason: `no key ${seal.kid} in the JWKS` };
  const signature = Buffer.from(seal.signature, 'base64url');
  const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  return verify('sha256', digest, { key, dsaEncoding: 'ieee-p1363' }, signature)
    ? { valid: true }
    : { valid: false, reason: 'the signature does not match the digest' };
}

/** RFC 7638 thumbprint of an EC public key: its `kid`, the same wherever it is computed. */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const members = canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(members).digest('base64url');
}

/** An ECDSA signature in DER (KMS's form) as JWS's 64-byte r‖s. */
export function derToP1363(der: Uint8Array): Buffer {
  // SEQUENCE { INTEGER r, INTEGER s }, each at most 33 bytes (a leading 0 when the high bit is set).
  const bytes = Buffer.from(der);
  const lengthByte = bytes.readUInt8(1);
  let at = 2 + (lengthByte & 0x80 ? lengthByte & 0x7f : 0);
  const integer = () => {
    if (bytes.readUInt8(at) !== 0x02) throw new Error('not a DER ECDSA signature');
    const length = bytes.readUInt8(at + 1);
    const value = bytes.subarray(at + 2, at + 2 + length);
    at += 2 + length;
    const trimmed = value.subarray(Math.max(0, value.length - 32));
    return Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]);
  };
  return Buffer.concat([integer(), integer()]);
}
