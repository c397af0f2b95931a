/**
 * For each function: its bundle size (built exactly as CDK builds it) and
 * its cold import time against a hello-world bundle built the same way,
 * measured side by side, interleaved, in one run. `npm run bench:bundles`
 *
 * Size = what loads with `index.mjs` (the file and the chunks it imports
 * statically), and the chunks a route loads only when it runs.
 *
 * Import time = wall time of a fresh `node` process that imports the bundle
 * (what a Lambda cold start pays on top of the runtime): the median of RUNS,
 * and the fastest of them (a busy machine only ever adds time, so the
 * fastest is the least disturbed); and the CPU time that process used.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, functionEntry, NATIVE_MODULES } from '../infra/bundling.ts';
import { FUNCTIONS } from '../shared/routes.ts';

const RUNS = Number(process.env['RUNS'] ?? 21);
const out = join(process.cwd(), '.bench');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'hello.ts'),
  "export const handler = async () => ({ statusCode: 200, body: 'hello' });\n",
);

const entries: Record<string, string> = { 'hello-world': join(out, 'hello.ts') };
for (const name of [...FUNCTIONS, 'reminders', 'uploads', 'auditDigest'])
  entries[name] = functionEntry(name);

const bundles: Record<string, string> = {};
const sizes: Record<string, { atStart: number; lazy: number }> = {};
for (const [name, entry] of Object.entries(entries)) {
  const outdir = join(out, name);
  rmSync(outdir, { recursive: true, force: true });
  const files = bundle(entry, outdir, NATIVE_MODULES[name]);
  const total = (atStart: boolean) =>
    files.filter((file) => file.atStart === atStart).reduce((sum, file) => sum + file.bytes, 0);
  bundles[name] = join(outdir, 'index.mjs');
  sizes[name] = { atStart: total(true), lazy: total(false) };
}

const env = {
  ...process.env,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TABLE_NAME: 'bench',
  AUDIT_TABLE_NAME: 'bench-audit',
  AWS_REGION: 'cn-north-1',
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'x',
};
const coldImport = (file: string) => {
  const started = process.hrtime.bigint();
  const script = `await import(${JSON.stringify(file)}); const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env,
    stdio: 'pipe',
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${file}: ${result.stderr}`);
  return { wall: Number(process.hrtime.bigint() - started) / 1e6, cpu: Number(result.stdout) };
};

const wall: Record<string, number[]> = Object.fromEntries(
  Object.keys(bundles).map((name) => [name, []]),
);
const cpu: Record<string, number[]> = Object.fromEntries(
  Object.keys(bundles).map((name) => [name, []]),
);
for (let run = 0; run < RUNS; run++) {
  for (const [name, file] of Object.entries(bundles)) {
    const measured = coldImport(file);
    wall[name]!.push(measured.wall);
    cpu[name]!.push(measured.cpu);
  }
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fastest = (values: number[]) => Math.min(...values);
const helloWall = median(wall['hello-world']!);
const helloCpu = median(cpu['hello-world']!);
const helloFastest = fastest(wall['hello-world']!);

console.log(
  `bundle size and cold import vs hello-world, node ${process.version}, ${RUNS} interleaved runs (target: every function <= 1.4x)`,
);
console.log(
  'function      loaded at start  lazy chunks   wall, median  ratio   wall, fastest  ratio   CPU, median  ratio',
);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
for (const name of Object.keys(bundles)) {
  const [w, f, c] = [median(wall[name]!), fastest(wall[name]!), median(cpu[name]!)];
  const size = sizes[name]!;
  console.log(
    `${name.padEnd(13)} ${kb(size.atStart)}    ${kb(size.lazy)}    ${ms(w)}  ${(w / helloWall).toFixed(2)}x     ${ms(f)}  ${(f / helloFastest).toFixed(2)}x    ${ms(c)}  ${(c / helloCpu).toFixed(2)}x`,
  );
}
