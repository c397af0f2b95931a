import { shanghaiDay } from '../../shared/domain/reception.ts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseUrl, http, tokenFor } from '../support/client.ts';
import { accessibilityProblems, browserForFile, menu, screenshot } from '../support/browser.ts';
import { smsCodeTo } from '../support/outboxes.ts';

/** 通报 and 审计查询 in the console (UI.md: bulletins with export, audit search), as their people use them. */
const { person, unsigned } = browserForFile(baseUrl);
const today = () => shanghaiDay(new Date().toISOString());

describe('bulletins in the console', () => {
  it('shows today’s figures by unit, exports them, publishes a bulletin that a unit then reads', async () => {
    // Today: a notice to the environment bureau, signed for by its staff. The browser files share one
    // platform and run two at a time: no other one sends to this unit, so its figures stay still.
    const sent = await http('POST', '/dispatches', {
      token: await tokenFor('district-office', 'district-office'),
      body: {
        kind: 'notice',
        title: '通报测试通知',
        body: '内容',
        recipients: ['environment'],
        declaredUnclassified: true,
      },
    });
    expect(sent.status).toBe(201);
    const acknowledged = await http('POST', `/dispatches/${sent.body.id}/ack`, {
      token: await tokenFor('unit-staff', 'environment'),
    });
    expect(acknowledged.status).toBe(200);
    const figures = await http('GET', `/bulletins/reception?from=${today()}&to=${today()}`, {
      token: await tokenFor('district-office', 'district-office'),
    });
    const environment = (figures.body.units as { unitId: string; received: number }[]).find(
      (unit) => unit.unitId === 'environment',
    )!;

    const clerk = await person('office-clerk');
    await menu(clerk.page).getByRole('link', { name: '通报' }).click();
    await clerk.page.getByRole('heading', { level: 2, name: '通报' }).waitFor();
    await clerk.page.getByLabel('开始日期').fill(today());
    const row = clerk.page.getByRole('row').filter({ hasText: '区环保局' });
    await expect.poll(() => row.first().textContent()).toContain(String(environment.received));
    await clerk.page
      .getByRole('img', { name: new RegExp(`^区环保局：收到 ${environment.received}，`) })
      .waitFor();
    await screenshot(clerk.page, 'bulletins');
    expect(await accessibilityProblems(clerk.page)).toEqual([]);

    const downloading = clerk.page.waitForEvent('download');
    await clerk.page.getByRole('button', { name: '导出 CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`接收情况_${today()}_${today()}.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('单位,收到,按时签收');
    expect(csv).toContain(`environment,区环保局,${environment.received},`);

    const title = `今日收文情况通报 ${randomUUID().slice(0, 6)}`;
    await clerk.page.getByLabel('通报标题').fill(title);
    await clerk.page.getByLabel('说明').fill('请各单位及时签收。');
    await clerk.page.getByRole('button', { name: '发布通报' }).click();
    await clerk.page.getByRole('link', { name: `已发布：${title}` }).click();
    await clerk.page.getByRole('heading', { level: 2, name: title }).waitFor();
    await screenshot(clerk.page, 'bulletin-published');
    const bulletinId = new URL(clerk.page.url()).hash.split('/').at(-1)!;

    const staff = await person('environment-staff');
    await menu(staff.page).getByRole('link', { name: '通报' }).click();
    // A unit reads published bulletins; the live figures and publishing are the district's.
    await staff.page.getByRole('link', { name: title }).click();
    await staff.page.getByRole('heading', { level: 2, name: title }).waitFor();
    await staff.page.getByText('请各单位及时签收。').waitFor();
    expect(await staff.page.getByRole('button', { name: '发布通报' }).count()).toBe(0);
    expect(await accessibilityProblems(staff.page)).toEqual([]);

    // The district administrator finds who published it, and when.
    const sysadmin = await person('sysadmin');
    await menu(sysadmin.page).getByRole('link', { name: '审计查询' }).click();
    await sysadmin.page.getByLabel('对象').fill(`BULLETIN#${bulletinId}`);
    await sysadmin.page.getByRole('button', { name: '查询' }).click();
    const record = sysadmin.page.getByRole('row').filter({ hasText: '发布通报' });
    await record.waitFor();
    expect(await record.textContent()).toContain(`BULLETIN#${bulletinId}`);
    await screenshot(sysadmin.page, 'audit-search');
    expect(await accessibilityProblems(sysadmin.page)).toEqual([]);
  });
});

describe('phone sign-in (Art14)', () => {
  it('signs a unit’s duty officer in with a code texted to the unit’s registered phone; 审计查询 shows it', async () => {
    // The district administrator gives the market regulator's duty officer an account with the
    // unit's duty phone, and registers and verifies that number for the unit.
    const admin = await tokenFor('district-admin', 'info-center', 'sysadmin');
    const phone = `+86136${String(Date.now() % 100_000_000).padStart(8, '0')}`;
    const created = await http('POST', '/units/market-regulation/accounts', {
      token: admin,
      body: {
        username: 'mr-duty',
        name: '市场监管局值班员',
        group: 'unit-staff',
        email: 'mr-duty@example.gov.cn',
        phone,
      },
    });
    expect(created.status).toBe(201);
    await http('POST', '/units/market-regulation/phones', {
      token: admin,
      body: { phone, holderName: '市场监管局值班员', remind: false },
    });
    const registrationCode = smsCodeTo(phone);
    const verified = await http(
      'POST',
      `/units/market-regulation/phones/${encodeURIComponent(phone)}/verify`,
      { token: admin, body: { code: registrationCode } },
    );
    expect(verified.body.status).toBe('active');

    // At night, on the phone: 手机号登录, 获取验证码, the code from the SMS, 登录.
    const duty = await unsigned();
    const { page } = duty;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: '手机号登录' }).click();
    await page.getByLabel('手机号').fill(phone.slice(3));
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByRole('status').waitFor();
    await expect.poll(() => smsCodeTo(phone)).not.toBe(registrationCode);
    await page.getByLabel('验证码').fill(smsCodeTo(phone));
    await screenshot(page, 'sign-in-phone');
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('button', { name: '退出' }).waitFor();
    await menu(page).getByRole('link', { name: '收文' }).waitFor();
    expect(duty.problems).toEqual([]);

    const sysadmin = await person('sysadmin');
    await menu(sysadmin.page).getByRole('link', { name: '审计查询' }).click();
    await sysadmin.page.getByLabel('对象').fill('ACCOUNT#mr-duty');
    await sysadmin.page.getByRole('button', { name: '查询' }).click();
    const record = sysadmin.page.getByRole('row').filter({ hasText: '登录' });
    await record.first().waitFor();
    expect(await record.first().textContent()).toContain('ACCOUNT#mr-duty');
  });
});
