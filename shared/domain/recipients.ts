import { ValidationError } from '../errors.ts';

/**
 * The units a dispatch goes to. "all" means every unit but the sender's own;
 * a list is de-duplicated and every id in it must be a known unit.
 */
export function resolveRecipients(
  requested: string[] | 'all',
  knownUnitIds: string[],
  senderUnit: string,
): string[] {
  if (requested === 'all') return knownUnitIds.filter((id) => id !== senderUnit);
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
