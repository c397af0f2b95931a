import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl } from '../support/client.ts';
import { documents } from '../support/files.ts';
import { accessibilityProblems, browserForFile, menu, screenshot } from '../support/browser.ts';

/**
 * Documents as files and upward reports in the console (UI.md: attachments,
 * upward reports — write, approve and seal, receive), as their people use them.
 */
const { person } = browserForFile(baseUrl);

const picked = (page: Page, name: string) =>
  page.getByRole('list', { name: '已选附件' }).getByRole('listitem').filter({ hasText: name });
const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: documents.pdf });

describe('files and upward reports in the console', () => {
  it('sends a document with its file; an impostor file is refused before sending; the unit downloads it under its name and the clerk sees it downloaded', async () => {
    const clerk = await person('office-clerk');
    const title = `关于印发冬季安全生产检查方案的通知 ${randomUUID().slice(0, 6)}`;
    const fileName = `冬季安全生产检查方案-${randomUUID().slice(0, 6)}.pdf`;
    await clerk.page.getByRole('link', { name: '发文' }).click();
    await clerk.page.getByLabel('标题').fill(title);
    await clerk.page.getByLabel('正文').fill('现将检查方案印发给你们，请认真贯彻执行。');
    // A program renamed .pdf: its bytes give it away, and it cannot be sent.
    await clerk.page
      .getByLabel('附件')
      .setInputFiles([pdf(fileName), { ...pdf('检查表.pdf'), buffer: documents.exe }]);
    await picked(clerk.page, fileName).filter({ hasText: '可发送' }).waitFor({ timeout: 20_000 });
    await picked(clerk.page, '检查表.pdf')
      .filter({ hasText: '未通过检查' })
      .waitFor({ timeout: 20_000 });
    await screenshot(clerk.page, 'compose-attachments');
    expect(await accessibilityProblems(clerk.page)).toEqual([]);

    const recipients = clerk.page.getByLabel('接收单位');
    await recipients.fill('区卫生局');
    await clerk.page
      .getByRole('option', { name: '区卫生局', exact: true })
      .waitFor({ state: 'attached' });
    await clerk.page.keyboard.press('Enter');
    await clerk.page.keyboard.press('Escape');
    await clerk.page.getByRole('checkbox', { name: /不涉密/ }).check();
    await clerk.page.getByRole('button', { name: '发送' }).click();
    await clerk.page.getByText('请移除未通过检查或上传失败的附件').waitFor();
    expect(await clerk.page.getByRole('heading', { level: 2, name: '发文' }).count()).toBe(1);
    await clerk.page.getByRole('button', { name: '移除 检查表.pdf' }).click();
    await clerk.page.getByRole('button', { name: '发送' }).click();

    // The tracking page lists the file, and who has downloaded it.
    await clerk.page.getByRole('heading', { level: 2, name: title }).waitFor();
    const healthRow = clerk.page.getByRole('row').filter({ hasText: '区卫生局' });
    await expect.poll(() => healthRow.textContent()).toContain('未下载');

    const health = await person('health-staff');
    await health.page.getByRole('link', { name: title }).click();
    const item = health.page.getByRole('article', { name: title });
    const downloading = health.page.waitForEvent('download');
    await item.getByRole('button', { name: `下载 ${fileName}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(fileName);
    expect(readFileSync(await download.path())).toEqual(documents.pdf);
    await screenshot(health.page, 'item-with-attachment');
    expect(await accessibilityProblems(health.page)).toEqual([]);

    await clerk.page.reload();
    await expect.poll(() => healthRow.textContent()).not.toContain('未下载');
    await screenshot(clerk.page, 'tracking-downloaded');
    expect(clerk.problems).toEqual([]);
    expect(health.problems).toEqual([]);
  });

  it('takes an upward report from the staff to the head, who returns it and then seals it; the district office sees the seal hold and receives it', async () => {
    const title = `关于冬季防火检查情况的报告 ${randomUUID().slice(0, 6)}`;
    const staff = await person('health-staff');
    await menu(staff.page).getByRole('link', { name: '上报', exact: true }).click();
    await staff.page.getByRole('link', { name: '写上报' }).click();
    await staff.page.getByLabel('标题').fill(title);
    await staff.page.getByLabel('正文').fill('本局共检查医疗机构12家，发现隐患3处。');
    await staff.page.getByLabel('联系人').fill('王芳');
    await staff.page.getByLabel('联系电话').fill('0311-86012345');
    await staff.page.getByLabel('附件').setInputFiles([pdf('检查记录.pdf')]);
    await picked(staff.page, '检查记录.pdf')
      .filter({ hasText: '可发送' })
      .waitFor({ timeout: 20_000 });
    await staff.page.getByRole('button', { name: '提交审核' }).click();
    await staff.page.getByRole('heading', { level: 2, name: title }).waitFor();
    await staff.page.getByText('待负责人审核').waitFor();
    const reportUrl = staff.page.url();

    // The head returns it with a reason.
    const head = await person('health-head');
    await menu(head.page).getByRole('link', { name: '上报', exact: true }).click();
    await head.page.getByRole('link', { name: title }).click();
    await head.page.getByLabel('退回理由').fill('请补充隐患整改情况。');
    await head.page.getByRole('button', { name: '退回修改' }).click();
    await head.page.getByText('已退回', { exact: true }).waitFor();

    // Its author changes it and sends it back to the head.
    await staff.page.reload();
    await staff.page.getByText('负责人退回：请补充隐患整改情况。').waitFor();
    await staff.page.getByLabel('正文').fill('本局共检查医疗机构12家，发现隐患3处，均已整改。');
    await screenshot(staff.page, 'upward-returned');
    expect(await accessibilityProblems(staff.page)).toEqual([]);
    await staff.page.getByRole('button', { name: '重新提交审核' }).click();
    await staff.page.getByText('待负责人审核').waitFor();

    // The head approves: sealed and submitted.
    await head.page.reload();
    await head.page.getByRole('button', { name: '批准并盖章' }).click();
    await head.page.getByText('已报送', { exact: true }).waitFor();
    await head.page.getByRole('status').filter({ hasText: '印章有效' }).waitFor();

    // The district office sees it, with the seal verified in its own browser, and receives it.
    const clerk = await person('office-clerk');
    await menu(clerk.page).getByRole('link', { name: '上报', exact: true }).click();
    await clerk.page.getByRole('link', { name: title }).click();
    const report = clerk.page.getByRole('article', { name: title });
    await expect.poll(() => report.textContent()).toContain('均已整改');
    await clerk.page.getByRole('status').filter({ hasText: '印章有效' }).waitFor();
    expect(await report.getByRole('button', { name: '下载 检查记录.pdf' }).count()).toBe(1);
    await screenshot(clerk.page, 'upward-sealed');
    expect(await accessibilityProblems(clerk.page)).toEqual([]);
    await clerk.page.getByRole('button', { name: '接收', exact: true }).click();
    await clerk.page.getByText('区政府办已接收').waitFor();
    expect(clerk.page.url().split('#')[1]).toBe(reportUrl.split('#')[1]);

    for (const someone of [staff, head, clerk]) expect(someone.problems).toEqual([]);
  });

  it('closes a reception problem: the unit says the file is missing, the clerk resolves it with the file for that unit, the unit downloads it', async () => {
    const clerk = await person('office-clerk');
    const title = `关于报送年度统计报表的通知 ${randomUUID().slice(0, 6)}`;
    const fileName = `统计报表模板-${randomUUID().slice(0, 6)}.pdf`;
    await clerk.page.getByRole('link', { name: '发文' }).click();
    await clerk.page.getByLabel('标题').fill(title);
    await clerk.page.getByLabel('正文').fill('请按附件模板填报。');
    await clerk.page.getByLabel('接收单位').fill('区民政局');
    await clerk.page
      .getByRole('option', { name: '区民政局', exact: true })
      .waitFor({ state: 'attached' });
    await clerk.page.keyboard.press('Enter');
    await clerk.page.keyboard.press('Escape');
    await clerk.page.getByRole('checkbox', { name: /不涉密/ }).check();
    await clerk.page.getByRole('button', { name: '发送' }).click();
    await clerk.page.getByRole('heading', { level: 2, name: title }).waitFor();

    // The template was forgotten: civil affairs says so, with a contact.
    const civil = await person('civil-affairs-staff');
    await civil.page.getByRole('link', { name: title }).click();
    await civil.page.getByLabel('问题描述').fill('没有附件，无法填报。');
    await civil.page.getByLabel('联系人').fill('赵芳');
    await civil.page.getByLabel('联系电话').fill('0311-86054321');
    await civil.page.getByRole('button', { name: '报告接收问题' }).click();
    await civil.page.getByText('已告知发文单位').waitFor();

    // The clerk resolves it with the file, for civil affairs only.
    await clerk.page.reload();
    await clerk.page.getByRole('button', { name: '处理并关闭：区民政局' }).click();
    const dialog = clerk.page.getByRole('dialog', { name: '处理区民政局的接收问题' });
    await dialog.getByLabel('处理说明').fill('已补发统计报表模板，请查收。');
    await dialog.getByLabel('补发附件（仅发给该单位）').setInputFiles([pdf(fileName)]);
    await picked(clerk.page, fileName).filter({ hasText: '可发送' }).waitFor({ timeout: 20_000 });
    await screenshot(clerk.page, 'problem-resolving');
    expect(await accessibilityProblems(clerk.page)).toEqual([]);
    await dialog.getByRole('button', { name: '处理并关闭' }).click();
    await clerk.page.getByText('问题已处理并关闭').waitFor();
    await expect
      .poll(() => clerk.page.getByRole('row').filter({ hasText: '区民政局' }).textContent())
      .toContain('未签收');

    await civil.page.reload();
    await civil.page.getByText('发文单位答复：已补发统计报表模板，请查收。').waitFor();
    const downloading = civil.page.waitForEvent('download');
    await civil.page.getByRole('button', { name: `下载 ${fileName}` }).click();
    expect((await downloading).suggestedFilename()).toBe(fileName);
    await screenshot(civil.page, 'problem-resolved-unit');
    expect(await accessibilityProblems(civil.page)).toEqual([]);
    for (const someone of [clerk, civil]) expect(someone.problems).toEqual([]);
  });

  it('answers a unit’s 请示 with a 批复, which the unit reads', async () => {
    const title = `关于申请增加防汛物资的请示 ${randomUUID().slice(0, 6)}`;
    const staff = await person('health-staff');
    await menu(staff.page).getByRole('link', { name: '上报', exact: true }).click();
    await staff.page.getByRole('link', { name: '写上报' }).click();
    await staff.page.getByText('请示', { exact: true }).click();
    await staff.page.getByLabel('标题').fill(title);
    await staff.page.getByLabel('正文').fill('拟增购沙袋2000条，请予批准。');
    await staff.page.getByLabel('联系人').fill('王芳');
    await staff.page.getByLabel('联系电话').fill('0311-86012345');
    await staff.page.getByRole('button', { name: '提交审核' }).click();
    await staff.page.getByText('待负责人审核').waitFor();
    const reportUrl = staff.page.url();

    const head = await person('health-head');
    await head.page.goto(reportUrl);
    await head.page.getByRole('button', { name: '批准并盖章' }).click();
    await head.page.getByText('已报送', { exact: true }).waitFor();

    const clerk = await person('office-clerk');
    await clerk.page.goto(reportUrl);
    const reply = clerk.page.getByRole('form', { name: '批复请示' });
    await reply.getByLabel('批复意见').fill('同意。请按政府采购程序办理。');
    await screenshot(clerk.page, 'upward-reply');
    expect(await accessibilityProblems(clerk.page)).toEqual([]);
    await reply.getByRole('button', { name: '批复' }).click();
    await clerk.page.getByText('已批复', { exact: true }).first().waitFor();

    await staff.page.reload();
    await staff.page.getByRole('heading', { name: '批复' }).waitFor();
    expect(await staff.page.getByText('同意。请按政府采购程序办理。').count()).toBe(1);
    await screenshot(staff.page, 'upward-replied');
    for (const someone of [staff, head, clerk]) expect(someone.problems).toEqual([]);
  });
});
