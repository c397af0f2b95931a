import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startPlatform } from './platform.ts';

/** One platform for the end-to-end tests, started with `npm start` in a directory of its own. */
export default async function setup(project: TestProject) {
  const platform = await startPlatform();
  project.provide('baseUrl', platform.baseUrl);
  project.provide('localDir', platform.localDir);
  project.provide('platformOutput', platform.output());
  return async () => {
    await platform.stop();
    rmSync(platform.localDir, { recursive: true, force: true });
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
