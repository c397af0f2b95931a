import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { newLocalDir, startPlatform } from './platform.ts';

/**
 * One platform for the end-to-end tests, started with `npm start` in a
 * directory of its own. The browser tests' is a newcomer's first start (no
 * `.local/` yet): it opens on the demo week, as people find it; the HTTP
 * tests' starts empty.
 */
export default async function setup(project: TestProject) {
  const root = newLocalDir();
  const platform = await startPlatform({
    localDir: project.name === 'browser' ? join(root, '.local') : root,
  });
  project.provide('baseUrl', platform.baseUrl);
  project.provide('localDir', platform.localDir);
  project.provide('platformOutput', platform.output());
  return async () => {
    await platform.stop();
    rmSync(root, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    localDir: string;
    /** What `npm start` printed until it was ready. */
    platformOutput: string;
  }
}
