import { randomBytes } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/testPlatform.ts';
import { uploads as uploadsHandler } from '../../functions/uploads/handler.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office, staffOf, type Caller } from '../support/api.ts';
import { auditOf, snapshot, store } from '../support/db.ts';
import { documents } from '../support/files.ts';
import { formUpload, localS3, objectCreated } from '../support/s3.ts';

const uploads = uploadsHandler(testPlatform);

const { s3, bucket } = localS3();
const TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ofd: 'application/ofd',
  doc: 'application/msword',
} as const;
/** A name that fits each type, as its extension must. */
const nameFor = (contentType: string) =>
  `关于防汛工作的报告.${Object.entries(TYPES).find(([, type]) => type === contentType)?.[0] ?? 'pdf'}`;

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
});

/** Uploads a file as the console does: declare it, post the form, and let the S3 event check it. */
async function upload(
  bytes: Uint8Array,
  contentType: string,
  name = nameFor(contentType),
  as: Caller = office,
) {
  const created = await call({
    method: 'POST',
    path: '/attachments',
    as,
    body: { name, contentType, size: bytes.length },
  });
  expect(created.status).toBe(201);
  expect(created.body.upload.fields.key).toBe(`attachments/incoming/${created.body.id}`);
  expect(await formUpload(created.body.upload, bytes, name)).toBeLessThan(300);
  const key = `attachments/incoming/${created.body.id as string}`;
  const verdicts = await uploads(
    objectCreated(bucket, key, bytes.length),
    lambdaContext('uploads'),
  );
  return { id: created.body.id as string, key, verdicts };
}
const metadata = (id: string, as: Caller = office) =>
  call({ method: 'GET', path: `/attachments/${id}`, as });

