import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';
import { environmentCredentials, Sha256, type Credentials } from './sigv4.ts';

/**
 * One call to an AWS service that speaks the JSON protocol (DynamoDB, KMS,
 * Cognito user pools, Secrets Manager): a POST of the operation's input as
 * JSON, signed with SigV4, answered with its output as JSON. This is what the
 * SDK's clients do for these services, without their middleware stack,
 * endpoint rules and protocol machinery, which cost every function a third
 * of its cold start (bench/bundles.ts). Like the SDK it retries, at most
 * MAX_ATTEMPTS in all with exponential backoff and full jitter, what may
 * succeed when sent again: a dropped connection, a 5xx, a throttle.
 */

export interface JsonService {
  /** The signing name, also the endpoint's first label: `dynamodb`, `kms`, `cognito-idp`, `secretsmanager`. */
  name: string;
  /** The operation's prefix in X-Amz-Target: `DynamoDB_20120810`, `TrentService`, … */
  target: string;
  /** `application/x-amz-json-1.0` (DynamoDB) or `-1.1` (the others). */
  jsonVersion: '1.0' | '1.1';
  region: string;
  /** Outside AWS: the emulator's address, with any static credentials. */
  endpoint?: string | undefined;
  credentials?: Credentials | undefined;
}

/** An error AWS answered: `name` is its code (`ConditionalCheckFailedException`), `fields` the rest of its body. */
export class AwsError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly statusCode: number,
    readonly fields: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 100;
const THROTTLING_BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;

/** The codes AWS uses for "too many requests, slow down" (as the SDK's retry strategy lists them). */
const THROTTLES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
]);

const endpointOf = ({ name, region, endpoint }: JsonService) =>
  new URL(
    endpoint ?? `https://${name}.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`,
  );

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The error's code, from the header or the body, without its namespace (`…#Code`) or URL (`Code:http…`). */
const errorName = (headers: IncomingHttpHeaders, body: Record<string, unknown>) => {
  const raw =
    text(headers['x-amzn-errortype']) ?? text(body['__type']) ?? text(body['code']) ?? 'Unknown';
  return raw.replace(/:.*$/, '').replace(/^.*#/, '');
};

/** The answer's JSON; an answer that is not JSON (a proxy's error page) as no fields. */
const parse = (body: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      // No timeout of its own, as the SDK's default: a request slow to answer may still have been
      // applied, and sending an update again could apply it twice. The function's timeout ends it.
      { method: 'POST', headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

const backoff = (attempt: number, throttled: boolean) =>
  new Promise((resolve) =>
    setTimeout(
      resolve,
      Math.random() *
        Math.min(
          MAX_DELAY_MS,
          (throttled ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS) * 2 ** attempt,
        ),
    ),
  );

/** One service's operations, by name: `call('GetItem', input)` resolves to the operation's output. */
export type JsonCall = <Output>(operation: string, input: object) => Promise<Output>;

export function jsonService(service: JsonService): JsonCall {
  const url = endpointOf(service);
  const signer = new SignatureV4({
    service: service.name,
    region: service.region,
    credentials: service.credentials ?? environmentCredentials,
    sha256: Sha256,
  });
  return async function call<Output>(operation: string, input: object): Promise<Output> {
    const body = JSON.stringify(input);
    for (let attempt = 1; ; attempt++) {
      const signed = await signer.sign({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query: {},
        headers: {
          host: url.host,
          'content-type': `application/x-amz-json-${service.jsonVersion}`,
          'content-length': String(Buffer.byteLength(body)),
          'x-amz-target': `${service.target}.${operation}`,
        },
        body,
      });
      let answer: Awaited<ReturnType<typeof post>>;
      try {
        answer = await post(url, signed.headers, body);
      } catch (dropped) {
        if (attempt >= MAX_ATTEMPTS) throw dropped;
        await backoff(attempt, false);
        continue;
      }
      const output = parse(answer.body);
      if (answer.status < 300) return output as Output;
      const name = errorName(answer.headers, output);
      const throttled = THROTTLES.has(name) || answer.status === 429;
      if (attempt < MAX_ATTEMPTS && (throttled || answer.status >= 500)) {
        await backoff(attempt, throttled);
        continue;
      }
      const { message, Message, __type, ...fields } = output;
      throw new AwsError(name, text(message) ?? text(Message) ?? name, answer.status, fields);
    }
  };
}
