import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { DeleteCommand, UpdateCommand } from '../../shared/aws/dynamo.ts';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAuditDigest } from '../../functions/auditDigest/digest.ts';
import { verifyAuditChain } from '../../functions/auditDigest/verify.ts';
import { digestStoreFromConfig } from '../../shared/aws/auditDigests.ts';
import { fileSealKey, sealKeyFromConfig } from '../../shared/aws/sealSigner.ts';
import { readAuditHour } from '../../shared/store/auditChain.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office, staffOf } from '../support/api.ts';
import { store } from '../support/db.ts';

const digests = digestStoreFromConfig();
const key = sealKeyFromConfig();

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

/** `npm run audit:verify` as an operator runs it, with this file's tables and bucket in the environment. */
async function auditVerifyCli(): Promise<{ code: number; output: string }> {
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
      { env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT' } },
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

  it('refuses a digest that another key signed', async () => {
    // Another key under this key's name: the signature, not the name, decides.
    const other = fileSealKey(join(tmpdir(), `other-key-${Date.now()}.json`));
    const ownKid = await key.kid();
    const verdict = await verify({
      keys: (await other.jwks()).keys.map((k) => ({ ...k, kid: ownKid })),
    });
    expect(verdict).toMatchObject({
      valid: false,
      hour: '2033-02-01T10',
      reason: 'the digest’s signature does not hold',
    });
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
