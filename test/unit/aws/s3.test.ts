import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedHeaders } from '../../../shared/aws/awsCall.ts';

/**
 * Our SigV4 links (shared/aws/s3Links.ts, signed without the S3 client)
 * against the AWS SDK's own presigners, the same credentials, region and
 * instant: the same URL, the same form.
 */
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+with=odd&chars',
};
beforeAll(() => {
  process.env['AWS_ACCESS_KEY_ID'] = credentials.accessKeyId;
  process.env['AWS_SECRET_ACCESS_KEY'] = credentials.secretAccessKey;
  process.env['AWS_SESSION_TOKEN'] = credentials.sessionToken;
  process.env['AWS_REGION'] = 'ap-southeast-1';
  process.env['PHOTOS_BUCKET'] = 'xinhua-uploads';
  process.env['TABLE_NAME'] = 'unit';
  process.env['AUDIT_TABLE_NAME'] = 'unit-audit';
  delete process.env['S3_ENDPOINT'];
});
afterEach(() => {
  vi.useRealTimers();
});
const sdk = () => new S3Client({ region: 'ap-southeast-1', credentials });
const links = () => import('../../../shared/aws/s3Links.ts');
const at = new Date('2026-11-25T08:00:00Z');

describe('S3 links signed without the S3 client', () => {
  it('signs a photo link exactly as the SDK’s presigner does', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
    const { photoLink } = await links();
    const ours = await photoLink('photos/01JREPORT000000000000000000/0');
    const theirs = await getSignedUrl(
      sdk(),
      new GetObjectCommand({
        Bucket: 'xinhua-uploads',
        Key: 'photos/01JREPORT000000000000000000/0',
      }),
      { expiresIn: 300, signingDate: at },
    );
    expect(new URL(ours).origin).toBe('https://xinhua-uploads.s3.ap-southeast-1.amazonaws.com');
    const params = (url: string) => Object.fromEntries(new URL(url).searchParams);
    expect(params(ours)).toEqual(params(theirs));
    expect(new URL(ours).pathname).toBe(new URL(theirs).pathname);
  });

  it('signs a download under its own name and type as the SDK does', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
    const { downloadLink } = await links();
    const file = {
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent('冬季检查方案.pdf')}`,
      contentType: 'application/pdf',
    };
    const ours = await downloadLink('attachments/files/01JFILE0000000000000000000', file);
    const theirs = await getSignedUrl(
      sdk(),
      new GetObjectCommand({
        Bucket: 'xinhua-uploads',
        Key: 'attachments/files/01JFILE0000000000000000000',
        ResponseContentDisposition: file.disposition,
        ResponseContentType: file.contentType,
      }),
      { expiresIn: 300, signingDate: at },
    );
    const params = (url: string) => Object.fromEntries(new URL(url).searchParams);
    expect(params(ours)).toEqual(params(theirs));
  });

  it('makes the SDK’s upload form: one key, one content type, up to the declared size, for 5 minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
    const { presignedUpload } = await links();
    const key = 'incoming/01JREPORT000000000000000000/3';
    const ours = await presignedUpload('xinhua-uploads', key, 'image/png', 123_456, at);
    const theirs = await createPresignedPost(sdk(), {
      Bucket: 'xinhua-uploads',
      Key: key,
      Conditions: [
        ['eq', '$Content-Type', 'image/png'],
        ['content-length-range', 1, 123_456],
      ],
      Fields: { 'Content-Type': 'image/png' },
      Expires: 300,
    });
    expect(ours.url).toBe(theirs.url);
    expect(ours.fields).toEqual(theirs.fields);
    expect(ours.expiresAt).toBe(new Date(at.getTime() + 300_000).toISOString());
    const policy = JSON.parse(Buffer.from(ours.fields['Policy'] ?? '', 'base64').toString()) as {
      conditions: unknown[];
    };
    // Nothing that would let the form choose another key or type.
    expect(JSON.stringify(policy.conditions)).not.toMatch(/starts-with/);
  });
});

/**
 * Object requests signed without the S3 client (shared/aws/s3.ts), against
 * the examples of Amazon S3's own documentation ("Signature calculations for
 * the Authorization header", AWS Signature Version 4): the same signature.
 */
describe('S3 object requests signed without the S3 client', () => {
  const example = {
    region: 'us-east-1',
    credentials: {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    at: new Date('2013-05-24T00:00:00Z'),
  };
  const signature = (authorization: string | undefined) =>
    /SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(authorization ?? '')?.slice(1);

  it('signs a ranged GET as S3’s example does', async () => {
    const { objectSigner } = await import('../../../shared/aws/s3.ts');
    const headers = await signedHeaders(
      objectSigner(example),
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { range: 'bytes=0-9' },
      },
      example.at,
    );
    expect(signature(headers['authorization'])).toEqual([
      'host;range;x-amz-content-sha256;x-amz-date',
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    ]);
  });

  it('signs a PUT with its body’s hash (S3’s example body), its key escaped as S3 canonicalizes it', async () => {
    const { objectSigner } = await import('../../../shared/aws/s3.ts');
    const { escapeKey } = await import('../../../shared/aws/s3Links.ts');
    expect(escapeKey('test$file.text')).toBe('test%24file.text');
    expect(escapeKey('incoming/01J/0 (1)')).toBe('incoming/01J/0%20%281%29');
    const headers = await signedHeaders(
      objectSigner(example),
      {
        method: 'PUT',
        url: new URL(`https://examplebucket.s3.amazonaws.com/${escapeKey('test$file.text')}`),
        headers: { 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
        body: 'Welcome to Amazon S3.',
      },
      example.at,
    );
    expect(headers['x-amz-content-sha256']).toBe(
      '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    );
    expect(signature(headers['authorization'])?.[0]).toBe(
      'host;x-amz-content-sha256;x-amz-date;x-amz-storage-class',
    );
  });
});
