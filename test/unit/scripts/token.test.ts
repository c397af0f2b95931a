import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const token = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'local/token.ts', ...args], {
    cwd: resolve(import.meta.dirname, '../../..'),
    encoding: 'utf8',
  });

describe('npm run token', () => {
  it('prints its usage for --help, and exits 0', () => {
    const help = token('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run --silent token -- --group </);
  });

  it('names an option it does not know, with its usage, and exits 2', () => {
    const wrong = token('--grup', 'unit-staff');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--grup'");
    expect(wrong.stderr).toContain('usage:');
  });
});
