import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import consoleConfig from '../../../web/console/vite.config.ts';

const root = resolve(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'console-build-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Builds a one-module app with the console's Vite configuration. */
function buildImporting(module: string, name: string) {
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><body><script type="module" src="./main.ts"></script></body></html>',
  );
  writeFileSync(join(dir, 'main.ts'), `export * as rule from '${join(root, module)}';\n`);
  return build({
    ...(consoleConfig as InlineConfig),
    root: dir,
    logLevel: 'silent',
    build: { outDir: join(dir, `dist-${name}`), write: false },
  });
}

// The console runs shared/domain rules in the browser; one that needs Node must stay on the server.
describe('the console’s build', { timeout: 60_000 }, () => {
  it('refuses a domain module that needs Node', async () => {
    await expect(buildImporting('shared/domain/reports.ts', 'node')).rejects.toThrow(
      /imports node:crypto: Node code cannot run in the browser/,
    );
  });

  it('takes a domain rule that needs nothing but the language', async () => {
    await expect(buildImporting('shared/domain/reportStatus.ts', 'pure')).resolves.toBeDefined();
  });
});
