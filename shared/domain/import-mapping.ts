import { z } from 'zod';
import { CurrencyCode } from './fields.ts';

/**
 * An import's column mapping as the API takes it (and as it is saved for next month's file). The types
 * of db/import/mapped-row.ts are these; db/import/mapping checks the targets against what the file's
 * type can fill (`checkMapping`), which needs the entity declarations and is not a matter of shape.
 */

/** What one file holds: one row per client (with its primary contact), per contact, or per history record. */
export const importTypes = ['clients', 'contacts', 'interactions', 'deals', 'payments', 'followups'] as const;
/** How a date column is written; `iso` is 2026-06-05, `dmy` 05.06.2026 or 05/06/2026, `mdy` 06/05/2026. */
export const dateFormats = ['iso', 'dmy', 'mdy', 'excel'] as const;
/** How a number column is written: `dot` 1,234.56 or 1234.56; `comma` 1.234,56 or 1 234,56. */
export const numberFormats = ['dot', 'comma'] as const;

export const ImportType = z.enum(importTypes);
export const DateFormat = z.enum(dateFormats);
export const NumberFormat = z.enum(numberFormats);

/** Where one column goes: a target id of `importTargets(type)`, or null to leave it out. */
export const ColumnMapping = z.strictObject({
  column: z.string().max(500),
  target: z.string().max(100).nullable(),
  dateFormat: DateFormat.optional(),
  numberFormat: NumberFormat.optional(),
});

/** A whole mapping: what the user confirmed. Each column of the file appears at most once. */
export const ImportMapping = z
  .strictObject({
    type: ImportType,
    columns: z.array(ColumnMapping).max(2000),
    splitFullName: z.boolean(),
    /** ISO 3166 alpha-2, such as KZ (db/import/mapping checks that libphonenumber knows it). */
    defaultCountry: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, { message: 'Enter a two-letter country code such as KZ.' })
      .nullable(),
    defaultCurrency: CurrencyCode.nullable(),
  })
  .superRefine((mapping, ctx) => {
    const seen = new Set<string>();
    mapping.columns.forEach((column, index) => {
      if (seen.has(column.column)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'column'],
          params: { rule: 'duplicate' },
          message: `The column "${column.column}" is mapped twice.`,
        });
      }
      seen.add(column.column);
    });
  });
