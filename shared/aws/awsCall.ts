import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';
import { environmentCredentials, Sha256, type Credentials } from './sigv4.ts';

/**
 * One call to an AWS service, as the SDK's clients make it without their
 * middleware stack, endpoint rules and protocol machinery, which cost every
 * function a third of its cold start (bench/bundles.ts): a POST signed with
 * SigV4 (@smithy/signature-v4), in one of two protocols:
 * - JSON (DynamoDB, KMS, Cognito user pools, Secrets Manager): the
 *   operation's input as JSON, its output as JSON (`jsonService`);
 * - query (SNS): the parameters form-encoded, the answer in XML (`queryService`).
 * Like the SDK it retries, at most MAX_ATTEMPTS in all with exponential
 * backoff and full jitter, what may succeed when sent again: a dropped
 * connection, a 5xx, a throttle.
 */

export interface AwsService {
  /** The signing name, also the endpoint's first label: `dynamodb`, `kms`, `cognito-idp`, `secretsmanager`. */
  name: string;
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
  'SlowDown',
]);

const isThrottle = (name: string, status: number) => THROTTLES.has(name) || status === 429;
/** An error answer that may not recur: a throttle or a fault of the service (5xx). */
export const transient = (name: string, status: number) =>
  isThrottle(name, status) || status >= 500;

const endpointOf = ({ name, region, endpoint }: AwsService) =>
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

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function post(url: URL, headers: Record<string, string>, body: string): Promise<Answer> {
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

/** Waits before attempt `attempt + 1`: exponential, full jitter, longer after a throttle. */
export const backoff = (attempt: number, throttled: boolean) =>
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

interface Failure {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

/**
 * Sends `request(operation, input)` to the service, signed, and gives back
 * the answer's body; an error answer is thrown as an AwsError, named by
 * `failure` from its body.
 */
function caller<Input>(
  service: AwsService,
  request: (operation: string, input: Input) => { headers: Record<string, string>; body: string },
  failure: (answer: Answer) => Failure,
): (operation: string, input: Input) => Promise<string> {
  const url = endpointOf(service);
  const signer = new SignatureV4({
    service: service.name,
    region: service.region,
    credentials: service.credentials ?? environmentCredentials,
    sha256: Sha256,
  });
  return async (operation, input) => {
    const { headers, body } = request(operation, input);
    for (let attempt = 1; ; attempt++) {
      const signed = await signer.sign({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query: {},
        headers: { ...headers, host: url.host, 'content-length': String(Buffer.byteLength(body)) },
        body,
      });
      let answer: Answer;
      try {
        answer = await post(url, signed.headers, body);
      } catch (dropped) {
        if (attempt >= MAX_ATTEMPTS) throw dropped;
        await backoff(attempt, false);
        continue;
      }
      if (answer.status < 300) return answer.body;
      const { name, message, fields } = failure(answer);
      if (attempt < MAX_ATTEMPTS && transient(name, answer.status)) {
        await backoff(attempt, isThrottle(name, answer.status));
        continue;
      }
      throw new AwsError(name, message || name, answer.status, fields);
    }
  };
}

/** One service's operations, by name: `call('GetItem', input)` resolves to the operation's output. */
export type JsonCall = <Output>(operation: string, input: object) => Promise<Output>;

/** A service of the JSON protocol; `target` prefixes the operation in X-Amz-Target (`DynamoDB_20120810`, `TrentService`). */
export function jsonService(
  service: AwsService & { target: string; jsonVersion: '1.0' | '1.1' },
): JsonCall {
  const send = caller<object>(
    service,
    (operation, input) => ({
      headers: {
        'content-type': `application/x-amz-json-${service.jsonVersion}`,
        'x-amz-target': `${service.target}.${operation}`,
      },
      body: JSON.stringify(input),
    }),
    (answer) => {
      const { message, Message, __type, ...fields } = parse(answer.body);
      return {
        name: errorName(answer.headers, { __type, ...fields }),
        message: text(message) ?? text(Message) ?? '',
        fields,
      };
    },
  );
  return async <Output>(operation: string, input: object) =>
    parse(await send(operation, input)) as Output;
}

/** An action of the query protocol with its parameters; resolves to the answer's XML. */
export type QueryCall = (action: string, parameters: Record<string, string>) => Promise<string>;

const unescapeXml = (value: string) =>
  value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
/** The text of the first `<tag>` in an answer (query-protocol answers are flat enough for this). */
export const xmlText = (xml: string, tag: string) => {
  const found = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
  return found === undefined ? undefined : unescapeXml(found);
};

/** A service of the query protocol (SNS), at its API `version` (`2010-03-31`). */
export function queryService(service: AwsService & { version: string }): QueryCall {
  return caller<Record<string, string>>(
    service,
    (action, parameters) => ({
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({
        Action: action,
        Version: service.version,
        ...parameters,
      }).toString(),
    }),
    (answer) => ({
      name: xmlText(answer.body, 'Code') ?? 'Unknown',
      message: xmlText(answer.body, 'Message') ?? '',
      fields: {},
    }),
  );
}
