import type { ErrorBody } from './api-types.ts';
import { idToken, signIn } from './auth.ts';
import { config } from './config.ts';

/** A refusal in API.md's error shape: its code, message and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody['error'],
  ) {
    super(body.message);
    this.name = 'ApiError';
  }

  /** The message for one field of a form, if the API named it (`body.title` or `title`). */
  forField(field: string): string | undefined {
    return this.body.details.find(
      (detail) => detail.field === field || detail.field === `body.${field}`,
    )?.message;
  }
}

/**
 * A request to the API with the signed-in person's token; a 401 sends them
 * to sign in again, any other refusal is an ApiError in API.md's shape.
 */
export async function authorizedFetch(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const token = await idToken();
  if (!token) {
    await signIn();
    throw new ApiError(401, { code: 'UNAUTHENTICATED', message: '请重新登录', details: [] });
  }
  const response = await fetch(`${config().apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.ok) return response;
  if (response.status === 401) await signIn();
  const text = await response.text();
  let error: ErrorBody['error'] | undefined;
  try {
    error = (JSON.parse(text) as ErrorBody).error;
  } catch {
    // Not the API's own answer (a proxy, or the bucket a download led to).
  }
  throw new ApiError(
    response.status,
    error ?? { code: 'INTERNAL', message: `服务暂时不可用（${response.status}）`, details: [] },
  );
}

/** Calls the API and reads its JSON answer. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const text = await (await authorizedFetch(method, path, body, headers)).text();
  return (text ? JSON.parse(text) : undefined) as T;
}
