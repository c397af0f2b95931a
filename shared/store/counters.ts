import type { OutcomeCounts } from '../domain/receiptOutcomes.ts';
import type { TransactItem } from './audit.ts';
import type { Store } from './context.ts';

/**
 * Adds counts to counters kept on an item, as a transaction item written with
 * the change they count: in the map `path` of an item that has it (a
 * dispatch's `tally`), or as the item's own attributes, creating the item if
 * need be (with `set`'s attributes). Nothing when every count is zero.
 */
export function counterUpdate(
  store: Store,
  key: { pk: string; sk: string },
  counts: OutcomeCounts,
  options: { path?: string; set?: Record<string, string> } = {},
): TransactItem[] {
  const entries = Object.entries(counts).filter(([, delta]) => delta !== 0);
  if (entries.length === 0) return [];
  const at = (i: number) => (options.path ? `${options.path}.#c${i}` : `#c${i}`);
  const set = Object.entries(options.set ?? {});
  return [
    {
      Update: {
        TableName: store.table,
        Key: key,
        UpdateExpression: `SET ${[
          ...entries.map((_, i) => `${at(i)} = if_not_exists(${at(i)}, :zero) + :c${i}`),
          ...set.map((_, i) => `#s${i} = :s${i}`),
        ].join(', ')}`,
        ExpressionAttributeNames: {
          ...Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
          ...Object.fromEntries(set.map(([name], i) => [`#s${i}`, name])),
        },
        ExpressionAttributeValues: {
          ':zero': 0,
          ...Object.fromEntries(entries.map(([, delta], i) => [`:c${i}`, delta])),
          ...Object.fromEntries(set.map(([, value], i) => [`:s${i}`, value])),
        },
      },
    },
  ];
}
