import { readFileSync } from 'node:fs';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import exifr from 'exifr';
import piexif from 'piexifjs';
import { withHomeGps } from '../support/photos.ts';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../support/testPlatform.ts';
import { uploads as uploadsHandler } from '../../functions/uploads/handler.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import { HEIC_REFUSAL } from '../../shared/domain/photos.ts';
import { SEED_CATEGORIES } from '../../shared/seed/reportCategories.ts';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedCategories } from '../../shared/store/reportCategories.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, office, staffOf } from '../support/api.ts';
import { auditOf, snapshot, store } from '../support/db.ts';
import { formUpload, localS3, objectCreated } from '../support/s3.ts';

const uploads = uploadsHandler(testPlatform);

const { s3, bucket } = localS3();
const jpeg = readFileSync(new URL('../fixtures/python.jpg', import.meta.url));
const png = readFileSync(new URL('../fixtures/python.png', import.meta.url));
const citizen = { lat: 38.05, lng: 114.46 };
const check = (key: string, size: number) =>
  uploads(objectCreated(bucket, key, size), lambdaContext('uploads'));

const newReport = async (
  photos: { contentType: string; size: number }[] = [],
  over: Record<string, unknown> = {},
  sourceIp?: string,
) => {
  const created = await call({
    method: 'POST',
    path: '/public/reports',
    ...(sourceIp ? { sourceIp } : {}),
    body: {
      serviceCode: 'city-appearance',
      description: '人行道上有大量建筑垃圾',
      ...citizen,
      photos,
      ...over,
    },
  });
  expect(created.status).toBe(201);
  return created.body as {
    id: string;
    trackingToken: string;
    uploads: { url: string; fields: Record<string, string>; expiresAt: string }[];
  };
};
const track = (id: string, token: string) =>
  call({ method: 'GET', path: `/public/reports/${id}`, headers: { 'x-tracking-token': token } });

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
  await seedCategories(store, SEED_CATEGORIES);
});

