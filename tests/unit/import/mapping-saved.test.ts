import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  CheckedImportMapping,
  mappingFingerprint,
  mappingForHeader,
} from '../../../db/import/mapping/index.ts';
import type { ImportMapping } from '../../../db/import/mapped-row.ts';
import { ImportMapping as ImportMappingSchema } from '../../../shared/domain/import-mapping.ts';

const saved: ImportMapping = {
  type: 'contacts',
  columns: [
    { column: 'First Name', target: 'contact.firstName' },
    { column: 'Last Name', target: 'contact.lastName' },
    // The user left the company out and chose the date format themselves.
    { column: 'Company', target: null },
    { column: 'Birthday', target: 'contact.birthday', dateFormat: 'dmy' },
  ],
  splitFullName: false,
  defaultCountry: 'KZ',
  defaultCurrency: 'KZT',
};

describe('a saved mapping is found again for next month’s file', () => {
  it('the fingerprint is the set of column names: order, case and spacing do not change it', () => {
    const header = ['First Name', 'Last Name', 'Company', 'Birthday'];
    expect(mappingFingerprint(header)).toMatch(/^h1:[0-9a-f]{32}$/);
    expect(mappingFingerprint(['Birthday', 'company', ' First  Name', 'Last Name'])).toBe(
      mappingFingerprint(header),
    );
    expect(mappingFingerprint([...header, 'Phone'])).not.toBe(mappingFingerprint(header));
    expect(mappingFingerprint(['First Name', 'Company'])).not.toBe(
      mappingFingerprint(['First Name Company']),
    );
  });

  it('fitted to a reordered header with a new column: the user’s choices stay, the new one is mapped', () => {
    const fitted = mappingForHeader(saved, [
      'Company',
      'E-mail',
      'first name',
      'Last Name',
      'Birthday',
      'Given Name',
    ]);
    expect(fitted).toEqual({
      ...saved,
      columns: [
        { column: 'Company', target: null },
        { column: 'E-mail', target: 'contact.email' },
        { column: 'first name', target: 'contact.firstName' },
        { column: 'Last Name', target: 'contact.lastName' },
        { column: 'Birthday', target: 'contact.birthday', dateFormat: 'dmy' },
        // Its field already has the column the user chose.
        { column: 'Given Name', target: null },
      ],
    });
  });
});

describe('the schemas of a mapping, for the API', () => {
  it('the shape: known type and formats, each column once, a two-letter country, an ISO currency', () => {
    expect(
      ImportMappingSchema.parse({ ...saved, defaultCountry: 'kz', defaultCurrency: 'kzt' }),
    ).toMatchObject({
      defaultCountry: 'KZ',
      defaultCurrency: 'KZT',
    });
    const issues = (value: unknown) =>
      ImportMappingSchema.safeParse(value).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ ...saved, type: 'leads' })).toEqual(['type']);
    expect(issues({ ...saved, defaultCurrency: 'XYZ' })).toEqual(['defaultCurrency']);
    expect(issues({ ...saved, defaultCountry: 'Kazakhstan' })).toEqual(['defaultCountry']);
    expect(
      issues({ ...saved, columns: [...saved.columns, { column: 'Company', target: 'client.name' }] }),
    ).toEqual(['columns.4.column']);
    expect(issues({ ...saved, columns: [{ column: 'A', target: null, dateFormat: 'ymd' }] })).toEqual([
      'columns.0.dateFormat',
    ]);
  });

  it('the checked schema: targets the file’s type can fill, one column per single field, a known country', () => {
    expect(CheckedImportMapping.safeParse(saved).success).toBe(true);
    const messages = (value: unknown) =>
      CheckedImportMapping.safeParse(value).error?.issues.map((i) => i.message);
    expect(messages({ ...saved, columns: [{ column: 'Amount', target: 'payment.amount' }] })).toEqual([
      'A contacts file cannot fill "payment.amount".',
    ]);
    expect(
      messages({
        ...saved,
        columns: [
          { column: 'A', target: 'contact.name' },
          { column: 'B', target: 'contact.name' },
          { column: 'C', target: 'contact.email' },
          { column: 'D', target: 'contact.email' },
        ],
      }),
    ).toEqual(['"B" and "A" both go to contact.name, which takes one column.']);
    expect(messages({ ...saved, defaultCountry: 'XX' })).toEqual([
      'Rapport does not know the country "XX" for phone numbers.',
    ]);
  });

  it('the schema’s output is the ImportMapping of mapped-row.ts, and the other way round', () => {
    expectTypeOf<z.output<typeof ImportMappingSchema>>().toExtend<ImportMapping>();
    expectTypeOf<ImportMapping>().toExtend<z.input<typeof ImportMappingSchema>>();
  });
});
