import { ValidationError } from '../errors.ts';

/**
 * The units a dispatch goes to. "all" means every unit but the sender's own;
 * a list is de-duplicated and every id in it must be a known unit. A
 * dispatch goes to at least one unit.
 */
export function resolveRecipients(
  requested: string[] | 'all',
  knownUnitIds: string[],
  senderUnit: string,
): string[] {
  if (requested === 'all') {
    const everyOther = knownUnitIds.filter((id) => id !== senderUnit);
    if (everyOther.length === 0) {
      throw new ValidationError('no recipient units', [
        { field: 'recipients', message: 'no unit to send to' },
      ]);
    }
    return everyOther;
  }
  const known = new Set(knownUnitIds);
  const unknown = requested.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new ValidationError(
      'unknown recipient units',
      unknown.map((id) => ({ field: 'recipients', message: `unknown unit "${id}"` })),
    );
  }
  return [...new Set(requested)];
}
