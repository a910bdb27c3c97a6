import type { SearchKind as SearchKindName } from '../../shared/domain/search.ts';
import { type EntityDecl, columnOf } from '../../shared/entities/define.ts';
import { clientEntity } from '../../shared/entities/entities.ts';
import type { SearchColumn as SearchColumnName } from '../../shared/entities/field.ts';
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

/**
 * The search kind of a declared entity: each field marked `search` goes to its column of the document
 * (a coupled value by its parts), so a field declared searchable is found with no other change.
 */
function declaredSearchKind<T extends 'client'>(
  decl: EntityDecl & { table: T },
  weights: Record<SearchColumnName, number>,
): SearchKind & { table: T; fts: `search_${T}` } {
  const searched = Object.entries(decl.fields).flatMap(([name, field]) =>
    field.search ? [{ column: columnOf(name), json: field.stored === 'json', into: field.search }] : [],
  );
  const columns = searchColumnNames.map((name) => ({ name, weight: weights[name] }));
  return {
    table: decl.table,
    fts: `search_${decl.table}` as const,
    columns,
    fields: searched.map((field) => field.column),
    document: (row) =>
      searchColumnNames.map((into) =>
        searchColumn(
          ...searched
            .filter((field) => field.into === into)
            .flatMap((field) => (field.json ? objectValues(row[field.column]) : [row[field.column]])),
        ),
      ),
  };
}

const searchColumnNames = ['name', 'details', 'notes'] as const satisfies readonly SearchColumnName[];

export const searchKinds = {
  client: declaredSearchKind(clientEntity, { name: 10, details: 2, notes: 1 }),
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
