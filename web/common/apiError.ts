import type { ErrorBody } from '../../shared/errors.ts';

/** A refusal in API.md's error shape: its code, message and the fields it names (both web apps). */
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

/** The API's refusal from a response that is not OK; a stand-in in its shape when a proxy or a bucket answered. */
export async function refusal(response: Response): Promise<ApiError> {
  const text = await response.text();
  let error: ErrorBody['error'] | undefined;
  try {
    error = (JSON.parse(text) as ErrorBody).error;
  } catch {
    // Not the API's own answer (a proxy, or the bucket a download led to).
  }
  return new ApiError(
    response.status,
    error ?? {
      code: 'INTERNAL',
      message: `服务暂时不可用（${String(response.status)}）`,
      details: [],
    },
  );
}
