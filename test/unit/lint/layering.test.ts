import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md's "what never imports what" is held by ESLint zones
 * (eslint.config.js); these prove the zones are in force, by linting a
 * forbidden import as if it were written in each layer.
 */
const eslint = new ESLint({
  // Import rules need no types: parsing without TypeScript's project service takes milliseconds, not a minute.
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) =>
    ruleId === 'import-x/no-restricted-paths' ||
    ruleId === 'no-restricted-imports' ||
    ruleId === '@typescript-eslint/no-restricted-imports',
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map(
    (message) => `${message.ruleId ?? 'parse'}: ${message.message}`,
  );
}

describe('layering', () => {
  it.each([
    ['shared/domain/access.ts', "import { store } from '../store/context.ts';"],
    ['shared/domain/access.ts', "import { logger } from '../observability/logger.ts';"],
    ['shared/domain/access.ts', "import { SNSClient } from '@aws-sdk/client-sns';"],
    ['shared/store/units.ts', "import { apiHandler } from '../http/apiHandler.ts';"],
    ['shared/contract/units.ts', "import { listUnits } from '../store/units.ts';"],
    ['shared/store/units.ts', "import { handler } from '../../functions/units/handler.ts';"],
    ['functions/units/handler.ts', "import { createGateway } from '../../local/gateway.ts';"],
    ['functions/units/handler.ts', "import { PlatformStack } from '../../infra/stack.ts';"],
    ['infra/stack.ts', "import { createGateway } from '../local/gateway.ts';"],
    // The composition roots wire adapters; nothing below them reaches across.
    ['shared/aws/s3.ts', "import { countRequest } from '../store/rateLimits.ts';"],
    ['shared/sms/sns.ts', "import type { Store } from '../store/context.ts';"],
    ['shared/sms/aliyun.ts', "import { secretText } from '../aws/secrets.ts';"],
    ['shared/http/apiHandler.ts', "import { countRequest } from '../store/rateLimits.ts';"],
    ['functions/units/lambda.ts', "import { localPlatform } from '../../local/localPlatform.ts';"],
    ['functions/lambdaPlatform.ts', "import { outboxSmsSender } from '../local/outboxes.ts';"],
    // The console: shared code as types only, never the store; features never import each other.
    ['web/console/src/lib/api.ts', "import { units } from '../../../../shared/contract/units.ts';"],
    [
      'web/console/src/lib/api.ts',
      "import type { Store } from '../../../../shared/store/context.ts';",
    ],
    [
      'web/console/src/features/inbox/components/InboxPage.tsx',
      "import { useSendDispatch } from '../../dispatches/api/dispatches.ts';",
    ],
    // What bench/console.ts found weighing on the inbox's first load.
    ['web/console/src/app/App.tsx', "import zhCN from 'antd/locale/zh_CN';"],
    ['web/console/src/components/QueryState.tsx', "import { Result } from 'antd';"],
  ])('refuses, in %s: %s', async (file, code) => {
    const found = await problems(file, `${code}\n`);
    expect(found).not.toEqual([]);
    for (const problem of found) {
      expect(problem).toMatch(
        /^(import-x\/no-restricted-paths|(@typescript-eslint\/)?no-restricted-imports): /,
      );
    }
  });

  it('lets each layer import what lies below it', async () => {
    expect(
      await problems(
        'functions/units/handler.ts',
        "import { store } from '../../shared/store/context.ts';\n",
      ),
    ).toEqual([]);
    expect(
      await problems('shared/store/units.ts', "import type { Unit } from '../domain/units.ts';\n"),
    ).toEqual([]);
    expect(
      await problems(
        'web/console/src/features/inbox/components/InboxPage.tsx',
        "import type { Group } from '../../../../../../shared/domain/principal.ts';\nimport { api } from '../../../lib/api.ts';\n",
      ),
    ).toEqual([]);
  });
});
