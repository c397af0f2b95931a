import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { AppError, InternalError, PayloadTooLargeError, ValidationError } from '../errors.ts';
import { logger } from '../observability/logger.ts';
import { errorReply } from './replies.ts';

type HttpError = Error & { statusCode: number };
const isHttpError = (error: unknown): error is HttpError =>
  error instanceof Error && typeof (error as Partial<HttpError>).statusCode === 'number';

/**
 * Turns every error into API.md's error shape. Our own errors keep their
 * status; middy's body parser refusals become VALIDATION_FAILED; anything
 * else is a defect: logged with its stack and answered 500 without detail.
 */
export function errorResponse(): MiddlewareObj<unknown, APIGatewayProxyResultV2> {
  return {
    onError: (request) => {
      const error = toAppError(request.error);
      if (error) {
        logger.info('request refused', { status: error.statusCode, code: error.code });
      } else {
        logger.error('unhandled error', { error: request.error as Error });
      }
      request.response = errorReply(error ?? new InternalError('系统内部错误'));
    },
  };
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isHttpError(error) && error.statusCode === 413) {
    return new PayloadTooLargeError('请求内容过大');
  }
  // @middy/http-json-body-parser answers 415 for a missing content type or a body that is not JSON.
  if (isHttpError(error) && error.statusCode === 415) {
    return new ValidationError('请求内容须为 JSON', [{ field: 'body', message: error.message }]);
  }
  return undefined;
}