describe('categories and routing (Art10)', () => {
  it('lists the active categories to anyone, with their department', async () => {
    const services = await call({ method: 'GET', path: '/public/services' });
    expect(services.status).toBe(200);
    expect(services.body.items).toContainEqual({
      code: 'food-safety',
      name: '食品安全',
      column: '指点新华区',
      unitId: 'market-regulation',
    });
  });

  it('lets the district office change a category without a deploy; a closed one refuses reports', async () => {
    const changed = await call({
      method: 'PUT',
      path: '/routing/central-heating',
      as: office,
      body: { name: '集中供热', column: '指点新华区', unitId: 'urban-management', active: false },
    });
    expect(changed.status).toBe(200);
    expect(
      (await call({ method: 'GET', path: '/public/services' })).body.items.map(
        (s: { code: string }) => s.code,
      ),
    ).not.toContain('central-heating');
    const before = await snapshot();
    const refused = await call({
      method: 'POST',
      path: '/public/reports',
      body: { serviceCode: 'central-heating', description: '暖气不热', ...citizen, photos: [] },
    });
    expect(refused.status).toBe(400);
    expect(await snapshot()).toEqual(before);
    await call({
      method: 'PUT',
      path: '/routing/central-heating',
      as: office,
      body: { name: '集中供热', column: '指点新华区', unitId: 'housing', active: true },
    });
    expect(
      (
        await call({
          method: 'PUT',
          path: '/routing/central-heating',
          as: staffOf('housing'),
          body: { name: 'x', column: 'x', unitId: 'housing', active: true },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call({
          method: 'PUT',
          path: '/routing/central-heating',
          as: office,
          body: { name: 'x', column: 'x', unitId: 'atlantis', active: true },
        })
      ).status,
    ).toBe(400);
  });
});

describe('POST /public/reports', () => {
  it('answers with a tracking token and one presigned POST per photo', async () => {
    const created = await newReport(
      [
        { contentType: 'image/jpeg', size: jpeg.length },
        { contentType: 'image/png', size: png.length },
      ],
      {},
      '127.0.0.1',
    );
    expect(created.trackingToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.uploads.map((upload) => upload.fields['key'])).toEqual([
      `incoming/${created.id}/0`,
      `incoming/${created.id}/1`,
    ]);
    expect((await auditOf(`REPORT#${created.id}`))[0]).toMatchObject({
      action: 'report.create',
      actorSub: 'anonymous',
      sourceIp: '127.0.0.1',
    });
    // The token is stored only as a hash.
    expect(JSON.stringify(await snapshot())).not.toContain(created.trackingToken);
  });

  it.each([
    ['an unknown category', { serviceCode: 'nowhere' }, 'body.serviceCode'],
    ['an empty description', { description: '' }, 'body.description'],
    ['a description over 2,000 characters', { description: '字'.repeat(2001) }, 'body.description'],
    ['a location outside China', { lat: 0, lng: 0 }, 'body.lat'],
    [
      'ten photos',
      { photos: Array(10).fill({ contentType: 'image/jpeg', size: 10 }) },
      'body.photos',
    ],
    ['a GIF', { photos: [{ contentType: 'image/gif', size: 10 }] }, 'body.photos.0.contentType'],
    [
      'a photo over 10 MiB',
      { photos: [{ contentType: 'image/jpeg', size: 10 * 1024 * 1024 + 1 }] },
      'body.photos.0.size',
    ],
    ['a string for lat', { lat: '38' }, 'body.lat'],
  ])('refuses %s with 400 and writes nothing', async (_name, over, field) => {
    const before = await snapshot();
    const refused = await call({
      method: 'POST',
      path: '/public/reports',
      body: {
        serviceCode: 'city-appearance',
        description: '问题',
        ...citizen,
        photos: [],
        ...over,
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((detail: { field: string }) => detail.field)).toContain(
      field,
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('photos a server cannot re-encode', () => {
  it('refuses a HEIC photo with what to do instead, and writes nothing', async () => {
    const before = await snapshot();
    const refused = await call({
      method: 'POST',
      path: '/public/reports',
      body: {
        serviceCode: 'city-appearance',
        description: '路灯不亮',
        ...citizen,
        photos: [{ contentType: 'image/heic', size: 1000 }],
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { field: 'body.photos.0.contentType', message: HEIC_REFUSAL },
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the uploads check', () => {
  it('attaches a real photo once, however often S3 delivers its event', async () => {
    const created = await newReport([{ contentType: 'image/jpeg', size: jpeg.length }]);
    expect(await formUpload(created.uploads[0]!, jpeg)).toBeLessThan(300);
    const key = `incoming/${created.id}/0`;
    expect(await check(key, jpeg.length)).toEqual(['attached']);
    expect(await check(key, jpeg.length)).toEqual(['gone']);
    const tracked = await track(created.id, created.trackingToken);
    expect(tracked.body.photos).toHaveLength(1);
    const served = await fetch(tracked.body.photos[0].url);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({
      format: 'jpeg',
      width: (await sharp(jpeg).metadata()).width,
    });
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).rejects.toThrow();
  });

  it('attaches 9 photos posted at once while the earlier ones are being checked', async () => {
    const created = await newReport(
      Array.from({ length: 9 }, () => ({ contentType: 'image/png', size: png.length })),
    );
    const verdicts = await Promise.all(
      created.uploads.map(async (upload, n) => {
        expect(await formUpload(upload, png)).toBeLessThan(300);
        return check(`incoming/${created.id}/${n}`, png.length);
      }),
    );
    expect(verdicts.flat()).toEqual(Array(9).fill('attached'));
    expect((await track(created.id, created.trackingToken)).body.photos).toHaveLength(9);
  });

  it.each([
    ['text sent as a JPEG', Buffer.from('this is a text file, not a photo'), 'not an image'],
    [
      'HTML sent as a JPEG',
      Buffer.from('<!doctype html><html><script>alert(1)</script></html>'),
      'not an image',
    ],
    [
      'an SVG sent as a JPEG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
      'not an image',
    ],
    ['a PNG sent as a JPEG', png, 'bytes are image/png, declared image/jpeg'],
    ['a truncated JPEG', jpeg.subarray(0, 2), 'too small to be an image'],
  ])('quarantines %s, never shown', async (_name, bytes, reason) => {
    const created = await newReport([{ contentType: 'image/jpeg', size: 2000 }]);
    await formUpload(created.uploads[0]!, bytes);
    expect(await check(`incoming/${created.id}/0`, bytes.length)).toEqual(['quarantined']);
    expect((await track(created.id, created.trackingToken)).body.photos).toEqual([]);
    const quarantined = await s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: `quarantine/${created.id}/0` }),
    );
    expect(decodeURIComponent(quarantined.Metadata?.['reason'] ?? '')).toBe(reason);
  });

  it('quarantines an upload for an unknown report or an undeclared slot', async () => {
    const created = await newReport([{ contentType: 'image/jpeg', size: jpeg.length }]);
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `incoming/${created.id}/5`,
        Body: jpeg,
        ContentType: 'image/jpeg',
      }),
    );
    expect(await check(`incoming/${created.id}/5`, jpeg.length)).toEqual(['quarantined']);
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'incoming/01JAAAAAAAAAAAAAAAAAAAAAAA/0',
        Body: jpeg,
        ContentType: 'image/jpeg',
      }),
    );
    expect(await check('incoming/01JAAAAAAAAAAAAAAAAAAAAAAA/0', jpeg.length)).toEqual([
      'quarantined',
    ]);
  });

  it('never publishes bytes posted again between the check and the reading of the whole photo', async () => {
    const created = await newReport([{ contentType: 'image/jpeg', size: jpeg.length }]);
    expect(await formUpload(created.uploads[0]!, jpeg)).toBeLessThan(300);
    const key = `incoming/${created.id}/0`;
    const unchecked = Buffer.from('bytes posted with the same form after the check read the photo');
    let postedAgain = false;
    // The citizen's form is posted again just before the function reads the whole photo it checked.
    const objects = testPlatform.uploads;
    const get = objects.get.bind(objects);
    objects.get = async (at, options) => {
      if (!options?.range && !postedAgain) {
        postedAgain = true;
        expect(await formUpload(created.uploads[0]!, unchecked)).toBeLessThan(300);
      }
      return get(at, options);
    };
    try {
      expect(await check(key, jpeg.length)).toEqual(['superseded']);
    } finally {
      objects.get = get;
    }
    expect(postedAgain).toBe(true);
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `photos/${created.id}/0` })),
    ).rejects.toThrow();
    // The second post has its own event: checked like any other, and refused.
    expect(await check(key, unchecked.length)).toEqual(['quarantined']);
    const tracked = await track(created.id, created.trackingToken);
    expect(tracked.body.photos).toEqual([]);
    expect(tracked.body.photoStates).toEqual([{ n: 0, state: 'rejected' }]);
  });

  it('tells the citizen which photos are still being checked, attached or rejected', async () => {
    const created = await newReport([
      { contentType: 'image/jpeg', size: jpeg.length },
      { contentType: 'image/png', size: png.length },
      { contentType: 'image/jpeg', size: 100 },
    ]);
    await formUpload(created.uploads[0]!, jpeg);
    await check(`incoming/${created.id}/0`, jpeg.length);
    await formUpload(created.uploads[2]!, Buffer.from('not a photo'));
    await check(`incoming/${created.id}/2`, 11);
    const tracked = await track(created.id, created.trackingToken);
    expect(tracked.body.photoStates).toEqual([
      { n: 0, state: 'attached' },
      { n: 1, state: 'checking' },
      { n: 2, state: 'rejected' },
    ]);
    expect(tracked.body.photos).toHaveLength(1);
  });

  it('publishes a photo from any client re-encoded: no EXIF, no GPS, upright, at most 2560 px', async () => {
    // What a phone app or curl may send: a 4000×3000 JPEG lying on its side (EXIF orientation 6),
    // with the camera's make, an XMP packet and the GPS position of the citizen's home.
    const pixels = await sharp({
      create: { width: 4000, height: 3000, channels: 3, background: '#6b8cae' },
    })
      .jpeg()
      .withExif({ IFD0: { Make: 'Xinhua', Model: 'Phone', Orientation: '6' } })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>')
      .toBuffer();
    const uploaded = withHomeGps(pixels, { [piexif.ImageIFD['Orientation'] ?? 0]: 6 });
    expect(await exifr.gps(uploaded)).toMatchObject({ latitude: expect.any(Number) });

    const created = await newReport([{ contentType: 'image/jpeg', size: uploaded.length }]);
    await formUpload(created.uploads[0]!, uploaded);
    expect(await check(`incoming/${created.id}/0`, uploaded.length)).toEqual(['attached']);
    const tracked = await track(created.id, created.trackingToken);
    const served = Buffer.from(await (await fetch(tracked.body.photos[0].url)).arrayBuffer());
    expect(await exifr.parse(served, { tiff: true, xmp: true, gps: true })).toBeUndefined();
    expect(served.includes('Xinhua')).toBe(false);
    expect(served.includes('xmpmeta')).toBe(false);
    const { width, height, orientation, exif, xmp } = await sharp(served).metadata();
    // Turned upright (3000 wide, 4000 high), then shrunk to 2560 on the long side.
    expect({ width, height, orientation, exif, xmp }).toEqual({
      width: 1920,
      height: 2560,
      orientation: undefined,
      exif: undefined,
      xmp: undefined,
    });
    // The staff see that copy too: the upload itself is gone.
    const staff = await call({
      method: 'GET',
      path: `/reports/${created.id}`,
      as: staffOf('urban-management'),
    });
    const staffCopy = Buffer.from(await (await fetch(staff.body.photos[0].url)).arrayBuffer());
    expect(staffCopy).toEqual(served);
  });

  it('quarantines a file that passes as a JPEG by its first bytes but does not decode', async () => {
    const broken = Buffer.concat([jpeg.subarray(0, 20), Buffer.alloc(4000, 7)]);
    const created = await newReport([{ contentType: 'image/jpeg', size: broken.length }]);
    await formUpload(created.uploads[0]!, broken);
    expect(await check(`incoming/${created.id}/0`, broken.length)).toEqual(['quarantined']);
    expect((await track(created.id, created.trackingToken)).body.photos).toEqual([]);
  });
});

