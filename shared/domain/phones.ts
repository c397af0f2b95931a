import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';
import cnMetadata from './phoneMetadata.cn.json' with { type: 'json' };

/** Only Chinese numbers: `scripts/phone-metadata.ts` cuts libphonenumber's metadata down to +86. */
const metadata = cnMetadata as unknown as MetadataJson;

/**
 * A Chinese phone number in E.164 (`+8613800000001`), or undefined when it
 * is not a valid one. `+86` may be omitted; landlines take their area code.
 */
export function normalizePhone(input: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input, 'CN', metadata);
  return parsed?.isValid() && parsed.country === 'CN' ? parsed.number : undefined;
}

/** Whether an E.164 number is a Chinese mobile number, the only kind that receives SMS. */
export function isMobilePhone(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164, 'CN', metadata)?.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

/** `+8613800000001` → `+86 138****0001`: enough to recognise, not enough to call. */
export function maskPhone(e164: string): string {
  const national = e164.replace(/^\+86/, '');
  return `+86 ${national.slice(0, 3)}****${national.slice(-4)}`;
}
