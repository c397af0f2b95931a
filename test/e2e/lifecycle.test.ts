import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamoLocal.ts';
import { javaProcessesOf, newLocalDir, startPlatform } from '../support/platform.ts';

describe('npm start', () => {
  it('leaves no Java behind when its process is killed outright (SIGKILL)', async () => {
    const platform = await startPlatform();
    expect(javaProcessesOf(platform.localDir)).toHaveLength(1);
    const node = platform.nodePid();
    expect(node).toBeGreaterThan(0);
    process.kill(node!, 'SIGKILL');
    // The watchdog looks every second; npm ends once its child is gone.
    await expect
      .poll(() => javaProcessesOf(platform.localDir), { timeout: 15_000, interval: 250 })
      .toEqual([]);
    await platform.stop();
  });

  // Three `npm start`s one after another: each may take most of a minute on a busy two-core machine.
  it(
    'stops every child on SIGTERM, keeps the data across restarts, and --fresh empties it',
    { timeout: 240_000 },
    async () => {
      // A first start (no such directory yet) with --fresh: an empty platform, no demo week.
      const localDir = join(newLocalDir(), '.local');
      const first = await startPlatform({ localDir, args: ['--fresh'] });
      expect(javaProcessesOf(localDir)).toHaveLength(1);
      // A token signed with the key that start made in the directory.
      process.env['LOCAL_DIR'] = localDir;
      const { issueToken } = await import('../../local/tokens.ts');
      const office = await issueToken({ group: 'district-office', unit: 'district-office' });
      const get = (baseUrl: string, path: string) =>
        fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${office}` } });
      expect(first.output()).not.toContain('demo week');
      const none = (await (await get(first.baseUrl, '/dispatches')).json()) as { items: unknown[] };
      expect(none.items).toEqual([]);
      const sent = await fetch(`${first.baseUrl}/dispatches`, {
        method: 'POST',
        headers: { authorization: `Bearer ${office}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'notice',
          title: '重启测试',
          body: '内容',
          recipients: ['health'],
          declaredUnclassified: true,
        }),
      });
      const { id } = (await sent.json()) as { id: string };
      expect(await first.stop()).toBe(0);
      expect(javaProcessesOf(localDir)).toEqual([]);

      const second = await startPlatform({ localDir });
      expect((await get(second.baseUrl, `/dispatches/${id}`)).status).toBe(200);
      await second.stop();

      const fresh = await startPlatform({ localDir, args: ['--fresh'] });
      expect((await get(fresh.baseUrl, `/dispatches/${id}`)).status).toBe(404);
      expect(
        ((await (await get(fresh.baseUrl, '/units')).json()) as { items: unknown[] }).items.length,
      ).toBeGreaterThan(9);
      await fresh.stop();
      expect(javaProcessesOf(localDir)).toEqual([]);
      rmSync(dirname(localDir), { recursive: true, force: true });
    },
  );

  it('says in one line that the port is in use', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '127.0.0.1');
    const localDir = newLocalDir();
    try {
      await expect(startPlatform({ localDir, port })).rejects.toThrow(
        `error: port ${port} is in use`,
      );
    } finally {
      blocker.close();
    }
    expect(javaProcessesOf(localDir)).toEqual([]);
    rmSync(localDir, { recursive: true, force: true });
  });

  it('says in one line that Java is missing', () => {
    const bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const localDir = newLocalDir();
    const run = spawnSync(join(bin, 'node'), ['--import', 'tsx', 'local/start.ts'], {
      env: { PATH: bin, LOCAL_DIR: localDir, PORT: '0' },
      encoding: 'utf8',
    });
    rmSync(bin, { recursive: true, force: true });
    rmSync(localDir, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^error: DynamoDB Local needs Java 17 or newer/),
    ]);
  });
});
