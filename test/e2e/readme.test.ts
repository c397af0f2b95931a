import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseUrl } from '../support/client.ts';

/** Runs the README's `sh` session that begins with API=… and names `marker`, against the running platform; its output. */
function runSession(marker: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const session = [...readme.matchAll(/```sh\n(API=http:\/\/127\.0\.0\.1:3000\n[\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .find((text) => text.includes(marker));
  expect(session, `a README session with ${marker}`).toBeDefined();
  return execFileSync(
    'bash',
    ['-euo', 'pipefail', '-c', session!.replace('API=http://127.0.0.1:3000', `API=${baseUrl}`)],
    { encoding: 'utf8', env: process.env },
  );
}

describe('the README', () => {
  it('opens with the two commands a newcomer runs', () => {
    const readme = readFileSync('README.md', 'utf8');
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toMatch(/^npm ci && npm start/m);
    expect(firstBlock).toMatch(/^npm test/m);
  });

  it('has a curl session that works as written', () => {
    const output = runSession('/dispatches');
    const lines = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const [sent, inbox, ack, status] = lines;
    expect(sent).toMatchObject({ kind: 'notice', recipientCount: 2 });
    expect(inbox.items.some((item: { dispatchId: string }) => item.dispatchId === sent.id)).toBe(
      true,
    );
    expect(ack).toMatchObject({
      dispatchId: sent.id,
      status: 'acknowledged',
      acknowledgedBy: 'duty-zhang',
    });
    expect(status.receipts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unitId: 'health', status: 'acknowledged' }),
        expect.objectContaining({ unitId: 'education', status: 'pending' }),
      ]),
    );
  });

  it('has a citizen report session that works as written', () => {
    const output = runSession('/public/reports');
    const [services, created] = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(services.items.map((service: { code: string }) => service.code)).toContain(
      'city-appearance',
    );
    expect(created).toMatchObject({
      id: expect.any(String),
      trackingToken: expect.any(String),
      uploads: [expect.objectContaining({ url: expect.any(String) })],
    });
  });
});

describe('the README’s Open311 session', () => {
  it('files a work order form-encoded and lists the closed ones, as written', () => {
    const output = runSession('/open311/v2/');
    const [created, closed] = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(created).toEqual([
      {
        service_request_id: expect.stringMatching(/^[0-9A-Z]{26}$/),
        service_notice: expect.stringMatching(/^受理编号 XH\d{8}-\d{4}$/),
      },
    ]);
    expect(Array.isArray(closed)).toBe(true);
  });
});

describe('the README’s accounts session', () => {
  it('works as written: an admin, their township admin, a member of staff and a head, each signed in', () => {
    const output = runSession('/accounts');
    const [admin, staff, head, listed, staffInbox, headInbox] = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(admin).toMatchObject({
      username: 'zl-admin',
      group: 'unit-admin',
      unitId: 'zhaoling-town',
    });
    expect(staff).toMatchObject({ username: 'zl-staff', group: 'unit-staff' });
    expect(head).toMatchObject({ username: 'zl-head', group: 'unit-head' });
    expect(listed.items.map((account: { username: string }) => account.username)).toEqual(
      expect.arrayContaining(['zl-admin', 'zl-staff', 'zl-head']),
    );
    expect(staffInbox.items).toEqual(expect.any(Array));
    expect(headInbox.items).toEqual(expect.any(Array));
  });
});
