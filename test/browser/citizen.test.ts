import exifr from 'exifr';
import type { Page } from 'playwright-core';
import { HEIC_REFUSAL } from '../../shared/domain/photos.ts';
import { describe, expect, it } from 'vitest';
import { baseUrl, http, tokenFor } from '../support/client.ts';
import { accessibilityProblems, browserForFile, PHONE, screenshot } from '../support/browser.ts';
import { cameraPhoto, HOME, jpegSize } from '../support/photos.ts';

/**
 * The citizen site (UI.md "Citizen site"), on a phone with touch, as a
 * citizen uses it: report with a photo, follow it, see the board and the
 * ranking, and learn that someone nearby already reported it.
 */
const { unsigned } = browserForFile(baseUrl);
/** Where the citizen stands: a street corner, not home. */
const STREET = { latitude: 38.0437, longitude: 114.5081 };

const citizen = () => unsigned({ ...PHONE, geolocation: STREET, permissions: ['geolocation'] });

const kept = (page: Page) =>
  page.evaluate<{ id: string; trackingToken: string }[]>(
    `JSON.parse(localStorage.getItem('xinhua.myReports') ?? '[]')`,
  );

async function fillReport(page: Page, description: string) {
  await page.goto(`${baseUrl}/m/#/report`);
  await page.getByRole('radio', { name: '市容随手拍' }).check();
  await page.getByLabel('问题描述').fill(description);
  await page.getByRole('button', { name: '使用当前位置' }).click();
  await page.getByText('已定位').waitFor();
}

