import { defineConfig } from 'vitest/config';

// Node 20 here, nodejs22.x on Lambda: the SDK's notice about Node 20 says nothing to a test run.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
// Metrics (EMF) are log lines for CloudWatch; a test run has no use for them.
process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker (cores − 1): every file in turn. Most of a file's
    // time is spent waiting (DynamoDB Local, the platform, Chromium), so two at a time finish sooner.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/globalSetup.ts'],
          setupFiles: ['test/support/tables.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      // Two running platforms, each started once by `npm start`: one for the HTTP tests, one the
      // browser tests share as people share a deployment. Apart, the authorization matrix's
      // hundreds of dispatches to one unit do not push a browser test's item off its inbox page.
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/e2eSetup.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/e2eSetup.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // A screen on a busy two-core machine can take seconds to load: a second is not enough,
          // and under CI's load 15 s once was not either (a tracking page after sending). Playwright's
          // own waits allow 30 s: so do these.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
