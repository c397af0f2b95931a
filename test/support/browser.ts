import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../local/demoAccounts.ts';

/**
 * Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it):
 * Playwright's own download cannot reach the network here. Its headless
 * build (`apt-get install chromium-headless-shell`, the same Blink without
 * the browser's own UI) when it is there: the same screens for ≈ 8% less
 * CPU (the consoleUnits file: 100 → 92 s).
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
export const CHROMIUM =
  process.env['CHROMIUM_PATH'] ??
  (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where screenshots go: look at them (README "Browser tests"). */
export const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', 'test-results', 'screens');

/**
 * A person's browser: its own cookies and storage, Chinese, Shanghai time,
 * collecting what would go wrong unseen (script errors, refused CSP, console
 * errors) so that each test can say there was none.
 */
export interface Person {
  context: BrowserContext;
  page: Page;
  /** Script errors and console errors, CSP refusals among them. */
  problems: string[];
}

export async function openBrowser(
  browser: Browser,
  device: BrowserContextOptions = { viewport: { width: 1366, height: 860 } },
): Promise<Person> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // As someone who asks their system for less motion: the console then animates nothing, and
    // a screen is ready when it is drawn (the consoleUnits file: 129 → 108 s).
    reducedMotion: 'reduce',
    ...device,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The browser logs every 4xx fetch; the response handler below names it.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  return { context, page, problems };
}

/** Signs in as a person would: the console sends them to the sign-in page and back. */
export async function signIn(person: Person, baseUrl: string, username: string): Promise<void> {
  const { page } = person;
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  // Signed in: the console's header offers 退出 (on a phone the menu itself is folded away).
  await page.getByRole('button', { name: '退出' }).waitFor({ timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical findings on the page as it is now (WCAG
 * 2.1 A and AA). Evaluated through the DevTools protocol, which the page's
 * CSP does not govern, so the CSP stays as strict as deployed.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Once per document: the console moves between screens without loading a new one.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page: its globals, not Node's.
    const page = globalThis as unknown as {
      axe: { run: (...args: unknown[]) => Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    const results = await page.axe.run(page.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      // Only the violations are read: axe then spares the work of detailing every pass.
      resultTypes: ['violations'],
    });
    return results.violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

/**
 * One Chromium for a test file and the people it opens, closed after the
 * file: `person` signs someone in, `unsigned` opens a browser nobody is
 * signed in to yet.
 */
export function browserForFile(baseUrl: string) {
  let browser: Browser | undefined;
  const people: Person[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(people.map(({ context }) => context.close().catch(() => undefined)));
    await browser?.close();
  });
  const unsigned = async (device?: BrowserContextOptions) => {
    if (!browser) throw new Error('the browser is not open yet');
    const opened = await openBrowser(browser, device);
    people.push(opened);
    return opened;
  };
  return {
    unsigned,
    person: async (username: string, device?: BrowserContextOptions) => {
      const opened = await unsigned(device);
      await signIn(opened, baseUrl, username);
      return opened;
    },
  };
}

/** A phone in a citizen's hand: a narrow screen, touch, a high-density display. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

/** The console's main menu. */
export const menu = (page: Page) => page.getByRole('navigation', { name: '主菜单' });
