import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger of a function. Structured JSON with the request id as
 * correlation id. Never give it a request body, a phone number or a token:
 * callers log codes, ids and routes only.
 */
export const logger = new Logger({ serviceName: 'xinhua-platform' });
