// @ts-check
import eslint from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
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
];

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', '.bench/', 'eslint.config.js'] },
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
      'import-x/no-restricted-paths': ['error', { zones: LAYERS }],
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
