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

export const functionEntry = (name: string) => `functions/${name}/handler.ts`;

/**
 * Bundles one entry (a function's handler) into `outdir`: its `index.mjs`
 * and chunks. Gives each file written with its size and whether it loads
 * with `index.mjs` (imported statically) or only when a route asks for it.
 */
export function bundle(
  entry: string,
  outdir: string,
): { file: string; bytes: number; atStart: boolean }[] {
  const { metafile } = buildSync({
    ...ESBUILD_OPTIONS,
    entryPoints: [entry],
    outdir,
    metafile: true,
    logLevel: 'warning',
  });
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
