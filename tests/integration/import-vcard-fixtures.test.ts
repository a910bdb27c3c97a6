import { describe, expect, it } from 'vitest';
import { readVCardContacts, type ReadCard } from '../../db/import/read-vcard.ts';
import type { SourceRow } from '../../db/import/source-row.ts';
import { fixture, fixtureNames, importRows } from '../support/import-fixtures.ts';

/** Cards per file, as SOURCES.md counts them (BEGIN:VCARD blocks). */
const cardCounts: Record<string, number> = {
  'vcard21/aospvcard-v21_backslash.vcf': 1,
  'vcard21/aospvcard-v21_complicated.vcf': 1,
  'vcard21/aospvcard-v21_invalid_comment_line.vcf': 1,
  'vcard21/aospvcard-v21_japanese_1.vcf': 1,
  'vcard21/aospvcard-v21_japanese_2.vcf': 1,
  'vcard21/aospvcard-v21_multiple_entry.vcf': 3,
  'vcard21/eds-test_vcard_charset-windows1251.vcf': 1,
  'vcard21/ezvcard-John_Doe_ANDROID.vcf': 6,
  'vcard21/ezvcard-John_Doe_BLACK_BERRY.vcf': 1,
  'vcard21/ezvcard-outlook-2003.vcf': 1,
  'vcard21/ezvcard-outlook-2007.vcf': 1,
  'vcard21/folkerkinzel-AnsiIssue.vcf': 1,
  'vcard21/folkerkinzel-Cropped_2_1.vcf': 1,
  'vcard21/folkerkinzel-MultiAnsiFilterTests_Ukrainian.vcf': 1,
  'vcard21/folkerkinzel-Utf-8_Ukrainian.vcf': 1,
  'vcard21/folkerkinzel-v2_1.vcf': 1,
  'vcard30/aospvcard-v30_ios_613_multiline.vcf': 1,
  'vcard30/davx5-allfields-vcard3.vcf': 1,
  'vcard30/ezvcard-John_Doe_EVOLUTION.vcf': 1,
  'vcard30/ezvcard-John_Doe_IPHONE.vcf': 1,
  'vcard30/ezvcard-gmail-list.vcf': 3,
  'vcard30/ezvcard-gmail-single2.vcf': 1,
  'vcard30/ezvcard-rfc2426-example.vcf': 2,
  'vcard30/folkerkinzel-LargeFile.vcf': 1000,
  'vcard30/folkerkinzel-MultiAnsiFilterTests_v3Utf16Bom.vcf': 2,
  'vcard30/icaljs-escape_semicolon.vcf': 1,
  'vcard30/icaljs-vcard3.vcf': 1,
  'vcard40/ezvcard-fullcontact.vcf': 1,
  'vcard40/ezvcard-issue114.vcf': 1,
  'vcard40/ezvcard-rfc6350-example.vcf': 1,
  'vcard40/icaljs-vcard.vcf': 1,
};

async function cards(file: string): Promise<SourceRow[]> {
  const [folder = '', name = ''] = file.split('/');
  const { detected, rows } = await importRows(fixture(folder, name));
  expect(detected.format).toBe('vcard');
  return rows;
}

async function first(file: string): Promise<Record<string, string>> {
  const rows = await cards(file);
  return rows[0]?.fields ?? {};
}

/** The structured cards of a file, for what the flat columns do not show (labels, types, lists). */
async function contacts(file: string): Promise<ReadCard[]> {
  const [folder = '', name = ''] = file.split('/');
  const { detected } = await importRows(fixture(folder, name));
  const read: ReadCard[] = [];
  if (detected.format !== 'vcard') throw new Error('not a vCard');
  for await (const card of readVCardContacts(fixture(folder, name), { encoding: detected.encoding }))
    read.push(card);
  return read;
}

