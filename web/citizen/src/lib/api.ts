import type { ErrorBody } from './api-types.ts';

/**
 * The public API, from the site's own origin's `/config.json` (written at
 * deploy time; locally the API is the site's origin). No sign-in: a report
 * is followed with its tracking code.
 */
let apiUrl: Promise<string> | undefined;
const api = () =>
  (apiUrl ??= fetch('/config.json', { cache: 'no-store' })
    .then((response) =>
      response.ok ? (response.json() as Promise<{ apiUrl?: string }>) : { apiUrl: '' },
    )
    .then((config) => config.apiUrl ?? '')
    .catch(() => ''));

/** A refusal in API.md's error shape, with a message a citizen can read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody['error'],
  ) {
    super(body.message);
    this.name = 'ApiError';
  }
}

export async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const response = await fetch(`${await api()}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  if (response.ok) return (await response.json()) as T;
  let error: ErrorBody['error'] | undefined;
  try {
    error = ((await response.json()) as ErrorBody).error;
  } catch {
    // Not the API's own answer (a proxy in between).
  }
  throw new ApiError(
    response.status,
    error ?? { code: 'INTERNAL', message: `服务暂时不可用（${response.status}）`, details: [] },
  );
}

/** What to tell a citizen when a request failed. */
export function problem(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return '提交太频繁，请稍后再试';
    if (error.status === 404) return '没有找到，请核对编号和查询码';
    return error.body.details[0]?.message ?? error.message;
  }
  return '网络不通，请检查网络后重试';
}
