import { describe, expect, it } from 'vitest';
import {
  detectDateFormat,
  detectNumberFormat,
  readChoice,
  readCurrency,
  readDay,
  readEmail,
  readFlag,
  readLabel,
  readMoment,
  readMoney,
  readNumber,
  readOutcome,
  readPhone,
  splitContactPoints,
} from '../../../db/import/mapping/index.ts';
import type { Reading } from '../../../db/import/mapping/index.ts';
import {
  clientKinds,
  dealStages,
  interactionKinds,
  lifecycleStages,
} from '../../../shared/entities/entities.ts';

/** The value a reading gives, or its problem code, so a table of cases reads at a glance. */
function outcome<T>(reading: Reading<T>): T | string {
  return reading.ok ? reading.value : `! ${reading.code}`;
}

describe('dates are read in the forms files write them, and impossible ones are refused', () => {
  it('05/06/2026 needs the column’s format: 5 June with dmy, 6 May with mdy, and a problem without', () => {
    expect(outcome(readDay('05/06/2026', 'dmy'))).toBe('2026-06-05');
    expect(outcome(readDay('05/06/2026', 'mdy'))).toBe('2026-05-06');
    const unknown = readDay('05/06/2026', undefined);
    expect(unknown).toMatchObject({ ok: false, code: 'ambiguous_date' });
    expect(!unknown.ok && unknown.message).toContain('5 June or 6 May');
  });

  it('a day over 12, dots, ISO, month names and Excel’s ISO text read whatever the format', () => {
    const cases: [string, string][] = [
      ['31/01/2026', '2026-01-31'],
      ['1/31/2026', '2026-01-31'],
      ['05.06.2026', '2026-06-05'],
      ['5.6.26', '2026-06-05'],
      ['31.1.1972', '1972-01-31'],
      ['2026-06-05', '2026-06-05'],
      ['2026/06/05', '2026-06-05'],
      ['20260605', '2026-06-05'],
      ['2026-06-05T00:00:00', '2026-06-05'],
      ['07 Oct 2024', '2024-10-07'],
      ['Oct 7, 2024', '2024-10-07'],
      ['5 июня 2026 г.', '2026-06-05'],
      ['5 маусым 2026', '2026-06-05'],
      ['2026 жылғы 5 маусым', '2026-06-05'],
      ['31. Januar 1972', '1972-01-31'],
      ['05/05/2026', '2026-05-05'],
    ];
    for (const [text, day] of cases) expect(outcome(readDay(text, undefined)), text).toBe(day);
  });

  it('refuses impossible days, a birthday without its year, words and bare numbers without the Excel format', () => {
    expect(readDay('2026-02-30', 'iso')).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(readDay('31.04.2026', 'dmy')).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(readDay('13/13/2026', 'mdy')).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(readDay('--02-03', undefined)).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(readDay('tomorrow', undefined)).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(readDay('5 Smarch 2026', undefined)).toMatchObject({ ok: false, code: 'invalid_date' });
    const serial = readDay('46000', undefined);
    expect(serial).toMatchObject({ ok: false, code: 'invalid_date' });
    expect(!serial.ok && serial.message).toContain('Excel');
  });

  it('Excel day numbers read with the excel format: 46000 is 2025-12-09, 45658.5 noon of 2025-01-01', () => {
    expect(outcome(readDay('46000', 'excel'))).toBe('2025-12-09');
    expect(outcome(readDay('1', 'excel'))).toBe('1900-01-01');
    expect(outcome(readMoment('45658.5', 'excel', 'UTC'))).toEqual({
      moment: '2025-01-01T12:00:00.000Z',
      dateOnly: false,
    });
    expect(outcome(readDay('2026-06-05', 'excel'))).toBe('2026-06-05');
  });

  it('a time without an offset is the user’s wall clock; with one it is what it says', () => {
    expect(outcome(readMoment('2026-06-05 14:30', undefined, 'Asia/Almaty'))).toEqual({
      moment: '2026-06-05T09:30:00.000Z',
      dateOnly: false,
    });
    expect(outcome(readMoment('05.06.2026 14:30:15', undefined, 'UTC'))).toMatchObject({
      moment: '2026-06-05T14:30:15.000Z',
    });
    expect(outcome(readMoment('6/5/2026 2:30 PM', 'mdy', 'UTC'))).toMatchObject({
      moment: '2026-06-05T14:30:00.000Z',
    });
    expect(outcome(readMoment('2026-06-05T14:30:00+03:00', undefined, 'Asia/Almaty'))).toMatchObject({
      moment: '2026-06-05T11:30:00.000Z',
    });
    expect(outcome(readMoment('2026-06-05', undefined, 'Asia/Almaty'))).toEqual({
      moment: '2026-06-04T19:00:00.000Z',
      dateOnly: true,
    });
    expect(readMoment('2026-06-05 25:00', undefined, 'UTC')).toMatchObject({
      ok: false,
      code: 'invalid_date',
    });
    // A moment given in UTC late in the evening is the next day in Almaty.
    expect(outcome(readDay('2026-06-05T21:00:00Z', 'iso', 'Asia/Almaty'))).toBe('2026-06-06');
  });

  it('detectDateFormat: a day over 12 or dots decide, 05/06/2026 alone is ambiguous, numbers are Excel', () => {
    expect(detectDateFormat(['05/06/2026', '07/08/2026'])).toBe('ambiguous');
    expect(detectDateFormat(['05/06/2026', '25/06/2026'])).toBe('dmy');
    expect(detectDateFormat(['05/06/2026', '06/25/2026'])).toBe('mdy');
    expect(detectDateFormat(['25/06/2026', '06/25/2026'])).toBe('ambiguous');
    expect(detectDateFormat(['05.06.2026'])).toBe('dmy');
    expect(detectDateFormat(['2026-06-05', '', '2026-07-01'])).toBe('iso');
    expect(detectDateFormat(['46000', '45999'])).toBe('excel');
    expect(detectDateFormat(['05/05/2026'])).toBeNull();
    expect(detectDateFormat(['07 Oct 2024', ''])).toBeNull();
    expect(detectDateFormat([])).toBeNull();
  });
});

