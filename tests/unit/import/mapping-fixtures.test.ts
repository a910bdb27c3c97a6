import { describe, expect, it } from 'vitest';
import { autoMap, guessImportType, mapRow } from '../../../db/import/mapping/index.ts';
import type { ImportMapping, ImportType, MappedRow } from '../../../db/import/mapped-row.ts';
import { fixture, fixtureNames, importRows } from '../../support/import-fixtures.ts';

/**
 * Every real export of ../shared/fixtures/import, mapped automatically and read: names, organisations,
 * phones and emails land in their fields, and what cannot be read (the test files' placeholder "phone
 * numbers" such as "Handy") is a problem at its column, never dropped.
 */

async function mapFixture(folder: string, name: string, defaultCountry = 'US') {
  const { detected, rows } = await importRows(fixture(folder, name));
  const header =
    detected.format === 'delimited'
      ? Object.keys(rows[0]?.fields ?? {})
      : [...new Set(rows.flatMap((r) => Object.keys(r.fields)))];
  const type: ImportType = detected.format === 'vcard' ? 'contacts' : guessImportType(header);
  const columns = autoMap(header, type, rows.slice(0, 50));
  const mapping: ImportMapping = {
    type,
    columns,
    splitFullName: false,
    defaultCountry,
    defaultCurrency: null,
  };
  const targets = Object.fromEntries(
    columns.filter((c) => c.target !== null).map((c) => [c.column, c.target]),
  );
  return { type, targets, mapping, mapped: rows.map((row) => mapRow(row, mapping)) };
}

/** What a test compares of a mapped row: the person, the company and how to reach them. */
function person(row: MappedRow | undefined) {
  const contact = row?.contact?.values as
    | {
        name?: string;
        role?: string;
        emails?: { value: string; label: string | null }[];
        phones?: { value: string }[];
      }
    | undefined;
  return {
    name: contact?.name,
    company: row?.client?.values.kind === 'company' ? String(row.client.values.name) : null,
    emails: contact?.emails?.map((e) => e.value) ?? [],
    phones: contact?.phones?.map((p) => p.value) ?? [],
    problems: row?.problems.map((p) => `${p.column ?? ''}: ${p.code}`) ?? [],
  };
}

const csvFixtures = [
  'DERIVED-linkedin-Connections.csv',
  'folkerkinzel-Google.csv',
  'folkerkinzel-GoogleCreatedOutlook.csv',
  'folkerkinzel-Outlook365.csv',
  'folkerkinzel-Outlook365_Web.csv',
  'folkerkinzel-Sample_CSV_file_for_importing_contacts.csv',
  'folkerkinzel-ThunderbirdAnsi.csv',
  'folkerkinzel-ThunderbirdUtf8.csv',
  'folkerkinzel-WindowsLiveMail.csv',
];

