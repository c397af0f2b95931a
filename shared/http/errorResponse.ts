import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { AppError, PayloadTooLargeError, ValidationError } from '../errors.ts';
import { logger } from './logger.ts';

type HttpError = Error & { statusCode: number };
const isHttpError = (error: unknown): error is HttpError =>
  error instanceof Error && typeof (error as Partial<HttpError>).statusCode === 'number';

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function errorBody(error: AppError): string {
  return JSON.stringify({
    error: { code: error.code, message: error.message, details: error.details },
  });
}

/**
 * Turns every error into API.md's error shape. Our own errors keep their
 * status; middy's body parser refusals become VALIDATION_FAILED; anything
 * else is a defect: logged with its stack and answered 500 without detail.
 */
export function errorResponse(): MiddlewareObj<unknown, APIGatewayProxyResultV2> {
  return {
    onError: (request) => {
      const error = toAppError(request.error);
      if (!error) {
        logger.error('unhandled error', { error: request.error as Error });
      } else {
        logger.info('request refused', { status: error.statusCode, code: error.code });
      }
      const status = error?.statusCode ?? 500;
      request.response = {
        statusCode: status,
        headers: JSON_HEADERS,
        body: error
          ? errorBody(error)
          : JSON.stringify({ error: { code: 'INTERNAL', message: 'internal error', details: [] } }),
      };
    },
  };
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isHttpError(error) && error.statusCode === 413)
    return new PayloadTooLargeError('request body too large');
  // @middy/http-json-body-parser answers 415 for a missing content type or a body that is not JSON.
  if (isHttpError(error) && error.statusCode === 415) {
    return new ValidationError('the request body must be JSON', [
      { field: 'body', message: error.message },
    ]);
  }
  return undefined;
}
