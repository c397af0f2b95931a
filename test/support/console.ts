import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The console's own moves, as its people make them (UI.md names). */
export const inboxItem = (page: Page, title: string) => page.getByRole('article', { name: title });

/** Sends a notice from the compose screen as UI.md names its fields. */
export async function compose(page: Page, title: string, units: string[]): Promise<void> {
  await page.getByRole('link', { name: '发文' }).click();
  await page.getByLabel('标题').fill(title);
  await page
    .getByLabel('正文')
    .fill('请各单位于今日17时前完成汛期值班安排，并报区政府办公室备案。');
  const recipients = page.getByLabel('接收单位');
  for (const unit of units) {
    // Type the name, Enter takes the first match: as a clerk picks from a long list. The list
    // narrows a moment after the typing (React renders then): Enter waits for that, as the eye does.
    await recipients.fill(unit);
    const options = page.getByRole('option');
    const named = page.getByRole('option', { name: unit, exact: true });
    await expect
      .poll(
        async () => (await named.count()) > 0 && (await options.count()) === (await named.count()),
      )
      .toBe(true);
    await page.keyboard.press('Enter');
    await page
      .locator('.ant-select-selection-item-content')
      .getByText(unit, { exact: true })
      .waitFor();
  }
  await page.keyboard.press('Escape');
  await page.getByRole('checkbox', { name: /不涉密/ }).check();
  await page.getByRole('button', { name: '发送' }).click();
}
