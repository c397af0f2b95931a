import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { fileSealKey } from '../../../local/fileSealKey.ts';
import { derToP1363, kmsSealKey } from '../../../shared/aws/sealKey.ts';
import {
  canonicalJson,
  fromBase64url,
  jwkThumbprint,
  lowS,
  sealDigest,
  sealedContentOf,
  toBase64url,
  verifySeal,
} from '../../../shared/domain/seal.ts';
import { approvedUpward, type UpwardReport } from '../../../shared/domain/upward.ts';
import type { Principal } from '../../../shared/domain/principal.ts';

const head: Principal = {
  sub: 'health-head',
  unitId: 'health',
  groups: ['unit-head'],
  sourceIp: '127.0.0.1',
};
const report: UpwardReport = {
  id: '01JUPWARD00000000000000000',
  unitId: 'health',
  kind: 'info',
  title: '关于冬季防火检查情况的报告',
  body: '共检查12家，隐患3处已整改。',
  contactName: '王芳',
  contactPhone: '+8631186012345',
  attachments: [
    {
      id: '01JFILE0000000000000000000',
      name: 'a.pdf',
      contentType: 'application/pdf',
      size: 9,
      sha256: 'ab'.repeat(32),
    },
  ],
  status: 'pending-approval',
  createdAt: '2026-11-25T01:00:00.000Z',
  createdBy: 'health-wang',
  updatedAt: '2026-11-25T01:00:00.000Z',
};
const now = new Date('2026-11-25T02:00:00.000Z');

/** A seal made by hand, as a forger with some key would make it. */
async function sealWith(
  content: Parameters<typeof sealedContentOf>[0],
  key: ReturnType<typeof generateKeyPairSync>['privateKey'],
  kid: string,
) {
  const stamp = { approvedBy: 'health-head', sealedAt: now.toISOString() };
  const digest = await sealDigest(sealedContentOf(content, stamp));
  const signature = sign('sha256', digest, { key, dsaEncoding: 'ieee-p1363' });
  return {
    ...content,
    seal: {
      v: 2 as const,
      alg: 'ES256' as const,
      kid,
      digest: toBase64url(digest),
      signature: toBase64url(lowS(signature)),
      ...stamp,
    },
  };
}

const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

