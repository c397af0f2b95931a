import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { baseUrl, http } from '../support/client.ts';
import { smsCodeTo, temporaryPasswordOf } from '../support/outboxes.ts';
import { formUpload } from '../support/s3.ts';
import {
  accessibilityProblems,
  browserForFile,
  menu,
  PHONE,
  screenshot,
} from '../support/browser.ts';
import { compose, inboxItem } from '../support/console.ts';

/**
 * The staff console beyond the dispatch desk (UI.md): units' phones and
 * duty, every group's screens, the person on night duty, citizens' reports
 * as work orders, accounts, and what the console does when the API fails.
 * A file of its own beside console.test.ts, so the two run side by side.
 */
const { person, unsigned } = browserForFile(baseUrl);

/** What the screen says instead of data: QueryState's empty state (antd's Empty), by its words. */
const emptyStates = (page: Page) =>
  page.getByRole('main').locator('.ant-empty-description').allTextContents();

describe('the console, for units and administrators', () => {
  it('opens a first start on the demo week, loaded through the API (the time it took is printed, not judged)', () => {
    const loaded = /demo week loaded in ([\d.]+) s: (.*)/.exec(inject('platformOutput'));
    expect(loaded, inject('platformOutput')).not.toBeNull();
    console.log(
      `demo week loaded in ${loaded?.[1] ?? '?'} s (this run, beside the other test files)`,
    );
    // Every kind of thing the week holds, at least one of each.
    const counts = [...(loaded?.[2] ?? '').matchAll(/(\d+) ([^,\d]+)/g)].map(([, n, what]) => [
      what?.trim(),
      Number(n),
    ]);
    expect(counts.map(([what]) => what)).toEqual([
      'dispatches to',
      'units',
      'reminder SMS',
      'upward reports',
      "citizens' reports with",
      'photos',
      'articles',
      'questions',
      'bulletin',
    ]);
    for (const [what, n] of counts) expect(n, String(what)).toBeGreaterThan(0);
  });

  it('lets a unit admin enter a new phone’s code, set a weekly roster from its phones, save it back, and see who is on duty now', async () => {
    const admin = await person('environment-admin');
    const sysadmin = await person('sysadmin');
    const { page } = admin;
    await menu(page).getByRole('link', { name: '提醒手机与值班' }).click();
    await page.getByRole('heading', { level: 3, name: '当前值班' }).waitFor();
    // The unit admin asks for a number; the district administrator approves; the code goes to the phone.
    const phone = `139${String(Date.now()).slice(-8)}`;
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('使用人').fill('夜班值守员');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('已提交申请').waitFor();
    await menu(sysadmin.page).getByRole('link', { name: '号码变更申请' }).click();
    const request = sysadmin.page.getByRole('row').filter({ hasText: '夜班值守员' });
    await request.getByRole('button', { name: '同意' }).click();
    await expect.poll(() => request.count()).toBe(0);
    const code = smsCodeTo(`+86${phone}`);
    expect(code).toMatch(/^\d{6}$/);
    await page.reload();
    const codeBox = page.getByRole('textbox', { name: /夜班值守员 .* 的验证码/ });
    await codeBox.fill(code);
    await page
      .getByRole('row')
      .filter({ hasText: '夜班值守员' })
      .getByRole('button', { name: '验证' })
      .click();
    await page.getByText('号码已验证').waitFor();

    // A weekly pattern: every night of the week, this person.
    await page.getByRole('button', { name: '添加每周值班' }).click();
    // The choice is the unit's verified phones, by holder (one here): picked with the keyboard.
    await page.getByLabel('第1组 值班人').click();
    await page.getByRole('option', { name: /夜班值守员/ }).waitFor({ state: 'attached' });
    await page.keyboard.press('Enter');
    for (const day of ['周六', '周日']) await page.getByRole('checkbox', { name: day }).check();
    await page.getByLabel('开始', { exact: true }).first().fill('00:00');
    await page.getByLabel('结束', { exact: true }).first().fill('23:59');
    await page.getByRole('button', { name: '保存值班表' }).click();
    await page.getByText('值班表已保存').waitFor();
    // Saved again as read back (the numbers masked): unchanged, no refusal.
    await page.reload();
    await page.getByRole('button', { name: '保存值班表' }).click();
    await page.getByText('值班表已保存').waitFor();
    await expect
      .poll(() => page.getByRole('heading', { level: 3, name: '当前值班' }).isVisible())
      .toBe(true);
    await screenshot(page, 'duty-roster');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(admin.problems).toEqual([]);
    expect(sysadmin.problems).toEqual([]);
  });

  it('shows the API’s refusal on the field it concerns, and sends nothing', async () => {
    const clerk = await person('office-clerk');
    await compose(clerk.page, '【机密】关于人事调整的通知', ['区卫生局']);
    const field = clerk.page.getByRole('textbox', { name: '标题' });
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    // The message is the field's description: what a screen reader reads with it.
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    expect(await clerk.page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).toMatch(
      /密/,
    );
    expect(await clerk.page.getByRole('heading', { name: '发文' }).count()).toBe(1);
    await screenshot(clerk.page, 'compose-refused');
    // The refusal (422 CLASSIFIED_CONTENT) is the one the page saw.
    expect(clerk.problems).toEqual([expect.stringMatching(/^422 POST .*\/dispatches$/)]);
  });

  it.each([
    [
      'office-clerk',
      ['发文', '签收跟踪', '上报', '通报', '文章', '群众提问', '群众诉求', '诉求分类', '提醒设置'],
    ],
    [
      'sysadmin',
      ['签收跟踪', '通报', '提醒手机与值班', '号码变更申请', '账号管理', '审计查询', '区日历'],
    ],
    [
      'health-admin',
      ['收文签收', '上报', '通报', '群众提问', '群众诉求', '提醒手机与值班', '账号管理'],
    ],
    // A department answers citizens' reports and questions; a street office writes 您的身边事.
    ['health-staff', ['收文签收', '上报', '通报', '群众提问', '群众诉求']],
    ['dongfeng-street-head', ['收文签收', '上报', '通报', '文章']],
  ])(
    'shows %s only their screens; each opens without a refusal and passes axe-core',
    async (username, screens) => {
      const someone = await person(username);
      const links = menu(someone.page).getByRole('link');
      expect(await links.allTextContents()).toEqual(screens);
      for (const screen of screens) {
        await menu(someone.page).getByRole('link', { name: screen, exact: true }).click();
        // React keeps the old screen while the new one loads: wait for this one's own heading.
        await someone.page.getByRole('heading', { level: 2, name: screen }).waitFor();
        // Judge the screen with its data, not its loading placeholder.
        await expect
          .poll(() => someone.page.getByRole('status', { name: '正在加载' }).count())
          .toBe(0);
        await screenshot(someone.page, `${username}-${screen}`);
        expect(await accessibilityProblems(someone.page), `${username}: ${screen}`).toEqual([]);
        // The platform opened on the demo week: every screen has something to show.
        expect(await emptyStates(someone.page), `${username}: ${screen}`).toEqual([]);
      }
      expect(someone.problems).toEqual([]);
    },
  );

  it('works on a phone for the person on night duty: the menu folds away, 签收 is a thumb away', async () => {
    const clerk = await person('office-clerk');
    const title = `夜间紧急通知 ${randomUUID().slice(0, 6)}`;
    await compose(clerk.page, title, ['东风街道办事处']);
    await clerk.page.getByRole('heading', { name: title }).waitFor();

    const duty = await person('dongfeng-street-staff', PHONE);
    const item = inboxItem(duty.page, title);
    await item.waitFor();
    expect(await menu(duty.page).isVisible()).toBe(false);
    const button = item.getByRole('button', { name: '签收' });
    const box = await button.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(40);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    // Everything in the header fits the screen: 退出 included.
    const signOut = await duty.page.getByRole('button', { name: '退出' }).boundingBox();
    expect((signOut?.x ?? 0) + (signOut?.width ?? 0)).toBeLessThanOrEqual(390);
    await screenshot(duty.page, 'phone-inbox');
    expect(await accessibilityProblems(duty.page)).toEqual([]);
    await button.click();
    await duty.page.getByText(`已签收：${title}`).waitFor();
    // The menu is behind 菜单, and folds away again once a screen is chosen.
    await duty.page.getByRole('button', { name: '菜单' }).click();
    await screenshot(duty.page, 'phone-menu');
    await menu(duty.page).getByRole('link', { name: '上报' }).click();
    await duty.page.getByRole('heading', { name: '上报', level: 2 }).waitFor();
    await expect.poll(() => menu(duty.page).isVisible()).toBe(false);
    await screenshot(duty.page, 'phone-upward');
    expect(duty.problems).toEqual([]);
  });

  it('lets the department see a citizen’s report with its photo and reply in public', async () => {
    const photo = readFileSync(fileURLToPath(new URL('../fixtures/python.jpg', import.meta.url)));
    const description = `友谊大街人行道井盖缺失 ${randomUUID().slice(0, 6)}`;
    const created = await http('POST', '/public/reports', {
      body: {
        serviceCode: 'city-appearance',
        description,
        lat: 38.05,
        lng: 114.46,
        address: '友谊大街',
        photos: [{ contentType: 'image/jpeg', size: photo.length }],
      },
    });
    expect(await formUpload(created.body.uploads[0], photo, 'photo.jpg')).toBe(204);
    const tracked = () =>
      http('GET', `/public/reports/${created.body.id}`, {
        headers: { 'x-tracking-token': created.body.trackingToken },
      });
    await expect.poll(async () => (await tracked()).body.photos.length).toBe(1);

    const staff = await person('urban-management-staff');
    await menu(staff.page).getByRole('link', { name: '群众诉求' }).click();
    await staff.page.getByRole('button', { name: description }).click();
    const drawer = staff.page.getByRole('dialog', { name: '诉求详情' });
    const image = drawer.getByRole('img', { name: '现场照片 1' });
    // The photo is shown from its presigned link: the CSP lets the bucket's images in.
    await expect
      .poll(() =>
        image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    await drawer.getByLabel('公开回复').fill('已安排维修人员今日更换井盖。');
    await drawer.getByRole('button', { name: '提交' }).click();
    await staff.page.getByText('已回复').waitFor();
    await expect.poll(() => drawer.textContent()).toContain('已安排维修人员今日更换井盖。');
    // The next step is offered at once (办理中 first); the person closes the report with the keyboard.
    await drawer.getByTitle('办理中').waitFor();
    await drawer.getByRole('combobox', { name: '办理状态' }).click();
    await staff.page.keyboard.press('ArrowDown');
    await staff.page.keyboard.press('Enter');
    await drawer.getByTitle('已办结').waitFor();
    await drawer.getByLabel('公开回复').fill('井盖已更换完毕，感谢您的反映。');
    // Published on 掌上新华's board (Art10.2): this reply, not the first.
    await drawer.getByRole('switch', { name: '公开' }).click();
    await drawer.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => drawer.textContent()).toContain('井盖已更换完毕');
    await drawer.getByText('已公开').waitFor();
    // Closed: nothing more to do, so no form.
    await expect.poll(() => drawer.getByRole('button', { name: '提交' }).count()).toBe(0);
    await screenshot(staff.page, 'report-replied');
    expect(await accessibilityProblems(staff.page)).toEqual([]);
    expect(staff.problems).toEqual([]);

    // The citizen reads the reply with their tracking code.
    const answer = await tracked();
    expect(answer.body.status).toBe('resolved');
    expect(JSON.stringify(answer.body)).toContain('已安排维修人员今日更换井盖。');
    expect(JSON.stringify(answer.body)).toContain('井盖已更换完毕，感谢您的反映。');
    const board = await http('GET', '/public/board');
    const published = (board.body.items as { id: string; updates: { reply?: string }[] }[]).find(
      (item) => item.id === created.body.id,
    );
    expect(published?.updates.map((update) => update.reply)).toEqual([
      '井盖已更换完毕，感谢您的反映。',
    ]);
  });

  it('works a citizen’s report as a work order: 编号 and 办结时限, a progress note published later, 申请延期 the office approves, 退单 the office routes again', async () => {
    const report = async (description: string) =>
      (
        await http('POST', '/public/reports', {
          body: {
            serviceCode: 'city-appearance',
            description,
            lat: 38.05,
            lng: 114.46,
            photos: [],
          },
        })
      ).body as { id: string; trackingToken: string };
    const tag = randomUUID().slice(0, 6);
    const lamp = `建设路路灯不亮 ${tag}`;
    const wrong = `小区供暖温度不够 ${tag}`;
    await report(lamp);
    await report(wrong);

    const staff = await person('urban-management-staff');
    await menu(staff.page).getByRole('link', { name: '群众诉求' }).click();
    const row = staff.page.getByRole('row', { name: new RegExp(lamp) });
    await expect.poll(() => row.textContent()).toMatch(/XH\d{8}-\d{4}/);
    expect(await row.textContent()).toContain('还剩');
    await row.getByRole('button', { name: lamp }).click();
    const drawer = staff.page.getByRole('dialog', { name: '诉求详情' });
    // A progress note: the status stays 待受理.
    await drawer.getByRole('combobox', { name: '办理状态' }).click();
    await staff.page.keyboard.press('ArrowUp');
    await staff.page.keyboard.press('Enter');
    await drawer.getByTitle('只记录办理进展（状态不变）').waitFor();
    await drawer.getByLabel('公开回复').fill('已联系供电公司，明天上午更换灯泡。');
    await drawer.getByRole('button', { name: '提交' }).click();
    await drawer.getByText('办理进展').waitFor();
    // 公开 later: the note goes on the board.
    await drawer.getByRole('button', { name: '公开这条回复' }).click();
    await drawer.getByText('已公开').waitFor();
    // More time, with why.
    await drawer.getByLabel('延期理由').fill('需供电公司更换线路，预计三天。');
    await drawer.getByRole('button', { name: '申请延期' }).click();
    await expect.poll(() => drawer.textContent()).toContain('待审批');
    await screenshot(staff.page, 'report-work-order');
    expect(await accessibilityProblems(staff.page)).toEqual([]);
    await drawer.getByRole('button', { name: '关闭' }).click();
    await drawer.waitFor({ state: 'hidden' });

    // The other is not this department's: 退单 with why.
    await staff.page.getByRole('button', { name: wrong }).click();
    await drawer.getByLabel('退单理由').fill('供暖问题应由供热公司和住建部门处理。');
    await drawer.getByRole('button', { name: '退单' }).click();
    await staff.page.getByText('已退单，交区政府办公室重新分派').waitFor();
    expect(staff.problems).toEqual([]);

    // The district office decides the extension, and routes the returned report again.
    const clerk = await person('office-clerk');
    await menu(clerk.page).getByRole('link', { name: '群众诉求' }).click();
    await clerk.page.getByText('延期申请', { exact: true }).click();
    await clerk.page.getByRole('button', { name: lamp }).click();
    const office = clerk.page.getByRole('dialog', { name: '诉求详情' });
    await office.getByRole('button', { name: '同意延期' }).click();
    await expect.poll(() => office.textContent()).toContain('已同意');
    await office.getByRole('button', { name: '关闭' }).click();
    await office.waitFor({ state: 'hidden' });
    await clerk.page.getByText('退单', { exact: true }).click();
    await clerk.page.getByRole('button', { name: wrong }).click();
    await expect.poll(() => office.textContent()).toContain('供暖问题应由供热公司和住建部门处理。');
    await office.getByRole('combobox', { name: '改派到分类' }).fill('集中供热');
    await clerk.page.keyboard.press('Enter');
    await office.getByRole('button', { name: '改派' }).click();
    await clerk.page.getByText('已改派').waitFor();
    await expect.poll(() => office.textContent()).toContain('待受理');
    await screenshot(clerk.page, 'report-returned-routed');
    expect(await accessibilityProblems(clerk.page)).toEqual([]);
    expect(clerk.problems).toEqual([]);
  });

  it('lets a unit admin open an account; the new person sets a password at first sign-in and lands in the inbox', async () => {
    const admin = await person('health-admin');
    await menu(admin.page).getByRole('link', { name: '账号管理' }).click();
    const username = `health-${randomUUID().slice(0, 6)}`;
    await admin.page.getByLabel('用户名').fill(username);
    await admin.page.getByLabel('姓名').fill('王卫东');
    await admin.page.getByLabel('邮箱').fill(`${username}@example.gov.cn`);
    await admin.page.getByRole('button', { name: '开通账号' }).click();
    await admin.page.getByText(`已开通账号 ${username}`).waitFor();
    await expect
      .poll(() => admin.page.getByRole('row', { name: new RegExp(username) }).count())
      .toBe(1);
    expect(admin.problems).toEqual([]);

    // The temporary password arrives by mail (locally: the outbox).
    const temporary = temporaryPasswordOf(`${username}@example.gov.cn`);
    const newcomer = await unsigned();
    const { page } = newcomer;
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(temporary);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('新密码', { exact: true }).fill('Weidong-2026-health');
    await page.getByLabel('确认新密码').fill('Weidong-2026-health');
    await page.getByRole('button', { name: '设置新密码' }).click();
    await page.getByRole('heading', { name: '收文签收', level: 2 }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('王卫东');
    expect(newcomer.problems).toEqual([]);
  });

  it('says so when the API cannot answer, and 重试 fetches again', async () => {
    const staff = await person('health-staff');
    // The network fails the inbox, as an outage would (the platform itself cannot be made to).
    const outage = (url: URL) => url.pathname === '/inbox';
    await staff.page.route(outage, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'UNAVAILABLE', message: '服务暂时不可用', details: [] },
        }),
      }),
    );
    // A fresh load, so no inbox fetched before the outage is shown from the cache.
    await staff.page.reload();
    const alert = staff.page.getByRole('alert').filter({ hasText: '没有取到数据' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('服务暂时不可用');
    await screenshot(staff.page, 'error-state');
    expect(await accessibilityProblems(staff.page)).toEqual([]);

    await staff.page.unroute(outage);
    await alert.getByRole('button', { name: '重试' }).click();
    await staff.page.getByRole('heading', { name: '收文签收' }).waitFor();
    await alert.waitFor({ state: 'detached' });
    // The only failures were the ones the test made.
    expect(staff.problems.filter((problem) => !problem.includes('/inbox'))).toEqual([]);
  });

  it('signs out back to the sign-in page; the console asks again', async () => {
    const staff = await person('health-staff');
    await staff.page.getByRole('button', { name: '退出' }).click();
    // The local provider asks to confirm, as an OpenID provider does.
    await staff.page.getByRole('button', { name: '退出登录' }).click();
    await staff.page.getByLabel('用户名').waitFor();
    await staff.page.goto(`${baseUrl}/#/inbox`);
    await staff.page.getByLabel('用户名').waitFor();
    expect(await menu(staff.page).count()).toBe(0);
  });
});
