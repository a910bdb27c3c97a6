import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimitedLayout } from '../../../db/import/delimited-layout.ts';
import { detectEncoding } from '../../../db/import/encoding.ts';
import { normalisePhone } from '../../../db/import/phones.ts';
import { isDateFormat, serialToIso } from '../../../db/import/xlsx-parts.ts';

const russian = 'Фамилия;Имя;Компания\nПупкин;Василий;ООО «Ромашка»\nИванова;Ольга;Северный завод\n';
const ukrainian = 'Прізвище,Ім’я,Місто\nКличко,Віталій,Київ\nШевченко,Тарас,Черкаси\n';
const kazakh = 'Аты,Компания\nНұрсұлтан,Қазақстан темір жолы\n';

describe('the encoding of a file without a BOM is told by its bytes', () => {
  it('Russian and Ukrainian in windows-1251 and in KOI8-R are told apart by their letters', () => {
    expect(detectEncoding(iconv.encode(russian, 'windows-1251')).encoding).toBe('windows-1251');
    expect(detectEncoding(iconv.encode(russian, 'koi8-r')).encoding).toBe('koi8-r');
    expect(detectEncoding(iconv.encode(ukrainian.replace('’', "'"), 'windows-1251')).encoding).toBe(
      'windows-1251',
    );
    expect(detectEncoding(iconv.encode(russian.toUpperCase(), 'windows-1251')).encoding).toBe('windows-1251');
    expect(detectEncoding(iconv.encode(russian.toUpperCase(), 'koi8-r')).encoding).toBe('koi8-r');
  });

  it('German and French in windows-1252 are not mistaken for Cyrillic', () => {
    expect(
      detectEncoding(iconv.encode('Name,Straße\nMüller,Lämmerweg 12\nCafé,Hôtel de Ville\n', 'windows-1252'))
        .encoding,
    ).toBe('windows-1252');
  });

  it('valid UTF-8, BOMs and UTF-16 without a BOM are recognised', () => {
    expect(detectEncoding(Buffer.from(kazakh, 'utf8'))).toMatchObject({
      encoding: 'utf-8',
      evidence: 'valid-utf-8',
    });
    expect(detectEncoding(Buffer.from(`\uFEFF${kazakh}`, 'utf8'))).toMatchObject({
      encoding: 'utf-8',
      bomLength: 3,
    });
    expect(detectEncoding(iconv.encode(`\uFEFF${russian}`, 'utf-16le'))).toMatchObject({
      encoding: 'utf-16le',
      bomLength: 2,
    });
    expect(detectEncoding(iconv.encode(`\uFEFF${russian}`, 'utf-16be'))).toMatchObject({
      encoding: 'utf-16be',
    });
    expect(detectEncoding(iconv.encode('Name,Email\nOlga,o@x.ru\n', 'utf-16le'))).toMatchObject({
      encoding: 'utf-16le',
      evidence: 'utf-16-pattern',
    });
    // A UTF-8 character cut at the end of the sample is still UTF-8.
    expect(detectEncoding(Buffer.from('Имя', 'utf8').subarray(0, 5)).encoding).toBe('utf-8');
  });
});

describe('the delimiter and header of delimited text', () => {
  it('tab, pipe and semicolon files, with delimiters inside quoted cells not counted', () => {
    expect(detectDelimitedLayout('a\tb\tc\n1\t2\t3\n', false).delimiter).toBe('\t');
    expect(detectDelimitedLayout('a|b\n1|2\n', false).delimiter).toBe('|');
    const semicolons = 'Name;Note\n"Smith, John";"a, b, c"\n"Doe, Jane";"d, e"\n';
    expect(detectDelimitedLayout(semicolons, false)).toMatchObject({
      delimiter: ';',
      header: ['Name', 'Note'],
    });
  });

  it('a preamble with commas in it is skipped to the first row as wide as the data', () => {
    const text = 'Exported on 1 Dec 2026, by Rapport\n\nName,Company,Email\nOlga,Birch,o@x.ru\n';
    expect(detectDelimitedLayout(text, false)).toMatchObject({
      headerRow: 3,
      header: ['Name', 'Company', 'Email'],
    });
  });

  it('a sample cut inside a multi-line quoted cell still gives the layout', () => {
    const text = `Name,Notes\nA,"line one\nline two"\nB,"${'long '.repeat(10)}\nstill open`;
    expect(detectDelimitedLayout(text, true)).toMatchObject({ delimiter: ',', headerRow: 1 });
  });
});

describe('phone numbers become E.164 for matching, and keep what the file said', () => {
  it('national numbers take the default country; international ones keep their own', () => {
    expect(normalisePhone('8 (701) 123-45-67', 'KZ')).toEqual({
      original: '8 (701) 123-45-67',
      e164: '+77011234567',
      international: '+7 701 123 4567',
    });
    expect(normalisePhone('+49 1234 56789', 'KZ').e164).toBeUndefined();
    expect(normalisePhone('+49 30 901820', 'KZ').e164).toBe('+4930901820');
    expect(normalisePhone('(111) 555-1212', 'US').e164).toBeUndefined();
    expect(normalisePhone('+1-418-656-9254 ext. 102')).toEqual({
      original: '+1-418-656-9254 ext. 102',
      e164: '+14186569254',
      international: '+1 418 656 9254 ext. 102',
      extension: '102',
    });
  });

  it('words and fragments are not numbers: only the original is kept', () => {
    expect(normalisePhone('BusinessPhone', 'US')).toEqual({ original: 'BusinessPhone' });
    expect(normalisePhone('12-34-56', 'RU')).toEqual({ original: '12-34-56' });
    expect(normalisePhone('', 'RU')).toEqual({ original: '' });
  });
});

describe('Excel dates', () => {
  it('serial numbers become ISO dates, date-times and times, in both date systems', () => {
    expect(serialToIso(45572, false)).toBe('2024-10-07');
    expect(serialToIso(45572.5, false)).toBe('2024-10-07T12:00:00');
    expect(serialToIso(0.75, false)).toBe('18:00:00');
    expect(serialToIso(59, false)).toBe('1900-02-28');
    expect(serialToIso(61, false)).toBe('1900-03-01');
    expect(serialToIso(44110, true)).toBe('2024-10-07');
  });

  it('custom formats are dates when they show days, months, years or hours, not in quotes or colours', () => {
    expect(isDateFormat('dd/mm/yyyy\\ hh:mm')).toBe(true);
    expect(isDateFormat('[$-419]d mmmm yyyy')).toBe(true);
    expect(isDateFormat('#,##0.00 "руб."')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
  });
});
