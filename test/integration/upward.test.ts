import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/testPlatform.ts';
import { uploads as uploadsHandler } from '../../functions/uploads/handler.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import { verifySeal } from '../../shared/domain/seal.ts';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { upwardKey } from '../../shared/store/keys.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office, staffOf, type Caller } from '../support/api.ts';
import { auditOf, snapshot, store } from '../support/db.ts';
import { documents } from '../support/files.ts';
import { formUpload, localS3, objectCreated } from '../support/s3.ts';

const uploads = uploadsHandler(testPlatform);

const { bucket } = localS3();
const headOf = (unit: string): Caller => ({ group: 'unit-head', unit, sub: `${unit}-head` });
const author = staffOf('health', 'health-wang');
const report = {
  kind: 'info',
  title: '关于辖区医疗机构冬季防火检查情况的报告',
  body: '本周共检查医疗机构12家，发现隐患3处，已全部整改。',
  contactName: '王芳',
  contactPhone: '0311-86012345',
};

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
});

async function readyFile(as: Caller): Promise<string> {
  const created = await call({
    method: 'POST',
    path: '/attachments',
    as,
    body: { name: '检查记录.pdf', contentType: 'application/pdf', size: documents.pdf.length },
  });
  await formUpload(created.body.upload, documents.pdf);
  const key = `attachments/incoming/${created.body.id as string}`;
  await uploads(objectCreated(bucket, key, documents.pdf.length), lambdaContext('uploads'));
  return created.body.id as string;
}

const write = async (over: Record<string, unknown> = {}) => {
  const created = await call({
    method: 'POST',
    path: '/upward',
    as: author,
    body: { ...report, ...over },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
};
const approve = (id: string, as: Caller = headOf('health')) =>
  call({ method: 'POST', path: `/upward/${id}/approve`, as });
const jwks = async () => (await call({ method: 'GET', path: '/public/seal-keys' })).body;

describe('receiving a sealed report', () => {
  it('re-verifies the seal: a report changed after sealing is refused (409) and nothing is written', async () => {
    const id = await write({ title: '关于防汛物资储备情况的报告' });
    expect((await approve(id)).status).toBe(200);
    // Someone changes the stored report behind the seal's back.
    await store.db.send(
      new UpdateCommand({
        TableName: store.table,
        Key: upwardKey(id),
        UpdateExpression: 'SET body = :body',
        ExpressionAttributeValues: { ':body': '物资充足，无需增拨。' },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    const before = await snapshot();
    const refused = await call({ method: 'POST', path: `/upward/${id}/receive`, as: office });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('印章校验未通过');
    expect(await snapshot()).toEqual(before);
  });
});

describe('upward reports and the seal', () => {
  it('reaches the district office only once the head approves, sealed; anyone verifies the seal with the JWKS alone', async () => {
    const file = await readyFile(author);
    const id = await write({ attachmentIds: [file] });
    const listed = async () =>
      (await call({ method: 'GET', path: '/upward', as: office })).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await listed()).not.toContain(id);
    expect((await call({ method: 'GET', path: `/upward/${id}`, as: office })).status).toBe(404);

    const approved = await approve(id);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'submitted',
      seal: { alg: 'ES256', approvedBy: 'health-head' },
    });
    expect(await listed()).toContain(id);
    const seen = (await call({ method: 'GET', path: `/upward/${id}`, as: office })).body;
    expect(seen.attachments).toEqual([expect.objectContaining({ id: file })]);

    const keys = await jwks();
    expect(keys.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      kid: seen.seal.kid,
    });
    expect(await verifySeal(seen, keys)).toEqual({ valid: true });
    // One character of the body, or one attachment hash, and it no longer holds.
    expect(await verifySeal({ ...seen, body: `${seen.body}。` }, keys)).toMatchObject({
      valid: false,
    });
    const otherHash = seen.attachments[0].sha256.replace(/^./, (c: string) =>
      c === '0' ? '1' : '0',
    );
    expect(
      await verifySeal(
        { ...seen, attachments: [{ ...seen.attachments[0], sha256: otherHash }] },
        keys,
      ),
    ).toMatchObject({ valid: false });
    // A signature made by another key does not hold either.
    const forged = {
      ...seen,
      seal: { ...seen.seal, signature: Buffer.alloc(64, 1).toString('base64url') },
    };
    expect(await verifySeal(forged, keys)).toEqual({
      valid: false,
      reason: 'the signature does not match the digest',
    });

    const received = await call({ method: 'POST', path: `/upward/${id}/receive`, as: office });
    expect(received.body).toMatchObject({ status: 'received', receivedBy: 'clerk-wang' });
    const again = await call({ method: 'POST', path: `/upward/${id}/receive`, as: office });
    expect(again.body.receivedAt).toBe(received.body.receivedAt);
    const actions = (await auditOf(`UPWARD#${id}`)).map((entry) => entry['action']);
    expect(actions).toEqual(['upward.create', 'upward.approve', 'upward.receive']);
  });

  it('lets only the unit’s own head approve (403 for staff, 404 for another unit’s head), writing nothing', async () => {
    const id = await write();
    const before = await snapshot();
    expect((await approve(id, author)).status).toBe(403);
    expect((await approve(id, headOf('education'))).status).toBe(404);
    expect(
      (await call({ method: 'GET', path: `/upward/${id}`, as: staffOf('education') })).status,
    ).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect((await approve(id)).status).toBe(200);
    // Approving twice: the report is no longer pending approval.
    expect((await approve(id)).status).toBe(409);
  });

  it('returns a report; its author changes it, and approval seals the new text', async () => {
    const id = await write();
    const returned = await call({
      method: 'POST',
      path: `/upward/${id}/return`,
      as: headOf('health'),
      body: { reason: '请补充整改时限' },
    });
    expect(returned.body).toMatchObject({ status: 'returned', returnedReason: '请补充整改时限' });
    expect((await approve(id)).status).toBe(409);
    // Only its author changes it.
    const other = await call({
      method: 'PUT',
      path: `/upward/${id}`,
      as: staffOf('health', 'health-li'),
      body: report,
    });
    expect(other.status).toBe(403);

    const body = `${report.body}整改已于11月30日前完成。`;
    const edited = await call({
      method: 'PUT',
      path: `/upward/${id}`,
      as: author,
      body: { ...report, body },
    });
    expect(edited.body).toMatchObject({ status: 'pending-approval', body });
    expect(edited.body.returnedReason).toBeUndefined();
    const sealed = (await approve(id)).body;
    expect(await verifySeal(sealed, await jwks())).toEqual({ valid: true });
    expect(await verifySeal({ ...sealed, body: report.body }, await jwks())).toMatchObject({
      valid: false,
    });
  });

  it('refuses what it cannot take, and writes nothing', async () => {
    const before = await snapshot();
    const refusals: [Caller, Record<string, unknown>, number][] = [
      [author, { ...report, title: '【机密】情况报告' }, 422],
      [author, { ...report, kind: 'feedback' }, 409],
      [author, { ...report, contactPhone: 'abc' }, 400],
      [author, { ...report, attachmentIds: ['01JZZZZZZZZZZZZZZZZZZZZZZZ'] }, 400],
      [office, report, 403],
    ];
    for (const [as, body, status] of refusals) {
      const refused = await call({ method: 'POST', path: '/upward', as, body });
      expect(refused.status).toBe(status);
    }
    expect(await snapshot()).toEqual(before);
  });
});