describe('numbers are read in dot or comma format, and amounts in words are refused', () => {
  it('1.234,56 and 1 234,56 (also with no-break spaces) are comma; 1,234.56 is dot', () => {
    const cases: [string, number][] = [
      ['1.234,56', 1234.56],
      ['1 234,56', 1234.56],
      ['1\u00a0234\u00a0567,5', 1234567.5],
      ['1\u202f234', 1234],
      ['1,234.56', 1234.56],
      ['1,234,567', 1234567],
      ['1,5', 1.5],
      ['0,125', 0.125],
      ['1234,567', 1234.567],
      ['12 500', 12500],
      ['-42', -42],
      [',5', 0.5],
      ["1'234.50", 1234.5],
    ];
    for (const [text, number] of cases) expect(outcome(readNumber(text, undefined)), text).toBe(number);
  });

  it('1.234 and 1,234 need the column’s format, and then read both ways', () => {
    expect(readNumber('1.234', undefined)).toMatchObject({ ok: false, code: 'ambiguous_number' });
    expect(readNumber('1,234', undefined)).toMatchObject({ ok: false, code: 'ambiguous_number' });
    expect(outcome(readNumber('1.234', 'comma'))).toBe(1234);
    expect(outcome(readNumber('1.234', 'dot'))).toBe(1.234);
    expect(outcome(readNumber('1,234', 'dot'))).toBe(1234);
    expect(outcome(readNumber('1,234', 'comma'))).toBe(1.234);
  });

  it('a value in the other format is refused, never misread', () => {
    expect(readNumber('1.234,56', 'dot')).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(readNumber('1234.56', 'comma')).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(readNumber('12,34,56', 'dot')).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(readNumber('1 23', 'comma')).toMatchObject({ ok: false, code: 'invalid_number' });
  });

  it('words are refused: "one hundred", "сто", "12 thousand"', () => {
    for (const text of ['one hundred', 'сто', '12 thousand', 'n/a']) {
      expect(readNumber(text, undefined), text).toMatchObject({ ok: false, code: 'invalid_number' });
      expect(readMoney(text, undefined), text).toMatchObject({ ok: false });
    }
    const words = readMoney('one hundred', undefined);
    expect(!words.ok && words.code).toBe('invalid_number');
    expect(!words.ok && words.message).toContain('digits');
  });

  it('detectNumberFormat looks past currency signs; 1.234 alone is ambiguous; integers say nothing', () => {
    expect(detectNumberFormat(['12 500,50 ₸', '300'])).toBe('comma');
    expect(detectNumberFormat(['$1,200.50'])).toBe('dot');
    expect(detectNumberFormat(['1.234', '5.678'])).toBe('ambiguous');
    expect(detectNumberFormat(['1.234', '5,5'])).toBe('comma');
    expect(detectNumberFormat(['1.5', '2,5'])).toBe('ambiguous');
    expect(detectNumberFormat(['1200', '300', ''])).toBeNull();
  });
});

