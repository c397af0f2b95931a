import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
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
  /** Outside AWS: the emulator's address (signed with fixed local credentials unless others are given). */
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
const transient = (name: string, status: number) => isThrottle(name, status) || status >= 500;

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

/** An error answer: its status, headers and body, for the protocol to name. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Failure {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

/** One request to a service: the URL carries its path and query. */
export interface Request {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: string;
}

/** All of a response's bytes. */
export async function readAll(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The request's headers, signed by `signer` (as of `at`; now when not given). */
export async function signedHeaders(
  signer: SignatureV4,
  { method, url, headers = {}, body }: Request,
  at?: Date,
): Promise<Record<string, string>> {
  const signed = await signer.sign(
    {
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host },
      body,
    },
    at ? { signingDate: at } : {},
  );
  return signed.headers;
}

function open(request: Request, headers: Record<string, string>): Promise<IncomingMessage> {
  const send = request.url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    // No timeout of its own, as the SDK's default: a request slow to answer may still have been
    // applied, and sending an update again could apply it twice. The function's timeout ends it.
    const sent = send(request.url, { method: request.method, headers }, resolve);
    sent.on('error', reject);
    sent.end(request.body);
  });
}

/** Waits before attempt `attempt + 1`: exponential, full jitter, longer after a throttle. */
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

/**
 * Sends `request`, signed by `signer`, and gives what `read` makes of the
 * answer when it succeeded. A dropped connection (also while `read` reads),
 * a throttle or a 5xx is sent again, at most MAX_ATTEMPTS in all; any other
 * error answer is thrown as an AwsError, named by the protocol's `failure`.
 */
export async function signedRequest<T>(
  signer: SignatureV4,
  request: Request,
  failure: (answer: Answer) => Failure,
  read: (response: IncomingMessage) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const headers = await signedHeaders(signer, request);
    let answer: Answer;
    try {
      const response = await open(request, headers);
      const status = response.statusCode ?? 0;
      if (status < 300) return await read(response);
      answer = { status, headers: response.headers, body: (await readAll(response)).toString() };
    } catch (dropped) {
      if (dropped instanceof AwsError || attempt >= MAX_ATTEMPTS) throw dropped;
      await backoff(attempt, false);
      continue;
    }
    const { name, message, fields } = failure(answer);
    if (attempt < MAX_ATTEMPTS && transient(name, answer.status)) {
      await backoff(attempt, isThrottle(name, answer.status));
      continue;
    }
    throw new AwsError(name, message || name, answer.status, fields);
  }
}

const signerOf = (service: AwsService) =>
  new SignatureV4({
    service: service.name,
    region: service.region,
    credentials:
      service.credentials ??
      (service.endpoint
        ? { accessKeyId: 'local', secretAccessKey: 'local' }
        : environmentCredentials),
    sha256: Sha256,
  });

/** One service's operations, by name: `call('GetItem', input)` resolves to the operation's output. */
export type JsonCall = <Output>(operation: string, input: object) => Promise<Output>;

/** A service of the JSON protocol; `target` prefixes the operation in X-Amz-Target (`DynamoDB_20120810`, `TrentService`). */
export function jsonService(
  service: AwsService & { target: string; jsonVersion: '1.0' | '1.1' },
): JsonCall {
  const url = endpointOf(service);
  const signer = signerOf(service);
  const failure = (answer: Answer): Failure => {
    const { message, Message, __type, ...fields } = parse(answer.body);
    return {
      name: errorName(answer.headers, { __type, ...fields }),
      message: text(message) ?? text(Message) ?? '',
      fields,
    };
  };
  return <Output>(operation: string, input: object) => {
    const body = JSON.stringify(input);
    const headers = {
      'content-type': `application/x-amz-json-${service.jsonVersion}`,
      'content-length': String(Buffer.byteLength(body)),
      'x-amz-target': `${service.target}.${operation}`,
    };
    return signedRequest(
      signer,
      { method: 'POST', url, headers, body },
      failure,
      async (response) => parse((await readAll(response)).toString()) as Output,
    );
  };
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
  const url = endpointOf(service);
  const signer = signerOf(service);
  const failure = (answer: Answer): Failure => ({
    name: xmlText(answer.body, 'Code') ?? 'Unknown',
    message: xmlText(answer.body, 'Message') ?? '',
    fields: {},
  });
  return (action, parameters) => {
    const body = new URLSearchParams({
      Action: action,
      Version: service.version,
      ...parameters,
    }).toString();
    const headers = {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
    };
    return signedRequest(
      signer,
      { method: 'POST', url, headers, body },
      failure,
      async (response) => (await readAll(response)).toString(),
    );
  };
}