describe('following a report', () => {
  it('a wrong token looks like a missing report', async () => {
    const created = await newReport();
    expect((await track(created.id, 'x'.repeat(43))).status).toBe(404);
    expect((await call({ method: 'GET', path: `/public/reports/${created.id}` })).status).toBe(404);
    expect((await track('01JAAAAAAAAAAAAAAAAAAAAAAA', created.trackingToken)).status).toBe(404);
  });

  it.each([
    [
      'a mobile number in full-width digits',
      '请拨１３８００１３８０００联系',
      400,
      'VALIDATION_FAILED',
      'body.reply',
    ],
    [
      'a mobile number with dots',
      '联系人电话138.0013.8000',
      400,
      'VALIDATION_FAILED',
      'body.reply',
    ],
    ['a classification marking', '处理意见：密级 机 密', 422, 'CLASSIFIED_CONTENT', 'reply'],
  ])('refuses a reply with %s, and writes nothing', async (_name, reply, status, code, field) => {
    const created = await newReport();
    const before = await snapshot();
    const refused = await call({
      method: 'POST',
      path: `/reports/${created.id}/updates`,
      as: staffOf('urban-management'),
      body: { status: 'accepted', reply },
    });
    expect(refused.status).toBe(status);
    expect(refused.body.error).toMatchObject({
      code,
      details: [expect.objectContaining({ field })],
    });
    expect(await snapshot()).toEqual(before);
  });

  it('the department works its queue and replies in public; the citizen sees the replies, and no more', async () => {
    const created = await newReport([], { description: '路灯不亮，联系我13912345678' });
    const queue = await call({ method: 'GET', path: '/reports', as: staffOf('urban-management') });
    expect(queue.body.items.map((report: { id: string }) => report.id)).toContain(created.id);
    expect(JSON.stringify(queue.body)).not.toContain('trackingTokenHash');

    expect(
      (
        await call({
          method: 'POST',
          path: `/reports/${created.id}/updates`,
          as: staffOf('environment'),
          body: { status: 'accepted' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call({
          method: 'POST',
          path: `/reports/${created.id}/updates`,
          as: staffOf('urban-management'),
          body: { status: 'accepted' },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call({
          method: 'POST',
          path: `/reports/${created.id}/updates`,
          as: staffOf('urban-management'),
          body: { status: 'resolved' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call({
          method: 'POST',
          path: `/reports/${created.id}/updates`,
          as: staffOf('urban-management'),
          body: { status: 'resolved', reply: '已修复，请拨打13800000001' },
        })
      ).status,
    ).toBe(400);
    const resolved = await call({
      method: 'POST',
      path: `/reports/${created.id}/updates`,
      as: staffOf('urban-management'),
      body: { status: 'resolved', reply: '路灯已于今日修复。' },
    });
    expect(resolved.status).toBe(201);
    expect(
      (
        await call({
          method: 'POST',
          path: `/reports/${created.id}/updates`,
          as: staffOf('urban-management'),
          body: { status: 'rejected', reply: '重复' },
        })
      ).status,
    ).toBe(409);

    const tracked = await track(created.id, created.trackingToken);
    expect(tracked.body).toMatchObject({
      id: created.id,
      status: 'resolved',
      serviceCode: 'city-appearance',
    });
    expect(tracked.body.updates.map((update: { status: string }) => update.status)).toEqual([
      'accepted',
      'resolved',
    ]);
    expect(tracked.body.updates[1].reply).toBe('路灯已于今日修复。');
    const text = JSON.stringify(tracked.body);
    for (const hidden of [
      '13912345678',
      'description',
      'urban-management-staff',
      'unitId',
      'trackingTokenHash',
      'lat',
    ])
      expect(text).not.toContain(hidden);
    expect(
      (
        await call({ method: 'GET', path: '/reports?status=open', as: staffOf('urban-management') })
      ).body.items.map((r: { id: string }) => r.id),
    ).not.toContain(created.id);
  });

  it('the district office re-routes a report to another department’s queue', async () => {
    const created = await newReport();
    const moved = await call({
      method: 'POST',
      path: `/reports/${created.id}/route`,
      as: office,
      body: { serviceCode: 'environment' },
    });
    expect(moved.body).toMatchObject({ serviceCode: 'environment', unitId: 'environment' });
    expect(
      (await call({ method: 'GET', path: '/reports', as: staffOf('environment') })).body.items.map(
        (r: { id: string }) => r.id,
      ),
    ).toContain(created.id);
    expect(
      (
        await call({ method: 'GET', path: '/reports', as: staffOf('urban-management') })
      ).body.items.map((r: { id: string }) => r.id),
    ).not.toContain(created.id);
    expect(
      (
        await call({
          method: 'POST',
          path: `/reports/${created.id}/route`,
          as: staffOf('environment'),
          body: { serviceCode: 'health-epidemic' },
        })
      ).status,
    ).toBe(403);
    expect((await auditOf(`REPORT#${created.id}`)).map((entry) => entry['action'])).toEqual([
      'report.create',
      'report.route',
    ]);
  });
});

describe('GET /reports for the district office (API.md "Overviews")', () => {
  it('lists every department’s reports, or one department’s, so a misrouted one can be found', async () => {
    const misrouted = await newReport([], {
      serviceCode: 'food-safety',
      description: '小区供暖不热',
    });
    const all = await call({ method: 'GET', path: '/reports?status=all', as: office });
    expect(all.status).toBe(200);
    expect(all.body.items.map((item: { id: string }) => item.id)).toContain(misrouted.id);
    expect(
      all.body.items.some((item: Record<string, unknown>) => 'trackingTokenHash' in item),
    ).toBe(false);

    const market = await call({
      method: 'GET',
      path: '/reports?unitId=market-regulation',
      as: office,
    });
    expect(market.body.items.map((item: { id: string }) => item.id)).toContain(misrouted.id);
    expect(
      market.body.items.every((item: { unitId: string }) => item.unitId === 'market-regulation'),
    ).toBe(true);

    expect(
      (
        await call({
          method: 'POST',
          path: `/reports/${misrouted.id}/route`,
          as: office,
          body: { serviceCode: 'central-heating' },
        })
      ).status,
    ).toBe(200);
    const housing = await call({ method: 'GET', path: '/reports?unitId=housing', as: office });
    expect(housing.body.items.map((item: { id: string }) => item.id)).toContain(misrouted.id);
  });

  it('keeps a department to its own queue', async () => {
    const refused = await call({
      method: 'GET',
      path: '/reports?unitId=housing',
      as: staffOf('urban-management'),
    });
    expect(refused.status).toBe(403);
    const own = await call({
      method: 'GET',
      path: '/reports?unitId=urban-management',
      as: staffOf('urban-management'),
    });
    expect(own.status).toBe(200);
  });
});

describe('per-client limits on public routes', () => {
  it('answers 429 THROTTLED to one address past its share, and writes no report for it; other addresses go on', async () => {
    const body = {
      serviceCode: 'city-appearance',
      description: '同一地址反复提交',
      ...citizen,
      photos: [],
    };
    const flood = (sourceIp: string) =>
      call({ method: 'POST', path: '/public/reports', body, sourceIp });
    for (let i = 0; i < 20; i++) expect((await flood('203.0.113.7')).status).toBe(201);
    const before = await snapshot();
    const refused = await flood('203.0.113.7');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('THROTTLED');
    expect(await snapshot()).toEqual(before);
    expect((await flood('203.0.113.8')).status).toBe(201);
  });
});

describe('GET /reports/{id}', () => {
  it('gives the department and the district office the report with its updates and photo links; another department nothing', async () => {
    const created = await newReport([{ contentType: 'image/jpeg', size: jpeg.length }]);
    await formUpload(created.uploads[0]!, jpeg);
    await check(`incoming/${created.id}/0`, jpeg.length);
    const department = staffOf('urban-management');
    await call({
      method: 'POST',
      path: `/reports/${created.id}/updates`,
      as: department,
      body: { status: 'accepted', reply: '已受理' },
    });

    for (const who of [department, office]) {
      const read = await call({ method: 'GET', path: `/reports/${created.id}`, as: who });
      expect(read.status).toBe(200);
      expect(read.body.updates).toEqual([
        expect.objectContaining({ status: 'accepted', reply: '已受理' }),
      ]);
      expect(read.body.photos).toEqual([
        expect.objectContaining({ n: 0, state: 'attached', url: expect.any(String) }),
      ]);
      expect(read.body).not.toHaveProperty('trackingTokenHash');
    }
    const photo = await fetch(
      (await call({ method: 'GET', path: `/reports/${created.id}`, as: department })).body.photos[0]
        .url,
    );
    expect(await sharp(Buffer.from(await photo.arrayBuffer())).metadata()).toMatchObject({
      format: 'jpeg',
      width: (await sharp(jpeg).metadata()).width,
    });
    expect(
      (await call({ method: 'GET', path: `/reports/${created.id}`, as: staffOf('health') })).status,
    ).toBe(404);
  });
});