describe('amounts carry their currency by sign, code or word', () => {
  it('"12 500 ₸" is 12500 KZT; ₽, руб., тг, $, € and ISO codes are read', () => {
    const cases: [string, { amount: number; currency?: string }][] = [
      ['12 500 ₸', { amount: 12500, currency: 'KZT' }],
      ['12 500,50 тг', { amount: 12500.5, currency: 'KZT' }],
      ['1 200 руб.', { amount: 1200, currency: 'RUB' }],
      ['1200₽', { amount: 1200, currency: 'RUB' }],
      ['$1,200.50', { amount: 1200.5, currency: 'USD' }],
      ['€ 99', { amount: 99, currency: 'EUR' }],
      ['300 eur', { amount: 300, currency: 'EUR' }],
      ['5000 CHF', { amount: 5000, currency: 'CHF' }],
      ['5000 тенге', { amount: 5000, currency: 'KZT' }],
      ['750', { amount: 750 }],
    ];
    for (const [text, money] of cases) expect(outcome(readMoney(text, undefined)), text).toEqual(money);
  });

  it('an unknown currency, two currencies and a negative amount are refused', () => {
    expect(readMoney('100 XYZ', undefined)).toMatchObject({ ok: false, code: 'unknown_currency' });
    expect(readMoney('100 монет', undefined)).toMatchObject({ ok: false, code: 'unknown_currency' });
    expect(readMoney('$100 EUR', undefined)).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(readMoney('-500 ₸', undefined)).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(readMoney('-$500', undefined)).toMatchObject({ ok: false, code: 'invalid_number' });
    expect(readCurrency('Bitcoin')).toMatchObject({ ok: false, code: 'unknown_currency' });
    expect(outcome(readCurrency('тенге'))).toBe('KZT');
    expect(outcome(readCurrency('rub'))).toBe('RUB');
    expect(outcome(readCurrency('₽'))).toBe('RUB');
  });
});

describe('emails, phones and their labels', () => {
  it('an email without @ is refused; mailto: is dropped; international domains are fine', () => {
    const noAt = readEmail('john.example.com');
    expect(noAt).toMatchObject({ ok: false, code: 'invalid_email' });
    expect(!noAt.ok && noAt.message).toContain('no @');
    expect(readEmail('business 3@golker.de')).toMatchObject({ ok: false, code: 'invalid_email' });
    expect(outcome(readEmail(' mailto:Anita@contoso.com '))).toBe('Anita@contoso.com');
    expect(outcome(readEmail('иван@почта.рф'))).toBe('иван@почта.рф');
  });

  it('a cell holds several: Google’s " ::: ", commas, semicolons and new lines', () => {
    expect(splitContactPoints('a@x.kz ::: b@y.kz, c@z.kz;d@w.kz\ne@v.kz', 'email')).toEqual([
      'a@x.kz',
      'b@y.kz',
      'c@z.kz',
      'd@w.kz',
      'e@v.kz',
    ]);
    expect(splitContactPoints('8 (727) 123-45-67, 8 701 123 45 67', 'phone')).toEqual([
      '8 (727) 123-45-67',
      '8 701 123 45 67',
    ]);
  });

  it('valid phones are written the international way in the default country; others kept; no digits refused', () => {
    expect(outcome(readPhone('8 (701) 123-45-67', 'KZ'))).toBe('+7 701 123 4567');
    expect(outcome(readPhone('+49 30 901820', 'KZ'))).toBe('+49 30 901820');
    expect(outcome(readPhone('tel:+1-418-656-9254;ext=102'.replace(';ext=', ' ext. '), undefined))).toBe(
      '+1 418 656 9254 ext. 102',
    );
    expect(outcome(readPhone('555-555-1212', 'KZ'))).toBe('555-555-1212');
    expect(readPhone('Handy', 'KZ')).toMatchObject({ ok: false, code: 'invalid_phone' });
    expect(readPhone('Mobile Phone', 'KZ')).toMatchObject({ ok: false, code: 'invalid_phone' });
    expect(readPhone('Tel10', 'KZ')).toMatchObject({ ok: false, code: 'invalid_phone' });
    expect(readPhone('+1-800-MYFAX', 'US')).toMatchObject({ ok: false, code: 'invalid_phone' });
  });

  it('labels read as mobile, work, home, fax…; a label of the user’s own stays', () => {
    const cases: [string, string | null][] = [
      ['cell,pref', 'mobile'],
      ['work,cell,voice,video,text', 'mobile'],
      ['homeFax', 'home fax'],
      ['* Home', 'home'],
      ['Andere', 'other'],
      ['Рабочий', 'work'],
      ['Google Voice', 'Google Voice'],
      ['pref', null],
      ['', null],
    ];
    for (const [text, label] of cases) expect(outcome(readLabel(text)), text).toBe(label);
    expect(readLabel('x'.repeat(41))).toMatchObject({ ok: false, code: 'too_long' });
  });
});

