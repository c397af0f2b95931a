import sharp from 'sharp';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { http, tokenFor } from '../support/client.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The upload as a citizen's client would do it: `curl -F` every field, then the file. */
function curlUpload(upload: { url: string; fields: Record<string, string> }, file: string): string {
  const fields = Object.entries(upload.fields).flatMap(([name, value]) => [
    '-F',
    `${name}=${value}`,
  ]);
  return execFileSync(
    'curl',
    ['-s', '-o', '/dev/null', '-w', '%{http_code}', ...fields, '-F', `file=@${file}`, upload.url],
    { encoding: 'utf8' },
  );
}

describe('a citizen report on the local platform', () => {
  it(
    '2 photos uploaded with curl -F are checked, attached and served; a text file posing as a JPEG never is',
    { timeout: 60_000 },
    async () => {
      const services = await http('GET', '/public/services');
      expect(services.body.items.map((service: { code: string }) => service.code)).toContain(
        'city-appearance',
      );

      const jpeg = fixture('python.jpg');
      const png = fixture('python.png');
      const fake = join(mkdtempSync(join(tmpdir(), 'fake-')), 'photo.jpg');
      writeFileSync(fake, 'this is a text file, not a photo');
      const created = await http('POST', '/public/reports', {
        body: {
          serviceCode: 'city-appearance',
          description: '新华路与友谊大街交口垃圾堆积',
          lat: 38.05,
          lng: 114.46,
          address: '新华路',
          photos: [
            { contentType: 'image/jpeg', size: readFileSync(jpeg).length },
            { contentType: 'image/png', size: readFileSync(png).length },
            { contentType: 'image/jpeg', size: 1000 },
          ],
        },
      });
      expect(created.status).toBe(201);
      const { id, trackingToken, uploads } = created.body as {
        id: string;
        trackingToken: string;
        uploads: { url: string; fields: Record<string, string> }[];
      };
      expect(uploads).toHaveLength(3);

      for (const [upload, file] of [
        [uploads[0]!, jpeg],
        [uploads[1]!, png],
        [uploads[2]!, fake],
      ] as const) {
        expect(Number(curlUpload(upload, file))).toBeLessThan(300);
      }
      const track = () =>
        http('GET', `/public/reports/${id}`, { headers: { 'x-tracking-token': trackingToken } });
      const deadline = Date.now() + 20_000;
      while ((await track()).body.photos.length < 2 && Date.now() < deadline) await sleep(200);
      await sleep(500);

      const tracked = await track();
      expect(tracked.body.photos).toHaveLength(2);
      const served = await Promise.all(
        tracked.body.photos.map(async (photo: { url: string }) =>
          Buffer.from(await (await fetch(photo.url)).arrayBuffer()),
        ),
      );
      // Each served as the server's own JPEG of the picture uploaded (the PNG too): nothing else of the file.
      const described = async (bytes: Buffer) => {
        const { format, width, height } = await sharp(bytes).metadata();
        return { format, width, height };
      };
      expect(await Promise.all(served.map(described))).toEqual([
        { ...(await described(readFileSync(jpeg))), format: 'jpeg' },
        { ...(await described(readFileSync(png))), format: 'jpeg' },
      ]);

      // The department responsible sees it in its queue and replies in public.
      const staff = await tokenFor('unit-staff', 'urban-management', 'inspector-zhou');
      const queue = await http('GET', '/reports', { token: staff });
      const queued = queue.body.items.find((report: { id: string }) => report.id === id);
      expect(queued.photos.map((photo: { state: string }) => photo.state)).toEqual([
        'attached',
        'attached',
        'quarantined',
      ]);
      expect(
        (
          await http('POST', `/reports/${id}/updates`, {
            token: staff,
            body: { status: 'resolved', reply: '已清运完毕，感谢您的反映。' },
          })
        ).status,
      ).toBe(201);

      const after = await track();
      expect(after.body).toMatchObject({
        status: 'resolved',
        updates: [{ status: 'resolved', reply: '已清运完毕，感谢您的反映。' }],
      });
      expect(after.body.photos).toHaveLength(2);
      expect(
        (await http('GET', `/public/reports/${id}`, { headers: { 'x-tracking-token': 'wrong' } }))
          .status,
      ).toBe(404);
    },
  );
});
