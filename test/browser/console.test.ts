import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baseUrl, http, tokenFor } from '../support/client.ts';
import { accessibilityProblems, browserForFile, menu, screenshot } from '../support/browser.ts';
import { compose, inboxItem } from '../support/console.ts';

/**
 * The staff console as its people use it (UI.md): a clerk at a desk, a unit
 * on duty, an administrator; by role and accessible name, with axe-core.
 */
const { person, unsigned } = browserForFile(baseUrl);

describe('the console', () => {
  it('lets a clerk send a notice that each unit acknowledges with one click, and shows who has', async () => {
    const clerk = await person('office-clerk');
    // The tracking page refreshes every 20 s by itself: the test moves the clerk's clock, not the wall's.
    await clerk.page.clock.install();
    const title = `关于做好汛期值班工作的通知 ${randomUUID().slice(0, 6)}`;
    await compose(clerk.page, title, ['区卫生局', '区教育局']);

    // After sending, the new dispatch's tracking page opens: both units, neither has acknowledged.
    await expect.poll(() => clerk.page.getByRole('heading', { name: title }).count()).toBe(1);
    const row = (unit: string) => clerk.page.getByRole('row').filter({ hasText: unit });
    await expect.poll(() => row('区卫生局').textContent()).toContain('未签收');
    expect(await row('区教育局').textContent()).toContain('未签收');
    await screenshot(clerk.page, 'tracking-sent');

    // The health bureau's member of staff sees it first in the inbox, with the time left, and acknowledges.
    const health = await person('health-staff');
    const item = inboxItem(health.page, title);
    await item.waitFor();
    expect(await item.textContent()).toMatch(/签收时限.*还剩/);
    await screenshot(health.page, 'inbox-pending');
    await item.getByRole('button', { name: '签收' }).click();
    await health.page.getByText(`已签收：${title}`).waitFor();
    // Acknowledged, it leaves the to-do list; 全部 still shows it, acknowledged.
    await expect.poll(() => inboxItem(health.page, title).count()).toBe(0);
    await health.page.getByText('全部', { exact: true }).click();
    await expect.poll(() => inboxItem(health.page, title).textContent()).toContain('已签收');

    // The clerk did nothing; twenty seconds later the tracking page tells.
    await clerk.page.clock.fastForward(21_000);
    await expect.poll(() => row('区卫生局').textContent(), { timeout: 10_000 }).toContain('已签收');
    expect(await row('区教育局').textContent()).toContain('未签收');
    await screenshot(clerk.page, 'tracking-one-acknowledged');

    for (const { problems } of [clerk, health]) expect(problems).toEqual([]);
  });

  it('drafts a 特急 document with 文号 and 抄送; the office head signs it off; the clerk urges, gives more time and recalls; the unit sees 已撤回', async () => {
    const clerk = await person('office-clerk');
    const title = `关于做好寒潮防范工作的紧急通知 ${randomUUID().slice(0, 6)}`;
    const docNumber = `新区办发〔2026〕${String(Date.now()).slice(-6)}号`;
    await clerk.page.getByRole('link', { name: '发文' }).click();
    await clerk.page.getByText('文件', { exact: true }).click();
    await clerk.page.getByText('特急', { exact: true }).click();
    // 特急: a document is signed for within 15 minutes unless the clerk says otherwise.
    expect(await clerk.page.getByLabel('签收时限（分钟）').inputValue()).toBe('15');
    await clerk.page.getByLabel('文号').fill(docNumber);
    await clerk.page.getByLabel('标题').fill(title);
    await clerk.page.getByLabel('正文').fill('请立即部署寒潮防范工作。');
    for (const [field, unit] of [
      ['接收单位', '区卫生局'],
      ['抄送单位', '区教育局'],
    ] as const) {
      await clerk.page.getByLabel(field).fill(unit);
      await clerk.page
        .getByRole('option', { name: unit, exact: true })
        .waitFor({ state: 'attached' });
      await clerk.page.keyboard.press('Enter');
      await clerk.page.keyboard.press('Escape');
    }
    await clerk.page.getByRole('checkbox', { name: /不涉密/ }).check();
    await screenshot(clerk.page, 'compose-draft');
    expect(await accessibilityProblems(clerk.page)).toEqual([]);
    await clerk.page.getByRole('button', { name: '存为草稿' }).click();
    await clerk.page.getByRole('heading', { level: 2, name: title }).waitFor();
    await clerk.page.getByText('草稿：待区政府办公室负责人签发后发出').waitFor();
    const trackingUrl = clerk.page.url();

    // Nothing reaches the unit before 签发.
    const health = await person('health-staff');
    expect(await inboxItem(health.page, title).count()).toBe(0);

    // The head of the district office finds it in 签收跟踪 and signs it off.
    const head = await person('district-office-head');
    await menu(head.page).getByRole('link', { name: '签收跟踪' }).click();
    await head.page.getByRole('link', { name: title }).click();
    await head.page.getByRole('heading', { level: 2, name: title }).waitFor();
    await screenshot(head.page, 'sign-off');
    expect(await accessibilityProblems(head.page)).toEqual([]);
    await head.page.getByRole('button', { name: '签发' }).click();
    await head.page.getByText('已签发，送达 1 个单位').waitFor();

    // Health owes it (特急, with its 文号); education has a copy, owing nothing.
    await health.page.reload();
    const item = inboxItem(health.page, title);
    await expect.poll(() => item.textContent()).toContain('特急');
    expect(await item.textContent()).toContain(docNumber);
    const education = await person('education-staff');
    const copy = inboxItem(education.page, title);
    await expect.poll(() => copy.textContent()).toContain('抄送');
    expect(await copy.textContent()).not.toContain('签收时限');

    // The clerk urges the unit now, then gives it two more hours, then recalls the item.
    await clerk.page.goto(trackingUrl);
    await clerk.page.getByText('区政府办公室负责人', { exact: false }).first().waitFor();
    expect(
      // The tracking table's row (the record's own 抄送 line names the unit too).
      await clerk.page.getByRole('row', { name: /^区教育局/ }).textContent(),
    ).toContain('抄送');
    await clerk.page.getByRole('button', { name: '立即催办' }).click();
    await clerk.page.getByText(/已催办 1 个单位/).waitFor();
    await clerk.page.getByRole('button', { name: '延期' }).click();
    const later = new Date(Date.now() + 2 * 3600_000 + 8 * 3600_000).toISOString().slice(0, 16);
    const deadline = clerk.page.getByRole('dialog', { name: '延期' });
    await deadline.getByLabel('新的签收时限（北京时间）').fill(later);
    expect(await accessibilityProblems(clerk.page)).toEqual([]);
    await deadline.getByRole('button', { name: '确认延期' }).click();
    await clerk.page.getByText('已延期').waitFor();
    await clerk.page.getByRole('button', { name: '撤回' }).click();
    const recall = clerk.page.getByRole('dialog', { name: '撤回发文' });
    await recall.getByLabel('撤回原因').fill('内容需要修改，另行发文。');
    await recall.getByRole('button', { name: '确认撤回' }).click();
    await clerk.page.getByText('已撤回', { exact: true }).first().waitFor();
    await clerk.page.getByText(/撤回：内容需要修改，另行发文。/).waitFor();
    expect(await clerk.page.getByRole('button', { name: '立即催办' }).count()).toBe(0);
    await screenshot(clerk.page, 'tracking-recalled');

    // The unit sees 已撤回 and no longer owes it.
    await health.page.reload();
    await expect.poll(() => inboxItem(health.page, title).count()).toBe(0);
    await health.page.getByText('全部', { exact: true }).click();
    await expect.poll(() => inboxItem(health.page, title).textContent()).toContain('已撤回');
    for (const someone of [clerk, head, health, education]) expect(someone.problems).toEqual([]);
  });

  it('takes a feedback request’s answer with a contact, and another unit’s reception problem; the clerk sees both', async () => {
    const clerk = await person('office-clerk');
    const title = `关于报送冬季供暖保障情况的反馈件 ${randomUUID().slice(0, 6)}`;
    await clerk.page.getByRole('link', { name: '发文' }).click();
    // antd's button-style radios hide the input: a person clicks the visible label.
    await clerk.page.getByText('反馈件', { exact: true }).click();
    expect(await clerk.page.getByRole('radio', { name: '反馈件' }).isChecked()).toBe(true);
    await clerk.page.getByLabel('标题').fill(title);
    await clerk.page.getByLabel('正文').fill('请于截止时间前报送本单位供暖保障情况及联系人。');
    const recipients = clerk.page.getByLabel('接收单位');
    for (const unit of ['区住建局', '区民政局']) {
      await recipients.fill(unit);
      await clerk.page
        .getByRole('option', { name: unit, exact: true })
        .waitFor({ state: 'attached' });
      await clerk.page.keyboard.press('Enter');
    }
    await clerk.page.keyboard.press('Escape');
    const tomorrow = new Date(Date.now() + 24 * 3600_000 + 8 * 3600_000).toISOString().slice(0, 16);
    await clerk.page.getByLabel('反馈截止时间（北京时间）').fill(tomorrow);
    await clerk.page.getByRole('checkbox', { name: /不涉密/ }).check();
    await clerk.page.getByRole('button', { name: '发送' }).click();
    await clerk.page.getByRole('heading', { name: title }).waitFor();

    // The housing bureau acknowledges and answers from the item's page, with a contact person and phone.
    const housing = await person('housing-staff');
    await inboxItem(housing.page, title).getByRole('link', { name: title }).click();
    // The item's own page (the inbox, with other items to sign, stays until it has loaded).
    await housing.page.getByRole('heading', { level: 2, name: title }).waitFor();
    await housing.page.getByRole('button', { name: '签收' }).click();
    // After 签收 the page holds two forms: the answer, and a reception problem (until the answer).
    const answerForm = housing.page.getByRole('form', { name: '填写反馈' });
    await answerForm.getByLabel('办理情况').fill('已完成全区供暖管网巡检，24小时值守。');
    await answerForm.getByLabel('联系人').fill('李明');
    await answerForm.getByLabel('联系电话').fill('0311-86012345');
    expect(await housing.page.getByRole('form', { name: '接收有问题' }).count()).toBe(1);
    await answerForm.getByRole('button', { name: '提交反馈' }).click();
    await housing.page.getByText('反馈已提交').waitFor();
    // The form gives way to what the unit answered.
    await housing.page.getByRole('heading', { name: '本单位反馈' }).waitFor();
    expect(await housing.page.getByLabel('联系人').count()).toBe(0);
    expect(await housing.page.getByText('已完成全区供暖管网巡检，24小时值守。').count()).toBe(1);
    await screenshot(housing.page, 'item-answered');

    // Civil affairs cannot read it and says so, leaving a contact.
    const civil = await person('civil-affairs-staff');
    await inboxItem(civil.page, title).getByRole('link', { name: title }).click();
    await civil.page.getByLabel('问题描述').fill('正文显示不全，请重新发送。');
    await civil.page.getByLabel('联系人').fill('赵芳');
    await civil.page.getByLabel('联系电话').fill('0311-86054321');
    await civil.page.getByRole('button', { name: '报告接收问题' }).click();
    await civil.page.getByText('已告知发文单位').waitFor();

    await clerk.page.reload();
    const row = (unit: string) => clerk.page.getByRole('row').filter({ hasText: unit });
    await expect.poll(() => row('区住建局').textContent()).toContain('已反馈');
    expect(await row('区住建局').textContent()).toContain('李明');
    expect(await row('区民政局').textContent()).toContain('接收有问题');
    expect(await clerk.page.getByText('正文显示不全，请重新发送。').count()).toBe(1);
    await screenshot(clerk.page, 'tracking-feedback');
    expect(await accessibilityProblems(clerk.page)).toEqual([]);
    for (const { problems } of [clerk, housing, civil]) expect(problems).toEqual([]);
  });

  it('can be worked with the keyboard alone: sign in, find the item, 签收', async () => {
    const clerk = await person('office-clerk');
    const title = `关于开展安全生产检查的通知 ${randomUUID().slice(0, 6)}`;
    await compose(clerk.page, title, ['区教育局']);
    await clerk.page.getByRole('heading', { name: title }).waitFor();

    const education = await unsigned();
    const { page } = education;
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('用户名').waitFor();
    // The sign-in page puts the cursor in 用户名.
    await page.keyboard.type('education-staff');
    await page.keyboard.press('Tab');
    await page.keyboard.type('xinhua-local');
    await page.keyboard.press('Enter');
    await menu(page).waitFor();
    const acknowledge = inboxItem(page, title).getByRole('button', { name: '签收' });
    await acknowledge.waitFor();
    let presses = 0;
    while (!(await acknowledge.evaluate((button) => button.matches(':focus')))) {
      await page.keyboard.press('Tab');
      presses += 1;
      expect(presses, 'the 签收 button is reachable with Tab').toBeLessThan(60);
    }
    await screenshot(page, 'inbox-keyboard-focus');
    await page.keyboard.press('Enter');
    await page.getByText(`已签收：${title}`).waitFor();
    expect(education.problems).toEqual([]);
  });

  it('chooses exactly the units typed with the keyboard: Enter takes one, Tab leaves the field; its list has a name', async () => {
    const clerk = await person('office-clerk');
    const { page } = clerk;
    await page.getByRole('link', { name: '发文' }).click();
    const recipients = page.getByLabel('接收单位');
    await recipients.click();
    // The list as a person uses it, open: axe judges it in that state too.
    await page.getByRole('option').first().waitFor({ state: 'attached' });
    expect(await accessibilityProblems(page)).toEqual([]);
    for (const unit of ['卫生', '教育']) {
      await page.keyboard.type(unit);
      await page
        .getByRole('option', { name: new RegExp(unit) })
        .first()
        .waitFor({ state: 'attached' });
      await page.keyboard.press('Enter');
    }
    await page.keyboard.press('Tab');
    const chosen = page.locator('.ant-select-selection-item-content');
    await expect.poll(() => chosen.allTextContents()).toEqual(['区卫生局', '区教育局']);
    // Tab again, from the next field and back: still the same two.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => chosen.allTextContents()).toEqual(['区卫生局', '区教育局']);
    await screenshot(page, 'compose-keyboard');
    expect(clerk.problems).toEqual([]);
  });
});

