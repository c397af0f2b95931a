/**
 * An UpdateItem expression from a plain object: defined values are SET,
 * keys whose value is undefined are REMOVEd.
 *
 * @example
 * updateExpression({ status: 'active', verification: undefined })
 * // { UpdateExpression: 'SET #status = :status REMOVE #verification', ... }
 */
export function updateExpression(fields: Record<string, unknown>): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  const toSet = Object.entries(fields).filter(([, value]) => value !== undefined);
  const toRemove = Object.keys(fields).filter((name) => fields[name] === undefined);
  return {
    UpdateExpression: [
      toSet.length > 0 ? `SET ${toSet.map(([name]) => `#${name} = :${name}`).join(', ')}` : '',
      toRemove.length > 0 ? `REMOVE ${toRemove.map((name) => `#${name}`).join(', ')}` : '',
    ]
      .join(' ')
      .trim(),
    ExpressionAttributeNames: Object.fromEntries(
      Object.keys(fields).map((name) => [`#${name}`, name]),
    ),
    ExpressionAttributeValues: Object.fromEntries(
      toSet.map(([name, value]) => [`:${name}`, value]),
    ),
  };
}
