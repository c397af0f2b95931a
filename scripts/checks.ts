/**
 * `npm test`'s static checks, side by side: ESLint and the type checks of
 * the three projects run at once (each mostly waits on one core), and the
 * run fails when any of them fails, printing each one's output whole.
 */
import { spawn } from 'node:child_process';

const CHECKS: [string, string[]][] = [
  ['eslint', ['eslint', '--concurrency=2', '.']],
  ['tsc (functions, infra, tests)', ['tsc', '--noEmit', '-p', '.']],
  ['tsc (console)', ['tsc', '--noEmit', '-p', 'web/console']],
  ['tsc (citizen site)', ['tsc', '--noEmit', '-p', 'web/citizen']],
];

const run = ([name, args]: [string, string[]]) =>
  new Promise<{ name: string; code: number | null; output: string }>((resolve) => {
    const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.on('close', (code) => {
      resolve({ name, code, output });
    });
  });

const results = await Promise.all(CHECKS.map(run));
for (const { name, code, output } of results) {
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${name}`);
  if (code !== 0) console.log(output);
}
process.exit(results.every(({ code }) => code === 0) ? 0 : 1);
