import { execSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { baseUrl, http, tokenFor } from '../support/client.ts';

/** What a browser and a proxy see of every reply: the headers API.md asks for, locally as deployed. */
describe('reply headers', () => {
  // The console is served by the platform itself: its origin is the API's.
  const origin = new URL(baseUrl).origin;

  it('sends no CORS headers at all: the web apps and the API share one origin, as behind CloudFront', async () => {
    const foreign = 'https://elsewhere.example.com';
    const replies = [
      await fetch(`${baseUrl}/inbox`, { headers: { origin } }),
      await fetch(`${baseUrl}/nowhere`, { headers: { origin } }),
      await fetch(`${baseUrl}/public/services`, { headers: { origin: foreign } }),
      await fetch(`${baseUrl}/health`, { headers: { origin } }),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([401, 404, 200, 200]);
    const preflight = await fetch(`${baseUrl}/inbox`, {
      method: 'OPTIONS',
      headers: {
        origin: foreign,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(404);
    for (const reply of [...replies, preflight])
      for (const [name] of reply.headers) expect(name).not.toMatch(/^access-control-/);
  });

  it('serves the console at / with its security policy, its configuration, and its hashed assets cached for good', async () => {
    const page = await fetch(`${baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN"');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const asset = await fetch(`${baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const config = await (await fetch(`${baseUrl}/config.json`)).json();
    expect(config).toEqual({
      apiUrl: '',
      authority: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      clientId: 'xinhua-console',
    });
    // Nothing outside a build is served: not the sources, not a path that climbs out.
    for (const path of ['/src/main.tsx', '/../package.json', '/%2e%2e/package.json'])
      expect((await fetch(`${baseUrl}${path}`)).status).toBe(404);

    // SPA fallback: a page request for an old or mistyped link opens the console…
    const asPage = { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } };
    const fallback = await fetch(`${baseUrl}/old/link`, asPage);
    expect(fallback.status).toBe(200);
    expect(await fallback.text()).toBe(html);
    // …while an API client, a missing file and a source file still get the API's 404.
    expect((await fetch(`${baseUrl}/old/link`)).status).toBe(404);
    for (const path of ['/assets/missing.js', '/src/main.tsx', '/../package.json'])
      expect((await fetch(`${baseUrl}${path}`, asPage)).status).toBe(404);
  });

  it('sends nosniff on every reply, no-store on personal ones, and lets the public category list be cached', async () => {
    const token = await tokenFor('unit-staff', 'health');
    const inbox = await http('GET', '/inbox', { token });
    const created = await http('POST', '/public/reports', {
      body: {
        serviceCode: 'city-appearance',
        description: '井盖缺失',
        lat: 38.05,
        lng: 114.46,
        photos: [],
      },
    });
    const tracked = await http('GET', `/public/reports/${created.body.id}`, {
      headers: { 'x-tracking-token': created.body.trackingToken },
    });
    const refused = await http('GET', '/inbox');
    const services = await http('GET', '/public/services');
    for (const reply of [inbox, created, tracked, refused, services]) {
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    }
    for (const reply of [inbox, created, tracked])
      expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(services.headers.get('cache-control')).toBe('public, max-age=300');
  });
});

describe('npm start’s hint for tokens', () => {
  it('prints a command that works as printed, LOCAL_DIR included', async () => {
    const output = inject('platformOutput');
    const command = /tokens: (.+)$/m.exec(output)?.[1];
    expect(command).toContain(`LOCAL_DIR=${inject('localDir')}`);
    const token = execSync(command!, {
      encoding: 'utf8',
      env: { ...process.env, LOCAL_DIR: '' },
    }).trim();
    expect((await http('GET', '/inbox', { token })).status).toBe(200);
  });
});
