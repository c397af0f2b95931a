import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, for CDK (local esbuild, never Docker) and
 * for `bench/bundles.ts`, which measures exactly what is deployed.
 */
export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  treeShaking: true,
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); ESM bundles need it defined.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
} satisfies BuildOptions;

export const functionEntry = (name: string) => `functions/${name}/handler.ts`;
