/**
 * The staff console's first load. `npm run bench:console`
 *
 * 1. Bytes: the JavaScript and CSS a signed-in unit's first visit to the
 *    inbox fetches, as Chromium saw it, gzip-compressed from the Vite build
 *    (target ≤ 350 KB), beside everything the build holds.
 * 2. Time: navigation to the inbox list rendered, in Chromium against the
 *    local platform (`npm start`, started here), median of RUNS, with the
 *    browser cache disabled (a first visit) and enabled (the next morning);
 *    beside it, in the same run and interleaved, the navigation to a
 *    one-line file of the same server (`/config.json`): the floor that the
 *    machine, the browser and the gateway set. Ratios are the figures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, openBrowser, signIn } from '../test/support/browser.ts';
import { startPlatform } from '../test/support/platform.ts';

/** The page's globals, in functions that run in the browser (this file is typed for Node). */
type InPage = {
  document: { body: unknown; querySelector: (selector: string) => unknown };
  performance: { now: () => number };
};

const RUNS = Number(process.env['RUNS'] ?? 10);
const dist = resolve(import.meta.dirname, '..', 'web', 'console', 'dist');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipped = (file: string) => gzipSync(readFileSync(file)).length;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

// `npm start` builds the console when its build is older than its sources.
const platform = await startPlatform();
const browser = await launchBrowser();
try {
  process.env['LOCAL_DIR'] = platform.localDir;
  const { issueToken } = await import('../local/tokens.ts');
  // Something to list: three notices for the health bureau.
  const clerk = await issueToken({ group: 'district-office', unit: 'district-office' });
  for (const n of [1, 2, 3]) {
    const sent = await fetch(`${platform.baseUrl}/dispatches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'notice',
        title: `关于做好第${n}批冬季安全检查的通知`,
        body: '请各单位按要求落实。',
        recipients: ['health'],
        declaredUnclassified: true,
      }),
    });
    if (sent.status !== 201) throw new Error(`sending a notice: ${sent.status}`);
  }

  const person = await openBrowser(browser);
  await signIn(person, platform.baseUrl, 'health-staff');
  const { page } = person;
  const cdp = await page.context().newCDPSession(page);

  /** Navigation start to the first inbox item in the DOM, by the page's own clock. */
  const inboxRendered = async (): Promise<number> => {
    // From another document: a hash change alone would not load the page.
    await page.goto('about:blank');
    await page.goto(`${platform.baseUrl}/#/inbox`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => {
        const { document, performance } = globalThis as unknown as InPage;
        return document.querySelector('main article') && performance.now();
      },
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    return (await handle.jsonValue()) as number;
  };
  const floor = async (): Promise<number> => {
    await page.goto('about:blank');
    await page.goto(`${platform.baseUrl}/config.json`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => {
        const { document, performance } = globalThis as unknown as InPage;
        return document.body && performance.now();
      },
      undefined,
      { polling: 'raf' },
    );
    return (await handle.jsonValue()) as number;
  };

  // 1. What the inbox's first visit fetches.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const fetched = new Set<string>();
  const collect = (response: { url: () => string }) => {
    const path = new URL(response.url()).pathname;
    if (/\.(js|css)$/.test(path)) fetched.add(path);
  };
  page.on('response', collect);
  await inboxRendered();
  page.off('response', collect);
  const firstLoad = [...fetched].map((path) => join(dist, path));
  const assets = readdirSync(join(dist, 'assets')).filter((name) => /\.(js|css)$/.test(name));
  const gzipOf = (files: string[]) => files.reduce((sum, file) => sum + gzipped(file), 0);
  const firstLoadGzip = gzipOf(firstLoad);
  const allGzip = gzipOf(assets.map((name) => join(dist, 'assets', name)));

  // 2. Time, interleaved: cold (cache disabled) and warm, each beside the floor.
  const times = { cold: [] as number[], warm: [] as number[], floor: [] as number[] };
  const measure = async (cacheDisabled: boolean, into: number[]) => {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled });
    into.push(await inboxRendered());
  };
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await inboxRendered(); // fills the cache for the warm runs
  for (let run = 0; run < RUNS; run++) {
    await measure(true, times.cold);
    await measure(false, times.warm);
    times.floor.push(await floor());
  }
  if (person.problems.length)
    throw new Error(`the console had problems:\n${person.problems.join('\n')}`);

  const [cold, warm, base] = [median(times.cold), median(times.warm), median(times.floor)];
  console.log(`staff console, inbox first load (Vite build, gzip):`);
  console.log(
    `  fetched by the first visit: ${firstLoad.length} files, ${kb(firstLoadGzip)} (target ≤ 350 KB)`,
  );
  for (const file of firstLoad) console.log(`    ${file.slice(dist.length)}  ${kb(gzipped(file))}`);
  console.log(
    `  the whole build: ${assets.length} files, ${kb(allGzip)}; the inbox needs ${((100 * firstLoadGzip) / allGzip).toFixed(0)}%`,
  );
  console.log(`navigation → inbox list rendered, Chromium, median of ${RUNS}:`);
  console.log(
    `  cache disabled ${cold.toFixed(0)} ms, warm cache ${warm.toFixed(0)} ms; /config.json ${base.toFixed(1)} ms`,
  );
  console.log(
    `  ratios: cold / warm ${(cold / warm).toFixed(2)}×, cold / floor ${(cold / base).toFixed(1)}×, warm / floor ${(warm / base).toFixed(1)}×`,
  );
} finally {
  await browser.close();
  await platform.stop();
}