describe('every vCard in the fixtures is read card by card', () => {
  it('covers every file in the vCard fixture folders', () => {
    const all = ['vcard21', 'vcard30', 'vcard40'].flatMap((folder) =>
      fixtureNames(folder).map((n) => `${folder}/${n}`),
    );
    expect(all.sort()).toEqual(Object.keys(cardCounts).sort());
  });

  for (const [file, count] of Object.entries(cardCounts)) {
    it(`${file}: ${count} card${count === 1 ? '' : 's'}, and no mojibake`, async () => {
      const rows = await cards(file);
      expect(rows).toHaveLength(count);
      expect(rows.map((row) => row.row)).toEqual(rows.map((_, i) => i + 1));
      const text = rows.flatMap((row) => Object.values(row.fields)).join('\n');
      // Mojibake shows as UTF-8 read as a code page (Ã, Ð), or a code page read as UTF-8 (U+FFFD).
      expect(text).not.toMatch(/Ã.|Ð[\u0080-\u00bf]|Â\u00a0/);
      if (!/ANDROID|Cropped/.test(file)) expect(text).not.toContain('\uFFFD');
    });
  }
});

describe('vCard 2.1: names, organisations, phones and emails', () => {
  it("AOSP's complicated card: ORG with an escaped ';', department as Android joins it, QP labels, RFC 2045 note", async () => {
    const fields = await first('vcard21/aospvcard-v21_complicated.vcf');
    // VCardImporterTests.testV21ComplicatedCase
    expect(fields).toMatchObject({
      'Full name': 'Joe Due',
      'Last name': 'Gump',
      'First name': 'Forrest',
      'Middle name': 'Hoge',
      'Name prefix': 'Pos',
      'Name suffix': 'Tao',
      Organisation: 'Gump Shrimp Co.',
      Department: 'Sales Dept.;Manager Fish keeper',
      Title: 'Shrimp Man',
      'Phone 1': '(111) 555-1212',
      'Phone 1 type': 'work,voice',
      'Phone 3': '0311111111',
      'Phone 3 type': 'cell',
      'Email 1': 'forrestgump@walladalla.com',
      'Email 1 type': 'pref',
      'Email 2': 'cell@example.com',
      'Address 1 street': '100 Waters Edge',
      'Address 1 city': 'Baytown',
      'Address 1 country': 'United States of America',
      'Address label 2': '42 Plantation St.\r\nBaytown, LA 30314\r\nUnited  States of America',
      Birthday: '1980-01-01',
      'Website 1': 'http://www.example.com/',
    });
  });

  it('John Doe (Android): cards without N or FN, bare 2.1 types, repeated ORG, a photo skipped', async () => {
    const rows = await cards('vcard21/ezvcard-John_Doe_ANDROID.vcf');
    expect(rows[0]?.fields).toEqual({ 'Email 1': 'john.doe@company.com', 'Email 1 type': 'pref' });
    expect(rows[3]?.fields).toMatchObject({
      'Full name': 'Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ',
      'Phone 1': '123456',
      'Phone 1 type': 'cell,pref',
      'Phone 4': '45678901',
      'Phone 4 type': 'home',
    });
    expect(rows[4]?.fields).toMatchObject({
      'Last name': 'Ñ Ñ ',
      'First name': 'Ñ Ñ Ñ ',
      'Email 1': 'bob@company.com',
      'Email 1 type': 'pref,work',
      'Email 2': 'ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ',
      Organisation: 'ÑÑÑÑÑÑÑÑÑÑÑÑ',
      'Organisation 2': 'ÑÑÑÑÑÑÑÑÑÑÑÑ',
      'Phone 3 type': 'work,fax',
      'Website 2': 'http://www.company.com',
    });
    expect(rows[5]?.fields).toMatchObject({
      'Full name': 'ÑÑÑÑ',
      'Email 1': 'henry@company.com',
      'Phone 1': '55556666',
    });
  });

  it('BlackBerry: a 2 KB unfolded photo line and an empty NOTE', async () => {
    expect(await first('vcard21/ezvcard-John_Doe_BLACK_BERRY.vcf')).toEqual({
      'Full name': 'John Doe',
      'Last name': 'Doe',
      'First name': 'john',
      Organisation: 'Acme Solutions',
      'Phone 1': '+96123456789',
      'Phone 1 type': 'cell',
    });
  });

  it("Outlook 2003: 'Company, The' keeps its comma; words as phone numbers; the key block and blank lines skipped", async () => {
    expect(await first('vcard21/ezvcard-outlook-2003.vcf')).toMatchObject({
      'Full name': 'John Doe III',
      'Last name': 'Doe',
      'First name': 'John',
      Organisation: 'Company, The',
      Department: 'TheDepartment',
      Title: 'The Job Title',
      'Phone 1': 'BusinessPhone',
      'Phone 4': 'BusinessFaxPhone',
      'Phone 4 type': 'work,fax',
      'Email 1': 'jdoe@hotmail.com',
      'Address label 1': 'TheOffice\r\n123 Main St\r\nAustin, TX 12345\r\nUnited States of America',
      Note: 'This is the note field!!\r\nSecond line\r\n\r\nThird line is empty\r\n',
    });
  });

  it('Outlook 2007: the QP note with a TAB, X-MS- properties ignored', async () => {
    const fields = await first('vcard21/ezvcard-outlook-2007.vcf');
    expect(fields).toMatchObject({
      'Full name': 'Mr. Michael Angstadt Jr.',
      Organisation: 'TheCompany',
      Department: 'TheDepartment',
      'Phone 1': '(111) 555-1111',
      'Email 1': 'mike.angstadt@gmail.com',
      Birthday: '1922-03-10',
      // ez-vcard's expectation (SampleVCardsTest.outlook2007VCard)
      Note: "This is the NOTE field\t\r\nI assume it encodes this text inside a NOTE vCard type.\r\nBut I'm not sure because there's text formatting going on here.\r\nIt does not preserve the formatting",
    });
    expect(
      Object.keys(fields).filter((key) => key.startsWith('Phone') && !key.endsWith('type')),
    ).toHaveLength(4);
  });

  it('Shift_JIS declared per property, raw and quoted-printable', async () => {
    // VCardImporterTests.testV21Japanese1 and testV21Japanese2_Parsing
    expect(await first('vcard21/aospvcard-v21_japanese_1.vcf')).toEqual({
      'Last name': '\u5B89\u85E4\u30ED\u30A4\u30C9',
      'Phone 1': '0300000000',
      'Phone 1 type': 'pref,voice',
    });
    expect(await first('vcard21/aospvcard-v21_japanese_2.vcf')).toMatchObject({
      'Full name': '\u5B89\u85E4\u0020\u30ED\u30A4\u30C9\u0020\u0031',
      'Last name': '\u5B89\u85E4',
      'First name': '\u30ED\u30A4\u30C9\u0031',
      'Address 1 extended':
        '\u6771\u4EAC\u90FD\u6E0B\u8C37\u533A\u685C\u4E18\u753A\u0032\u0036\u002D\u0031\u30BB\u30EB\u30EA\u30A2\u30F3\u30BF\u30EF\u30FC\u0036\u968E',
      'Address 1 postcode': '150-8512',
      Note: '\u30E1\u30E2',
    });
  });

  it('three Shift_JIS cards separated by two blank lines, with vendor TEL types', async () => {
    const rows = await cards('vcard21/aospvcard-v21_multiple_entry.vcf');
    expect(rows.map((row) => row.fields['Last name'])).toEqual([
      '\u5B89\u85E4\u30ED\u30A4\u30C9\u0033',
      '\u5B89\u85E4\u30ED\u30A4\u30C9\u0034',
      '\u5B89\u85E4\u30ED\u30A4\u30C9\u0035',
    ]);
    expect(rows[0]?.fields).toMatchObject({
      'Phone 1': '9',
      'Phone 1 type': 'x-nec-secret',
      'Phone 4 type': 'home,fax',
    });
    expect(rows[2]?.fields).toMatchObject({ 'Phone 4': '20', 'Phone 4 type': 'x-nec-restaurant' });
  });

  it('Russian in windows-1251 declared per property (evolution-data-server test_vcard_charset)', async () => {
    expect(await first('vcard21/eds-test_vcard_charset-windows1251.vcf')).toMatchObject({
      'Full name': 'Василий Пупкин',
      'Last name': 'Пупкин',
      'First name': 'Василий',
      'Address 1 street': 'Ленина д. 1',
      'Address label 1': 'Ленина д. 1',
      'Phone 1': '12-34-56',
      'Email 1': 'test@test.ru',
    });
  });

  it('German Outlook: an empty parameter and a raw windows-1252 ä without CHARSET', async () => {
    expect(await first('vcard21/folkerkinzel-AnsiIssue.vcf')).toMatchObject({
      'Full name': 'Ralf Rastral',
      'Last name': 'Rastral',
      'First name': 'Ralf',
      'Address 1 street': 'Lämmerweg 12',
      'Address 1 city': 'Kleindorf',
      'Address label 1': 'Lämmerweg 12\r\n98765 Kleindorf',
    });
  });

  it('Windows Address Book 2.1: bare charset and encoding parameters, twenty soft-broken note lines', async () => {
    const fields = await first('vcard21/folkerkinzel-v2_1.vcf');
    expect(fields).toMatchObject({
      'Full name': 'Maxl',
      'Last name': 'Mustermann',
      'First name': 'Max',
      Organisation: 'Firma',
      Department: 'Führungsetage',
      'Phone 1': 'Tel geschäftlich',
      'Phone 6': '0123/579',
      'Email 1': 'privat@folker-kinzel.de',
      'Email 3': 'andere@folker-kinzel.de',
      'Address 1 street': 'Firmenstraße',
      Birthday: '1972-01-31',
    });
    const line = 'Kommentar ÄÄÄÄÄÄ ääääää ÖÖÖÖÖÖ öööööö ÜÜÜÜÜÜ üüüüüü ßßßßßß';
    expect(fields.Note).toBe(Array.from({ length: 6 }, () => line).join('\r\n'));
  });
});

