import type { z } from 'zod';
import { ClientListInput } from '../../shared/domain/client.ts';

/** What can be exported by type: one list (a sheet), or everything. */
export const exportTypes = [
  'clients',
  'contacts',
  'interactions',
  'deals',
  'payments',
  'followups',
  'all',
] as const;
export type ExportType = (typeof exportTypes)[number];

/** The kinds of list a CSV file or an xlsx sheet holds. */
export type SheetKind = Exclude<ExportType, 'all'>;
export const sheetKinds = exportTypes.filter((type): type is SheetKind => type !== 'all');

export const exportFormats = ['csv', 'xlsx', 'vcf', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const vcardVersions = ['3.0', '4.0'] as const;
export type VCardVersion = (typeof vcardVersions)[number];

/** The delimiters a CSV is written with: comma, or semicolon for the Excel of countries with a decimal comma. */
export const csvDelimiters = [',', ';'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

/** The client list's filters and order without its paging: the list as the user sees it, whole. */
export const ClientListFilter = ClientListInput.omit({ after: true, limit: true });
export type ClientListFilter = z.input<typeof ClientListFilter>;

/**
 * What to export: every record of a type (or `all`), one client with its contacts and history, or the
 * clients of the client list as filtered and sorted on screen.
 */
export type ExportWhat = { type: ExportType } | { clientId: string } | { clientList: ClientListFilter };

/**
 * Why this format cannot hold what was asked, in words for the user; null when it can. A CSV file is one
 * list, a vCard file holds contacts, and the JSON export holds whole records with their history.
 */
export function exportRefusal(what: ExportWhat, format: ExportFormat): string | null {
  const type = 'type' in what ? what.type : undefined;
  switch (format) {
    case 'csv':
      if (type === 'all' || 'clientId' in what)
        return 'A CSV file holds one list: export one type (clients, contacts, interactions, deals, payments or follow-ups), or choose .xlsx or JSON for everything.';
      return null;
    case 'vcf':
      if (type !== undefined && type !== 'contacts')
        return 'A vCard file holds contacts only: export contacts, or choose CSV, .xlsx or JSON.';
      return null;
    case 'json':
      if (type !== undefined && type !== 'all')
        return 'The JSON export holds whole records with their history: export all, one client or a client list as JSON, or choose CSV or .xlsx for one type.';
      return null;
    case 'xlsx':
      return null;
  }
}
