/**
 * `npm test`: the static checks and the tests at once. Prettier, ESLint and
 * the type checks of the three projects run beside vitest (whose files
 * spend much of their time waiting on a browser or a platform, leaving a
 * core idle); each check's output is printed whole when it ends, vitest's
 * as it runs, and the run fails when any of them fails.
 */
import { spawn } from 'node:child_process';

const CHECKS: [string, string[]][] = [
  ['prettier', ['prettier', '--check', '.']],
  ['eslint', ['eslint', '.']],
  ['tsc (functions, infra, tests)', ['tsc', '--noEmit', '-p', '.']],
  ['tsc (console)', ['tsc', '--noEmit', '-p', 'web/console']],
  ['tsc (citizen site)', ['tsc', '--noEmit', '-p', 'web/citizen']],
];

const check = ([name, args]: [string, string[]]) =>
  new Promise<boolean>((resolve) => {
    const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.on('close', (code) => {
      console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${name}${code === 0 ? '' : `\n${output}`}`);
      resolve(code === 0);
    });
  });

const tests = new Promise<boolean>((resolve) => {
  spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' }).on(
    'close',
    (code) => {
      resolve(code === 0);
    },
  );
});

const results = await Promise.all([...CHECKS.map(check), tests]);
process.exit(results.every(Boolean) ? 0 : 1);
