/**
 * The error family of the platform. Every refusal a client can see is one of
 * these; `shared/http/errorResponse.ts` turns them into API.md's error shape.
 * Callers branch on `instanceof`, never on message text.
 */

export interface ErrorDetail {
  field: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  readonly details: ErrorDetail[];

  constructor(message: string, details: ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
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
