// @ts-check
import { readdirSync } from 'node:fs';
import eslint from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * DESIGN.md's "what never imports what", held by the linter rather than by
 * memory (as bulletproof-react holds its zones): `target` may not import
 * from `from`.
 */
const LAYERS = [
  {
    target: './shared/domain',
    from: [
      './shared/store',
      './shared/aws',
      './shared/sms',
      './shared/http',
      './shared/observability',
      './functions',
      './local',
      './infra',
    ],
    message: 'domain rules do no I/O: no store, AWS, HTTP, handler or platform code',
  },
  {
    target: './shared/contract',
    from: [
      './shared/store',
      './shared/aws',
      './shared/http',
      './shared/observability',
      './functions',
      './local',
      './infra',
    ],
    message: 'the API contract is zod and domain constants only: the web apps import it',
  },
  {
    target: './shared/store',
    from: ['./shared/http', './functions', './local', './infra'],
    message: 'the store never imports handlers or HTTP code',
  },
  {
    target: './shared/aws',
    from: ['./shared/store', './shared/http'],
    message:
      'AWS adapters speak to AWS only: the composition root hands them to whoever needs them',
  },
  {
    target: './shared/sms',
    from: ['./shared/store', './shared/http', './shared/aws'],
    message: 'SMS adapters speak to their gateway only: the composition root wires them',
  },
  {
    target: './shared/http',
    from: ['./shared/store'],
    message: 'middleware receives ports (shared/platform.ts), never a store',
  },
  {
    target: './shared',
    from: ['./functions', './local', './infra'],
    message:
      'shared code serves the functions; it never imports them, the local platform or the CDK app',
  },
  {
    target: './functions',
    from: ['./local', './infra'],
    message: 'a function runs in Lambda: it never imports the local platform or the CDK app',
  },
  { target: './infra', from: ['./local'], message: 'the CDK app never imports the local platform' },
  {
    target: './web',
    from: [
      './shared/store',
      './shared/aws',
      './shared/http',
      './shared/observability',
      './functions',
      './local',
      './infra',
    ],
    message: 'a web app runs in the browser: it shares the contract and the domain, nothing more',
  },
];

/** bulletproof-react's rule: a feature never imports another; the app composes them. */
const features = (app) =>
  readdirSync(`web/${app}/src/features`).map((feature) => ({
    target: `./web/${app}/src/features/${feature}`,
    from: `./web/${app}/src/features`,
    except: [`./${feature}`],
    message: 'features never import each other: share through lib/ or components/',
  }));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.local/',
      '.bench/',
      'test-results/',
      'web/*/dist/',
      'eslint.config.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      // Numbers in messages and keys are what template strings are for.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `_name` marks a value destructured away on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'import-x/no-restricted-paths': [
        'error',
        { zones: [...LAYERS, ...features('console'), ...features('citizen')] },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // The browser bundles only what it runs: the contract comes in as types (no zod on the wire to
    // the browser twice); domain rules may run there too, so a rule stays in one place (Vite refuses Node modules).
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/*', '!**/shared/domain', '!**/shared/errors.ts'],
              allowTypeImports: true,
              message:
                'import the contract as types only (`import type`); rules from shared/domain',
            },
            {
              // Measured by bench/console.ts: the CommonJS copy and Result's illustrations
              // weighed 80 KB (gzip) on the inbox's first load.
              group: ['antd/lib/*', 'antd/locale/*'],
              message: 'import antd’s ES modules: `antd`, `antd/es/locale/zh_CN`',
            },
          ],
          paths: [
            {
              name: 'antd',
              importNames: ['Result'],
              message:
                'Result ships large illustrations to every screen; use Empty (see QueryState)',
            },
          ],
        },
      ],
      // antd's onFinish and onConfirm take async handlers; their rejections are shown by the handlers themselves.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
    },
  },
  {
    // Domain rules never talk to AWS or HTTP, whatever the path they would take.
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*'],
              message: 'domain rules do no I/O',
            },
          ],
        },
      ],
    },
  },
  {
    // Benches and scripts index tables they just built.
    files: ['bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Tests read JSON answers over HTTP: their shape is what the assertions check, so `any` is the honest type there.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
