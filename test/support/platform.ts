import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../local/dynamoLocal.ts';

export interface RunningPlatform {
  baseUrl: string;
  localDir: string;
  output: () => string;
  /** SIGTERM to `npm start`, as a service manager would send it; resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** The platform's own Node process (npm's child), to kill outright. */
  nodePid: () => number | undefined;
}

export const newLocalDir = () => mkdtempSync(join(tmpdir(), 'xinhua-local-'));

/** Runs `npm start` exactly as a newcomer would, on a free port, with its state in `localDir`. */
export async function startPlatform(
  options: { localDir?: string; args?: string[]; port?: number; env?: Record<string, string> } = {},
): Promise<RunningPlatform> {
  const localDir = options.localDir ?? newLocalDir();
  const port = options.port ?? (await freePort());
  const oidcPort = await freePort();
  const child: ChildProcess = spawn(
    'npm',
    ['start', ...(options.args?.length ? ['--', ...options.args] : [])],
    {
      env: {
        ...process.env,
        PORT: String(port),
        OIDC_PORT: String(oidcPort),
        LOCAL_DIR: localDir,
        LOCAL_SCHEDULE_SECONDS: '5',
        // Every test client calls from 127.0.0.1: the per-client limits of public routes would count them as one.
        PER_CLIENT_LIMIT_SCALE: '1000',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exited;
  };
  // A first start also loads the demo week: together most of two minutes on a busy two-core machine.
  const deadline = Date.now() + 180_000;
  while (!output.includes('ready on')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the platform did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const nodePid = () => {
    const ps = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)], {
      encoding: 'utf8',
    });
    const line = ps.stdout.split('\n').find((row) => row.includes('local/start.ts'));
    return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
  };
  return { baseUrl: `http://127.0.0.1:${port}`, localDir, output: () => output, stop, nodePid };
}

/** Java processes whose command line names this directory: what a stopped platform must not leave behind. */
export function javaProcessesOf(localDir: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal') && line.includes(localDir));
}
