import { refusal } from './apiError.ts';

/**
 * The one way both web apps reach the API: a JSON body out, a refusal in
 * API.md's shape back as an ApiError, whatever the screen.
 */
export async function send(
  url: string,
  method: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  if (!response.ok) throw await refusal(response);
  return response;
}

/** The JSON an answer carries (nothing for an empty one). */
export async function json<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
