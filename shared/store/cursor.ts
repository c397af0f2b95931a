import { ValidationError } from '../errors.ts';

/** A page cursor: DynamoDB's LastEvaluatedKey, opaque to clients. */
export const encodeCursor = (key: Record<string, unknown>) =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

/**
 * A cursor is only ever one we handed out for this very partition of the
 * `byUnit` index: anything else (garbage, or another unit's cursor) is a 400,
 * never a query outside the caller's partition.
 */
export function decodeCursor(cursor: string, partition: string): Record<string, string> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const names = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
    if (
      key['gsi1pk'] === partition &&
      Object.keys(key).length === names.length &&
      names.every((name) => typeof key[name] === 'string')
    ) {
      return key as Record<string, string>;
    }
  } catch {
    // falls through to the refusal below
  }
  throw new ValidationError('invalid cursor', [
    { field: 'cursor', message: 'use the cursor of a previous page' },
  ]);
}
