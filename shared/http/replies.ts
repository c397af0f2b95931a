import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { AppError } from '../errors.ts';
import { contentDisposition } from '../domain/attachments.ts';

/**
 * Headers of every reply (API.md "Overviews"): JSON, never sniffed as
 * anything else, and not stored by a browser or a proxy, since replies carry
 * personal data, phone numbers or tracking tokens unless a route says it is
 * public and may be cached.
 */
export const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
} as const;

/** A JSON reply; `cacheSeconds` only for public routes whose answer is the same for everyone. */
export function jsonReply(
  status: number,
  body: unknown,
  cacheSeconds?: number,
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: {
      ...JSON_HEADERS,
      ...(cacheSeconds ? { 'cache-control': `public, max-age=${cacheSeconds}` } : {}),
    },
    body: JSON.stringify(body),
  };
}

/** A 302 to a short-lived link (a download): `Location`, and the same in the body for clients that do not follow. */
export function redirectReply(location: string): APIGatewayProxyStructuredResultV2 {
  return { ...jsonReply(302, { location }), headers: { ...JSON_HEADERS, location } };
}

/** The HTTP reply of a refusal: its status and API.md's error body. */
export const errorReply = (error: AppError) => jsonReply(error.statusCode, error);

/** A file to download under its name (base64 through API Gateway), never sniffed, never stored. */
export function fileReply(file: {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': contentDisposition(file.name),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body: Buffer.from(file.bytes).toString('base64'),
    isBase64Encoded: true,
  };
}