describe('vCard 3.0 and 4.0: names, organisations, phones and emails', () => {
  it('iPhone: item groups with Apple labels, lower-case repeated type=, an escaped colon in URL', async () => {
    const [card] = await contacts('vcard30/ezvcard-John_Doe_IPHONE.vcf');
    expect(card?.contact.phones[6]).toEqual({ value: '905-222-1234', types: [], label: 'AssistantPhone' });
    expect(card?.contact.urls[0]).toEqual({
      value: 'http://www.ibm.com',
      types: ['pref'],
      label: 'HomePage',
    });
    expect(card?.contact.emails[0]).toEqual({ value: 'john.doe@ibm.com', types: ['pref'] });
    const fields = await first('vcard30/ezvcard-John_Doe_IPHONE.vcf');
    expect(fields).toMatchObject({
      'Full name': 'Mr. John Richter James Doe Sr.',
      'Middle name': 'Richter James',
      Organisation: 'IBM',
      Department: 'Accounting',
      'Phone 1': '905-555-1234',
      'Phone 1 type': 'cell,voice,pref',
      'Phone 7 type': 'AssistantPhone',
      'Address 2 street': 'Street4\nBuilding 6\nFloor 8',
      Birthday: '2012-06-06',
    });
  });

  it('Google Contacts: 5 emails, 11 phones, 5 addresses, custom labels', async () => {
    const fields = await first('vcard30/ezvcard-gmail-single2.vcf');
    expect(fields).toMatchObject({
      'Full name': 'VCard Test',
      Organisation: 'TheCompany',
      Title: 'TheJobTitle',
      'Email 1': 'email@example.com',
      'Email 2 type': 'home',
      'Email 5': 'customcategory@example.com',
      'Email 5 type': 'CustomEmailCategory',
      'Phone 7 type': 'home,fax',
      'Phone 9': '5555551119',
      'Phone 9 type': 'GRAND_CENTRAL',
      'Phone 11': '5555551121',
      'Address 5 street': '115 Main St',
      'Address 5 type': 'CustomAddressCategory',
      'Website 1': 'http://www.example1.com',
      Note: 'note line 1\nnote line 2\nCustomField: field value',
    });
    expect(fields['Email 6']).toBeUndefined();
    expect(fields['Phone 12']).toBeUndefined();
  });

  it('Google list: three minimal cards, the file without a final newline', async () => {
    const rows = await cards('vcard30/ezvcard-gmail-list.vcf');
    expect(rows.map((row) => [row.fields['Full name'], row.fields['Email 1']])).toEqual([
      ['Arnold Smith', 'asmithk@gmail.com'],
      ['Chris Beatle', 'chrisy55d@yahoo.com'],
      ['Doug White', 'dwhite@gmail.com'],
    ]);
  });

  it('Evolution: lines folded inside words, quoted parameters, escaped commas', async () => {
    expect(await first('vcard30/ezvcard-John_Doe_EVOLUTION.vcf')).toMatchObject({
      'Full name': 'Mr. John Richter, James Doe Sr.',
      'Middle name': 'Richter, James',
      Organisation: 'IBM',
      Department: 'Accounting Dungeon',
      'Phone 1': '905-666-1234',
      'Phone 2': '905-555-1234',
      'Phone 2 type': 'work,voice',
      'Email 1': 'john.doe@ibm.com',
      'Website 1': 'http://www.ibm.com',
      'Address 1 country': 'United States of America',
    });
  });

  it('RFC 2426 examples: two cards, a fold that starts with ";", a postcode with its leading space', async () => {
    const rows = await cards('vcard30/ezvcard-rfc2426-example.vcf');
    expect(rows[0]?.fields).toMatchObject({
      'Full name': 'Frank Dawson',
      Organisation: 'Lotus Development Corporation',
      'Email 1': 'Frank_Dawson@Lotus.com',
      'Email 1 type': 'pref',
      'Phone 1': '+1-919-676-9515',
      'Address 1 city': 'Raleigh',
    });
    expect(rows[1]?.fields).toMatchObject({ 'Full name': 'Tim Howes', 'Address 1 postcode': ' 94043' });
  });

  it('every RFC 2426 property: the first N and BDAY win, an embedded AGENT card is not a card', async () => {
    expect(await first('vcard30/icaljs-vcard3.vcf')).toMatchObject({
      'Full name': 'Mr. John Q. Public, Esq.',
      'Last name': 'Public',
      Organisation: 'ABC, Inc.',
      Department: 'North American Division Marketing',
      'Email 3': 'jane_doe@abc.com',
      'Email 3 type': 'pref',
      'Phone 1': '+1-213-555-1234',
      'Address 1 street': '123 Main Street',
      Birthday: '1996-04-15',
    });
  });

  it('Nextcloud: escaped separators inside a phone number, quoted TYPE lists, a fold inside a word', async () => {
    expect(await first('vcard30/icaljs-escape_semicolon.vcf')).toMatchObject({
      'Full name': 'First Last NextCloud',
      Organisation: 'Firma',
      'Phone 1 type': 'home,voice',
      'Phone 3': '205246;;,;',
      'Phone 3 type': 'work,fax',
      'Email 2': 'work@gmx.de',
      'Address 2 country': 'Germany work',
      Birthday: '2019-02-10',
    });
  });

  it('DAVx⁵: free-form groups with labels, CHARSET on 3.0 lines, x- types', async () => {
    expect(await first('vcard30/davx5-allfields-vcard3.vcf')).toMatchObject({
      'Full name': 'Ämi Display',
      'Last name': 'Lastname',
      'Middle name': 'Middlename1 Middlename2',
      Organisation: 'ABC, Inc.',
      'Email 2': 'work@example.com',
      'Email 2 type': '@work',
      'Phone 1': '+49 1234 56788',
      'Phone 1 type': 'Useless',
      'Phone 2 type': 'fax,x-aunt',
      'Address 2 city': 'Mönchspfaffingen',
      'Address 2 type': 'Monkey Tree',
      Birthday: '1996-04-15',
    });
  });

  // SOURCES.md says 499 have a middle name; the file has 505 N lines with one (and 505 three-word FNs).
  it('LargeFile: 1000 distinct cards, 505 with a middle name', async () => {
    const rows = await cards('vcard30/folkerkinzel-LargeFile.vcf');
    expect(rows[0]?.fields).toEqual({
      'Full name': 'Kasey Schmitt',
      'Last name': 'Schmitt',
      'First name': 'Kasey',
    });
    expect(rows[999]?.fields['Full name']).toBe('Florine Liana Stehr');
    expect(new Set(rows.map((row) => row.fields['Full name'])).size).toBe(1000);
    expect(rows.filter((row) => row.fields['Middle name'] !== undefined)).toHaveLength(505);
  });

  it('RFC 6350: tel: URIs with an extension, a birthday without a year', async () => {
    expect(await first('vcard40/ezvcard-rfc6350-example.vcf')).toMatchObject({
      'Full name': 'Simon Perreault',
      'Name suffix': 'ing. jr M.Sc.',
      Organisation: 'Viagenie',
      'Phone 1': '+1-418-656-9254 ext. 102',
      'Phone 1 type': 'work,voice,pref',
      'Email 1': 'simon.perreault@viagenie.ca',
      Birthday: '--02-03',
    });
  });

  it('every RFC 6350 property', async () => {
    expect(await first('vcard40/icaljs-vcard.vcf')).toMatchObject({
      'Full name': 'J. Doe',
      'Last name': 'Stevenson',
      'Middle name': 'Philip Paul',
      'Name suffix': 'Jr. M.D. A.C.P.',
      Organisation: 'ABC, Inc.',
      'Phone 1': '+33-01-23-45-67',
      'Email 1': 'jqpublic@xyz.example.com',
    });
  });

  it('FullContact: nine phones, two organisations and titles, custom email type', async () => {
    const fields = await first('vcard40/ezvcard-fullcontact.vcf');
    expect(fields).toMatchObject({
      'Full name': 'Prefix FirstName MiddleName LastName Suffix',
      Organisation: 'Organization1',
      Department: 'Department1',
      'Organisation 2': 'Organization2',
      Title: 'Title1',
      'Title 2': 'Title2',
      'Phone 9': '555-555-1119',
      'Email 5': 'custom@example.com',
      'Email 5 type': 'customtype',
      Birthday: '2016-08-01',
    });
  });

  it('issue 114: an escaped comma in FN, a caret-encoded LABEL parameter folded over three lines', async () => {
    expect(await first('vcard40/ezvcard-issue114.vcf')).toMatchObject({
      'Full name': 'Dummy, Dummy',
      Organisation: 'Dummy GmbH',
      'Phone 1': '+49 1234 56789',
      'Phone 1 type': 'cell,pref',
      'Email 1': 'dummy.dummy@dummy.com',
      'Address 1 street': 'Dummy-Dummy-Strasse 1',
      'Address 1 city': 'Bad Homburg',
      'Address 1 country': 'Germany',
    });
  });
});

