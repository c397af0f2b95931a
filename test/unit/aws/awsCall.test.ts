import { beforeEach, describe, expect, it } from 'vitest';
import { AwsError, jsonService, MAX_ATTEMPTS } from '../../../shared/aws/awsCall.ts';
import {
  BatchGetCommand,
  cancellationReasons,
  DocumentClient,
  TransactWriteCommand,
} from '../../../shared/aws/dynamo.ts';
import { jsonEndpoint, type Answer } from '../../support/awsEndpoint.ts';

/** An AWS endpoint on localhost answering with the next of `answers` (`{}` once they run out). */
let answers: Answer[] = [];
const aws = await jsonEndpoint(() => answers.shift() ?? { status: 200, body: {} });
const endpoint = aws.url;
const received = aws.requests;
beforeEach(() => {
  received.length = 0;
  answers = [];
});

const kms = () =>
  jsonService({
    name: 'kms',
    target: 'TrentService',
    jsonVersion: '1.1',
    region: 'ap-southeast-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' },
  });

describe('a call in the AWS JSON protocol', () => {
  it('posts the input as JSON to the operation, signed with SigV4 for the service and region', async () => {
    answers = [{ status: 200, body: { KeyId: 'k-1', Signature: 'c2ln' } }];
    const output = await kms()('Sign', { KeyId: 'k-1', Message: 'bWVzc2FnZQ==' });
    expect(output).toEqual({ KeyId: 'k-1', Signature: 'c2ln' });
    const [request] = received;
    expect(request?.input).toEqual({ KeyId: 'k-1', Message: 'bWVzc2FnZQ==' });
    expect(request?.headers['x-amz-target']).toBe('TrentService.Sign');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(request?.headers['x-amz-security-token']).toBe('token');
    expect(request?.headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-southeast-1\/kms\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-target[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
  });

  it('throws the error AWS answered, by its code without the namespace, and does not send it again', async () => {
    answers = [
      {
        status: 400,
        body: {
          __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
          message: 'The conditional request failed',
        },
      },
    ];
    const error: unknown = await kms()('Sign', {}).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
      statusCode: 400,
    });
    expect(received).toHaveLength(1);
  });

  it('reads the code from x-amzn-errortype when the body has none', async () => {
    answers = [
      {
        status: 400,
        body: { Message: 'no such key' },
        headers: { 'x-amzn-errortype': 'NotFoundException:http://internal.amazon.com/coral/' },
      },
    ];
    await expect(kms()('Sign', {})).rejects.toMatchObject({
      name: 'NotFoundException',
      message: 'no such key',
    });
  });

  it('sends again what may succeed: a dropped connection, a 5xx, a throttle', async () => {
    answers = [
      'drop',
      { status: 500, body: { __type: 'InternalServerError' } },
      { status: 200, body: { ok: true } },
    ];
    await expect(kms()('Sign', { n: 1 })).resolves.toEqual({ ok: true });
    expect(received.map((request) => request.input)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);

    received.length = 0;
    answers = [
      { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } },
      { status: 200, body: { ok: true } },
    ];
    await expect(kms()('Sign', {})).resolves.toEqual({ ok: true });
    expect(received).toHaveLength(2);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and throws the last answer`, async () => {
    answers = Array.from({ length: MAX_ATTEMPTS + 1 }, () => ({
      status: 503,
      body: { __type: 'ServiceUnavailable', message: 'try later' },
    }));
    await expect(kms()('Sign', {})).rejects.toMatchObject({
      name: 'ServiceUnavailable',
      statusCode: 503,
    });
    expect(received).toHaveLength(MAX_ATTEMPTS);
  });
});

describe('the DynamoDB document client', () => {
  const db = () => new DocumentClient({ region: 'local', endpoint });
  const write = new TransactWriteCommand({
    TransactItems: [
      {
        Put: {
          TableName: 't',
          Item: { pk: 'A', sk: 'B', n: 1, gone: undefined, tags: new Set(['x']) },
        },
      },
    ],
  });

  it('sends items in DynamoDB’s attribute values, and one transaction under one token however often it is sent', async () => {
    answers = ['drop', { status: 200, body: {} }];
    await db().send(write);
    expect(received).toHaveLength(2);
    const [first, second] = received.map((request) => request.input);
    expect(first?.['TransactItems']).toEqual([
      {
        Put: {
          TableName: 't',
          Item: { pk: { S: 'A' }, sk: { S: 'B' }, n: { N: '1' }, tags: { SS: ['x'] } },
        },
      },
    ]);
    expect(first?.['ClientRequestToken']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.['ClientRequestToken']).toBe(first?.['ClientRequestToken']);
    expect(received[0]?.headers['x-amz-target']).toBe('DynamoDB_20120810.TransactWriteItems');

    await db().send(write);
    expect(received[2]?.input['ClientRequestToken']).not.toBe(first?.['ClientRequestToken']);
  });

  it('gives items back as plain objects, in every place an answer holds them', async () => {
    answers = [
      {
        status: 200,
        body: {
          Responses: { t: [{ pk: { S: 'A' }, n: { N: '2' } }] },
          UnprocessedKeys: { t: { Keys: [{ pk: { S: 'B' } }] } },
        },
      },
    ];
    const output = await db().send(
      new BatchGetCommand({ RequestItems: { t: { Keys: [{ pk: 'A' }, { pk: 'B' }] } } }),
    );
    expect(received[0]?.input).toEqual({
      RequestItems: { t: { Keys: [{ pk: { S: 'A' } }, { pk: { S: 'B' } }] } },
    });
    expect(output).toEqual({
      Responses: { t: [{ pk: 'A', n: 2 }] },
      UnprocessedKeys: { t: { Keys: [{ pk: 'B' }] } },
    });
  });

  it('gives a cancelled transaction’s reasons, one per item', async () => {
    answers = [
      {
        status: 400,
        body: {
          __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
          Message: 'Transaction cancelled',
          CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
        },
      },
    ];
    const error = await db()
      .send(write)
      .catch((thrown: unknown) => thrown);
    expect(cancellationReasons(error)).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed' },
    ]);
    expect(cancellationReasons(new Error('other'))).toBeUndefined();
  });
});
