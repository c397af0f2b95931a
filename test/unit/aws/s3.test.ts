import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { presignedUpload } from '../../../shared/aws/s3.ts';

describe('presigned upload', () => {
  it('allows one key, one content type, up to the declared size, for 5 minutes', async () => {
    const s3 = new S3Client({
      region: 'cn-north-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    const now = new Date();
    const upload = await presignedUpload(
      s3,
      'photos',
      'incoming/01JREPORT000000000000000000/3',
      'image/png',
      123_456,
      now,
    );
    expect(upload.fields).toMatchObject({
      key: 'incoming/01JREPORT000000000000000000/3',
      'Content-Type': 'image/png',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
    expect(upload.expiresAt).toBe(new Date(now.getTime() + 300_000).toISOString());

    const policy = JSON.parse(Buffer.from(upload.fields['Policy']!, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    const expiresIn = Date.parse(policy.expiration) - now.getTime();
    expect(expiresIn).toBeGreaterThan(295_000);
    expect(expiresIn).toBeLessThanOrEqual(301_000);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: 'photos' },
        { key: 'incoming/01JREPORT000000000000000000/3' },
        ['eq', '$Content-Type', 'image/png'],
        ['content-length-range', 1, 123_456],
      ]),
    );
    // Nothing that would let the form choose another key or type.
    expect(JSON.stringify(policy.conditions)).not.toMatch(/starts-with/);
  });
});
