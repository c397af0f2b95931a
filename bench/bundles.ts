/**
 * For each function: its bundle size (built exactly as CDK builds it) and
 * its cold import time against two floors built the same way, measured side
 * by side, interleaved, in one run. `npm run bench:bundles [-- --json]`
 *
 * The floors: `hello-world` (nothing at all) and `ddb-floor`, a hello world
 * that imports the DynamoDB client and lib-dynamodb and constructs the
 * document client — what every function must pay for the SDK the platform
 * is built on. The target is each function within 1.3× of `ddb-floor`: the
 * overhead of our own code. With `--json` the last line is one JSON object:
 * `{"floor":"ddb-floor","functions":[{"name","medianMs","ratioToFloor","ratioToHello"}]}`.
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
const JSON_OUT = process.argv.includes('--json');
const TARGET = 1.3;
const out = join(process.cwd(), '.bench');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'hello.ts'),
  "export const handler = async () => ({ statusCode: 200, body: 'hello' });\n",
);

writeFileSync(
  join(out, 'ddb-floor.ts'),
  [
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    'const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), {',
    '  marshallOptions: { removeUndefinedValues: true },',
    '});',
    'export const handler = async () => ({ statusCode: 200, body: typeof db.send });',
    '',
  ].join('\n'),
);

const entries: Record<string, string> = {
  'hello-world': join(out, 'hello.ts'),
  'ddb-floor': join(out, 'ddb-floor.ts'),
};
for (const name of [
  ...FUNCTIONS,
  'reminders',
  'uploads',
  'auditDigest',
  'auditWatch',
  'signIns',
  'identity',
])
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
  // The identity function (the platform's own sign-in, where Cognito is not offered).
  IDENTITY_TABLE_NAME: 'bench-identity',
  ISSUER: 'https://zw.example.cn/identity',
  CONSOLE_ORIGIN: 'https://zw.example.cn',
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
const floorWall = median(wall['ddb-floor']!);
const floorFastest = fastest(wall['ddb-floor']!);
const floorCpu = median(cpu['ddb-floor']!);

console.log(
  `bundle size and cold import vs ddb-floor (the DynamoDB document client constructed), node ${process.version}, ${RUNS} interleaved runs (target: every function <= ${TARGET}x ddb-floor)`,
);
console.log(
  'function      loaded at start  lazy chunks   wall, median  vs floor  vs hello   wall, fastest  vs floor   CPU, median  vs floor',
);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
const ratio = (value: number) => `${value.toFixed(2)}x`.padStart(8);
const report = [];
for (const name of Object.keys(bundles)) {
  const [w, f, c] = [median(wall[name]!), fastest(wall[name]!), median(cpu[name]!)];
  const size = sizes[name]!;
  console.log(
    `${name.padEnd(13)} ${kb(size.atStart)}    ${kb(size.lazy)}    ${ms(w)}  ${ratio(w / floorWall)}  ${ratio(w / helloWall)}     ${ms(f)}  ${ratio(f / floorFastest)}    ${ms(c)}  ${ratio(c / floorCpu)}`,
  );
  if (name !== 'hello-world' && name !== 'ddb-floor')
    report.push({
      name,
      medianMs: Math.round(w * 10) / 10,
      ratioToFloor: Math.round((w / floorWall) * 100) / 100,
      ratioToHello: Math.round((w / helloWall) * 100) / 100,
    });
}
const over = report.filter((row) => row.ratioToFloor > TARGET).map((row) => row.name);
console.log(
  over.length === 0
    ? `every function within ${TARGET}x of ddb-floor`
    : `over ${TARGET}x of ddb-floor: ${over.join(', ')}`,
);
if (JSON_OUT) console.log(JSON.stringify({ floor: 'ddb-floor', functions: report }));