describe('the citizen site on a phone', () => {
  it('reports with a 4000×3000 photo: shrunk and stripped of its GPS in the browser, retried when its link expired, checked on the server, then tracked', async () => {
    const { page, problems } = await citizen();
    const original = await cameraPhoto(page);
    expect((await exifr.gps(original)).latitude).toBeCloseTo(HOME.latitude, 3);

    await fillReport(page, '路口井盖缺失，夜里很危险，电话13912345678');
    await page.getByLabel('添加照片').setInputFiles({
      name: 'IMG_0001.jpg',
      mimeType: 'image/jpeg',
      buffer: original,
    });
    await page.getByRole('img', { name: '第 1 张照片' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'citizen-report');

    // The first upload finds its link expired, as on a slow connection (S3 answers 403).
    const uploaded: number[] = [];
    let refused = false;
    await page.route(
      (url) => !url.href.startsWith(baseUrl),
      async (route) => {
        const request = route.request();
        if (request.method() !== 'POST') return route.continue();
        uploaded.push(request.postDataBuffer()?.length ?? 0);
        if (refused) return route.continue();
        refused = true;
        return route.fulfill({
          status: 403,
          headers: { 'access-control-allow-origin': '*' },
          contentType: 'application/xml',
          body: '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>',
        });
      },
    );
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('查询码', { exact: true }).waitFor();
    const [mine] = await kept(page);
    expect(mine?.trackingToken).toMatch(/^[\w-]{43}$/);
    await expect
      .poll(() => page.getByTestId('tracking-code').textContent())
      .toBe(mine?.trackingToken);
    await page.getByRole('button', { name: '重试第 1 张照片' }).click();
    await page.getByText('已上传').waitFor({ timeout: 20_000 });
    expect(uploaded).toHaveLength(2);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'citizen-submitted');

    // Checked by the server, and stored without the GPS of the citizen's home.
    const id = mine?.id ?? '';
    const token = mine?.trackingToken ?? '';
    let report: { photos: { url: string }[]; photoStates: { state: string }[] } | undefined;
    await expect
      .poll(
        async () => {
          report = (
            await http('GET', `/public/reports/${id}`, { headers: { 'x-tracking-token': token } })
          ).body as typeof report;
          return report?.photoStates[0]?.state;
        },
        { timeout: 20_000 },
      )
      .toBe('attached');
    const stored = Buffer.from(await (await fetch(report?.photos[0]?.url ?? '')).arrayBuffer());
    expect(await exifr.gps(stored)).toBeUndefined();
    expect(jpegSize(stored)).toEqual({ width: 2560, height: 1920 });
    const ratio = original.length / stored.length;
    console.log(
      `photo: ${String(original.length)} bytes picked, ${String(stored.length)} uploaded (${ratio.toFixed(1)}× smaller)`,
    );
    expect(ratio).toBeGreaterThanOrEqual(4);

    // The tracking page, from 我的诉求.
    await page.getByRole('link', { name: '我的诉求' }).click();
    await page
      .getByRole('link', { name: /市容随手拍/ })
      .first()
      .click();
    await page.getByRole('heading', { name: '办理进度' }).waitFor();
    await page.getByText('待受理').first().waitFor();
    expect(problems.filter((problem) => !problem.startsWith('403 POST'))).toEqual([]);
  });

  it('asks the citizen, once the department resolves it, whether it is fixed and how satisfied: "not fixed" sends it back', async () => {
    const created = (
      await http('POST', '/public/reports', {
        body: {
          serviceCode: 'city-appearance',
          description: '公园路灯坏了三盏',
          lat: 38.05,
          lng: 114.46,
          photos: [],
        },
      })
    ).body as { id: string; trackingToken: string };
    const department = await tokenFor('unit-staff', 'urban-management');
    const resolve = (reply: string) =>
      http('POST', `/reports/${created.id}/updates`, {
        token: department,
        body: { status: 'resolved', reply },
      });
    expect((await resolve('已更换灯泡')).status).toBe(201);

    const { page, problems } = await citizen();
    await page.goto(`${baseUrl}/m/`);
    // The report as this phone kept it when it was made.
    await page.evaluate(
      `localStorage.setItem('xinhua.myReports', JSON.stringify([${JSON.stringify({
        id: created.id,
        trackingToken: created.trackingToken,
        serviceName: '市容随手拍',
        createdAt: new Date().toISOString(),
      })}]))`,
    );
    await page.goto(`${baseUrl}/m/#/track/${created.id}`);
    const form = page.getByRole('form', { name: '办理结果评价' });
    await form.waitFor();
    expect(await page.getByText(/编号 XH\d{8}-\d{4}/).count()).toBe(1);
    await form.getByRole('radio', { name: '未解决' }).check();
    await form.getByRole('radio', { name: '不满意', exact: true }).check();
    await form.getByLabel('补充说明').fill('只换了一盏，另外两盏还是不亮');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'citizen-feedback');
    await form.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('重新办理').waitFor();
    await page.getByText('您的评价：未解决，不满意').waitFor();
    expect(await form.count()).toBe(0);

    // Back in the department's queue; resolved again, the citizen is asked again.
    expect((await resolve('三盏灯已全部更换')).status).toBe(201);
    await page.reload();
    await form.getByRole('radio', { name: '已解决' }).check();
    await form.getByRole('radio', { name: '满意', exact: true }).check();
    await form.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('您的评价：已解决，满意').waitFor();
    expect(problems).toEqual([]);
  });

  it('refuses an iPhone HEIC the browser cannot decode, saying how to send one it can', async () => {
    const { page, problems } = await citizen();
    await fillReport(page, '小区门口路灯不亮');
    // An HEIF brand box, as an iPhone writes it; neither Chromium nor the server can decode it.
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
      Buffer.alloc(4000, 7),
    ]);
    await page
      .getByLabel('添加照片')
      .setInputFiles({ name: 'IMG_0002.HEIC', mimeType: '', buffer: heic });
    await page.getByText(HEIC_REFUSAL).waitFor();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('请删除无法上传的照片').waitFor();
    await screenshot(page, 'citizen-heic-refused');
    expect(problems).toEqual([]);
  });

  it('shows a report on the board only once its department publishes, masked; ranks the departments; tells the next citizen someone nearby already reported it', async () => {
    const { page, problems } = await citizen();
    await fillReport(page, '人行道上的垃圾两天没人清理，联系13812345678');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('查询码', { exact: true }).waitFor();
    // antd-mobile's Toast animates with @react-spring/web, overridden to its React 19 release
    // (package.json "overrides"): it shows, and goes again.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: '复制查询码' }).click();
    const toast = page.getByText('已复制查询码');
    await toast.waitFor();
    await toast.waitFor({ state: 'hidden' });
    const [mine] = await kept(page);
    const id = mine?.id ?? '';

    const onBoard = async () =>
      ((await http('GET', '/public/board')).body as { items: { id: string }[] }).items.some(
        (item) => item.id === id,
      );
    expect(await onBoard()).toBe(false);

    const staff = await tokenFor('unit-staff', 'urban-management');
    const reply = await http('POST', `/reports/${id}/updates`, {
      token: staff,
      body: { status: 'accepted', reply: '已安排环卫工人今天清理', public: true },
    });
    expect(reply.status).toBe(201);
    expect(await onBoard()).toBe(true);
    await page.getByRole('link', { name: '公示' }).click();
    const card = page.getByRole('article').filter({ hasText: '两天没人清理' });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('138****5678');
    expect(await card.textContent()).toContain('已安排环卫工人今天清理');
    expect(await card.textContent()).not.toContain('13812345678');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'citizen-board');

    await page.getByRole('link', { name: '部门排行' }).click();
    const row = page.getByRole('row').filter({ hasText: '区城管局' });
    await row.waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'citizen-ranking');

    // A neighbour at the same corner is told before reporting it again.
    const neighbour = await citizen();
    await fillReport(neighbour.page, '垃圾没人清理');
    const nearby = neighbour.page
      .getByRole('status')
      .filter({ hasText: '附近已有人反映过同类问题' });
    await nearby.waitFor();
    expect(await nearby.textContent()).toContain('已受理');
    await screenshot(neighbour.page, 'citizen-nearby');
    expect([...problems, ...neighbour.problems]).toEqual([]);
  });
});

