/**
 * Personal numbers in public text (Art14): a mobile, a landline or an ID
 * card, found however they are typed, and masked before anyone sees them.
 * No imports: the browser may run it as is.
 */

/**
 * What people type between the digits of a number: spaces, slashes, dots,
 * commas (Chinese ones too), hyphens and dashes of every width — up to four
 * of them at a time (`138 / 0013 / 8000`).
 */
const SEP = '(?:[\\s./\\\\,，、;；:：·•\\-‐‑‒–—―_~～|／－．＿｜]{1,4})?';
const ID_CARD = new RegExp(
  `(?<![\\dA-Za-z])()(\\d(?:${SEP}\\d){16}${SEP}[\\dXx])(?![\\dA-Za-z])`,
  'g',
);
/** A mainland mobile, with or without +86 (which stays as it is). */
const MOBILE = new RegExp(`(?<!\\d)((?:\\+?86${SEP})?)(1${SEP}[3-9](?:${SEP}\\d){9})(?!\\d)`, 'g');
/** A landline with its area code: 010-12345678, 0311 8765432, 010—1234 5678. */
const LANDLINE = new RegExp(`(?<!\\d)()(0\\d{2,3}(?:${SEP}\\d){7,8})(?!\\d)`, 'g');

/** Every digit of a number but its first three and last four becomes `*`; separators stay. */
function maskDigits(number: string): string {
  const digits = number.replace(/[^\dXx]/g, '').length;
  let seen = 0;
  return number.replace(/[\dXx]/g, (char) => {
    seen += 1;
    return seen <= 3 || seen > digits - 4 ? char : '*';
  });
}

/**
 * The text with its numbers as the eye reads them: full-width digits and X
 * as ASCII, and nothing invisible between them (zero-width spaces and
 * joiners, direction marks, soft hyphens: format characters, which no
 * reader sees anyway). The rest stays as written.
 */
export const foldNumbers = (text: string) =>
  text
    .replace(/\p{Cf}/gu, '')
    .replace(/[０-９Ｘｘ]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));

const mask = (text: string, pattern: RegExp) =>
  text.replace(pattern, (_match, prefix: string, number: string) => prefix + maskDigits(number));

/**
 * Text as the public may see it (Art14): mobile, landline and ID-card
 * numbers masked however they are typed. A department's reply keeps its
 * landlines (its own office numbers, for citizens to call): `keepLandlines`.
 */
export function maskPersonalNumbers(
  text: string,
  options: { keepLandlines?: boolean } = {},
): string {
  const folded = mask(mask(foldNumbers(text), ID_CARD), MOBILE);
  return options.keepLandlines ? folded : mask(folded, LANDLINE);
}

/** Whether the text holds a mobile number, however typed: a department's reply may not. */
export const containsMobileNumber = (text: string): boolean =>
  new RegExp(MOBILE.source).test(foldNumbers(text));
