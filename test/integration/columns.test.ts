import exifr from 'exifr';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { uploads as uploadsHandler } from '../../functions/uploads/handler.ts';
import { lambdaContext } from '../../local/lambdaContext.ts';
import { documents } from '../support/files.ts';
import { withHomeGps } from '../support/photos.ts';
import { formUpload, localS3, objectCreated } from '../support/s3.ts';
import { testPlatform } from '../support/testPlatform.ts';
import { SEED_UNITS } from '../../shared/seed/units.ts';
import { seedUnits } from '../../shared/store/units.ts';
import { call, type Caller } from '../support/api.ts';
import { auditOf, snapshot, store } from '../support/db.ts';

/** 掌上新华's columns (Art3, Art10.1): articles written, published and found; questions asked and answered. */

const office: Caller = { group: 'district-office', unit: 'district-office', name: '王秘书' };
const street: Caller = { group: 'unit-staff', unit: 'dongfeng-street', name: '李干事' };
const health: Caller = { group: 'unit-staff', unit: 'health', name: '赵医生' };
const admin: Caller = { group: 'district-admin', unit: 'district-office' };

async function write(as: Caller, body: Record<string, unknown>) {
  const created = await call({ method: 'POST', path: '/articles', as, body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; updatedAt: string };
}
async function publish(id: string) {
  const published = await call({ method: 'POST', path: `/articles/${id}/publish`, as: office });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body as { publishedBy: string; status: string };
}
const find = async (q: string) =>
  (await call({ method: 'GET', path: '/public/search', query: { q } })).body as {
    items: { type: string; id: string; title: string }[];
  };

beforeAll(async () => {
  await seedUnits(store, SEED_UNITS);
});

describe('the columns', () => {
  it('are the six of the seed, four of articles and two of reports', async () => {
    const columns = await call({ method: 'GET', path: '/public/columns' });
    expect(columns.status).toBe(200);
    expect(columns.body.items).toEqual([
      { code: 'guide', name: '办事包打听', kind: 'articles' },
      { code: 'district', name: '区情一点通', kind: 'articles' },
      { code: 'news', name: '热点全知道', kind: 'articles' },
      { code: 'local', name: '您的身边事', kind: 'articles' },
      { code: 'city-appearance', name: '市容随手拍', kind: 'reports' },
      { code: 'pointers', name: '指点新华区', kind: 'reports' },
    ]);
    expect(columns.headers['cache-control']).toMatch(/max-age=300/);
  });
});

describe('articles', () => {
  it('are written as drafts, published by the district office (谁发布谁负责), and read by citizens rendered without raw HTML', async () => {
    const draft = await write(office, {
      column: 'guide',
      title: '如何办理居住证',
      body: '## 所需材料\n\n- 身份证\n- 租房合同\n\n<script>alert(1)</script> [链接](javascript:alert(1))',
    });
    // A draft is nobody's to read outside the console.
    expect((await call({ method: 'GET', path: `/public/articles/${draft.id}` })).status).toBe(404);
    const published = await publish(draft.id);
    expect(published).toMatchObject({ status: 'published', publishedBy: '王秘书' });
    const read = await call({ method: 'GET', path: `/public/articles/${draft.id}` });
    expect(read.status).toBe(200);
    expect(read.body.html).toContain('<h2>所需材料</h2>');
    expect(read.body.html).toContain('<li>身份证</li>');
    expect(read.body.html).not.toContain('<script');
    expect(read.body.html).toContain('&lt;script&gt;');
    expect(read.body.html).not.toContain('href="javascript');
    expect(read.body).not.toHaveProperty('publishedBy');
    const list = await call({
      method: 'GET',
      path: '/public/articles',
      query: { column: 'guide' },
    });
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(draft.id);
    const audit = await auditOf(`ARTICLE#${draft.id}`);
    expect(audit.map((entry) => entry['action']).sort()).toEqual([
      'article.create',
      'article.publish',
    ]);
  });

  it('lets a street office write 您的身边事 for itself only, and publish nothing', async () => {
    const local = await write(street, {
      column: 'local',
      title: '东风街道社区义诊',
      body: '本周六上午。',
    });
    const refused = await call({
      method: 'POST',
      path: `/articles/${local.id}/publish`,
      as: street,
    });
    expect(refused.status).toBe(403);
    const before = await snapshot();
    const news = await call({
      method: 'POST',
      path: '/articles',
      as: street,
      body: { column: 'news', title: '街道新闻', body: '正文' },
    });
    expect(news.status).toBe(403);
    expect(news.body.error.message).toBe('只有区政府办可以编写此栏目');
    const department = await call({
      method: 'POST',
      path: '/articles',
      as: health,
      body: { column: 'local', title: '卫生局的身边事', body: '正文' },
    });
    expect(department.status).toBe(403);
    // Another street office does not see it.
    const other = await call({
      method: 'GET',
      path: `/articles/${local.id}`,
      as: { group: 'unit-staff', unit: 'gexin-street' },
    });
    expect(other.status).toBe(404);
    expect(await snapshot()).toEqual(before);
    await publish(local.id);
  });

  it('refuses bad input, classified markings, a second publish and a stranger, writing nothing', async () => {
    const draft = await write(office, {
      column: 'district',
      title: '新华区概况',
      body: '新华区位于市中心。',
    });
    const before = await snapshot();
    const refusals = [
      { column: 'weather', title: 'x', body: 'x' },
      { column: 'news', title: '', body: 'x' },
      { column: 'news', title: 'x'.repeat(101), body: 'x' },
      { column: 'news', title: 'x', body: 'x', extra: 1 },
    ];
    for (const body of refusals)
      expect((await call({ method: 'POST', path: '/articles', as: office, body })).status).toBe(
        400,
      );
    const classified = await call({
      method: 'POST',
      path: '/articles',
      as: office,
      body: { column: 'news', title: '会议纪要（机密）', body: '正文' },
    });
    expect(classified.status).toBe(422);
    // Published twice, or taken down while a draft: 409.
    expect(
      (await call({ method: 'POST', path: `/articles/${draft.id}/unpublish`, as: office })).status,
    ).toBe(409);
    expect(
      (
        await call({
          method: 'POST',
          path: '/articles/01J00000000000000000000000/publish',
          as: office,
        })
      ).status,
    ).toBe(404);
    expect(
      (await call({ method: 'POST', path: `/articles/${draft.id}/publish`, as: admin })).status,
    ).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

const checkUploads = uploadsHandler(testPlatform);
const { bucket } = localS3();

/** A file of a unit's, uploaded as the console does and checked by the uploads function. */
async function attach(as: Caller, bytes: Uint8Array, name: string, contentType: string) {
  const created = await call({
    method: 'POST',
    path: '/attachments',
    as,
    body: { name, contentType, size: bytes.length },
  });
  expect(created.status).toBe(201);
  expect(await formUpload(created.body.upload, bytes, name)).toBeLessThan(300);
  const key = `attachments/incoming/${created.body.id as string}`;
  await checkUploads(objectCreated(bucket, key, bytes.length), lambdaContext('uploads'));
  return created.body.id as string;
}

/** A photo as a camera writes it: the make, and the GPS position where it was taken. */
const photoWithGps = async () =>
  withHomeGps(
    await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#8aa' } })
      .jpeg()
      .toBuffer(),
  );

describe('an article’s images and files', () => {
  it('shows its images re-encoded on publish (no EXIF, no GPS) and offers its other files for download', async () => {
    const photo = await photoWithGps();
    expect(await exifr.gps(photo)).toMatchObject({ latitude: expect.any(Number) });
    const image = await attach(office, photo, '现场.jpg', 'image/jpeg');
    const pdf = await attach(office, documents.pdf, '办事指南.pdf', 'application/pdf');
    const draft = await write(office, {
      column: 'guide',
      title: '居住证办理指南（附表格）',
      body: '见下图和附件。',
      attachmentIds: [image, pdf],
    });
    await publish(draft.id);
    const read = await call({ method: 'GET', path: `/public/articles/${draft.id}` });
    expect(read.body.images).toEqual([{ name: '现场.jpg', url: expect.any(String) }]);
    expect(read.body.files).toEqual([
      { name: '办事指南.pdf', size: documents.pdf.length, url: expect.any(String) },
    ]);
    const served = Buffer.from(await (await fetch(read.body.images[0].url)).arrayBuffer());
    expect(await exifr.parse(served, { tiff: true, gps: true })).toBeUndefined();
    expect(served.includes('Xinhua')).toBe(false);
    const file = Buffer.from(await (await fetch(read.body.files[0].url)).arrayBuffer());
    expect(file.equals(Buffer.from(documents.pdf))).toBe(true);
  });

  it('refuses another unit’s file, or one not checked, writing nothing', async () => {
    const theirs = await attach(health, documents.pdf, '卫生局.pdf', 'application/pdf');
    const before = await snapshot();
    const refused = await call({
      method: 'POST',
      path: '/articles',
      as: office,
      body: { column: 'news', title: '带附件', body: '正文', attachmentIds: [theirs] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { field: 'attachmentIds.0', message: 'uploaded by another unit' },
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('search', () => {
  it('finds Chinese words inside longer ones, in titles and bodies, and never what is unpublished', async () => {
    const sorting = await write(office, {
      column: 'news',
      title: '垃圾分类新规下月施行',
      body: '居民应将厨余垃圾与可回收物分开投放。',
    });
    const parking = await write(office, {
      column: 'news',
      title: '老旧小区停车位改造',
      body: '新增非机动车充电设施。',
    });
    const secret = await write(office, {
      column: 'news',
      title: '尚未发布的分类草稿',
      body: '草稿内容',
    });
    await publish(sorting.id);
    await publish(parking.id);
    // 分类 inside 垃圾分类; 厨余 inside the body; 充电 inside 充电设施.
    expect((await find('分类')).items.map((hit) => hit.id)).toEqual([sorting.id]);
    expect((await find('厨余垃圾')).items.map((hit) => hit.id)).toEqual([sorting.id]);
    expect((await find('充电')).items).toEqual([
      { type: 'article', id: parking.id, title: '老旧小区停车位改造' },
    ]);
    expect((await find('草稿')).items).toEqual([]);
    expect((await find('地铁')).items).toEqual([]);
    expect(secret.id).toBeTruthy();
    // Edited in place by the office: search follows the new words.
    const edited = await call({
      method: 'PUT',
      path: `/articles/${parking.id}`,
      as: office,
      body: { column: 'news', title: '老旧小区停车位改造', body: '新增电动自行车充电桩。' },
    });
    expect(edited.status).toBe(200);
    expect((await find('充电桩')).items.map((hit) => hit.id)).toEqual([parking.id]);
    // Taken down: no longer found.
    expect(
      (await call({ method: 'POST', path: `/articles/${parking.id}/unpublish`, as: office }))
        .status,
    ).toBe(200);
    expect((await find('充电')).items).toEqual([]);
    // A query with nothing to search for: 400, not every article.
    expect((await call({ method: 'GET', path: '/public/search', query: { q: '' } })).status).toBe(
      400,
    );
    expect((await find('！？')).items).toEqual([]);
  });
});

describe('questions (办事包打听)', () => {
  it('are asked with a tracking code, passed to a department, answered in public, and found', async () => {
    const asked = await call({
      method: 'POST',
      path: '/public/questions',
      body: { question: '新生儿疫苗在哪里接种？我的电话13812345678' },
    });
    expect(asked.status).toBe(201);
    const { id, trackingToken } = asked.body as { id: string; trackingToken: string };
    const open = await call({ method: 'GET', path: '/questions', as: office });
    const mine = open.body.items.find((question: { id: string }) => question.id === id);
    expect(mine.question).not.toContain('13812345678');
    expect(mine).not.toHaveProperty('trackingTokenHash');
    // Not the department's until passed to it.
    expect(
      (
        await call({
          method: 'POST',
          path: `/questions/${id}/answer`,
          as: health,
          body: { answer: 'x', public: true },
        })
      ).status,
    ).toBe(404);
    const passed = await call({
      method: 'POST',
      path: `/questions/${id}/assign`,
      as: office,
      body: { unitId: 'health' },
    });
    expect(passed.status).toBe(200);
    const healthOpen = await call({ method: 'GET', path: '/questions', as: health });
    expect(healthOpen.body.items.map((question: { id: string }) => question.id)).toContain(id);
    const answered = await call({
      method: 'POST',
      path: `/questions/${id}/answer`,
      as: health,
      body: {
        answer: '请到所在社区卫生服务中心预防接种门诊，咨询电话0311-86012345。',
        public: true,
      },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'answered',
      answeredBy: '赵医生',
      answeredByUnit: 'health',
    });
    // The asker reads it with the tracking code; without it, nothing.
    const asker = await call({
      method: 'GET',
      path: `/public/questions/${id}`,
      headers: { 'x-tracking-token': trackingToken },
    });
    expect(asker.body).toMatchObject({
      status: 'answered',
      answer: expect.stringContaining('0311-86012345'),
    });
    expect(
      (
        await call({
          method: 'GET',
          path: `/public/questions/${id}`,
          headers: { 'x-tracking-token': 'wrong' },
        })
      ).status,
    ).toBe(404);
    const board = await call({ method: 'GET', path: '/public/questions' });
    expect(board.body.items[0]).toEqual({
      id,
      question: expect.not.stringContaining('13812345678'),
      answer: expect.stringContaining('预防接种'),
      answeredAt: expect.any(String),
      answeredByUnit: 'health',
    });
    expect((await find('疫苗')).items).toContainEqual({
      type: 'question',
      id,
      title: expect.stringContaining('疫苗'),
    });
    // Answered once only.
    expect(
      (
        await call({
          method: 'POST',
          path: `/questions/${id}/answer`,
          as: office,
          body: { answer: '再答', public: false },
        })
      ).status,
    ).toBe(409);
    expect((await auditOf(`QUESTION#${id}`)).map((entry) => entry['action']).sort()).toEqual([
      'question.answer',
      'question.ask',
      'question.assign',
    ]);
  });

  it('keeps a private answer to the asker and refuses bad input, writing nothing', async () => {
    const asked = await call({
      method: 'POST',
      path: '/public/questions',
      body: { question: '社保卡丢了怎么补办？' },
    });
    const { id } = asked.body as { id: string };
    await call({
      method: 'POST',
      path: `/questions/${id}/answer`,
      as: office,
      body: { answer: '携带身份证到社保大厅补办。', public: false },
    });
    expect(
      (await call({ method: 'GET', path: '/public/questions' })).body.items.map(
        (question: { id: string }) => question.id,
      ),
    ).not.toContain(id);
    expect((await find('社保')).items).toEqual([]);
    // A private answer is the asker's alone.
    expect((await call({ method: 'GET', path: `/public/questions/${id}` })).status).toBe(404);
    const before = await snapshot();
    for (const body of [
      {},
      { question: '' },
      { question: 'x'.repeat(501) },
      { question: '问', more: 1 },
    ])
      expect((await call({ method: 'POST', path: '/public/questions', body })).status).toBe(400);
    expect(
      (
        await call({
          method: 'POST',
          path: '/public/questions',
          body: { question: '这份文件（机密）怎么查' },
        })
      ).status,
    ).toBe(422);
    const other = await call({
      method: 'POST',
      path: '/public/questions',
      body: { question: '问一个问题' },
    });
    const otherId = (other.body as { id: string }).id;
    const afterAsk = await snapshot();
    expect(
      (
        await call({
          method: 'POST',
          path: `/questions/${otherId}/assign`,
          as: office,
          body: { unitId: 'dongfeng-street' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call({
          method: 'POST',
          path: `/questions/${otherId}/assign`,
          as: office,
          body: { unitId: 'no-such-unit' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call({
          method: 'POST',
          path: `/questions/${otherId}/answer`,
          as: office,
          body: { answer: '答复', public: 'yes' },
        })
      ).status,
    ).toBe(400);
    expect(await snapshot()).toEqual(afterAsk);
    expect(before.length).toBeLessThan(afterAsk.length);
  });
});
