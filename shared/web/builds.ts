import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/** Where Vite builds a web app (`web/<name>/dist`). */
export const distOf = (name: string) => join(root, 'web', name, 'dist');

/** The newest modification time under a path, ignoring builds and dependencies. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((entry) => entry !== 'dist' && entry !== 'node_modules')
    .reduce((latest, entry) => Math.max(latest, newest(join(path, entry))), stat.mtimeMs);
}

/**
 * Whether a web app's build is there and newer than its sources (the app,
 * the web apps' common code, and the contract and domain it takes its types
 * from): `npm start` builds only when it is not, and a synth takes it as it is.
 */
export function buildIsFresh(name: string): boolean {
  const index = join(distOf(name), 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newest(join(root, 'web', name)),
    newest(join(root, 'web', 'common')),
    newest(join(root, 'shared', 'contract')),
    newest(join(root, 'shared', 'domain')),
  );
  return built >= sources;
}