describe('the seal', () => {
  it('digests canonical JSON: keys sorted at every level, no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 'x', e: '中' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":"中","f":"x"}]},"b":1}',
    );
  });

  it('is made by KMS with the digest as message (ECDSA_SHA_256), verifiable with the published JWKS', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kms = mockClient(KMSClient);
    kms
      .on(GetPublicKeyCommand)
      .resolves({
        PublicKey: publicKey.export({ format: 'der', type: 'spki' }),
        KeySpec: 'ECC_NIST_P256',
      })
      .on(SignCommand)
      .callsFake((input: SignCommand['input']) => ({
        Signature: sign('sha256', input.Message ?? new Uint8Array(), {
          key: privateKey,
          dsaEncoding: 'der',
        }),
      }));
    const key = kmsSealKey(
      new KMSClient({ region: 'cn-north-1' }),
      'arn:aws-cn:kms:cn-north-1:1:key/seal',
    );
    const { report: sealed } = await approvedUpward(report, head, now, key);

    expect(kms).toHaveReceivedCommandTimes(SignCommand, 1);
    expect(kms).toHaveReceivedCommandWith(SignCommand, {
      KeyId: 'arn:aws-cn:kms:cn-north-1:1:key/seal',
      Message: fromBase64url(sealed.seal?.digest ?? ''),
      MessageType: 'RAW',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    const jwks = await key.jwks();
    await key.jwks();
    // The public key is read once per process.
    expect(kms).toHaveReceivedCommandTimes(GetPublicKeyCommand, 1);
    expect(sealed.seal).toMatchObject({ v: 2, kid: jwks.keys[0]?.kid });
    expect(Buffer.from(sealed.seal?.signature ?? '', 'base64url')).toHaveLength(64);
    expect(await verifySeal(sealed, jwks)).toEqual({ valid: true });
    expect(await verifySeal({ ...sealed, contactPhone: '+8631186012346' }, jwks)).toMatchObject({
      valid: false,
    });
    kms.restore();
  });

  it('names each key by its RFC 7638 thumbprint, as jose computes it', async () => {
    const { calculateJwkThumbprint } = await import('jose');
    const key = fileSealKey(join(mkdtempSync(join(tmpdir(), 'seal-')), 'k.json'));
    const [published] = (await key.jwks()).keys;
    expect(published?.kid).toBe(
      await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: published?.x, y: published?.y }),
    );
    expect(await jwkThumbprint(published ?? {})).toBe(published?.kid);
  });

  it('refuses a report re-signed with another key published under the official kid', async () => {
    const official = fileSealKey(join(mkdtempSync(join(tmpdir(), 'seal-')), 'k.json'));
    const officialJwks = await official.jwks();
    const kid = officialJwks.keys[0]?.kid ?? '';
    // A forger changes the report and signs it with a key of their own, published under the official name.
    const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = await sealWith({ ...report, body: '隐患已全部整改。' }, forger.privateKey, kid);
    const forgedJwks = {
      keys: [{ ...(forger.publicKey.export({ format: 'jwk' }) as object), kid }],
    };
    expect(await verifySeal(forged, forgedJwks)).toEqual({
      valid: false,
      reason: `the key published as ${kid} is not the key that name stands for (its thumbprint differs)`,
    });
    expect(await verifySeal(forged, officialJwks)).toEqual({
      valid: false,
      reason: 'the signature does not match the digest',
    });
  });

  it('covers the dispatch a feedback answers and each attachment’s name', async () => {
    const key = fileSealKey(join(mkdtempSync(join(tmpdir(), 'seal-')), 'k.json'));
    const jwks = await key.jwks();
    const feedback = {
      ...report,
      kind: 'feedback' as const,
      dispatchId: '01JDISPATCH000000000000000',
    };
    const { report: sealed } = await approvedUpward(feedback, head, now, key);
    expect(await verifySeal(sealed, jwks)).toEqual({ valid: true });
    const changed = 'the content differs from what was sealed';
    expect(await verifySeal({ ...sealed, dispatchId: '01JOTHER000000000000000000' }, jwks)).toEqual(
      { valid: false, reason: changed },
    );
    const renamed = sealed.attachments.map((file) => ({ ...file, name: 'setup.pdf' }));
    expect(await verifySeal({ ...sealed, attachments: renamed }, jwks)).toEqual({
      valid: false,
      reason: changed,
    });
  });

  it('makes only low-S signatures, and refuses the high-S twin of a valid one', async () => {
    const key = fileSealKey(join(mkdtempSync(join(tmpdir(), 'seal-')), 'k.json'));
    const jwks = await key.jwks();
    for (let i = 0; i < 8; i++) {
      const { report: sealed } = await approvedUpward(
        { ...report, title: `报告${i}` },
        head,
        now,
        key,
      );
      const signature = fromBase64url(sealed.seal?.signature ?? '');
      const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
      expect(s <= P256_ORDER / 2n).toBe(true);
      // n − s verifies too (ECDSA's malleability); a v2 seal refuses it.
      const twin = Buffer.concat([
        signature.subarray(0, 32),
        Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex'),
      ]);
      const malleated = {
        ...sealed,
        seal: { ...sealed.seal!, signature: twin.toString('base64url') },
      };
      expect(await verifySeal(malleated, jwks)).toEqual({
        valid: false,
        reason: 'the signature is not in its low-S form',
      });
    }
  });

  it('writes and reads base64url as Node does, in the browser too (no Buffer)', () => {
    for (const length of [0, 1, 2, 3, 31, 32, 64]) {
      const bytes = randomBytes(length);
      expect(toBase64url(bytes)).toBe(bytes.toString('base64url'));
      expect(Buffer.from(fromBase64url(bytes.toString('base64url')))).toEqual(bytes);
    }
  });

  it('turns DER signatures with short or padded integers into 64 bytes', () => {
    const der = Buffer.from([0x30, 0x08, 0x02, 0x02, 0x00, 0x80, 0x02, 0x02, 0x01, 0x02]);
    const p1363 = derToP1363(der);
    expect(p1363).toHaveLength(64);
    expect(p1363.subarray(30, 32)).toEqual(Buffer.from([0x00, 0x80]));
    expect(p1363.subarray(62, 64)).toEqual(Buffer.from([0x01, 0x02]));
  });

  it('is verified offline by `npm run verify-seal` with only the JWKS file, and not with a forger’s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seal-'));
    const key = fileSealKey(join(dir, 'seal-key.json'));
    const { report: sealed } = await approvedUpward(report, head, now, key);
    const kid = sealed.seal?.kid ?? '';
    const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const files = {
      report: join(dir, 'report.json'),
      tampered: join(dir, 'tampered.json'),
      forged: join(dir, 'forged.json'),
      jwks: join(dir, 'seal-keys.json'),
      forgedJwks: join(dir, 'forged-keys.json'),
    };
    writeFileSync(files.report, JSON.stringify(sealed));
    writeFileSync(files.tampered, JSON.stringify({ ...sealed, title: `${sealed.title}（修改）` }));
    writeFileSync(
      files.forged,
      JSON.stringify(await sealWith({ ...report, title: '假报告' }, forger.privateKey, kid)),
    );
    writeFileSync(files.jwks, JSON.stringify(await key.jwks()));
    writeFileSync(
      files.forgedJwks,
      JSON.stringify({
        keys: [{ ...(forger.publicKey.export({ format: 'jwk' }) as object), kid }],
      }),
    );
    const run = (file: string, jwks = files.jwks) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-seal.ts', file, jwks], {
        cwd: resolve(import.meta.dirname, '../../..'),
        encoding: 'utf8',
      });
    const good = run(files.report);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('seal valid');
    const bad = run(files.tampered);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('the content differs from what was sealed');
    const forged = run(files.forged, files.forgedJwks);
    expect(forged.status).toBe(1);
    expect(forged.stdout).toContain('its thumbprint differs');
    const plain = run(files.report, 'http://seal-keys.example.gov.cn/public/seal-keys');
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('https');
  });
});
