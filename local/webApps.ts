import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildIsFresh, distOf } from '../shared/web/builds.ts';

const root = resolve(import.meta.dirname, '..');

/** The web apps the local platform serves, as CloudFront does deployed: the console at `/`, the citizen site at `/m/`. */
export const WEB_APPS = [
  { name: 'console', prefix: '/' },
  { name: 'citizen', prefix: '/m/' },
] as const;

/**
 * Builds each web app with Vite when its build is missing or older than its
 * sources: the first `npm start` on a fresh clone opens a working console.
 */
export async function buildWebApps(log: (line: string) => void): Promise<void> {
  const { build } = await import('vite');
  for (const { name } of WEB_APPS) {
    if (buildIsFresh(name)) continue;
    log(`building web/${name} (Vite)…`);
    await build({ configFile: join(root, 'web', name, 'vite.config.ts'), logLevel: 'warn' });
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * A file of a web app's build for a GET path, or undefined. An app's root
 * (`/`, `/m/`) is its index.html. A page request (`Accept: text/html`) for a
 * path with no file extension is the SPA fallback, as CloudFront's function
 * does deployed: the app's index.html, whose hash router takes it from there.
 * API clients and missing assets still get the API's 404. Hashed assets are
 * cached for good, the rest revalidated.
 */
export async function staticFile(
  path: string,
  accept: string,
  headers: Record<string, string>,
): Promise<APIGatewayProxyStructuredResultV2 | undefined> {
  const app = [...WEB_APPS]
    .sort((a, b) => b.prefix.length - a.prefix.length)
    .find(({ prefix }) => path.startsWith(prefix));
  if (!app) return undefined;
  const dist = distOf(app.name);
  const requested = path.slice(app.prefix.length) || 'index.html';
  const isPage = accept.includes('text/html') && !/\.[^/]*$/.test(requested);
  const found = (relative: string) => {
    const file = normalize(join(dist, relative));
    return file.startsWith(dist + sep) && existsSync(file) && !statSync(file).isDirectory()
      ? file
      : undefined;
  };
  const file = found(requested) ?? (isPage ? found('index.html') : undefined);
  if (!file) return undefined;
  const relative = file.slice(dist.length + 1);
  const body = await readFile(file);
  return {
    statusCode: 200,
    headers: {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': relative.startsWith('assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ...headers,
    },
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}