describe('the traps of SOURCES.md, one by one', () => {
  it('QP soft break inside a UTF-8 character (=C3= / =91)', async () => {
    const rows = await cards('vcard21/ezvcard-John_Doe_ANDROID.vcf');
    // ez-vcard expects "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ" for card 4's FN, broken after "=C3=91=" and before "=20".
    expect(rows[3]?.fields['Last name']).toBe('Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ');
    expect((await first('vcard21/folkerkinzel-v2_1.vcf')).Note).not.toContain('\uFFFD');
  });

  it('QP bytes that are not UTF-8 become U+FFFD, not a crash (ez-vcard expects the same)', async () => {
    const rows = await cards('vcard21/ezvcard-John_Doe_ANDROID.vcf');
    expect(rows[5]?.fields['Organisation 2']).toBe(`${'Ñ'.repeat(44)}\uFFFD`);
    expect(rows[5]?.fields['Organisation 3']).toBe('Ñ'.repeat(44));
  });

  it('a soft line break followed by a space keeps the space ("Land=" / " Firma")', async () => {
    const fields = await first('vcard21/folkerkinzel-v2_1.vcf');
    expect(fields['Address label 1']).toBe(
      '1\r\nFirmenstraße\r\nOrt Firma, Bundesland Firma PLZFirma\r\nLand Firma',
    );
    const rfc2045 = await first('vcard21/aospvcard-v21_complicated.vcf');
    expect(rfc2045.Note).toContain("Now's the time for all folk to come to the aid of their country.");
  });

  it('\\r\\r\\n line ends (iOS 6) make no empty properties and do not break unfolding', async () => {
    expect(await first('vcard30/aospvcard-v30_ios_613_multiline.vcf')).toEqual({
      'Full name': 'Bob Smith',
      'Last name': 'Smith',
      'First name': 'Bob',
      Organisation: 'Smith Auto Repair',
      'Email 1': 'bob@smithauto.com',
      'Email 1 type': 'pref',
      'Phone 1': '(650) 555-1212',
      'Phone 1 type': 'cell,voice,pref',
      'Website 1': 'www.smithauto.com',
      'Website 1 type': 'HomePage',
    });
  });

  it('folded lines (a leading space) are joined without the space', async () => {
    const fields = await first('vcard30/ezvcard-John_Doe_EVOLUTION.vcf');
    expect(fields['Email 1']).toBe('john.doe@ibm.com');
    expect(fields.Note).toContain(
      '"AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE',
    );
  });

  it("2.1 backslashes: only Android's escapes in N, none in FN (VCardImporterTests.testV21BackslashCase)", async () => {
    expect(await first('vcard21/aospvcard-v21_backslash.vcf')).toEqual({
      'Full name': 'A;B\\C\\;D:E\\\\',
      'First name': 'A;B\\',
      'Middle name': 'C\\;',
      'Name prefix': 'D',
      'Name suffix': ':E',
    });
  });

  it('raw windows-1251 bytes without CHARSET are detected as windows-1251 (Ukrainian)', async () => {
    const { detected, rows } = await importRows(
      fixture('vcard21', 'folkerkinzel-MultiAnsiFilterTests_Ukrainian.vcf'),
    );
    expect(detected).toMatchObject({ format: 'vcard', encoding: 'windows-1251' });
    expect(rows[0]?.fields).toEqual({
      'Full name': 'Віталій Володимирович Кличко',
      'Last name': 'Кличко',
      'First name': 'Віталій',
      'Middle name': 'Володимирович',
      'Address 1 city': 'Київ',
      'Address label 1': 'Київ',
    });
  });

  it('the same person in UTF-8 with a BOM keeps the combining accents; its LABEL still decodes as windows-1251', async () => {
    expect(await first('vcard21/folkerkinzel-Utf-8_Ukrainian.vcf')).toMatchObject({
      'Full name': 'Віталій Володи\u0301мирович Кличко\u0301',
      'Last name': 'Кличко\u0301',
      'Address label 1': 'Київ',
    });
  });

  it('Shift_JIS with CHARSET does not make the rest of the file look Japanese', async () => {
    const { detected } = await importRows(fixture('vcard21', 'aospvcard-v21_japanese_2.vcf'));
    expect(detected).toMatchObject({ encoding: 'utf-8' });
  });

  it('UTF-16 with a BOM: two cards, an email with a leading space and ö', async () => {
    const { detected, rows } = await importRows(
      fixture('vcard30', 'folkerkinzel-MultiAnsiFilterTests_v3Utf16Bom.vcf'),
    );
    expect(detected).toMatchObject({ encoding: 'utf-16le', encodingEvidence: 'bom' });
    expect(rows[0]?.fields).toMatchObject({
      'Full name': 'Folker Kinzel',
      'Email 1': 'email1@wumms.de',
      'Email 2': 'email2@folker-kinzel.de',
      'Phone 1': '0123-45678',
      Birthday: '1978-03-11',
    });
    expect(rows[1]?.fields).toMatchObject({
      'Full name': 'KMS Außenstelle',
      Organisation: 'KMS Außenstelle',
      'Email 1': ' blablö@blub.com',
      'Phone 2': '03443-333440',
      'Phone 2 type': 'homeFax',
    });
    // An empty X-ABLabel is no label: the types stand.
    expect(rows[0]?.fields['Email 1 type']).toBeUndefined();
  });

  it('a truncated card without END:VCARD is returned, with a warning (VCardTests.LoadCropped_2_1Test)', async () => {
    const rows = await cards('vcard21/folkerkinzel-Cropped_2_1.vcf');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.fields).toMatchObject({
      'Full name': 'Maxl',
      Organisation: 'Firma',
      Department: 'Führungsetage',
    });
    expect(rows[0]?.problems.map((p) => p.code)).toEqual(['card_not_terminated']);
    // Blank lines between soft-broken QP lines are not the end of the note.
    expect(rows[0]?.fields.Note).toMatch(/^Kommentar ÄÄÄÄÄÄ ääääää ÖÖÖÖÖÖ öööööö ÜÜÜÜÜÜ üüüü/);
  });

  it('"#" comment lines are skipped, except as the continuation of a QP soft break', async () => {
    // VCardImporterTests.testTolerateInvalidCommentLikeLineV21
    expect(await first('vcard21/aospvcard-v21_invalid_comment_line.vcf')).toEqual({
      'Full name': 'Conference Call',
      'First name': 'Conference Call',
      Note: 'This is an (sharp ->#<- sharp) example. This message must NOT be ignored.',
    });
  });

  it('photos are skipped without breaking the parse (base64 blocks ending in blank lines, 45 KB folded)', async () => {
    const iphone = await first('vcard30/ezvcard-John_Doe_IPHONE.vcf');
    expect(Object.values(iphone).join('')).not.toMatch(/\/9j\//);
    const outlook = await first('vcard21/ezvcard-outlook-2007.vcf');
    expect(outlook['Email 1']).toBe('mike.angstadt@gmail.com');
  });
});