describe('掌上新华’s columns on a phone', () => {
  it('opens on the six columns, reads an article, finds it by a word inside a longer one, and asks a question', async () => {
    const office = await tokenFor('district-office', 'district-office');
    const title = `垃圾分类新规下月施行${Date.now().toString(36)}`;
    const created = await http('POST', '/articles', {
      token: office,
      body: {
        column: 'news',
        title,
        body: '## 怎么分\n\n- 厨余垃圾\n- 可回收物\n\n<b>不是粗体</b>',
      },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await http('POST', `/articles/${id}/publish`, { token: office })).status).toBe(200);

    const { page, problems } = await citizen();
    await page.goto(`${baseUrl}/m/`);
    const columns = page.getByRole('navigation', { name: '栏目' });
    for (const name of [
      '办事包打听',
      '区情一点通',
      '热点全知道',
      '您的身边事',
      '市容随手拍',
      '指点新华区',
    ])
      await columns.getByRole('link', { name }).waitFor();
    await page.getByRole('link', { name: title }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'citizen-home');

    await columns.getByRole('link', { name: '热点全知道' }).click();
    await page.getByRole('heading', { name: '热点全知道' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('link', { name: title }).click();
    const article = page.getByRole('article', { name: title });
    await article.getByRole('heading', { name: '怎么分' }).waitFor();
    expect(await article.getByRole('listitem').allTextContents()).toEqual(['厨余垃圾', '可回收物']);
    // What was typed as a tag is shown as text.
    expect(await article.textContent()).toContain('<b>不是粗体</b>');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'citizen-article');

    await page.getByRole('link', { name: '首页' }).click();
    await page.getByRole('searchbox', { name: '搜索' }).fill('分类');
    await page.getByRole('searchbox', { name: '搜索' }).press('Enter');
    await page.getByRole('link', { name: title }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'citizen-search');

    await page.goto(`${baseUrl}/m/#/column/guide`);
    await page.getByRole('link', { name: '我要提问' }).click();
    await page.getByLabel('您的问题').fill('居住证到哪里办？');
    await page.getByRole('button', { name: '提交问题' }).click();
    await page.getByRole('status').filter({ hasText: '已提交' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'citizen-ask');
    // The office answers in public: the asker reads it on the phone that asked.
    const asked = await page.evaluate<{ id: string }[]>(
      `JSON.parse(localStorage.getItem('xinhua.myQuestions') ?? '[]')`,
    );
    const questionId = asked[0]!.id;
    expect(
      (
        await http('POST', `/questions/${questionId}/answer`, {
          token: office,
          body: { answer: '请到区政务服务中心一楼办理。', public: true },
        })
      ).status,
    ).toBe(200);
    await page.getByRole('link', { name: '居住证到哪里办？' }).click();
    await page.getByText('答：请到区政务服务中心一楼办理。').waitFor();
    expect(problems).toEqual([]);
  });
});