describe('choices are read from their values in en, ru and kk and common synonyms', () => {
  it('a client’s kind: Компания, company, organisation, Жеке тұлға, физлицо', () => {
    const kind = (text: string) => outcome(readChoice(text, 'client.field.kind', clientKinds));
    expect(kind('Компания')).toBe('company');
    expect(kind('company')).toBe('company');
    expect(kind('Organisation')).toBe('company');
    expect(kind('юр. лицо')).toBe('company');
    expect(kind('Частное лицо')).toBe('person');
    expect(kind('Жеке тұлға')).toBe('person');
    expect(kind('физлицо')).toBe('person');
    expect(kind('PERSON')).toBe('person');
  });

  it('other tools’ stage names: Closed Won, Сделка успешна, Успешно реализовано', () => {
    const stage = (text: string) => outcome(readChoice(text, 'deal.field.stage', dealStages));
    expect(stage('Closed Won')).toBe('won');
    expect(stage('closedlost')).toBe('lost');
    expect(stage('Сделка успешна')).toBe('won');
    expect(stage('Успешно реализовано')).toBe('won');
    expect(stage('Закрыто и не реализовано')).toBe('lost');
    expect(stage('Переговоры')).toBe('negotiation');
    expect(stage('Proposal/Price Quote')).toBe('proposal');
  });

  it('HubSpot’s lifecycle stages read as a client’s stage', () => {
    const stage = (text: string) => outcome(readChoice(text, 'client.field.stage', lifecycleStages));
    expect(
      ['Subscriber', 'Marketing Qualified Lead', 'Customer', 'Evangelist', 'Лид', 'Постоянный'].map(stage),
    ).toEqual(['prospect', 'lead', 'active', 'loyal', 'lead', 'loyal']);
  });

  it('an unknown value is refused with the values the field takes', () => {
    const unknown = readChoice('Телеграмма голубем', 'interaction.field.kind', interactionKinds);
    expect(unknown).toMatchObject({ ok: false, code: 'unknown_choice', allowed: [...interactionKinds] });
    expect(!unknown.ok && unknown.message).toContain('call, meeting, visit, email, message, note');
    expect(outcome(readChoice('Звонок', 'interaction.field.kind', interactionKinds))).toBe('call');
    expect(outcome(readChoice('Қоңырау', 'interaction.field.kind', interactionKinds))).toBe('call');
  });

  it('flags and outcomes', () => {
    expect(['yes', 'Да', 'иә', 'TRUE', '1', 'x', '✓'].map((t) => outcome(readFlag(t)))).toEqual(
      Array(7).fill(true),
    );
    expect(['no', 'Нет', 'жоқ', 'false', '0', '-'].map((t) => outcome(readFlag(t)))).toEqual(
      Array(6).fill(false),
    );
    expect(readFlag('maybe')).toMatchObject({ ok: false, code: 'unknown_choice', allowed: ['yes', 'no'] });
    expect(outcome(readOutcome('Дозвонился'))).toBe('reached');
    expect(outcome(readOutcome('No answer'))).toBe('no_answer');
    expect(outcome(readOutcome('Left voicemail'))).toBe('left_voicemail');
    expect(readOutcome('Перезвонить в пятницу')).toMatchObject({ ok: false, code: 'unknown_choice' });
  });
});
