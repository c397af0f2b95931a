import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySeal } from '../../shared/domain/seal.ts';
import { baseUrl, http, tokenFor } from '../support/client.ts';
import { documents } from '../support/files.ts';
import { formUpload } from '../support/s3.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file as a person sends it: declared, posted to the signed form, checked by the S3 event. */
async function uploaded(token: string, bytes: Uint8Array, name: string, contentType = DOCX) {
  const created = await http('POST', '/attachments', {
    token,
    body: { name, contentType, size: bytes.length },
  });
  expect(created.status).toBe(201);
  expect(await formUpload(created.body.upload, bytes, name)).toBeLessThan(300);
  const id = created.body.id as string;
  await expect
    .poll(async () => (await http('GET', `/attachments/${id}`, { token })).body.status, {
      timeout: 15_000,
    })
    .not.toBe('pending');
  return (await http('GET', `/attachments/${id}`, { token })).body;
}

describe('files and the unit seal, against npm start', () => {
  it('checks a DOCX, sends it, and the recipient downloads it under its name; an impostor is refused', async () => {
    const office = await tokenFor('district-office', 'district-office');
    const health = await tokenFor('unit-staff', 'health');
    const bytes = documents.docx();
    const file = await uploaded(office, bytes, '关于冬季安全生产的通知.docx');
    expect(file).toMatchObject({
      status: 'ready',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const impostor = await uploaded(office, documents.zipWithoutDocument, 'x.docx');
    expect(impostor).toMatchObject({ status: 'rejected' });

    const sent = await http('POST', '/dispatches', {
      token: office,
      body: {
        kind: 'document',
        title: '关于冬季安全生产的通知',
        body: '详见附件。',
        recipients: ['health'],
        attachmentIds: [file.id],
        declaredUnclassified: true,
      },
    });
    expect(sent.status).toBe(201);
    const download = await fetch(`${baseUrl}/attachments/${file.id as string}/download`, {
      headers: { authorization: `Bearer ${health}` },
      redirect: 'manual',
    });
    expect(download.status).toBe(302);
    const signed = download.headers.get('location') ?? '';
    const got = await fetch(signed);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes);
    const receipt = await http('GET', `/dispatches/${sent.body.id as string}`, { token: health });
    expect(receipt.body.receipts[0].downloadedAt).toEqual(expect.any(String));
    expect(receipt.body.attachments[0]).toMatchObject({ id: file.id, sha256: file.sha256 });
  });

  it('seals an upward report the head approves; the JWKS served verifies it', async () => {
    const staff = await tokenFor('unit-staff', 'health', 'health-wang');
    const head = await tokenFor('unit-head', 'health', 'health-head');
    const created = await http('POST', '/upward', {
      token: staff,
      body: {
        kind: 'request',
        title: '关于增拨冬季防疫物资的请示',
        body: '请予增拨口罩2万只。',
        contactName: '王芳',
        contactPhone: '0311-86012345',
      },
    });
    expect(created.status).toBe(201);
    const approved = await http('POST', `/upward/${created.body.id as string}/approve`, {
      token: head,
    });
    expect(approved.body.status).toBe('submitted');
    const jwks = await http('GET', '/public/seal-keys');
    expect(jwks.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await verifySeal(approved.body, jwks.body)).toEqual({ valid: true });
    expect(
      await verifySeal({ ...approved.body, title: '关于增拨冬季防疫物资的请示。' }, jwks.body),
    ).toMatchObject({ valid: false });
  });
});
