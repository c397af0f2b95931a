import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The store's client: lib-dynamodb's document client (items as plain objects). */
export type DocumentClient = DynamoDBDocumentClient;

/**
 * The DynamoDB document client of a process. Outside AWS (DynamoDB Local) an
 * endpoint is given and any static credentials do; in AWS the SDK's own
 * chain finds the role's. Retries, clock-skew correction and the client
 * token of a transaction sent again are the SDK's.
 */
export function createDocumentClient(options: {
  region: string;
  endpoint?: string | undefined;
}): DocumentClient {
  const client = new DynamoDBClient(
    options.endpoint
      ? {
          region: options.region,
          endpoint: options.endpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : { region: options.region },
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** The reasons a cancelled transaction gives, one per item in order; undefined for any other error. */
export function cancellationReasons(error: unknown): { Code?: string }[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return error.CancellationReasons ?? [];
}

/** A write refused because its own condition did not hold (outside a transaction). */
export const isConditionalCheckFailed = (error: unknown) =>
  error instanceof ConditionalCheckFailedException;
