import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatDecimal,
  formatDue,
  formatMoney,
} from '../../../shared/i18n/format.ts';
import { catalogs } from '../../../shared/i18n/index.ts';

const now = new Date(2026, 10, 23, 10, 0);

describe('due times in words', () => {
  it('says how long ago something was due, by calendar day, in each language', () => {
    const due = new Date(2026, 10, 21, 18, 0);
    expect(formatDue(due, now, 'en', catalogs.en)).toBe('2 days overdue');
    expect(formatDue(due, now, 'ru', catalogs.ru)).toBe('просрочено на 2 дня');
    expect(formatDue(due, now, 'kk', catalogs.kk)).toBe('2 күн кешікті');
  });

  it('counts hours for something overdue today, and the time left for something ahead', () => {
    expect(formatDue(new Date(2026, 10, 23, 7, 0), now, 'en', catalogs.en)).toBe('3 hours overdue');
    expect(formatDue(new Date(2026, 10, 23, 13, 0), now, 'en', catalogs.en)).toBe('due in 3 hours');
    expect(formatDue(new Date(2026, 10, 30, 10, 0), now, 'ru', catalogs.ru)).toBe('через 7 дней');
    expect(formatDue(new Date(now.getTime() + 20_000), now, 'en', catalogs.en)).toBe('due now');
  });
});

describe('dates and money in the user’s locale', () => {
  it('formats a day with the language’s month names', () => {
    const day = new Date(2026, 2, 31);
    expect(formatDate(day, 'en')).toBe('Mar 31, 2026');
    expect(formatDate(day, 'ru')).toMatch(/31 мар/);
  });

  it('formats money with the currency and the locale’s separators', () => {
    expect(formatMoney(1234.5, 'USD', 'en')).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'KZT', 'ru').replace(/\s/g, ' ')).toBe('1 234,50 ₸');
    expect(formatMoney(1000, 'JPY', 'en')).toBe('¥1,000');
  });
});

describe('averages and durations', () => {
  it('keep one decimal where a count is rounded to a whole number, in each language', () => {
    // An average rating of 4 and 5, a day and a half, 1.33 requests per client.
    expect(formatDecimal(4.5, 'en')).toBe('4.5');
    expect(formatDecimal(4.5, 'ru')).toBe('4,5');
    expect(formatDecimal(1.33, 'en')).toBe('1.3');
    expect(formatDecimal(12, 'en')).toBe('12');
    expect(formatDecimal(1234.56, 'en')).toBe('1,234.6');
    expect(formatCount(4.5, 'en')).toBe('5');
  });
});
