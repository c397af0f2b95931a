import { randomUUID } from 'node:crypto';
import type * as lib from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { AwsError, jsonService } from './awsCall.ts';

/** The shapes the store names, as lib-dynamodb defines them. */
export type {
  BatchGetCommandOutput,
  BatchWriteCommandOutput,
  PutCommandInput,
  QueryCommandInput,
  TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

/**
 * The DynamoDB document client: items as plain objects, as
 * `@aws-sdk/lib-dynamodb` takes and gives them (its input and output types
 * are ours), sent through `jsonService` instead of the SDK's client, which
 * alone made a function's cold start 1.4× a hello world's (bench/bundles.ts).
 * `db.send(new GetCommand({ TableName, Key }))` reads as it does with the SDK.
 * Outside AWS (DynamoDB Local) an endpoint is given and any static
 * credentials do. Items hold no binary attributes.
 */

/** One DynamoDB operation with its input; `Output` is what `send` resolves to. */
export abstract class Command<Input extends object, Output> {
  abstract readonly operation: string;
  declare readonly output: Output;
  constructor(readonly input: Input) {}
}

export class GetCommand extends Command<lib.GetCommandInput, lib.GetCommandOutput> {
  readonly operation = 'GetItem';
}
export class PutCommand extends Command<lib.PutCommandInput, lib.PutCommandOutput> {
  readonly operation = 'PutItem';
}
export class UpdateCommand extends Command<lib.UpdateCommandInput, lib.UpdateCommandOutput> {
  readonly operation = 'UpdateItem';
}
export class DeleteCommand extends Command<lib.DeleteCommandInput, lib.DeleteCommandOutput> {
  readonly operation = 'DeleteItem';
}
export class QueryCommand extends Command<lib.QueryCommandInput, lib.QueryCommandOutput> {
  readonly operation = 'Query';
}
export class ScanCommand extends Command<lib.ScanCommandInput, lib.ScanCommandOutput> {
  readonly operation = 'Scan';
}
export class BatchGetCommand extends Command<lib.BatchGetCommandInput, lib.BatchGetCommandOutput> {
  readonly operation = 'BatchGetItem';
}
export class BatchWriteCommand extends Command<
  lib.BatchWriteCommandInput,
  lib.BatchWriteCommandOutput
> {
  readonly operation = 'BatchWriteItem';
}
export class TransactWriteCommand extends Command<
  lib.TransactWriteCommandInput,
  lib.TransactWriteCommandOutput
> {
  readonly operation = 'TransactWriteItems';
}

/** Fields that hold one item (or key, or expression values), and fields that hold a list of them. */
const ITEM = new Set([
  'Key',
  'Item',
  'ExpressionAttributeValues',
  'ExclusiveStartKey',
  'LastEvaluatedKey',
  'Attributes',
]);
const ITEMS = new Set(['Keys', 'Items']);
type Item = Record<string, unknown>;

/**
 * Converts every item in a request or a response with `each`: the fields
 * above wherever they sit (`TransactItems[].Put.Item`, `RequestItems.<table>.Keys`,
 * `UnprocessedItems.<table>[].PutRequest.Item`), and BatchGetItem's
 * `Responses.<table>`.
 */
function convertItems(value: unknown, each: (item: Item) => Item): unknown {
  if (Array.isArray(value)) return value.map((element) => convertItems(element, each));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([field, inner]) => {
      if (inner === undefined || inner === null) return [field, inner];
      if (ITEM.has(field)) return [field, each(inner as Item)];
      if (ITEMS.has(field)) return [field, (inner as Item[]).map(each)];
      if (field === 'Responses' && !Array.isArray(inner))
        return [
          field,
          Object.fromEntries(
            Object.entries(inner as Record<string, Item[]>).map(([table, items]) => [
              table,
              items.map(each),
            ]),
          ),
        ];
      return [field, convertItems(inner, each)];
    }),
  );
}

const toWire = (item: Item) => marshall(item, { removeUndefinedValues: true }) as Item;
const fromWire = (item: Item) => unmarshall(item as Parameters<typeof unmarshall>[0]);

export class DocumentClient {
  private readonly call: ReturnType<typeof jsonService>;

  constructor(options: { region: string; endpoint?: string | undefined }) {
    this.call = jsonService({
      name: 'dynamodb',
      target: 'DynamoDB_20120810',
      jsonVersion: '1.0',
      ...options,
    });
  }

  /** Sends one operation. A transaction gets a client token, so that a retry after a dropped answer is not applied twice. */
  async send<Input extends object, Output>(command: Command<Input, Output>): Promise<Output> {
    const input =
      command.operation === 'TransactWriteItems'
        ? { ClientRequestToken: randomUUID(), ...command.input }
        : command.input;
    const output = await this.call(command.operation, convertItems(input, toWire) as object);
    return convertItems(output, fromWire) as Output;
  }
}

export function createDocumentClient(options: {
  region: string;
  endpoint?: string | undefined;
}): DocumentClient {
  return new DocumentClient(options);
}

/** Every page of a query, following `LastEvaluatedKey`; `pageSize` sets each request's `Limit`. */
export async function* paginateQuery(
  { client, pageSize }: { client: DocumentClient; pageSize?: number },
  input: lib.QueryCommandInput,
): AsyncGenerator<lib.QueryCommandOutput> {
  let ExclusiveStartKey = input.ExclusiveStartKey;
  do {
    const page = await client.send(
      new QueryCommand({
        ...input,
        ...(pageSize ? { Limit: pageSize } : {}),
        ExclusiveStartKey,
      }),
    );
    yield page;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** The reasons a cancelled transaction gives, one per item in order; undefined for any other error. */
export function cancellationReasons(error: unknown): { Code?: string }[] | undefined {
  if (!(error instanceof AwsError) || error.name !== 'TransactionCanceledException')
    return undefined;
  return (error.fields['CancellationReasons'] ?? []) as { Code?: string }[];
}

/** A write refused because its own condition did not hold (outside a transaction). */
export const isConditionalCheckFailed = (error: unknown) =>
  error instanceof AwsError && error.name === 'ConditionalCheckFailedException';
