import { ApiError, refusal } from '../../../common/apiError.ts';
import { idToken, signIn } from './auth.ts';
import { config } from './config.ts';

export { ApiError };

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
  throw await refusal(response);
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
