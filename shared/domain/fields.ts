import { z } from 'zod';
import { currencyDigits, isCalendarDate } from './days-and-currencies.ts';

// Kept here too, where the field rules that use them are.
export { currencyDigits, isCalendarDate };

/**
 * Field validators shared by every entity. Each domain rule carries a `rule` code in its issue params;
 * dispatch reports it as the issue's `rule`, and the UI shows `validation.rule.<rule>` in the user's
 * language (shared/i18n). The English message is the fallback and the text of logs.
 */

/** The rule codes of our own validators, each with a translation in every catalog. */
export const fieldRules = [
  'email',
  'phone',
  'currency',
  'amount',
  'date',
  'dateTime',
  'dateOrder',
  'website',
  'color',
  'duplicate',
  'other_client',
  'timeZone',
  'text',
  'same_client',
] as const;
export type FieldRule = (typeof fieldRules)[number];

/** Attaches one of our rule codes to a refinement. */
function rule(code: FieldRule, message: string) {
  return { message, params: { rule: code } };
}

/**
 * A character a person cannot see: white space, format characters and the other default-ignorable code
 * points (zero-width spaces, the byte-order mark, bidi marks, soft hyphens, Hangul fillers).
 */
const INVISIBLE_GRAPHEME = /^[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}]+$/u;
const INVISIBLE_END = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]|[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Control characters other than tab and line breaks, and halves of a surrogate pair without the other. */
// Matching control characters is the point of this pattern.
// eslint-disable-next-line no-control-regex
const BROKEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\p{Cs}/u;

/**
 * Trims what cannot be seen from both ends of `value`, so a name of only zero-width spaces is empty.
 * It works on whole graphemes: a variation selector or emoji tag that belongs to the character before it
 * (❤️, a flag) is part of what is seen and stays; inside the text, joiners stay too.
 */
function trimInvisible(value: string): string {
  const trimmed = value.trim();
  if (!INVISIBLE_END.test(trimmed)) return trimmed;
  const parts = Array.from(graphemes.segment(trimmed), (part) => part.segment);
  let start = 0;
  let end = parts.length;
  while (start < end && INVISIBLE_GRAPHEME.test(parts[start] ?? '')) start++;
  while (end > start && INVISIBLE_GRAPHEME.test(parts[end - 1] ?? '')) end--;
  return parts.slice(start, end).join('');
}

/** True when `value` holds a control character (other than tab and line breaks) or a lone surrogate. */
export function hasBrokenCharacters(value: string): boolean {
  return BROKEN_CHARACTERS.test(value);
}

/**
 * Text as every text field accepts it: trimmed of invisible ends, and refused (rule `text`) when it holds
 * control characters or broken characters, which no keyboard types and no screen shows.
 */
function cleanText() {
  return z
    .string()
    .overwrite(trimInvisible)
    .refine(
      (value) => !hasBrokenCharacters(value),
      rule('text', 'Remove the control characters or broken characters from this text.'),
    );
}

/** Optional short text: blank (or only invisible characters) means "not set" and is stored as null. */
export function optionalText(max: number) {
  return cleanText()
    .max(max, { message: `At most ${max} characters.` })
    .nullable()
    .transform((value) => (value ? value : null));
}

/** Required text of at most `max` characters; `missing` says what to enter, `tooLong` when it is too long. */
export function requiredText(max: number, missing: string, tooLong = `At most ${max} characters.`) {
  return cleanText().min(1, { message: missing }).max(max, { message: tooLong });
}

// Control, format (zero-width) and lone surrogate characters are never part of an address.
const EMAIL =
  /^[^\s@<>(),;:"\p{Cc}\p{Cf}\p{Cs}]+@[^\s@<>(),;:"\p{Cc}\p{Cf}\p{Cs}]+\.[^\s@<>(),;:".\p{Cc}\p{Cf}\p{Cs}]{2,}$/u;

/** An email address; international domains (почта.рф) are accepted. Stored trimmed, as typed. */
export const Email = z
  .string()
  .overwrite(trimInvisible)
  .max(254, { message: 'At most 254 characters.' })
  .refine((value) => EMAIL.test(value), rule('email', 'Enter an email address such as name@example.com.'));

/** The digits of a phone number, for search and comparison. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+(\s*(ext\.?|x|доб\.?)\s*\d{1,6})?$/iu;

/** A phone number as people write it: digits with spaces, dashes, dots or brackets, 5 to 15 digits. */
export const Phone = z
  .string()
  .trim()
  .refine(
    (value) => {
      const main = value.replace(/\s*(ext\.?|x|доб\.?)\s*\d{1,6}$/iu, '');
      const digits = phoneDigits(main).length;
      return PHONE_CHARACTERS.test(value) && digits >= 5 && digits <= 15;
    },
    rule('phone', 'Enter a phone number of 5 to 15 digits, such as +7 701 123 4567.'),
  );

/** ISO 4217 codes this runtime knows (Node and Chromium ship the same ICU list). */
const currencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** A currency: an ISO 4217 code such as KZT, RUB, USD or EUR (lowercase is accepted). */
export const CurrencyCode = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine(
    (value) => currencies.has(value),
    rule('currency', 'Enter a currency code such as KZT, RUB, USD or EUR.'),
  );

/** The amount in minor units (tiyn, kopecks, cents), exactly: 12.3 KZT → 1230. */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** currencyDigits(currency));
}

