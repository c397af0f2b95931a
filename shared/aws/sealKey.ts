import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import { jwkThumbprint, SEAL_ALG, type PublishedKey } from '../domain/seal.ts';
import type { SealSigner } from '../domain/upward.ts';

/** A signing key of the platform (the unit seal, the audit digests): it signs, and its public half is published as a JWKS. */
export interface SealKey extends SealSigner {
  jwks(): Promise<{ keys: PublishedKey[] }>;
}

/** A P-256 public key as the JWKS publishes it: its `kid` is its RFC 7638 thumbprint. */
export async function publishedKey(jwk: JsonWebKey): Promise<PublishedKey> {
  const members = {
    kty: String(jwk.kty),
    crv: String(jwk.crv),
    x: String(jwk.x),
    y: String(jwk.y),
  };
  return { ...members, kid: await jwkThumbprint(members), use: 'sig', alg: SEAL_ALG };
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

/**
 * Deployed: an AWS KMS asymmetric key (ECC_NIST_P256, SIGN_VERIFY). The
 * private key never leaves KMS; the digest's 32 bytes are signed as the
 * message (ECDSA_SHA_256, as JWS ES256 does), and KMS's DER signature is
 * turned into r‖s. Its public key is read once per process.
 */
export function kmsSealKey(kms: KMSClient, keyId: string): SealKey {
  let publicKey: Promise<PublishedKey> | undefined;
  const key = () =>
    (publicKey ??= kms
      .send(new GetPublicKeyCommand({ KeyId: keyId }))
      .then(({ PublicKey }) => {
        if (!PublicKey) throw new Error(`KMS key ${keyId} has no public key`);
        return publishedKey(
          createPublicKey({ key: Buffer.from(PublicKey), format: 'der', type: 'spki' }).export({
            format: 'jwk',
          }),
        );
      })
      .catch((error: unknown) => {
        publicKey = undefined;
        throw error;
      }));
  return {
    kid: async () => (await key()).kid,
    jwks: async () => ({ keys: [await key()] }),
    sign: async (digest) => {
      const { Signature } = await kms.send(
        new SignCommand({
          KeyId: keyId,
          Message: digest,
          MessageType: 'RAW',
          SigningAlgorithm: 'ECDSA_SHA_256',
        }),
      );
      if (!Signature) throw new Error('KMS returned no signature');
      return derToP1363(Signature);
    },
  };
}
