import { execSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { baseUrl, http, tokenFor } from '../support/client.ts';

/** What a browser and a proxy see of every reply: the headers API.md asks for, locally as deployed. */
describe('reply headers', () => {
  const origin = 'https://console.example.gov.cn';

  it('adds CORS headers to the gateway’s own replies too (401, 404, 413, /health), as API Gateway does', async () => {
    const replies = [
      await fetch(`${baseUrl}/inbox`, { headers: { origin } }),
      await fetch(`${baseUrl}/nowhere`, { headers: { origin } }),
      await fetch(`${baseUrl}/public/reports`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: 'x'.repeat(11 * 1024 * 1024),
      }),
      await fetch(`${baseUrl}/health`, { headers: { origin } }),
      await fetch(`${baseUrl}/openapi.json`, { headers: { origin } }),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([401, 404, 413, 200, 200]);
    for (const reply of replies)
      expect(reply.headers.get('access-control-allow-origin')).toBeTruthy();
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
