import { ApiError } from '../../../common/apiError.ts';
import { json, send } from '../../../common/http.ts';
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
  try {
    return await send(`${config().apiUrl}${path}`, method, {
      body,
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) await signIn();
    throw error;
  }
}

/** Calls the API and reads its JSON answer. */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  return json<T>(await authorizedFetch(method, path, body, headers));
}
