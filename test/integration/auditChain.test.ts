import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAuditDigest } from '../../functions/auditDigest/digest.ts';
import { verifyAuditChain } from '../../functions/auditDigest/verify.ts';
import { fileSealKey } from '../../local/fileSealKey.ts';
import { readAuditHour } from '../../shared/store/auditChain.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office, staffOf } from '../support/api.ts';
import { store } from '../support/db.ts';
import { testPlatform, testSettings } from '../support/testPlatform.ts';

const { digests, digestKey: key } = testPlatform;

async function at<T>(iso: string, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}
afterEach(() => {
  vi.useRealTimers();
});

async function noticeAcknowledged(sentAt: string, ackAt: string) {
  const sent = await at(sentAt, () =>
    call({
      method: 'POST',
      path: '/dispatches',
      as: office,
      body: {
        kind: 'notice',
        title: '通知',
        body: '内容',
        recipients: ['chain-unit'],
        declaredUnclassified: true,
      },
    }),
  );
  expect(sent.status).toBe(201);
  await at(ackAt, () =>
    call({ method: 'POST', path: `/dispatches/${sent.body.id}/ack`, as: staffOf('chain-unit') }),
  );
}

const verify = async (jwks?: Awaited<ReturnType<typeof key.jwks>>) =>
  verifyAuditChain(
    { store, digests, jwks: jwks ?? (await key.jwks()) },
    '2033-02-01T10',
    '2033-02-01T11',
  );

/** `npm run audit:verify` as an operator runs it beside the local platform (this file's tables and bucket). */
async function auditVerifyCli(): Promise<{ code: number; output: string }> {
  const localDir = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  writeFileSync(
    join(localDir, 'platform.json'),
    JSON.stringify({ settings: { ...testSettings, phoneCodeKey: undefined } }),
  );
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/audit-verify.ts',
        '--from',
        '2033-02-01T10',
        '--to',
        '2033-02-01T11',
      ],
      { env: { ...process.env, LOCAL_DIR: localDir, POWERTOOLS_LOG_LEVEL: 'SILENT' } },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

