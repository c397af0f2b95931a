import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type JsonWebKey,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { publishedKey, type SealKey } from '../shared/aws/sealKey.ts';

/**
 * A signing key of the local platform, where KMS holds it deployed: a P-256
 * key kept in a file of `.local/` (made on first use), the same across restarts.
 */
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
  const key = publishedKey(createPublicKey(privateKey).export({ format: 'jwk' }));
  return {
    kid: async () => (await key).kid,
    jwks: async () => ({ keys: [await key] }),
    sign: (digest) =>
      Promise.resolve(sign('sha256', digest, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
  };
}
