import { ClassifiedContentError } from '../errors.ts';

/**
 * Art12/Art15: the network is not for classified material. What is refused
 * is a classification marking, not a word: 绝密, 机密 or 秘密 with a star
 * (秘密★1年), after 密级, in brackets (【机密】), as a level (机密级), or
 * opening the text. 保守国家秘密 or 商业秘密 inside a sentence is not a
 * marking.
 *
 * However a marking is typed, it is found: full-width forms are folded
 * (NFKC), traditional characters mapped, and everything that can sit
 * between two characters without being seen is taken out first: format
 * characters (zero-width spaces, soft hyphens, LRM/RLM, U+2061), combining
 * marks and variation selectors, spaces of every kind, and middle dots.
 */
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\p{Z}\s·・•]/gu;
const TRADITIONAL: Record<string, string> = { 絕: '绝', 機: '机', 祕: '秘' };
const LEVEL = '(?:绝密|机密|秘密)';
const STAR = '[★☆*]';
const MARKING = new RegExp(
  [
    `${LEVEL}${STAR}`,
    `${STAR}${LEVEL}`,
    `密级[:：]?${LEVEL}`,
    `[【\\[(〔<《「『]${LEVEL}[】\\])〕>》」』]`,
    `${LEVEL}级`,
    `^${LEVEL}`,
  ].join('|'),
  'u',
);

/** The text as the guard reads it: folded, with nothing invisible left in it. */
export const foldForGuard = (text: string) =>
  text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[絕機祕]/g, (c) => TRADITIONAL[c] ?? c);

export function isClassifiedMarking(text: string): boolean {
  return MARKING.test(foldForGuard(text));
}

/** The names of the fields that carry a marking; empty when none does. */
export function fieldsWithClassifiedMarking(fields: Record<string, string | undefined>): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && isClassifiedMarking(value))
    .map(([name]) => name);
}

/**
 * Refuses free text a person writes (a dispatch, an answer, a reception
 * problem, an upward report, a reply) that carries a classification marking
 * in any of its fields: 422 naming them.
 */
export function refuseClassifiedMarkings(fields: Record<string, string | undefined>): void {
  const marked = fieldsWithClassifiedMarking(fields);
  if (marked.length > 0) {
    throw new ClassifiedContentError(
      'classified material may not be sent on this platform (Art12)',
      marked.map((field) => ({ field, message: 'carries a classification marking' })),
    );
  }
}
