/**
 * The unit's electronic seal on an upward report (Art9, API.md "Upward
 * reporting"): an ECDSA P-256 signature, as JWS ES256 makes it, over the
 * 32 bytes of the SHA-256 digest of the report's canonical JSON. Anyone
 * with the published JWKS verifies it offline: `npm run verify-seal`, and
 * the console in the browser, with this one verifier (Web Crypto, in Node
 * and in browsers alike).
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

export const toBase64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

export const fromBase64url = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (char) =>
    char.charCodeAt(0),
  );

export const sealDigest = async (content: SealedContent): Promise<Uint8Array<ArrayBuffer>> =>
  new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(content))),
  );

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

export type SealVerdict = { valid: true } | { valid: false; reason: string };

/**
 * Whether a report's seal holds, from the report and the JWKS alone: its
 * digest is the digest of what it says now, and the key named signed it.
 */
export async function verifySeal(
  report: Parameters<typeof sealedContentOf>[0] & { seal?: Seal | undefined },
  jwks: Jwks,
): Promise<SealVerdict> {
  const { seal } = report;
  if (!seal) return { valid: false, reason: 'the report carries no seal' };
  // A report read from a file may say anything.
  if ((seal.alg as string) !== SEAL_ALG)
    return { valid: false, reason: `unknown algorithm ${seal.alg as string}` };
  const digest = await sealDigest(sealedContentOf(report, seal));
  if (toBase64url(digest) !== seal.digest)
    return { valid: false, reason: 'the content differs from what was sealed' };
  const verified = await verifySignature(jwks, seal.kid, seal.signature, digest);
  return verified
    ? { valid: true }
    : {
        valid: false,
        reason:
          verified === undefined
            ? `no key ${seal.kid} in the JWKS`
            : 'the signature does not match the digest',
      };
}

/**
 * Whether the key `kid` of the JWKS signed these 32 bytes (ES256, r‖s in
 * base64url); undefined when the JWKS has no such key.
 */
export async function verifySignature(
  jwks: Jwks,
  kid: string,
  signature: string,
  digest: Uint8Array<ArrayBuffer>,
): Promise<boolean | undefined> {
  const jwk = jwks.keys.find((key) => key.kid === kid);
  if (!jwk) return undefined;
  return crypto.subtle
    .importKey(
      'jwk',
      { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    )
    .then((key) =>
      crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        fromBase64url(signature),
        digest,
      ),
    )
    .catch(() => false);
}