describe('each CSV export maps by itself: its names, organisations, phones and emails land in their fields', () => {
  it('covers every CSV fixture', () => {
    expect(fixtureNames('csv')).toEqual(csvFixtures);
  });

  it('LinkedIn: first and last name, email, company, position; the URL and the date are left out', async () => {
    const { type, targets, mapped } = await mapFixture('csv', 'DERIVED-linkedin-Connections.csv');
    expect(type).toBe('contacts');
    expect(targets).toEqual({
      'First Name': 'contact.firstName',
      'Last Name': 'contact.lastName',
      'Email Address': 'contact.email',
      Company: 'client.name',
      Position: 'contact.role',
    });
    expect(mapped).toHaveLength(10);
    expect(mapped.flatMap((row) => row.problems)).toEqual([]);
    expect(person(mapped[0])).toMatchObject({
      name: 'Mira Example-Doe 🍀',
      company: 'Super Ninja',
      emails: [],
    });
    expect(person(mapped[1])).toMatchObject({
      name: 'Joren Sample',
      company: 'Adyen',
      emails: ['joren.sample@example.com'],
    });
    // The TAB after "Igor" and the space after "Alana" are not part of the name.
    expect(person(mapped[6])).toMatchObject({ name: 'Igor Primerov', company: 'Revelo' });
    expect(person(mapped[7]).name).toBe('Alana Example Friedman🔸');
    expect(person(mapped[8])).toMatchObject({ name: 'Sudhanshu 🔸 Sample', company: '80,000 Hours' });
    // A company of " -" is no company: the connection is a person of their own.
    expect(mapped[9]?.client?.values).toEqual({ name: 'Hendrik Jan Voorbeeld', kind: 'person' });
  });

  it('Google CSV (old header): Name, Given/Family Name, Organization 1, E-mail N - Type/Value, Phone N, ":::" lists', async () => {
    const { type, targets, mapped } = await mapFixture('csv', 'folkerkinzel-Google.csv');
    expect(type).toBe('contacts');
    expect(targets).toMatchObject({
      Name: 'contact.name',
      'Given Name': 'contact.firstName',
      'Additional Name': 'contact.middleName',
      'Family Name': 'contact.lastName',
      'Organization 1 - Name': 'client.name',
      'Organization 1 - Title': 'contact.role',
      'E-mail 1 - Type': 'contact.emailLabel',
      'E-mail 1 - Value': 'contact.email',
      'E-mail 6 - Value': 'contact.email',
      'Phone 1 - Type': 'contact.phoneLabel',
      'Phone 9 - Value': 'contact.phone',
      'Address 1 - City': 'client.address.city',
      'Group Membership': 'client.tags',
      Birthday: 'contact.birthday',
    });
    expect(targets['Address 2 - City']).toBeUndefined();
    const [row] = mapped;
    expect(person(row)).toMatchObject({ name: 'Dr. Max Middle Name Mustermann jr.', company: 'Firma' });
    expect(row?.contact?.values.emails).toEqual(
      expect.arrayContaining([
        { value: 'ohneLabel@folker.de', label: null },
        { value: 'ohneLabel2@folker.de', label: null },
        { value: 'privat@folker-kinzel.de', label: 'home' },
        { value: 'andere@folker-kinzel.de', label: 'other' },
      ]),
    );
    expect(row?.client?.tags).toEqual(['Importiert am 29.3.', 'myContacts']);
    expect(row?.client?.values.address).toEqual({
      street: 'Eisenbahnstraße',
      city: 'Leipzig',
      postalCode: '04315',
      country: 'DE',
    });
    // The test file's "numbers" are words, and one address has a space in it: each is refused at its column.
    expect(person(row).problems).toEqual([
      'E-mail 4 - Value: invalid_email',
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Phone ${n} - Value: invalid_phone`),
    ]);
  });

  it("Google's Outlook CSV: the Outlook columns, and a day-first birthday 31.1.1972", async () => {
    const { targets, mapped } = await mapFixture('csv', 'folkerkinzel-GoogleCreatedOutlook.csv');
    expect(targets).toMatchObject({
      'First Name': 'contact.firstName',
      'Middle Name': 'contact.middleName',
      'Last Name': 'contact.lastName',
      Company: 'client.name',
      'Job Title': 'contact.role',
      'E-mail Address': 'contact.email',
      'E-mail 2 Address': 'contact.email',
      'Business Phone': 'contact.phone',
      'Mobile Phone': 'contact.phone',
      'Business Street': 'client.address.street',
      Categories: 'client.tags',
    });
    expect(targets.Title).toBeUndefined();
    expect(targets['Home Street']).toBeUndefined();
    expect(mapped[0]?.contact?.values).toMatchObject({
      name: 'Max Middle Name Mustermann',
      role: 'Position',
      birthday: '1972-01-31',
      emails: [
        { value: 'privat@folker-kinzel.de', label: null },
        { value: 'andere@folker-kinzel.de', label: null },
        { value: 'business@folker-kinzel.de', label: null },
      ],
    });
    expect(person(mapped[0]).company).toBe('Firma');
  });

  it('Outlook 365: the Contoso people with their work phones, and US dates 1/20/1981', async () => {
    const { type, targets, mapping, mapped } = await mapFixture('csv', 'folkerkinzel-Outlook365.csv');
    expect(type).toBe('contacts');
    expect(targets).toMatchObject({
      'First Name': 'contact.firstName',
      'Last Name': 'contact.lastName',
      Company: 'client.name',
      'Business Phone': 'contact.phone',
      'Mobile Phone': 'contact.phone',
      'E-mail Address': 'contact.email',
      'Business Country/Region': 'client.address.country',
      'Web Page': 'client.website',
    });
    expect(targets['E-mail Type']).toBeUndefined();
    expect(targets['E-mail Display Name']).toBeUndefined();
    expect(mapping.columns.find((c) => c.column === 'Birthday')).toEqual({
      column: 'Birthday',
      target: 'contact.birthday',
      dateFormat: 'mdy',
    });
    expect(person(mapped[0])).toEqual({
      name: 'Anita Jorgensen',
      company: 'Contoso',
      emails: ['Anita@contoso.com'],
      phones: ['555-555-1212'],
      problems: [],
    });
    expect(mapped[0]?.contact?.values.phones).toEqual([{ value: '555-555-1212', label: 'work' }]);
    expect(mapped[0]?.contact?.values.birthday).toBe('1981-01-20');
    expect(mapped.slice(0, 5).flatMap((row) => row.problems)).toEqual([]);
    // The sixth row holds each column's own name as a placeholder: those are refused, the rest is read.
    expect(person(mapped[5])).toMatchObject({
      name: 'Max Peter Mustermann',
      company: 'Google',
      emails: ['email@address.com', 'email2@address.com', 'email3@address.com'],
    });
    expect(mapped[5]?.contact?.values.birthday).toBe('1984-06-05');
    expect(person(mapped[5]).problems).toContain('Mobile Phone: invalid_phone');
  });

  it('Outlook on the web: ISO birthday, a fax that is a number, the placeholders refused', async () => {
    const { targets, mapped } = await mapFixture('csv', 'folkerkinzel-Outlook365_Web.csv');
    expect(targets).toMatchObject({
      Company: 'client.name',
      'Job Title': 'contact.role',
      'Business Fax': 'contact.phone',
    });
    expect(person(mapped[0])).toMatchObject({
      name: 'Max Middle Name Mustermann',
      company: 'Firma',
      emails: ['privat@folker-kinzel.de', 'business@folker-kinzel.de', 'andere@folker-kinzel.de'],
      phones: ['0123/579'],
    });
    expect(mapped[0]?.contact?.values.phones).toEqual([{ value: '0123/579', label: 'work fax' }]);
    expect(mapped[0]?.contact?.values.birthday).toBe('1972-01-31');
  });

  it("Microsoft's import sample: five Contoso people, no problem", async () => {
    const { mapped } = await mapFixture('csv', 'folkerkinzel-Sample_CSV_file_for_importing_contacts.csv');
    expect(mapped.map((row) => person(row).name)).toEqual([
      'Anita Jorgensen',
      'Anne-Mette Olesen',
      'Dorena Paschke',
      'Kemal Celik',
      'Shiori Inoue',
    ]);
    expect(mapped.every((row) => person(row).company === 'Contoso')).toBe(true);
    expect(mapped.flatMap((row) => row.problems)).toEqual([]);
    expect(person(mapped[4]).emails).toEqual(['Shiori@contoso.com']);
  });

  for (const name of ['folkerkinzel-ThunderbirdAnsi.csv', 'folkerkinzel-ThunderbirdUtf8.csv']) {
    it(`Thunderbird in German (${name}): Vorname, Organisation, a birthday in three columns`, async () => {
      const { targets, mapped } = await mapFixture('csv', name);
      expect(targets).toMatchObject({
        Vorname: 'contact.firstName',
        Nachname: 'contact.lastName',
        Anzeigename: 'contact.name',
        'Primäre E-Mail-Adresse': 'contact.email',
        'Sekundäre E-Mail-Adresse': 'contact.email',
        'Mobil-Tel.-Nr.': 'contact.phone',
        'Dienstlich: Ort': 'client.address.city',
        Organisation: 'client.name',
        Arbeitstitel: 'contact.role',
        Geburtsjahr: 'contact.birthday.year',
        Geburtsmonat: 'contact.birthday.month',
        Geburtstag: 'contact.birthday.day',
      });
      expect(mapped[0]?.contact?.values).toMatchObject({
        name: 'Dr. Max Middle Name Mustermann jr.',
        birthday: '1972-01-31',
        emails: [
          { value: 'privat@folker-kinzel.de', label: null },
          { value: 'business@folker-kinzel.de', label: null },
        ],
      });
      expect(mapped[0]?.client?.values).toMatchObject({
        name: 'Firma',
        kind: 'company',
        address: { city: 'Ort' },
      });
      expect(person(mapped[0]).problems).toEqual([
        'Tel. dienstlich: invalid_phone',
        'Tel. privat: invalid_phone',
        'Fax-Nummer: invalid_phone',
        'Pager-Nummer: invalid_phone',
        'Mobil-Tel.-Nr.: invalid_phone',
        'Webseite 1: invalid_value',
      ]);
    });
  }

  it('Windows Live Mail in German: Firma, E-Mail-Adresse, the business address before the home one', async () => {
    const { targets, mapped } = await mapFixture('csv', 'folkerkinzel-WindowsLiveMail.csv');
    expect(targets).toMatchObject({
      Vorname: 'contact.firstName',
      '2. Vorname': 'contact.middleName',
      Nachname: 'contact.lastName',
      Firma: 'client.name',
      'E-Mail-Adresse': 'contact.email',
      Mobiltelefon: 'contact.phone',
      'Straße (geschäftlich)': 'client.address.street',
      'Ort (geschäftlich)': 'client.address.city',
    });
    expect(targets['Straße (privat)']).toBeUndefined();
    expect(person(mapped[0])).toMatchObject({ company: 'Firma', emails: ['privat@folker-kinzel.de'] });
    expect(mapped[0]?.client?.values.address).toEqual({
      street: 'Eisenbahnstraße',
      city: 'Leipzig',
      region: 'Sachsen-Anhalt',
      postalCode: '04315',
      country: 'DE',
    });
  });
});

/** The first card of each vCard fixture: its name, company, emails and phones, and what is refused. */
const cards: Record<string, ReturnType<typeof person>> = {
  'vcard21/aospvcard-v21_backslash.vcf': {
    name: 'A;B\\C\\;D:E\\\\',
    company: null,
    emails: [],
    phones: [],
    problems: [],
  },
  'vcard21/aospvcard-v21_complicated.vcf': {
    name: 'Joe Due',
    company: 'Gump Shrimp Co.',
    emails: ['forrestgump@walladalla.com', 'cell@example.com'],
    phones: ['(111) 555-1212', '+1 404 555 1212', '0311111111', '0322222222', '0333333333'],
    problems: [],
  },
  'vcard21/aospvcard-v21_invalid_comment_line.vcf': {
    name: 'Conference Call',
    company: null,
    emails: [],
    phones: [],
    problems: [],
  },
  'vcard21/aospvcard-v21_japanese_1.vcf': {
    name: '安藤ロイド',
    company: null,
    emails: [],
    phones: ['0300000000'],
    problems: [],
  },
  'vcard21/aospvcard-v21_japanese_2.vcf': {
    name: '安藤 ロイド 1',
    company: null,
    emails: [],
    phones: [],
    problems: [],
  },
  'vcard21/aospvcard-v21_multiple_entry.vcf': {
    name: '安藤ロイド3',
    company: null,
    emails: [],
    phones: [],
    problems: [1, 2, 3, 4].map((n) => `Phone ${n}: invalid_phone`),
  },
  'vcard21/eds-test_vcard_charset-windows1251.vcf': {
    name: 'Василий Пупкин',
    company: null,
    emails: ['test@test.ru'],
    phones: ['12-34-56'],
    problems: [],
  },
  'vcard21/ezvcard-John_Doe_ANDROID.vcf': {
    name: 'john.doe@company.com',
    company: null,
    emails: ['john.doe@company.com'],
    phones: [],
    problems: [],
  },
  'vcard21/ezvcard-John_Doe_BLACK_BERRY.vcf': {
    name: 'John Doe',
    company: 'Acme Solutions',
    emails: [],
    phones: ['+96123456789'],
    problems: [],
  },
  'vcard21/ezvcard-outlook-2003.vcf': {
    name: 'John Doe III',
    company: 'Company, The',
    emails: ['jdoe@hotmail.com'],
    phones: [],
    problems: [1, 2, 3, 4].map((n) => `Phone ${n}: invalid_phone`),
  },
  'vcard21/ezvcard-outlook-2007.vcf': {
    name: 'Mr. Michael Angstadt Jr.',
    company: 'TheCompany',
    emails: ['mike.angstadt@gmail.com'],
    phones: ['(111) 555-1111', '(111) 555-2222', '(111) 555-4444', '(111) 555-3333'],
    problems: [],
  },
  'vcard21/folkerkinzel-AnsiIssue.vcf': {
    name: 'Ralf Rastral',
    company: null,
    emails: [],
    phones: [],
    problems: [],
  },
  'vcard21/folkerkinzel-Cropped_2_1.vcf': {
    name: 'Maxl',
    company: 'Firma',
    emails: [],
    phones: [],
    problems: [],
  },
  'vcard21/folkerkinzel-MultiAnsiFilterTests_Ukrainian.vcf': {
    name: 'Віталій Володимирович Кличко',
    company: null,
    emails: [],
    phones: [],
    problems: [],
  },
  'vcard21/folkerkinzel-Utf-8_Ukrainian.vcf': {
    name: 'Віталій Володи́мирович Кличко́',
    company: null,
    emails: [],
    phones: [],
    problems: [],
  },
  'vcard21/folkerkinzel-v2_1.vcf': {
    name: 'Maxl',
    company: 'Firma',
    emails: ['privat@folker-kinzel.de', 'business@folker-kinzel.de', 'andere@folker-kinzel.de'],
    phones: ['0123/579'],
    problems: [1, 2, 3, 4, 5, 7].map((n) => `Phone ${n}: invalid_phone`),
  },
  'vcard30/aospvcard-v30_ios_613_multiline.vcf': {
    name: 'Bob Smith',
    company: 'Smith Auto Repair',
    emails: ['bob@smithauto.com'],
    phones: ['+1 650 555 1212'],
    problems: [],
  },
  'vcard30/davx5-allfields-vcard3.vcf': {
    name: 'Ämi Display',
    company: 'ABC, Inc.',
    emails: ['private@example.com', 'work@example.com'],
    phones: ['+49 1234 56788'],
    problems: ['Phone 2: invalid_phone'],
  },
  'vcard30/ezvcard-John_Doe_EVOLUTION.vcf': {
    name: 'Mr. John Richter, James Doe Sr.',
    company: 'IBM',
    emails: ['john.doe@ibm.com'],
    phones: ['+1 905 666 1234', '+1 905 555 1234'],
    problems: [],
  },
  'vcard30/ezvcard-John_Doe_IPHONE.vcf': {
    name: 'Mr. John Richter James Doe Sr.',
    company: 'IBM',
    emails: ['john.doe@ibm.com'],
    phones: [
      '+1 905 555 1234',
      '+1 905 666 1234',
      '+1 905 777 1234',
      '+1 905 888 1234',
      '+1 905 999 1234',
      '905-111-1234',
      '+1 905 222 1234',
    ],
    problems: [],
  },
  'vcard30/ezvcard-gmail-list.vcf': {
    name: 'Arnold Smith',
    company: null,
    emails: ['asmithk@gmail.com'],
    phones: [],
    problems: [],
  },
  'vcard30/ezvcard-gmail-single2.vcf': {
    name: 'VCard Test',
    company: 'TheCompany',
    emails: [
      'email@example.com',
      'homeemail@example.com',
      'workemail@example.com',
      'otheremail@example.com',
      'customcategory@example.com',
    ],
    phones: Array.from({ length: 11 }, (_, i) => String(5555551111 + i)),
    problems: [],
  },
  'vcard30/ezvcard-rfc2426-example.vcf': {
    name: 'Frank Dawson',
    company: 'Lotus Development Corporation',
    emails: ['Frank_Dawson@Lotus.com', 'fdawson@earthlink.net'],
    phones: ['+1 919 676 9515', '+1 919 676 9564'],
    problems: [],
  },
  'vcard30/folkerkinzel-LargeFile.vcf': {
    name: 'Kasey Schmitt',
    company: null,
    emails: [],
    phones: [],
    problems: [],
  },
  'vcard30/folkerkinzel-MultiAnsiFilterTests_v3Utf16Bom.vcf': {
    name: 'Folker Kinzel',
    company: null,
    emails: ['email1@wumms.de', 'email2@folker-kinzel.de'],
    phones: ['0123-45678'],
    problems: [],
  },
  'vcard30/icaljs-escape_semicolon.vcf': {
    name: 'First Last NextCloud',
    company: 'Firma',
    emails: ['home@gmx.de', 'work@gmx.de'],
    // TEL;TYPE="WORK,FAX":205246\;\;\,\; is the number with its escaped separators around it.
    phones: ['11111111', '205333', '205246', '222222'],
    problems: [],
  },
  'vcard30/icaljs-vcard3.vcf': {
    name: 'Mr. John Q. Public, Esq.',
    company: 'ABC, Inc.',
    emails: ['jqpublic@xyz.dom1.com', 'jdoe@isp.net', 'jane_doe@abc.com'],
    phones: ['+1 213 555 1234'],
    problems: [],
  },
  'vcard40/ezvcard-fullcontact.vcf': {
    name: 'Prefix FirstName MiddleName LastName Suffix',
    company: 'Organization1',
    emails: [
      'home@example.com',
      'work@example.com',
      'school@example.com',
      'other@example.com',
      'custom@example.com',
    ],
    phones: Array.from({ length: 9 }, (_, i) => `555-555-${1111 + i}`),
    problems: [],
  },
  'vcard40/ezvcard-issue114.vcf': {
    name: 'Dummy, Dummy',
    company: 'Dummy GmbH',
    emails: ['dummy.dummy@dummy.com'],
    phones: ['+49 1234 56789', '+49 9876 54321'],
    problems: [],
  },
  // BDAY:--0203 has no year, which Rapport's birthday cannot hold: refused at its column, not dropped.
  'vcard40/ezvcard-rfc6350-example.vcf': {
    name: 'Simon Perreault',
    company: 'Viagenie',
    emails: ['simon.perreault@viagenie.ca'],
    phones: ['+1 418 656 9254 ext. 102', '+1 418 262 6501'],
    problems: ['Birthday: invalid_date'],
  },
  'vcard40/icaljs-vcard.vcf': {
    name: 'J. Doe',
    company: 'ABC, Inc.',
    emails: ['jqpublic@xyz.example.com'],
    phones: ['+33-01-23-45-67'],
    problems: ['Birthday: invalid_date'],
  },
};

describe('each vCard maps by itself from Rapport’s own card columns', () => {
  it('covers every vCard fixture', () => {
    const all = ['vcard21', 'vcard30', 'vcard40'].flatMap((folder) =>
      fixtureNames(folder).map((n) => `${folder}/${n}`),
    );
    expect(Object.keys(cards).sort()).toEqual(all.sort());
  });

  for (const [file, want] of Object.entries(cards)) {
    it(`${file}: ${want.name ?? '(no name)'}${want.company ? ` at ${want.company}` : ''}`, async () => {
      const [folder = '', name = ''] = file.split('/');
      const { targets, mapped } = await mapFixture(folder, name);
      expect(person(mapped[0])).toEqual(want);
      for (const [column, target] of Object.entries(targets)) {
        if (/^Email \d+$/.test(column)) expect(target).toBe('contact.email');
        if (/^Phone \d+$/.test(column)) expect(target).toBe('contact.phone');
      }
      if ('Full name' in targets) expect(targets['Full name']).toBe('contact.name');
      if ('Organisation' in targets) expect(targets.Organisation).toBe('client.name');
    });
  }

  it('a card with only an email is a contact called by it (Android’s first two cards)', async () => {
    const { mapped } = await mapFixture('vcard21', 'ezvcard-John_Doe_ANDROID.vcf');
    expect(mapped[1]).toMatchObject({
      client: { values: { name: 'jane.doe@company.com', kind: 'person' } },
      contact: { values: { name: 'jane.doe@company.com' } },
      columns: { 'contact.name': 'Email 1' },
    });
  });

  it('phones take their card’s types as labels: cell → mobile, work fax, pager', async () => {
    const { mapped } = await mapFixture('vcard30', 'ezvcard-John_Doe_IPHONE.vcf');
    const labels = (mapped[0]?.contact?.values.phones as { label: string | null }[]).map((p) => p.label);
    expect(labels).toContain('mobile');
    expect(labels).toContain('work fax');
  });
});
