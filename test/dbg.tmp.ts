import { launchBrowser, openBrowser, PHONE } from '/work/main/test/support/browser.ts';
const browser = await launchBrowser();
const p = await openBrowser(browser, {
  ...PHONE,
  geolocation: { latitude: 38.04, longitude: 114.5 },
  permissions: ['geolocation'],
});
await p.page.goto('http://127.0.0.1:4100/m/');
await p.page.waitForTimeout(2000);
await p.page.screenshot({ path: '/tmp/m.png', fullPage: true });
console.log(p.problems);
console.log((await p.page.accessibility?.snapshot?.()) ?? '');
console.log(
  await p.page
    .locator('form')
    .innerHTML()
    .catch((e) => String(e))
    .then((s) => s.slice(0, 1500)),
);
await browser.close();
