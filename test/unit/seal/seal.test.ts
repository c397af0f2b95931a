import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonCall } from '../../../shared/aws/awsCall.ts';
import { derToP1363, fileSealKey, kmsSealKey } from '../../../shared/aws/sealSigner.ts';
import {
  canonicalJson,
  fromBase64url,
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

describe('the seal', () => {
  it('digests canonical JSON: keys sorted at every level, no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 'x', e: '中' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":"中","f":"x"}]},"b":1}',
    );
  });

  it('is made by KMS with the digest as message (ECDSA_SHA_256), verifiable with the published JWKS', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    // KMS as its JSON protocol answers: bytes in base64, the signature in DER.
    const calls: { operation: string; input: Record<string, string> }[] = [];
    const kms: JsonCall = <Output>(operation: string, input: object) => {
      const fields = input as Record<string, string>;
      calls.push({ operation, input: fields });
      const output =
        operation === 'GetPublicKey'
          ? {
              PublicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
              KeySpec: 'ECC_NIST_P256',
            }
          : {
              Signature: sign('sha256', Buffer.from(fields['Message'] ?? '', 'base64'), {
                key: privateKey,
                dsaEncoding: 'der',
              }).toString('base64'),
            };
      return Promise.resolve(output as Output);
    };
    const key = kmsSealKey(kms, 'arn:aws-cn:kms:cn-north-1:1:key/seal');
    const { report: sealed } = await approvedUpward(report, head, now, key);

    expect(calls.filter((call) => call.operation === 'Sign')).toEqual([
      {
        operation: 'Sign',
        input: {
          KeyId: 'arn:aws-cn:kms:cn-north-1:1:key/seal',
          Message: Buffer.from(fromBase64url(sealed.seal?.digest ?? '')).toString('base64'),
          MessageType: 'RAW',
          SigningAlgorithm: 'ECDSA_SHA_256',
        },
      },
    ]);
    const jwks = await key.jwks();
    expect(calls.filter((call) => call.operation === 'GetPublicKey')).toEqual([
      { operation: 'GetPublicKey', input: { KeyId: 'arn:aws-cn:kms:cn-north-1:1:key/seal' } },
    ]);
    expect(Buffer.from(sealed.seal?.signature ?? '', 'base64url')).toHaveLength(64);
    expect(await verifySeal(sealed, jwks)).toEqual({ valid: true });
    expect(await verifySeal({ ...sealed, contactPhone: '+8631186012346' }, jwks)).toMatchObject({
      valid: false,
    });
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

  it('is verified offline by `npm run verify-seal` with only the JWKS file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seal-'));
    const key = fileSealKey(join(dir, 'seal-key.json'));
    const { report: sealed } = await approvedUpward(report, head, now, key);
    const files = {
      report: join(dir, 'report.json'),
      tampered: join(dir, 'tampered.json'),
      jwks: join(dir, 'seal-keys.json'),
    };
    writeFileSync(files.report, JSON.stringify(sealed));
    writeFileSync(files.tampered, JSON.stringify({ ...sealed, title: `${sealed.title}（修改）` }));
    writeFileSync(files.jwks, JSON.stringify(await key.jwks()));
    const run = (file: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-seal.ts', file, files.jwks], {
        cwd: resolve(import.meta.dirname, '../../..'),
        encoding: 'utf8',
      });
    const good = run(files.report);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('seal valid');
    const bad = run(files.tampered);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('the content differs from what was sealed');
  });
});
