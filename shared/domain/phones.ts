import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A Chinese or international phone number in E.164 (`+8613800000001`), or
 * undefined when it is not a valid number. Numbers without a country code
 * are read as Chinese.
 */
export function normalizePhone(input: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input, 'CN');
  return parsed?.isValid() ? parsed.number : undefined;
}

/** `+8613800000001` → `+86 138****0001`: enough to recognise, not enough to call. */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed ? String(parsed.nationalNumber) : e164.replace(/^\+/, '');
  const country = parsed ? `+${parsed.countryCallingCode} ` : '';
  return `${country}${national.slice(0, 3)}****${national.slice(-4)}`;
}