describe('掌上新华’s columns in the console', () => {
  it('lets the clerk write an article in Markdown, preview it as citizens will see it, and publish it; answers a citizen’s question in public; finds a received document by 文号', async () => {
    const clerk = await person('office-clerk');
    const title = `冬季供暖报修指南 ${randomUUID().slice(0, 6)}`;
    await clerk.page.getByRole('link', { name: '文章' }).click();
    await clerk.page.getByRole('button', { name: '写文章' }).click();
    await clerk.page.getByLabel('标题').fill(title);
    await clerk.page
      .getByLabel('正文（Markdown）')
      .fill('## 报修电话\n\n- 供热公司：0311-12345\n- 社区服务站\n\n<script>alert(1)</script>');
    await clerk.page.getByRole('button', { name: '预览' }).click();
    const preview = clerk.page.getByRole('heading', { name: `预览：${title}` });
    await preview.waitFor();
    await clerk.page.getByRole('heading', { name: '报修电话' }).waitFor();
    await clerk.page.getByText('<script>alert(1)</script>', { exact: true }).waitFor();
    // Saved as a draft by 预览: the address is the article's now, and the preview stays.
    await expect.poll(() => clerk.page.url()).toMatch(/\/articles\/[0-9A-Z]{26}$/);
    await clerk.page.getByRole('heading', { name: '报修电话' }).waitFor();
    expect(await accessibilityProblems(clerk.page)).toEqual([]);
    await clerk.page.getByRole('heading', { name: '报修电话' }).scrollIntoViewIfNeeded();
    await screenshot(clerk.page, 'article-preview');
    await clerk.page.getByRole('button', { name: '发布' }).click();
    await clerk.page.getByText(/发布于/).waitFor();
    await clerk.page.getByRole('button', { name: '撤下' }).waitFor();
    await menu(clerk.page).getByRole('link', { name: '文章' }).click();
    const row = clerk.page.getByRole('row').filter({ hasText: title });
    await expect.poll(() => row.textContent()).toContain('已发布');

    // A citizen asks; the clerk answers in public.
    const question = `供暖不热找谁？${randomUUID().slice(0, 4)}`;
    const asked = await fetch(`${baseUrl}/public/questions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
    });
    expect(asked.status).toBe(201);
    await menu(clerk.page).getByRole('link', { name: '群众提问' }).click();
    const form = clerk.page.getByRole('form', { name: `答复：${question.slice(0, 20)}` });
    await form.getByLabel('答复', { exact: true }).fill('请拨打供热公司报修电话。');
    expect(await accessibilityProblems(clerk.page)).toEqual([]);
    await screenshot(clerk.page, 'questions-open');
    await form.getByRole('button', { name: '答复' }).click();
    await expect.poll(() => form.count()).toBe(0);
    await clerk.page.getByRole('tab', { name: '已答复' }).click();
    await clerk.page.getByText('答：请拨打供热公司报修电话。').first().waitFor();

    // 资料查询: the health bureau finds what it received by 文号.
    const docNumber = `新区办发〔2026〕${String(Date.now()).slice(-6)}号`;
    const sentTitle = `关于供暖保障的通知 ${randomUUID().slice(0, 6)}`;
    const sent = await http('POST', '/dispatches', {
      token: await tokenFor('district-office', 'district-office'),
      body: {
        kind: 'notice',
        title: sentTitle,
        body: '请做好供暖保障。',
        docNumber,
        recipients: ['health'],
        declaredUnclassified: true,
      },
    });
    expect(sent.status).toBe(201);
    const health = await person('health-staff');
    await health.page.getByLabel('按标题或文号查询').fill(docNumber);
    await health.page.getByLabel('按标题或文号查询').press('Enter');
    await inboxItem(health.page, sentTitle).waitFor();
    await expect.poll(() => health.page.getByRole('article').count()).toBe(1);
    expect(await accessibilityProblems(health.page)).toEqual([]);
    for (const { problems } of [clerk, health]) expect(problems).toEqual([]);
  });
});