describe('checking the real bytes of a file', () => {
  it.each([
    ['a PDF', documents.pdf, TYPES.pdf],
    ['a DOCX', documents.docx(), TYPES.docx],
    ['an XLSX', documents.xlsx, TYPES.xlsx],
    ['an OFD', documents.ofd, TYPES.ofd],
    ['a DOC (OLE compound file)', documents.doc, TYPES.doc],
  ])('accepts %s, with its SHA-256', async (_, bytes, contentType) => {
    const { id, verdicts } = await upload(bytes, contentType);
    expect(verdicts).toEqual(['ready']);
    const { createHash } = await import('node:crypto');
    expect((await metadata(id)).body).toMatchObject({
      status: 'ready',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it.each([
    [
      'a ZIP without word/document.xml as DOCX',
      documents.zipWithoutDocument,
      TYPES.docx,
      /parts of DOCX/,
    ],
    ['an EXE renamed .pdf', documents.exe, TYPES.pdf, /not a PDF/],
    ['HTML as PDF', documents.htmlAsPdf, TYPES.pdf, /not a PDF/],
    [
      'HTML with %PDF- further in, as PDF (a browser would open it as HTML)',
      Buffer.from('<html><body><script>alert(1)</script>%PDF-1.7</body></html>'),
      TYPES.pdf,
      /does not start with %PDF-/,
    ],
    ['a PDF as DOCX', documents.pdf, TYPES.docx, /not a ZIP/],
    ['a DOCX as OFD', documents.docx(), TYPES.ofd, /parts of OFD/],
  ])('refuses %s and quarantines it with the reason', async (_, bytes, contentType, reason) => {
    const { id, key, verdicts } = await upload(bytes, contentType);
    expect(verdicts).toEqual(['rejected']);
    const view = (await metadata(id)).body;
    expect(view).toMatchObject({ status: 'rejected', reason: expect.stringMatching(reason) });
    expect(view.sha256).toBeUndefined();
    const quarantined = await s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: `quarantine/attachments/${id}` }),
    );
    expect(decodeURIComponent(quarantined.Metadata?.['reason'] ?? '')).toMatch(reason);
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).rejects.toThrow();
    expect(
      (await call({ method: 'GET', path: `/attachments/${id}/download`, as: office })).status,
    ).toBe(404);
  });

  it('settles once: a repeated or late event changes nothing', async () => {
    const bytes = documents.pdf;
    const { id, key } = await upload(bytes, TYPES.pdf);
    const again = await uploads(objectCreated(bucket, key, bytes.length), lambdaContext('uploads'));
    expect(again).toEqual(['gone']);
    expect((await metadata(id)).body.status).toBe('ready');
  });

  it('refuses bytes that differ in size from what was declared', async () => {
    const created = await call({
      method: 'POST',
      path: '/attachments',
      as: office,
      body: { name: 'a.pdf', contentType: TYPES.pdf, size: documents.pdf.length + 10 },
    });
    await formUpload(created.body.upload, documents.pdf);
    const key = `attachments/incoming/${created.body.id as string}`;
    expect(await uploads(objectCreated(bucket, key, 1), lambdaContext('uploads'))).toEqual([
      'rejected',
    ]);
    expect((await metadata(created.body.id)).body.reason).toMatch(/not the .* declared/);
  });

  it('verifies a 40 MiB DOCX reading at most 256 KiB for its type (SHA-256 aside)', async () => {
    const bytes = documents.docx({ 'word/media/scan.bin': randomBytes(40 * 1024 * 1024) });
    const created = await call({
      method: 'POST',
      path: '/attachments',
      as: office,
      body: { name: '扫描件.docx', contentType: TYPES.docx, size: bytes.length },
    });
    await formUpload(created.body.upload, bytes);
    const reads: { range: string | undefined; bytes: number }[] = [];
    // Every read the function makes, with the bytes S3 sent for it.
    const objects = testPlatform.uploads;
    const get = objects.get.bind(objects);
    objects.get = async (key, options) => {
      const read = await get(key, options);
      reads.push({
        range: options?.range?.join('-'),
        bytes: read?.length ?? 0,
      });
      return read;
    };
    try {
      const key = `attachments/incoming/${created.body.id as string}`;
      expect(
        await uploads(objectCreated(bucket, key, bytes.length), lambdaContext('uploads')),
      ).toEqual(['ready']);
    } finally {
      objects.get = get;
    }
    const ranged = reads.filter((read) => read.range !== undefined);
    const whole = reads.filter((read) => read.range === undefined);
    expect(ranged.reduce((sum, read) => sum + read.bytes, 0)).toBeLessThanOrEqual(256 * 1024);
    // The one read of the whole object is the SHA-256's.
    expect(whole).toEqual([{ range: undefined, bytes: bytes.length }]);
  });

  it('refuses a declaration it cannot take, and writes nothing', async () => {
    const before = await snapshot();
    for (const body of [
      { name: 'a.exe', contentType: 'application/x-msdownload', size: 10 },
      { name: '../a.pdf', contentType: TYPES.pdf, size: 10 },
      { name: 'a.pdf', contentType: TYPES.pdf, size: 50 * 1024 * 1024 + 1 },
      { name: 'x'.repeat(201), contentType: TYPES.pdf, size: 10 },
      // The name must end as its type does, and show what it is.
      { name: '季度报告.html', contentType: TYPES.pdf, size: 10 },
      { name: 'setup.bat', contentType: TYPES.pdf, size: 10 },
      { name: '季度报告\u202efdp.exe', contentType: TYPES.pdf, size: 10 },
      { name: '季度报告\u0000.pdf', contentType: TYPES.pdf, size: 10 },
      { name: '季度\u0007报告.pdf', contentType: TYPES.pdf, size: 10 },
      { name: '扫描件.pdf', contentType: TYPES.docx, size: 10 },
    ]) {
      const refused = await call({ method: 'POST', path: '/attachments', as: office, body });
      expect(refused.status, body.name).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
      expect(refused.body.error.details[0].field).toMatch(/^body\.(name|contentType|size)$/);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('files on dispatches', () => {
  const send = (attachmentIds: string[], recipients = ['health']) =>
    call({
      method: 'POST',
      path: '/dispatches',
      as: office,
      body: {
        kind: 'document',
        title: '关于印发防汛应急预案的通知',
        body: '详见附件。',
        recipients,
        attachmentIds,
        declaredUnclassified: true,
      },
    });

  it('lets recipients read and download; a non-recipient learns nothing; the first download is recorded once', async () => {
    const { id } = await upload(documents.pdf, TYPES.pdf, '防汛应急预案（2026年修订）.pdf');
    const sent = await send([id]);
    expect(sent.status).toBe(201);
    const dispatchId = sent.body.id as string;
    const view = await call({ method: 'GET', path: `/dispatches/${dispatchId}`, as: office });
    expect(view.body.attachments).toEqual([
      expect.objectContaining({
        id,
        name: '防汛应急预案（2026年修订）.pdf',
        contentType: TYPES.pdf,
      }),
    ]);

    // Not a recipient: 404 on metadata and download alike.
    for (const path of [`/attachments/${id}`, `/attachments/${id}/download`])
      expect((await call({ method: 'GET', path, as: staffOf('education') })).status).toBe(404);

    const health = staffOf('health');
    expect((await metadata(id, health)).status).toBe(200);
    const download = await call({ method: 'GET', path: `/attachments/${id}/download`, as: health });
    expect(download.status).toBe(302);
    const location = new URL(download.headers['location'] ?? '');
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(location.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="_______2026____.pdf"; filename*=UTF-8''${encodeURIComponent('防汛应急预案（2026年修订）.pdf')}`,
    );
    const file = await fetch(location);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(documents.pdf);

    const receipt = async () =>
      (await call({ method: 'GET', path: `/dispatches/${dispatchId}`, as: office })).body
        .receipts[0];
    const first = (await receipt()).downloadedAt as string;
    expect(first).toEqual(expect.any(String));
    await call({ method: 'GET', path: `/attachments/${id}/download`, as: health });
    expect((await receipt()).downloadedAt).toBe(first);
    const downloads = (await auditOf(`DISPATCH#${dispatchId}`)).filter(
      (entry) => entry['action'] === 'receipt.download',
    );
    expect(downloads).toHaveLength(1);
  });

  it('sends only ready files of the sender’s unit (else 400, nothing sent)', async () => {
    const rejected = (await upload(documents.exe, TYPES.pdf)).id;
    const foreign = (await upload(documents.pdf, TYPES.pdf, 'a.pdf', staffOf('health'))).id;
    const pending = (
      await call({
        method: 'POST',
        path: '/attachments',
        as: office,
        body: { name: 'b.pdf', contentType: TYPES.pdf, size: 100 },
      })
    ).body.id as string;
    const before = await snapshot();
    for (const ids of [[rejected], [foreign], [pending], ['01JZZZZZZZZZZZZZZZZZZZZZZZ']]) {
      const refused = await send(ids);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details[0].field).toBe('attachmentIds.0');
    }
    expect(await snapshot()).toEqual(before);
  });
});
