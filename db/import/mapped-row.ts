import type { dateFormats, importTypes, numberFormats } from '../../shared/domain/import-mapping.ts';
import type { ImportProblemCode } from './source-row.ts';

/**
 * What a file's rows become after mapping (db/import/mapping): the values of the records one row brings,
 * shaped as the API's create inputs take them, with the column each value came from, so a value the
 * contract refuses is reported at its column. The engine (db/transfer) matches and writes these.
 */

// The lists live beside the API's schema of a mapping (shared/domain/import-mapping.ts), which the UI and
// the contract need and which cannot import db/.
export { dateFormats, importTypes, numberFormats } from '../../shared/domain/import-mapping.ts';

/** What one file holds: one row per client (with its primary contact), per contact, or per history record. */
export type ImportType = (typeof importTypes)[number];

/** How a date column is written; `iso` is 2026-06-05, `dmy` 05.06.2026 or 05/06/2026, `mdy` 06/05/2026. */
export type DateFormat = (typeof dateFormats)[number];

/** How a number column is written: `dot` 1,234.56 or 1234.56; `comma` 1.234,56 or 1 234,56. */
export type NumberFormat = (typeof numberFormats)[number];

/**
 * Where one column goes: a field path such as `client.name`, `contact.email`, `client.address.city`,
 * `payment.amount` (the list is `importTargets(type)` in db/import/mapping), or `null` to leave it out.
 */
export interface ColumnMapping {
  column: string;
  target: string | null;
  /** For a date column whose format cannot be told from its values. */
  dateFormat?: DateFormat;
  /** For a number column whose format cannot be told from its values. */
  numberFormat?: NumberFormat;
}

/** A whole mapping: what the user confirmed (or saved for next month's file). */
export interface ImportMapping {
  type: ImportType;
  columns: ColumnMapping[];
  /** A full-name column is split into first/middle/last (true) or kept whole as the name (false). */
  splitFullName: boolean;
  /** ISO 3166 country for phone numbers written without a country code (Settings' default). */
  defaultCountry: string | null;
  /** Currency of amounts whose row has none (ISO 4217). */
  defaultCurrency: string | null;
}

/** A value refused or doubted while mapping: the row, the column, a stable code and English text. */
export interface CellProblem {
  row: number;
  /** The source column (as named in the file); null for a problem of the whole row. */
  column: string | null;
  code: ImportProblemCode | MappingProblemCode;
  /** The value as the file has it (cut to 200 characters), for the report. */
  value?: string;
  message: string;
  /** For `unknown_choice`: the values the field takes, so the UI can offer them in the user's words. */
  allowed?: string[];
}

/** Codes of values that cannot be read; the UI translates them (import.problem.*). */
export type MappingProblemCode =
  | 'invalid_date'
  /** 05/06/2026 with no format chosen for its column: 5 June or 6 May. */
  | 'ambiguous_date'
  | 'invalid_number'
  /** 1.234 or 1,234 with no format chosen for its column: a thousand and more, or one and a bit. */
  | 'ambiguous_number'
  | 'invalid_email'
  | 'invalid_phone'
  | 'unknown_currency'
  | 'unknown_choice'
  | 'too_long'
  | 'missing_name'
  | 'missing_client'
  | 'invalid_value';

/** The values of one record, keyed by API field name (`name`, `emails`, `address`, `money`…). */
export type FieldValues = Record<string, unknown>;

/** One source row after mapping. */
export interface MappedRow {
  /** The source row number (SourceRow.row). */
  row: number;
  /** The row's cells as the file has them (for the rejected-rows file). */
  source: Record<string, string>;
  /** The client this row is, or belongs to. Absent when the row names no client at all. */
  client?: {
    /** ClientCreateInput's fields that the file gave (name, kind, industry, address, notes…). */
    values: FieldValues;
    /** An id the other tool gave the client (matched against client.externalId). */
    externalId?: string;
    /** Tag names to put on the client. */
    tags: string[];
    /** Team-member fields (`ownerId`) as the file names the member: a name or an email, for the engine to find. */
    teamMembers?: Record<string, string>;
  };
  /** A contact person of that client (the primary one for a `clients` file). */
  contact?: {
    /** ContactCreateInput's fields without clientId (name, role, emails, phones, birthday, notes). */
    values: FieldValues;
    externalId?: string;
  };
  /** A history record of that client, for the interactions, deals, payments and followups files. */
  record?: {
    entity: 'interaction' | 'deal' | 'payment' | 'followup';
    /** Its create input's fields without clientId (e.g. a payment's kind, money, issuedOn). */
    values: FieldValues;
    externalId?: string;
    /** Team-member fields (`userId`, `assigneeId`, `ownerId`) by name or email, as for the client. */
    teamMembers?: Record<string, string>;
  };
  /** `field path → column` for every value above, so the contract's refusal names the column. */
  columns: Record<string, string>;
  /** Values that could not be read; a row with any is rejected. */
  problems: CellProblem[];
}
