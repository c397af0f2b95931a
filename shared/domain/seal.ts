/**
 * The unit's electronic seal on an upward report (Art9, API.md "Upward
 * reporting", seal v2 in "Trust"): an ECDSA P-256 signature, as JWS ES256
 * makes it, over the 32 bytes of the SHA-256 digest of the report's
 * canonical JSON. Anyone with the published JWKS verifies it offline: `npm
 * run verify-seal`, and the console in the browser, with this one verifier
 * (Web Crypto, in Node and in browsers alike).
 */
export const SEAL_ALG = 'ES256';
export const SEAL_VERSION = 2;

export interface Seal {
  /** 2 for every seal made now; absent on seals made before v2 (their digest covers less). */
  v?: typeof SEAL_VERSION;
  alg: typeof SEAL_ALG;
  /** The RFC 7638 thumbprint of the key that signed. */
  kid: string;
  /** base64url SHA-256 of the canonical JSON of the sealed content. */
  digest: string;
  /** base64url of the 64-byte r‖s signature (low S) over the digest's 32 bytes. */
  signature: string;
  sealedAt: string;
  approvedBy: string;
}

/** What a v2 seal covers, as API.md lists it. */
export interface SealedContent {
  v: typeof SEAL_VERSION;
  id: string;
  unitId: string;
  kind: string;
  title: string;
  body: string;
  contactName: string;
  contactPhone: string;
  /** The dispatch a feedback answers, or null. */
  dispatchId: string | null;
  /** Each attachment's name and SHA-256, in the order attached. */
  attachments: { name: string; sha256: string }[];
  approvedBy: string;
  sealedAt: string;
}

/** A public key as the JWKS publishes it. */
export interface PublishedKey {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  use: 'sig';
  alg: typeof SEAL_ALG;
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

const sha256 = async (text: string): Promise<Uint8Array<ArrayBuffer>> =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

export const sealDigest = (content: unknown): Promise<Uint8Array<ArrayBuffer>> =>
  sha256(canonicalJson(content));

/** RFC 7638: the SHA-256 of an EC key's required members in canonical JSON, base64url. */
export const jwkThumbprint = async (jwk: {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
}): Promise<string> =>
  toBase64url(await sha256(canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })));

/** The order of P-256: a signature's S above half of it has a twin (n − S) that also verifies. */
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const toBigInt = (bytes: Uint8Array) =>
  BigInt(`0x${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('') || '0'}`);
const toBytes32 = (value: bigint) =>
  Uint8Array.from(value.toString(16).padStart(64, '0').match(/../g) ?? [], (hex) =>
    parseInt(hex, 16),
  );

/** The low-S form of an r‖s signature: one signature per message and key, never its malleable twin. */
export function lowS(signature: Uint8Array): Uint8Array {
  const s = toBigInt(signature.subarray(32));
  if (s <= P256_ORDER / 2n) return signature;
  return Uint8Array.from([...signature.subarray(0, 32), ...toBytes32(P256_ORDER - s)]);
}

const isLowS = (signature: Uint8Array) =>
  signature.length === 64 && toBigInt(signature.subarray(32)) <= P256_ORDER / 2n;

/** The report as stored or as served: what a seal is computed from. */
export interface SealableReport {
  id: string;
  unitId: string;
  kind: string;
  title: string;
  body: string;
  contactName: string;
  contactPhone: string;
  dispatchId?: string | undefined;
  attachments: { name: string; sha256: string }[];
}

/** The sealed content of a report (seal v2). */
export function sealedContentOf(
  report: SealableReport,
  seal: Pick<Seal, 'approvedBy' | 'sealedAt'>,
): SealedContent {
  return {
    v: SEAL_VERSION,
    id: report.id,
    unitId: report.unitId,
    kind: report.kind,
    title: report.title,
    body: report.body,
    contactName: report.contactName,
    contactPhone: report.contactPhone,
    dispatchId: report.dispatchId ?? null,
    attachments: report.attachments.map(({ name, sha256: hash }) => ({ name, sha256: hash })),
    approvedBy: seal.approvedBy,
    sealedAt: seal.sealedAt,
  };
}

/** What a seal made before v2 covered: no version, no dispatch, the attachments' hashes alone. */
const v1ContentOf = (report: SealableReport, seal: Pick<Seal, 'approvedBy' | 'sealedAt'>) => {
  const { v: _v, dispatchId: _d, attachments, ...rest } = sealedContentOf(report, seal);
  return { ...rest, attachments: attachments.map((file) => file.sha256) };
};

export interface Jwks {
  keys: { kty?: string; crv?: string; x?: string; y?: string; kid?: string }[];
}

export type SealVerdict = { valid: true } | { valid: false; reason: string };

/**
 * Whether a report's seal holds, from the report and the JWKS alone: its
 * digest is the digest of what it says now, and the key whose thumbprint
 * is the seal's `kid` signed it (low S for a v2 seal).
 */
export async function verifySeal(
  report: SealableReport & { seal?: Seal | undefined },
  jwks: Jwks,
): Promise<SealVerdict> {
  const { seal } = report;
  if (!seal) return { valid: false, reason: 'the report carries no seal' };
  // A report read from a file may say anything.
  if ((seal.alg as string) !== SEAL_ALG)
    return { valid: false, reason: `unknown algorithm ${seal.alg as string}` };
  if (seal.v !== undefined && (seal.v as number) !== SEAL_VERSION)
    return { valid: false, reason: `unknown seal version ${String(seal.v)}` };
  const content =
    seal.v === SEAL_VERSION ? sealedContentOf(report, seal) : v1ContentOf(report, seal);
  const digest = await sealDigest(content);
  if (toBase64url(digest) !== seal.digest)
    return { valid: false, reason: 'the content differs from what was sealed' };
  if (seal.v === SEAL_VERSION && !isLowS(fromBase64url(seal.signature)))
    return { valid: false, reason: 'the signature is not in its low-S form' };
  const verified = await verifySignature(jwks, seal.kid, seal.signature, digest);
  return verified === true ? { valid: true } : { valid: false, reason: verified };
}

/**
 * Whether the key `kid` of the JWKS signed these 32 bytes (ES256, r‖s in
 * base64url): true, or why not. The key must be the one `kid` names — its
 * RFC 7638 thumbprint — so a JWKS cannot put another key under that name.
 */
export async function verifySignature(
  jwks: Jwks,
  kid: string,
  signature: string,
  digest: Uint8Array<ArrayBuffer>,
): Promise<true | string> {
  const jwk = jwks.keys.find((key) => key.kid === kid);
  if (!jwk) return `no key ${kid} in the JWKS`;
  if ((await jwkThumbprint(jwk)) !== kid)
    return `the key published as ${kid} is not the key that name stands for (its thumbprint differs)`;
  const verified = await crypto.subtle
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
  return verified || 'the signature does not match the digest';
}
