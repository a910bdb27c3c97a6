import { describe, expect, it } from 'vitest';
import { fixture, fixtureNames, importRows } from '../support/import-fixtures.ts';

const csv = (name: string) => importRows(fixture('csv', name));

/** Each CSV fixture of SOURCES.md, with its detected layout and record count. */
const expected: Record<
  string,
  { encoding: string; delimiter: string; headerRow: number; records: number; columns: number }
> = {
  'DERIVED-linkedin-Connections.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    headerRow: 4,
    records: 10,
    columns: 7,
  },
  'folkerkinzel-Google.csv': { encoding: 'utf-8', delimiter: ',', headerRow: 1, records: 1, columns: 110 },
  'folkerkinzel-GoogleCreatedOutlook.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    headerRow: 1,
    records: 1,
    columns: 88,
  },
  'folkerkinzel-Outlook365.csv': {
    encoding: 'windows-1252',
    delimiter: ',',
    headerRow: 1,
    records: 6,
    columns: 92,
  },
  'folkerkinzel-Outlook365_Web.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    headerRow: 1,
    records: 1,
    columns: 61,
  },
  'folkerkinzel-Sample_CSV_file_for_importing_contacts.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    headerRow: 1,
    records: 5,
    columns: 92,
  },
  'folkerkinzel-ThunderbirdAnsi.csv': {
    encoding: 'windows-1252',
    delimiter: ',',
    headerRow: 1,
    records: 1,
    columns: 38,
  },
  'folkerkinzel-ThunderbirdUtf8.csv': {
    encoding: 'utf-8',
    delimiter: ',',
    headerRow: 1,
    records: 1,
    columns: 38,
  },
  'folkerkinzel-WindowsLiveMail.csv': {
    encoding: 'utf-8',
    delimiter: ';',
    headerRow: 1,
    records: 1,
    columns: 29,
  },
};

