import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type JsonWebKey,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { config } from '../config.ts';
import { jsonService, type JsonCall } from './awsCall.ts';
import { canonicalJson, SEAL_ALG } from '../domain/seal.ts';
import type { SealSigner } from '../domain/upward.ts';

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

/** The seal key: it signs, and its public half is published as a JWKS. */
export interface SealKey extends SealSigner {
  jwks(): Promise<{ keys: PublishedKey[] }>;
}

const published = (jwk: JsonWebKey): PublishedKey => ({
  kty: String(jwk.kty),
  crv: String(jwk.crv),
  x: String(jwk.x),
  y: String(jwk.y),
  kid: jwkThumbprint(jwk),
  use: 'sig',
  alg: SEAL_ALG,
});

/**
 * Deployed: an AWS KMS asymmetric key (ECC_NIST_P256, SIGN_VERIFY). The
 * private key never leaves KMS; the digest's 32 bytes are signed as the
 * message (ECDSA_SHA_256, as JWS ES256 does), and KMS's DER signature is
 * turned into r‖s. Its public key is read once per process.
 */
export function kmsSealKey(kms: JsonCall, keyId: string): SealKey {
  let publicJwk: Promise<JsonWebKey> | undefined;
  // KMS's JSON protocol carries bytes (the key, the message, the signature) in base64.
  const jwk = () =>
    (publicJwk ??= kms<{ PublicKey?: string }>('GetPublicKey', { KeyId: keyId }).then(
      ({ PublicKey }) => {
        if (!PublicKey) throw new Error(`KMS key ${keyId} has no public key`);
        return createPublicKey({
          key: Buffer.from(PublicKey, 'base64'),
          format: 'der',
          type: 'spki',
        }).export({ format: 'jwk' });
      },
    ));
  return {
    kid: async () => jwkThumbprint(await jwk()),
    jwks: async () => ({ keys: [published(await jwk())] }),
    sign: async (digest) => {
      const { Signature } = await kms<{ Signature?: string }>('Sign', {
        KeyId: keyId,
        Message: Buffer.from(digest).toString('base64'),
        MessageType: 'RAW',
        SigningAlgorithm: 'ECDSA_SHA_256',
      });
      if (!Signature) throw new Error('KMS returned no signature');
      return derToP1363(Buffer.from(Signature, 'base64'));
    },
  };
}

/** Locally: a P-256 key kept in `.local/` (made on first use), the same across restarts. */
export function fileSealKey(file: string): SealKey {
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(privateKey.export({ format: 'jwk' })), { mode: 0o600 });
  }
  const privateKey = createPrivateKey({
    key: JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey,
    format: 'jwk',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return {
    kid: () => Promise.resolve(jwkThumbprint(jwk)),
    jwks: () => Promise.resolve({ keys: [published(jwk)] }),
    sign: (digest) =>
      Promise.resolve(sign('sha256', digest, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
  };
}

let key: SealKey | undefined;

/** This process's seal key: KMS when SEAL_KEY_ID is set, else the local key file. */
export function sealKeyFromConfig(): SealKey {
  const { SEAL_KEY_ID, SEAL_KEY_FILE, AWS_REGION } = config();
  key ??= SEAL_KEY_ID
    ? kmsSealKey(
        jsonService({
          name: 'kms',
          target: 'TrentService',
          jsonVersion: '1.1',
          region: AWS_REGION,
        }),
        SEAL_KEY_ID,
      )
    : SEAL_KEY_FILE
      ? fileSealKey(SEAL_KEY_FILE)
      : undefined;
  if (!key) throw new Error('neither SEAL_KEY_ID nor SEAL_KEY_FILE is set');
  return key;
}
