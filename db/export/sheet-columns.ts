import { type EntityDecl, columnOf } from '../../shared/entities/define.ts';
import { entities, fieldLabelKey } from '../../shared/entities/entities.ts';
import type { FieldDecl } from '../../shared/entities/field.ts';
import type { Catalog, MessageKey } from '../../shared/i18n/index.ts';
import type { CellKind, CellValue } from './cell-format.ts';
import type { SheetKind } from './export-request.ts';
import { type CoupledLayout, coupledLayoutOf, referencesOf, sheetSpecs } from './sheet-spec.ts';

/**
 * The columns of an exported list, from the declaration of its entity: each field in declaration order
 * (a reference as the referenced record's name, a coupled value spread over columns), then the record's
 * own columns. Headers are the field labels in the user's language; values stay plain (codes of choices,
 * ISO days, numbers with a dot), so the file reads the same to people and to the importer in any language.
 */

/** A row of a list as its query returns it, its JSON columns already decoded. */
export type SheetRow = Record<string, unknown>;

export interface ExportColumn {
  header: string;
  kind: CellKind;
  value(row: SheetRow): CellValue;
}

/** One exported list: its name (a sheet's), its columns, its rows (streamed) and how many there are. */
export interface SheetData {
  name: string;
  columns: ExportColumn[];
  rows: Iterable<SheetRow>;
  count: number;
}

/** How many labelled values the widest record of the list has, and whether any has a label. */
export interface ListShape {
  count: number;
  typed: boolean;
}

/** Facts of the listed rows that decide columns, by the row column holding each labelled list. */
export type SheetShape = Record<string, ListShape>;

/** Row columns of the clients list that hold its tags and primary contact (sheet-rows.ts fills them). */
export const primaryContact = {
  name: 'pc_name',
  role: 'pc_role',
  phones: 'pc_phones',
  emails: 'pc_emails',
  tags: 'tag_names',
} as const;

type Words = (key: string, n?: number) => string;

function wordsOf(catalog: Catalog): Words {
  return (key, n) => {
    // Every key asked for is in the catalogs (a test exports every list in every language).
    const text = Object.hasOwn(catalog, key) ? catalog[key as MessageKey] : key;
    return n === undefined ? text : text.replace('{{n}}', String(n));
  };
}

/** The columns of list `kind` in the language of `catalog`, with as many phone and email columns as `shape` says. */
export function sheetColumns(kind: SheetKind, catalog: Catalog, shape: SheetShape): ExportColumn[] {
  const { table } = sheetSpecs[kind];
  const decl: EntityDecl = entities[table];
  const words = wordsOf(catalog);
  const references = new Map(referencesOf(table).map((reference) => [reference.field, reference]));
  const columns = Object.entries(decl.fields).flatMap(([field, declared]) => {
    const header = words(fieldLabelKey(decl.entity, field));
    const reference = references.get(field);
    if (reference) return [textColumn(header, reference.alias)];
    if (declared.kind === 'id') return [];
    if (declared.kind === 'json')
      return coupledColumns(coupledLayoutOf(table, field), field, header, words, shape);
    return [plainColumn(header, columnOf(field), declared)];
  });
  if (kind === 'clients') columns.push(...primaryContactColumns(words));
  columns.push(
    { header: words('record.field.createdAt'), kind: 'moment', value: (row) => cell(row.created_at) },
    { header: words('export.column.updatedAt'), kind: 'moment', value: (row) => cell(row.updated_at) },
    textColumn(words('export.column.id'), 'id'),
  );
  if ('clientId' in decl.fields) columns.push(textColumn(words('export.column.clientId'), 'client_id'));
  return columns;
}

function textColumn(header: string, column: string): ExportColumn {
  return { header, kind: 'text', value: (row) => cell(row[column]) };
}

const kindOfField: Partial<Record<FieldDecl['kind'], CellKind>> = {
  bool: 'bool',
  int: 'number',
  date: 'day',
  dateTime: 'moment',
};

function plainColumn(header: string, column: string, declared: FieldDecl): ExportColumn {
  const kind = kindOfField[declared.kind] ?? 'text';
  if (kind === 'bool')
    return {
      header,
      kind,
      value: (row) => (row[column] === null || row[column] === undefined ? null : row[column] === 1),
    };
  return { header, kind, value: (row) => cell(row[column]) };
}

function coupledColumns(
  layout: CoupledLayout,
  field: string,
  header: string,
  words: Words,
  shape: SheetShape,
): ExportColumn[] {
  const column = columnOf(field);
  switch (layout.layout) {
    case 'address':
      return (['street', 'city', 'region', 'postalCode', 'country'] as const).map((part) => ({
        header: words(`address.part.${part}`),
        kind: 'text',
        value: (row) => cell(partOf(row[column], part)),
      }));
    case 'list':
      return listColumns(column, layout.item, words, shape);
    case 'money':
      return [
        { header, kind: 'number', value: (row) => cell(partOf(row[column], 'amount')) },
        ...(layout.cost
          ? [
              {
                header: words('export.column.cost'),
                kind: 'number' as const,
                value: (row: SheetRow) => cell(partOf(row[column], 'cost')),
              },
            ]
          : []),
        {
          header: words('export.column.currency'),
          kind: 'text',
          value: (row) => cell(partOf(row[column], 'currency')),
        },
      ];
  }
}

/** `Phone 1`, `Phone 1 type`, `Phone 2`…: as many as the widest record needs; types only if any has one. */
function listColumns(
  column: string,
  item: 'phone' | 'email',
  words: Words,
  shape: SheetShape,
): ExportColumn[] {
  const { count, typed } = shape[column] ?? { count: 0, typed: false };
  return Array.from({ length: count }, (_, index) => {
    const entry = (row: SheetRow) =>
      Array.isArray(row[column]) ? (row[column] as unknown[])[index] : undefined;
    const value: ExportColumn = {
      header: words(`export.column.${item}`, index + 1),
      kind: 'text',
      value: (row) => cell(partOf(entry(row), 'value')),
    };
    const label: ExportColumn = {
      header: words(`export.column.${item}Type`, index + 1),
      kind: 'text',
      value: (row) => cell(partOf(entry(row), 'label')),
    };
    return typed ? [value, label] : [value];
  }).flat();
}

/** The primary contact's main phone and email: one of each, with its type (sheet-rows.ts). */
const primaryContactShape: SheetShape = {
  [primaryContact.phones]: { count: 1, typed: true },
  [primaryContact.emails]: { count: 1, typed: true },
};

/**
 * The clients list also names each client's tags and its primary contact with the main phone and email,
 * as a typical spreadsheet does (and as the importer reads a clients file back).
 */
function primaryContactColumns(words: Words): ExportColumn[] {
  return [
    textColumn(words('export.column.tags'), primaryContact.tags),
    textColumn(words('export.column.contactPerson'), primaryContact.name),
    textColumn(words('contact.field.role'), primaryContact.role),
    ...listColumns(primaryContact.phones, 'phone', words, primaryContactShape),
    ...listColumns(primaryContact.emails, 'email', words, primaryContactShape),
  ];
}

function partOf(value: unknown, part: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
}

function cell(value: unknown): CellValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}
