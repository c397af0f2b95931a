/**
 * Art12/Art15: the network is not for classified material. What is refused
 * is a classification marking, not a word: 绝密, 机密 or 秘密 with a star
 * (秘密★1年), after 密级 (密级：机密, 密级为机密, 密级-机密), in brackets of
 * any kind (【机密】〈机密〉〖机密〗{机密}), as a level (机密级), alone, or
 * opening the text as a heading (机密 关于…). 保守国家秘密, 商业秘密 or
 * 机密文件管理培训 inside a sentence are words, not markings.
 *
 * However a marking is typed, it is found: full-width forms are folded
 * (NFKC), traditional characters mapped (機密, 密級), and everything that
 * can sit between two characters without being seen is taken out first:
 * format characters (zero-width spaces, soft hyphens, direction marks),
 * combining marks and variation selectors, Hangul and Braille fillers
 * (U+115F, U+1160, U+3164, U+FFA0, U+2800), spaces of every kind, and dots.
 */
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\u115f\u1160\u3164\uffa0\u2800\u180e]/gu;
const SPACING = /[\p{Z}\s·・•‧∙⋅]/gu;
const TRADITIONAL: Record<string, string> = { 絕: '绝', 機: '机', 祕: '秘', 級: '级' };
const LEVEL = '(?:绝密|机密|秘密)';
const STAR = '[★☆*✱✲✳✴✵✶⭐]';
const OPEN = '[【\\[(〔<《「『〈〖{〘〚⟨⦅]';
const CLOSE = '[】\\])〕>》」』〉〗}〙〛⟩⦆]';
const MARKING = new RegExp(
  [
    `${LEVEL}${STAR}`,
    `${STAR}${LEVEL}`,
    // After 密级, whatever joins them: a colon of any form, a dash, 为 or 是.
    `密级(?:[为是]|[^\\p{L}\\p{N}]){0,3}${LEVEL}`,
    `${OPEN}${LEVEL}${CLOSE}`,
    `${LEVEL}级`,
    `^${LEVEL}$`,
  ].join('|'),
  'u',
);
/** A level heading the text, set apart from what follows (机密 关于…, 机密：…): read with its spaces. */
const HEADING = /^[\s\p{P}\p{S}]*(?:绝|机|秘)\s*密(?=$|[\s\p{P}\p{S}])/u;

const fold = (text: string) =>
  text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/[絕機祕級]/g, (c) => TRADITIONAL[c] ?? c);

/** The text as the guard reads it: folded, with nothing invisible or spacing left in it. */
export const foldForGuard = (text: string) => fold(text).replace(SPACING, '');

export function isClassifiedMarking(text: string): boolean {
  return MARKING.test(foldForGuard(text)) || HEADING.test(fold(text));
}

/** The names of the fields that carry a marking; empty when none does. */
export function fieldsWithClassifiedMarking(fields: Record<string, string | undefined>): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && isClassifiedMarking(value))
    .map(([name]) => name);
}

/** What a refused field is told (API.md: 422 CLASSIFIED_CONTENT). */
export const CLASSIFIED_FIELD_MESSAGE = '含有密级标志：本平台不得处理涉密内容';
