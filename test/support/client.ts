import { inject } from 'vitest';
import type { Group } from '../../shared/domain/principal.ts';

/** An HTTP client of the running local platform, as any client of API.md would be. */
export const baseUrl = inject('baseUrl');
process.env['LOCAL_DIR'] = inject('localDir');
const { issueToken } = await import('../../local/tokens.ts');

export const tokenFor = (group: Group, unit: string, sub?: string) =>
  issueToken({ group, unit, ...(sub ? { sub } : {}) });

export interface HttpAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function http(
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<HttpAnswer> {
  const body =
    options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(body !== undefined ? { body } : {}),
    // A 302 is the answer (a download), not a step to follow.
    redirect: 'manual',
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}
