import type { SearchKind as SearchKindName } from '../../shared/domain/search.ts';
import type { StoredRow } from '../records/synced-tables.ts';
import { listedValues, objectValues, phoneTerms, searchColumn } from './search-text.ts';

export type { SearchKindName };

/** How one kind of record is indexed: its FTS5 table, columns with their rank weights, and its document. */
export interface SearchKind {
  /** The synced table; its rowid is the rowid of the record's document in `fts`. */
  table: SearchKindName;
  fts: `search_${SearchKindName}`;
  /** Columns of the FTS table; `weight` is the bm25 weight (a name match outranks a notes match). */
  columns: readonly { name: string; weight: number }[];
  /** The synced fields the document is made of: an update touching none of them leaves the index alone. */
  fields: readonly string[];
  /** The folded text of each column, in `columns` order. */
  document(row: StoredRow): string[];
}

export const searchKinds = {
  client: {
    table: 'client',
    fts: 'search_client',
    columns: [
      { name: 'name', weight: 10 },
      { name: 'details', weight: 2 },
      { name: 'notes', weight: 1 },
    ],
    fields: [
      'name',
      'industry',
      'segment',
      'source',
      'region',
      'address',
      'website',
      'preferences',
      'payment_terms',
      'solvency_notes',
      'notes',
    ],
    document: (row) => [
      searchColumn(row.name),
      searchColumn(
        row.industry,
        row.segment,
        row.source,
        row.region,
        row.website,
        ...objectValues(row.address),
      ),
      searchColumn(row.notes, row.preferences, row.payment_terms, row.solvency_notes),
    ],
  },
  contact: {
    table: 'contact',
    fts: 'search_contact',
    columns: [
      { name: 'name', weight: 10 },
      { name: 'reach', weight: 5 },
      { name: 'role', weight: 2 },
      { name: 'notes', weight: 1 },
    ],
    fields: ['name', 'emails', 'phones', 'role', 'notes'],
    document: (row) => [
      searchColumn(row.name),
      searchColumn(...listedValues(row.emails), ...listedValues(row.phones).flatMap(phoneTerms)),
      searchColumn(row.role),
      searchColumn(row.notes),
    ],
  },
  interaction: {
    table: 'interaction',
    fts: 'search_interaction',
    columns: [
      { name: 'summary', weight: 3 },
      { name: 'body', weight: 1 },
    ],
    fields: ['summary', 'body'],
    document: (row) => [searchColumn(row.summary), searchColumn(row.body)],
  },
} as const satisfies Record<SearchKindName, SearchKind>;
