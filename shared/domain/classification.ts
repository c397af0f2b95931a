import { ClassifiedContentError } from '../errors.ts';

/**
 * Art12/Art15: the network is not for classified material. A marking may be
 * typed full-width, spaced ("机 密"), with ★, or in traditional characters;
 * all of those are folded before matching.
 */
const MARKINGS = /绝密|机密|秘密|絕密|機密|祕密/;
/** White space (incl. U+3000), zero-width characters and middle dots that may sit between the two characters. */
const SEPARATORS = /[\s\u200b-\u200d\u2060\ufeff·・•]/gu;

export function isClassifiedMarking(text: string): boolean {
  return MARKINGS.test(text.normalize('NFKC').replace(SEPARATORS, ''));
}

/** The names of the fields that carry a marking; empty when none does. */
export function fieldsWithClassifiedMarking(fields: Record<string, string | undefined>): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && isClassifiedMarking(value))
    .map(([name]) => name);
}

/** Refuses a text that carries a classification marking in any of its fields (Art12): 422 naming them. */
export function refuseClassifiedMarkings(fields: Record<string, string | undefined>): void {
  const marked = fieldsWithClassifiedMarking(fields);
  if (marked.length > 0) {
    throw new ClassifiedContentError(
      'classified material may not be sent on this platform (Art12)',
      marked.map((field) => ({ field, message: 'carries a classification marking' })),
    );
  }
}
