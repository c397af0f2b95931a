import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

/**
 * How every function is bundled, for CDK (local esbuild, never Docker) and
 * for `bench/bundles.ts`, which measures exactly what is deployed: one ESM
 * file, `index.mjs`, for what every request needs, and a chunk for each
 * module a route imports only when it runs (`await import(...)`, such as the
 * Excel export's exceljs), which Node then parses only when it is asked for.
 */
const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  treeShaking: true,
  mainFields: ['module', 'main'],
  splitting: true,
  entryNames: 'index',
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // Some CommonJS dependencies call require(); ESM bundles need it defined.
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
} satisfies BuildOptions;

/** A function's entry in AWS: its handler on the Lambda composition root (functions/lambdaPlatform.ts). */
export const functionEntry = (name: string) => `functions/${name}/lambda.ts`;

/**
 * Packages a function loads from its own `node_modules` instead of its
 * bundle: native code built for Lambda's Linux on arm64, which esbuild
 * cannot bundle (sharp's libvips, for the photo check and articles' images).
 */
export const NATIVE_MODULES: Record<string, string[]> = {
  uploads: ['sharp'],
  // Re-encodes an article's images when it is published.
  articles: ['sharp'],
};

/**
 * The linux-arm64 build of a native package, at the version in
 * node_modules, installed once into a cache beside it (`npm install
 * --cpu=arm64 --os=linux`, from npm's cache when it has it): what `npm ci`
 * installs is this machine's build, not Lambda's.
 */
function lambdaBuildOf(name: string): string {
  const { version } = JSON.parse(
    readFileSync(join('node_modules', name, 'package.json'), 'utf8'),
  ) as { version: string };
  const prefix = join('node_modules', '.cache', 'lambda-linux-arm64', `${name}-${version}`);
  if (!existsSync(join(prefix, 'node_modules', name, 'package.json'))) {
    try {
      execFileSync(
        'npm',
        [
          'install',
          '--prefix',
          prefix,
          '--no-save',
          '--no-package-lock',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          '--omit=dev',
          '--cpu=arm64',
          '--os=linux',
          '--libc=glibc',
          `${name}@${version}`,
        ],
        { stdio: 'pipe' },
      );
    } catch (error) {
      throw new Error(
        `cannot get ${name}@${version} built for Lambda (linux-arm64) from npm: ${String((error as { stderr?: unknown }).stderr ?? error)}`,
      );
    }
  }
  return join(prefix, 'node_modules');
}

/**
 * Bundles one entry (a function's handler) into `outdir`: its `index.mjs`
 * and chunks, and the Lambda build of each `native` package in its
 * `node_modules`. Gives each file bundled with its size and whether it
 * loads with `index.mjs` (imported statically) or only when a route asks
 * for it.
 */
export function bundle(
  entry: string,
  outdir: string,
  native: string[] = [],
): { file: string; bytes: number; atStart: boolean }[] {
  const { metafile } = buildSync({
    ...ESBUILD_OPTIONS,
    entryPoints: [entry],
    outdir,
    external: native,
    metafile: true,
    logLevel: 'warning',
  });
  for (const name of native)
    cpSync(lambdaBuildOf(name), join(outdir, 'node_modules'), { recursive: true });
  const outputs = metafile.outputs;
  const index = Object.keys(outputs).find((file) => file.endsWith('/index.mjs')) ?? '';
  const atStart = new Set<string>();
  const visit = (file: string) => {
    if (atStart.has(file)) return;
    atStart.add(file);
    for (const imported of outputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(index);
  return Object.entries(outputs).map(([file, output]) => ({
    file,
    bytes: output.bytes,
    atStart: atStart.has(file),
  }));
}
