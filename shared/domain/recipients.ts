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
      throw new ValidationError('没有接收单位', [
        { field: 'recipients', message: '没有可发送的单位' },
      ]);
    }
    return everyOther;
  }
  const known = new Set(knownUnitIds);
  const unknown = requested.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new ValidationError(
      '接收单位不存在',
      unknown.map((id) => ({ field: 'recipients', message: `单位“${id}”不存在` })),
    );
  }
  return [...new Set(requested)];
}