/** The largest amount accepted: far beyond any deal, and still exact in minor units as a double. */
export const AMOUNT_MAX = 1e13;

/** A sum of money: not negative, finite, at most as many decimals as the currency has. */
export const Amount = z
  .number({ message: 'Enter an amount as a number.' })
  .refine(
    (value) => Number.isFinite(value) && value >= 0 && value <= AMOUNT_MAX,
    rule('amount', `Enter an amount from 0 to ${AMOUNT_MAX.toLocaleString('en')}.`),
  );

/** Checks that `amount` has no more decimals than `currency` allows; adds an issue at `path` if not. */
export function checkAmountDigits(
  amount: number | null | undefined,
  currency: string,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  if (amount === null || amount === undefined || !currencies.has(currency)) return;
  const digits = currencyDigits(currency);
  const scaled = amount * 10 ** digits;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
    ctx.addIssue({
      code: 'custom',
      path,
      params: { rule: 'amount' },
      message:
        digits === 0
          ? `${currency} amounts have no decimals.`
          : `${currency} amounts have at most ${digits} decimals.`,
    });
  }
}

/** An amount in a currency; the two sync as one field (SYNC.md). */
export const Money = z.strictObject({ amount: Amount, currency: CurrencyCode }).superRefine((money, ctx) => {
  checkAmountDigits(money.amount, money.currency, ['amount'], ctx);
});
export type Money = z.infer<typeof Money>;

/** A calendar day, YYYY-MM-DD (a birthday, an invoice date). */
export const DateOnly = z
  .string()
  .trim()
  .refine(isCalendarDate, rule('date', 'Enter a date as YYYY-MM-DD, such as 2026-03-31.'));

/**
 * A moment in time: ISO 8601 with a time zone (`Z` or an offset). Stored and returned in UTC with
 * milliseconds, so string order is time order.
 */
export const DateTime = z
  .string()
  .trim()
  .refine(
    (value) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i.test(value) &&
      isCalendarDate(value.slice(0, 10)) &&
      !Number.isNaN(Date.parse(value)),
    rule('dateTime', 'Enter a date and time with its time zone, such as 2026-03-31T14:30:00Z.'),
  )
  .transform((value) => new Date(value).toISOString());

/** True when this runtime knows `zone` as an IANA time zone (Intl is the list Node and Chromium share). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * An IANA time zone such as Asia/Almaty or UTC: wherever a zone enters (a follow-up's day, the demo's
 * "today"), so an unknown one is a validation error and never reaches Intl inside a handler.
 */
export const TimeZone = z
  .string()
  .trim()
  .max(100, { message: 'At most 100 characters.' })
  .refine(isTimeZone, rule('timeZone', 'Enter a time zone such as Asia/Almaty or UTC.'));

/** A colour as #rrggbb. */
export const Color = z
  .string()
  .trim()
  .refine((value) => /^#[0-9a-f]{6}$/i.test(value), rule('color', 'Enter a colour as #rrggbb.'))
  .transform((value) => value.toLowerCase());

/** A percentage from 0 to 100, whole. */
export const Percent = z
  .number({ message: 'Enter a number.' })
  .int({ message: 'Enter a whole number.' })
  .min(0, { message: 'At least 0.' })
  .max(100, { message: 'At most 100.' });

/** A client's satisfaction with how a service request was handled: 1 (poor) to 5 stars, whole. */
export const Rating = z
  .number({ message: 'Enter a rating from 1 to 5.' })
  .int({ message: 'Enter a whole number of stars from 1 to 5.' })
  .min(1, { message: 'The lowest rating is 1.' })
  .max(5, { message: 'The highest rating is 5.' });

/** Adds a `dateOrder` issue at `path` when `later` is before `earlier` (both comparable strings). */
export function checkDateOrder(
  earlier: string | null | undefined,
  later: string | null | undefined,
  path: string,
  message: string,
  ctx: z.RefinementCtx,
): void {
  if (earlier && later && later < earlier) {
    ctx.addIssue({ code: 'custom', path: [path], params: { rule: 'dateOrder' }, message });
  }
}
