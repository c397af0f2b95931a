import { ApiError } from '../../../common/apiError.ts';
import { json, send } from '../../../common/http.ts';

/**
 * The public API, from the site's own origin's `/config.json` (written at
 * deploy time; locally the API is the site's origin). No sign-in: a report
 * is followed with its tracking code.
 */
let apiUrl: Promise<string> | undefined;
const base = () =>
  (apiUrl ??= fetch('/config.json', { cache: 'no-store' })
    .then((response) =>
      response.ok ? (response.json() as Promise<{ apiUrl?: string }>) : { apiUrl: '' },
    )
    .then((config) => config.apiUrl ?? '')
    .catch(() => ''));

export async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  return json<T>(await send(`${await base()}${path}`, method, options));
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
