/*
 * Plain checks of days and currencies, without the validation library: shared by the field rules
 * (fields.ts re-exports them) and by code that runs where nothing else of the contract is loaded, such
 * as the lifetime-value fit's worker thread, whose memory stays with the backend's process after it ends.
 */

/** Digits after the decimal point of a currency's minor unit: 2 for KZT, 0 for JPY. */
export function currencyDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    const { maximumFractionDigits } = new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
    }).resolvedOptions();
    digits = maximumFractionDigits ?? 2;
    digitsOf.set(currency, digits);
  }
  return digits;
}

/** Building a NumberFormat takes tens of microseconds; a currency's digits never change. */
const digitsOf = new Map<string, number>();

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    year <= 2200 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}
