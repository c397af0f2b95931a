import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CopyObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { Readable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { digestStore } from '../../../shared/aws/auditDigests.ts';
import { objectStore } from '../../../shared/aws/s3.ts';
import { checkUpload } from '../../../functions/uploads/photoCheck.ts';

const precondition = () =>
  new S3ServiceException({
    name: 'PreconditionFailed',
    $fault: 'client',
    $metadata: { httpStatusCode: 412 },
    message: 'At least one of the pre-conditions you specified did not hold',
  });

describe('the uploads bucket through the SDK', () => {
  const s3 = mockClient(S3Client);
  const bucket = objectStore(new S3Client({ region: 'cn-north-1' }), 'uploads');
  afterEach(() => {
    s3.reset();
  });
  afterAll(() => {
    s3.restore();
  });

  it('reads a range, tied to an ETag, and gives the whole size from Content-Range', async () => {
    s3.on(GetObjectCommand).resolves({
      // A stream as the SDK gives it (with its transform helpers).
      Body: Object.assign(Readable.from([Buffer.from('%PDF-')]), {
        transformToByteArray: () => Promise.resolve(new Uint8Array(Buffer.from('%PDF-'))),
      }) as never,
      ContentRange: 'bytes 0-4/123456',
      ContentLength: 5,
      ETag: '"e1"',
      VersionId: 'v1',
    });
    const read = await bucket.get('attachments/incoming/x', { range: [0, 4], ifMatch: '"e1"' });
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'uploads',
      Key: 'attachments/incoming/x',
      Range: 'bytes=0-4',
      IfMatch: '"e1"',
    });
    expect(read).toMatchObject({ size: 123456, length: 5, etag: '"e1"', versionId: 'v1' });
    expect(Buffer.from((await read?.bytes()) ?? [])).toEqual(Buffer.from('%PDF-'));
  });

  it('writes a digest once: If-None-Match, a Content-MD5 for Object Lock, and "exists" on 412', async () => {
    s3.on(PutObjectCommand).resolvesOnce({}).rejects(precondition());
    expect(await bucket.put('digests/h.json', '{}', 'application/json', { once: true })).toBe(
      'written',
    );
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Key: 'digests/h.json',
      IfNoneMatch: '*',
      ContentMD5: 'mZFLkyvTelC5g8XnyQrpOw==',
    });
    expect(await bucket.put('digests/h.json', '{}', 'application/json', { once: true })).toBe(
      'exists',
    );
  });

  it('counts the versions of exactly one key (a digest written once has one)', async () => {
    s3.on(ListObjectVersionsCommand).resolves({
      Versions: [
        { Key: 'digests/2033/02/01/2033-02-01T10.json', VersionId: 'v2' },
        { Key: 'digests/2033/02/01/2033-02-01T10.json', VersionId: 'v1' },
        { Key: 'digests/2033/02/01/2033-02-01T10.json.bak', VersionId: 'v1' },
      ],
      DeleteMarkers: [{ Key: 'digests/2033/02/01/2033-02-01T11.json', VersionId: 'd1' }],
    });
    expect(await digestStore(bucket).versions('2033-02-01T10')).toBe(2);
    expect(s3).toHaveReceivedCommandWith(ListObjectVersionsCommand, {
      Bucket: 'uploads',
      Prefix: 'digests/2033/02/01/2033-02-01T10.json',
    });
  });

  it('copies only the bytes that were checked: a replaced source is "superseded"', async () => {
    s3.on(CopyObjectCommand).rejects(precondition());
    expect(
      await bucket.copy(
        { key: 'incoming/r/0', etag: '"e1"' },
        { key: 'quarantine/r/0', reason: '不是图片' },
      ),
    ).toBe('superseded');
    expect(s3).toHaveReceivedCommandWith(CopyObjectCommand, {
      CopySource: 'uploads/incoming/r/0',
      CopySourceIfMatch: '"e1"',
      MetadataDirective: 'REPLACE',
      Metadata: { reason: encodeURIComponent('不是图片') },
    });
  });
});

describe('S3 answering a copy with 200 and no body', () => {
  it('is an error the SDK retries, never a copy: the upload is not deleted', async () => {
    // A stand-in S3 whose copy answers 200 with an empty body, as S3 may when a copy fails late.
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(`${request.method ?? ''} ${request.url ?? ''}`);
      request.resume();
      if (request.method === 'PUT' && request.headers['x-amz-copy-source']) {
        response.writeHead(200).end();
        return;
      }
      response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const s3 = new S3Client({
      region: 'cn-north-1',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 2,
    });
    try {
      await expect(
        objectStore(s3, 'uploads').copy(
          { key: 'incoming/r/0', etag: '"e1"' },
          { key: 'quarantine/r/0', reason: 'x' },
        ),
      ).rejects.toMatchObject({ name: 'InternalError' });
      // Sent again once (maxAttempts 2), and nothing else was asked of S3: no delete followed.
      expect(requests).toEqual([
        'PUT /uploads/quarantine/r/0?x-id=CopyObject',
        'PUT /uploads/quarantine/r/0?x-id=CopyObject',
      ]);
    } finally {
      server.close();
    }
  });

  it('leaves the citizen’s upload in place when the quarantine copy fails that way', async () => {
    const deleted: string[] = [];
    const objects = {
      get: () =>
        Promise.resolve({
          body: Readable.from([]),
          bytes: () => Promise.resolve(new Uint8Array([1, 2, 3])),
          etag: '"e1"',
          versionId: 'v1',
          contentType: 'image/jpeg',
          size: 3,
          length: 3,
        }),
      put: () => Promise.resolve('written' as const),
      copy: () =>
        Promise.reject(Object.assign(new Error('S3 aborted request'), { name: 'InternalError' })),
      delete: (key: string) => {
        deleted.push(key);
        return Promise.resolve();
      },
      versionCount: () => Promise.resolve(1),
      uploadForm: () => Promise.reject(new Error('unused')),
      link: () => Promise.reject(new Error('unused')),
    };
    // Not a report key: the check quarantines it without reading the store.
    await expect(
      checkUpload({ store: undefined as never, objects }, 'incoming/not-a-report/0'),
    ).rejects.toMatchObject({ name: 'InternalError' });
    expect(deleted).toEqual([]);
  });
});