describe('tamper-evident audit', () => {
  beforeAll(async () => {
    await seedUnits(store, [{ id: 'chain-unit', name: '链单位', kind: 'township' }]);
    await noticeAcknowledged('2033-02-01T10:05:00.000Z', '2033-02-01T10:06:00.000Z');
    await noticeAcknowledged('2033-02-01T10:20:00.000Z', '2033-02-01T10:21:00.000Z');
    await noticeAcknowledged('2033-02-01T11:10:00.000Z', '2033-02-01T11:12:00.000Z');
    // The first run digests the hour before it; the next, every complete hour since.
    expect(
      (await runAuditDigest({ store, key, digests, now: new Date('2033-02-01T11:30:00Z') })).hours,
    ).toEqual(['2033-02-01T10']);
    expect(
      (await runAuditDigest({ store, key, digests, now: new Date('2033-02-01T11:59:00Z') })).hours,
    ).toEqual([]);
    expect(
      (await runAuditDigest({ store, key, digests, now: new Date('2033-02-01T12:30:00Z') })).hours,
    ).toEqual(['2033-02-01T11']);
  });

  it('chains each hour on from the last and signs it; verify recomputes it all from the table', async () => {
    const [ten, eleven] = [await digests.get('2033-02-01T10'), await digests.get('2033-02-01T11')];
    expect(ten?.records).toHaveLength(4);
    expect(eleven?.records).toHaveLength(2);
    expect(eleven?.previous).toBe(ten?.last);
    expect(await verify()).toEqual({ valid: true, hours: 2, records: 6 });
    expect(await auditVerifyCli()).toEqual({
      code: 0,
      output: 'audit chain holds: 2 hours, 6 records\n',
    });
  });

  it('refuses a digest that another key signed, and another key published under its name', async () => {
    const other = fileSealKey(join(tmpdir(), `other-key-${Date.now()}.json`));
    const ownKid = await key.kid();
    // Another key under this key's name: its thumbprint is not the name.
    expect(
      await verify({ keys: (await other.jwks()).keys.map((k) => ({ ...k, kid: ownKid })) }),
    ).toMatchObject({
      valid: false,
      hour: '2033-02-01T10',
      reason: expect.stringContaining('its thumbprint differs'),
    });
    // The seal's key is not the digests' key: a JWKS of the seal key proves nothing.
    expect(await verify(await testPlatform.sealKey.jwks())).toMatchObject({
      valid: false,
      reason: `no key ${ownKid} in the JWKS`,
    });
  });

  it('never digests an hour twice: a chain state wound back cannot re-sign a forged record', async () => {
    // What an attacker with an API function's rights could try: slip a record into a digested hour,
    // then wind the chain's state back so that the digester would chain and sign that hour again.
    const [first] = await readAuditHour(store, '2033-02-01T10');
    const forged = { ...first!, sk: `${first!.sk.slice(0, 13)}:30:00.000Z#forged`, actorSub: 'x' };
    await store.db.send(new PutCommand({ TableName: store.auditTable, Item: forged }));
    await store.db.send(
      new PutCommand({
        TableName: store.table,
        Item: { pk: 'AUDIT_CHAIN', sk: 'STATE', lastHour: '2033-02-01T09', lastHash: 'x' },
      }),
    );
    const run = await runAuditDigest({
      store,
      key,
      digests,
      now: new Date('2033-02-01T12:30:00Z'),
    });
    expect(run.hours).toEqual(['2033-02-01T10', '2033-02-01T11']);
    // Both digests are the ones first written, once each; the forged record stands out.
    expect(await digests.versions('2033-02-01T10')).toBe(1);
    expect(await verify()).toEqual({
      valid: false,
      hour: '2033-02-01T10',
      reason: 'record added',
      record: { pk: forged.pk, sk: forged.sk },
    });
    await store.db.send(
      new DeleteCommand({ TableName: store.auditTable, Key: { pk: forged.pk, sk: forged.sk } }),
    );
    expect(await verify()).toEqual({ valid: true, hours: 2, records: 6 });
  });

  it('fails an hour whose digest was written more than once', async () => {
    // The local S3 keeps one version of a key; the bucket deployed keeps every one (versioning,
    // Object Lock). The count it would give is stood in for here (the SDK call: test/unit/aws/s3.test.ts).
    const versions = vi.spyOn(digests, 'versions').mockResolvedValueOnce(2);
    expect(await verify()).toEqual({
      valid: false,
      hour: '2033-02-01T10',
      reason: 'the digest was written 2 times',
    });
    versions.mockRestore();
  });

  it('names a record changed in the table, then one deleted', async () => {
    const [changed] = await readAuditHour(store, '2033-02-01T11');
    await store.db.send(
      new UpdateCommand({
        TableName: store.auditTable,
        Key: { pk: changed!.pk, sk: changed!.sk },
        UpdateExpression: 'SET actorSub = :someone',
        ExpressionAttributeValues: { ':someone': 'someone-else' },
      }),
    );
    expect(await verify()).toEqual({
      valid: false,
      hour: '2033-02-01T11',
      reason: 'record changed',
      record: { pk: changed!.pk, sk: changed!.sk },
    });
    expect(await auditVerifyCli()).toEqual({
      code: 1,
      output: `audit chain broken at 2033-02-01T11, record changed: ${changed!.pk} ${changed!.sk}\n`,
    });

    const deleted = (await readAuditHour(store, '2033-02-01T10'))[1]!;
    await store.db.send(
      new DeleteCommand({ TableName: store.auditTable, Key: { pk: deleted.pk, sk: deleted.sk } }),
    );
    expect(await verify()).toEqual({
      valid: false,
      hour: '2033-02-01T10',
      reason: 'record deleted',
      record: { pk: deleted.pk, sk: deleted.sk },
    });
    expect((await auditVerifyCli()).output).toBe(
      `audit chain broken at 2033-02-01T10, record deleted: ${deleted.pk} ${deleted.sk}\n`,
    );
  });
});
