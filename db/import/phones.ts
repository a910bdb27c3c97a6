import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** A phone number as imported: what the file said, and the E.164 form used to match people by phone. */
export interface NormalisedPhone {
  /** As written in the file. */
  original: string;
  /** `+77011234567` when the number is a valid one (in the default country when it has no `+`). */
  e164?: string;
  /** The valid number as people read it, with its extension: `+7 701 123 4567`, `+1 418 656 9254 ext. 102`. */
  international?: string;
  /** The extension, when the file gave one (`ext. 102`). */
  extension?: string;
}

/** A two-letter country code libphonenumber knows ('KZ', 'RU', 'DE', …). */
export function isPhoneCountry(country: string): country is CountryCode {
  return isSupportedCountry(country);
}

/**
 * Normalises one phone number with libphonenumber-js (full metadata, so "valid" means a number that can
 * exist, not only one of the right length). A number without a country code is read in `defaultCountry`;
 * a text that is no valid number (`BusinessPhone`, `12-34-56` without an area code) keeps only its original.
 */
export function normalisePhone(original: string, defaultCountry?: CountryCode): NormalisedPhone {
  const text = original.trim();
  if (text === '') return { original };
  const parsed = parsePhoneNumberFromString(text, defaultCountry === undefined ? {} : { defaultCountry });
  if (parsed === undefined || !parsed.isValid()) return { original };
  return {
    original,
    e164: parsed.number,
    international: parsed.formatInternational(),
    ...(parsed.ext ? { extension: parsed.ext } : {}),
  };
}
