/**
 * The error family of the platform and its one error contract (API.md
 * "Errors"). Every refusal a client can see is one of these; its body is
 * `toJSON()`, whoever sends it: a function, the local gateway, or the OpenAPI
 * document that lists `ERROR_CODES`. Callers branch on `instanceof`, never
 * on message text.
 */

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'CLASSIFIED_CONTENT',
  'THROTTLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetail[] };
}

export abstract class AppError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: ErrorCode;
  readonly details: ErrorDetail[];

  constructor(message: string, details: ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }

  /** API.md's error body. */
  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export class ValidationError extends AppError {
  readonly statusCode = 400;
  readonly code = 'VALIDATION_FAILED';
}

export class UnauthenticatedError extends AppError {
  readonly statusCode = 401;
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends AppError {
  readonly statusCode = 403;
  readonly code = 'FORBIDDEN';
}

/** Also answers "exists but not yours", so ids of other units never leak. */
export class NotFoundError extends AppError {
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends AppError {
  readonly statusCode = 409;
  readonly code = 'CONFLICT';
}

export class PayloadTooLargeError extends AppError {
  readonly statusCode = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
}

export class ClassifiedContentError extends AppError {
  readonly statusCode = 422;
  readonly code = 'CLASSIFIED_CONTENT';
}

export class ThrottledError extends AppError {
  readonly statusCode = 429;
  readonly code = 'THROTTLED';
}

/** What a client sees of a defect: nothing but that it happened (the details go to the log). */
export class InternalError extends AppError {
  readonly statusCode = 500;
  readonly code = 'INTERNAL';
}