describe('every CSV export in the fixtures is detected and read record by record', () => {
  it('covers every file in the csv fixture folder', () => {
    expect(fixtureNames('csv')).toEqual(Object.keys(expected).sort());
  });

  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: ${want.records} records, ${want.encoding}, "${want.delimiter}", header on row ${want.headerRow}`, async () => {
      const { detected, rows } = await csv(name);
      expect(detected).toMatchObject({
        format: 'delimited',
        encoding: want.encoding,
        delimiter: want.delimiter,
      });
      expect(detected.format === 'delimited' && detected.headerRow).toBe(want.headerRow);
      expect(detected.format === 'delimited' && detected.header.length).toBe(want.columns);
      expect(rows).toHaveLength(want.records);
      expect(rows.flatMap((row) => row.problems)).toEqual([]);
    });
  }
});

describe('the names, organisations, phones and emails of each CSV export', () => {
  it('LinkedIn: the preamble is skipped; emoji, quoted commas, Greek and a TAB inside a name survive', async () => {
    const { rows } = await csv('DERIVED-linkedin-Connections.csv');
    expect(rows[0]).toMatchObject({
      row: 5,
      fields: {
        'First Name': 'Mira',
        'Last Name': 'Example-Doe 🍀',
        Company: 'Super Ninja',
        'Email Address': '',
      },
    });
    expect(rows[1]?.fields['Email Address']).toBe('joren.sample@example.com');
    expect(rows[2]?.fields.Position).toBe('Principal Consultant, Business Performance');
    expect(rows[4]?.fields.Company).toBe('ΔΠΜΣ Ζώα: Ηθική, Δίκαιο, Ευζωία');
    expect(rows[6]?.fields['First Name']).toBe('Igor\t');
    expect(rows[8]?.fields).toMatchObject({ 'First Name': 'Sudhanshu 🔸', Company: '80,000 Hours' });
    expect(rows[9]).toMatchObject({ row: 14, fields: { 'First Name': 'Hendrik Jan', Company: ' -' } });
  });

  it('Google CSV: multi-line address cells, ":::" multi-values and umlauts', async () => {
    const { rows } = await csv('folkerkinzel-Google.csv');
    expect(rows[0]?.fields).toMatchObject({
      Name: 'Dr. Max Middle Name Mustermann jr.',
      'Given Name': 'Max',
      'Family Name': 'Mustermann',
      'Organization 1 - Name': 'Firma',
      'Organization 1 - Department': 'Abteilung',
      'E-mail 2 - Type': '* Home',
      'E-mail 2 - Value': 'privat@folker-kinzel.de',
      'E-mail 1 - Value': 'ohneLabel@folker.de ::: ohneLabel2@folker.de',
      'Phone 6 - Value': 'Tel geschäftlich',
      'Address 1 - Formatted': 'Eisenbahnstraße\nPostfach\n84 04315 Leipzig\nDE',
      Notes: 'Kommentar ÄÄÄÄÄÄ ääääää ÖÖÖÖÖÖ öööööö ÜÜÜÜÜÜ üüüüüü ßßßßßß',
    });
  });

  it("Google's Outlook CSV: a data row one field longer (trailing comma) is no problem; the multi-line Notes cell is whole", async () => {
    const { rows } = await csv('folkerkinzel-GoogleCreatedOutlook.csv');
    expect(rows[0]?.fields).toMatchObject({
      'First Name': 'Max',
      'Last Name': 'Mustermann',
      Company: 'Firma',
      Department: 'Abteilung',
      'E-mail Address': 'privat@folker-kinzel.de',
      'Business Phone': 'Tel geschäftlich',
      'Mobile Phone': 'Handy',
      Birthday: '31.1.1972',
    });
    expect(rows[0]?.fields.Notes).toContain('\nIM: SKYPE: Chatadresse2\n');
    expect(rows[0]?.problems).toEqual([]);
  });

  it('Outlook 365 desktop: windows-1252 without a BOM ("Thüringen"), the Microsoft sample rows and the test row', async () => {
    const { rows } = await csv('folkerkinzel-Outlook365.csv');
    expect(rows[0]?.fields).toMatchObject({
      'First Name': 'Anita',
      'Last Name': 'Jorgensen',
      Company: 'Contoso',
      'Business Phone': '555-555-1212',
      'E-mail Address': 'Anita@contoso.com',
    });
    expect(rows[5]).toMatchObject({
      row: 7,
      fields: {
        'First Name': 'Max',
        'Last Name': 'Mustermann',
        Company: 'Google',
        Department: 'Google Deutschland',
        'Other State': 'Thüringen',
        'E-mail Address': 'email@address.com',
        'Mobile Phone': 'Mobile Phone',
        Birthday: '6/5/1984',
      },
    });
  });

  it('Outlook on the web: UTF-8 with a BOM, the BOM not glued to the first column name', async () => {
    const { rows } = await csv('folkerkinzel-Outlook365_Web.csv');
    expect(rows[0]?.fields).toMatchObject({
      'First Name': 'Max',
      'Last Name': 'Mustermann',
      Company: 'Firma',
      Department: 'Führungsetage',
      'E-mail Address': 'privat@folker-kinzel.de',
      'Mobile Phone': 'Handy',
      'Business Phone': 'Tel geschäftlich',
    });
  });

  it("Microsoft's import sample: the five Contoso people", async () => {
    const { rows } = await csv('folkerkinzel-Sample_CSV_file_for_importing_contacts.csv');
    expect(rows.map((row) => `${row.fields['First Name']} ${row.fields['Last Name']}`)).toEqual([
      'Anita Jorgensen',
      'Anne-Mette Olesen',
      'Dorena Paschke',
      'Kemal Celik',
      'Shiori Inoue',
    ]);
    expect(rows[4]?.fields).toMatchObject({ Company: 'Contoso', 'E-mail Address': 'Shiori@contoso.com' });
  });

  it('Thunderbird in windows-1252 and in UTF-8 import to identical records', async () => {
    const ansi = await csv('folkerkinzel-ThunderbirdAnsi.csv');
    const utf8 = await csv('folkerkinzel-ThunderbirdUtf8.csv');
    expect(ansi.rows[0]?.fields).toEqual(utf8.rows[0]?.fields);
    expect(ansi.rows[0]?.fields).toMatchObject({
      Vorname: 'Max',
      Nachname: 'Mustermann',
      Organisation: 'Firma',
      'Primäre E-Mail-Adresse': 'privat@folker-kinzel.de',
      'Tel. dienstlich': 'Tel geschäftlich',
      'Dienstlich: Adresse': 'Straße Work',
      Notizen: 'Kommentar für Maxl',
      // The header ends with a comma: its unnamed last column gets a name, not a blank key.
      'Column 38': '',
    });
  });

  it('Windows Live Mail: semicolon-separated, UTF-8 with a BOM', async () => {
    const { rows } = await csv('folkerkinzel-WindowsLiveMail.csv');
    expect(rows[0]?.fields).toMatchObject({
      Vorname: 'Max',
      Nachname: 'Mustermann',
      Firma: 'Firma',
      'E-Mail-Adresse': 'privat@folker-kinzel.de',
      Mobiltelefon: 'Handy',
      'Straße (privat)': 'Straße 42',
      Notizen: 'Kommentar Äöü',
    });
  });
});
