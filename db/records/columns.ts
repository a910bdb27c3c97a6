import type { ColumnMap, ToStored } from '../../shared/entities/define.ts';
import type { StoredKind } from '../../shared/entities/field.ts';
import type { FieldValue, RowPatch, StoredRow } from './synced-tables.ts';

export type { ColumnMap };

/** The sync metadata every record returns. */
export interface RecordMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Maps a stored row to its API shape: the record metadata plus every mapped field. */
export function fromRow(row: StoredRow, columns: ColumnMap): RecordMeta & Record<string, unknown> {
  const record: RecordMeta & Record<string, unknown> = {
    id: String(row.id),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    deletedAt: row.deleted_at === null || row.deleted_at === undefined ? null : String(row.deleted_at),
  };
  for (const [field, [column, kind]] of Object.entries(columns)) {
    const value = row[column] ?? null;
    record[field] =
      kind === 'bool'
        ? value === 1
        : kind === 'json' && typeof value === 'string'
          ? JSON.parse(value)
          : value;
  }
  return record;
}

/** Maps API fields to stored columns; fields left out (undefined) stay out of the patch. */
export function toPatch(fields: Record<string, unknown>, columns: ColumnMap): RowPatch {
  const patch: RowPatch = {};
  for (const [field, [column, kind, toStored]] of Object.entries(columns)) {
    const value = fields[field];
    if (value === undefined) continue;
    patch[column] = storedValue(value, kind, toStored);
  }
  return patch;
}

/** A value as stored; JSON is written with sorted keys so equal values compare equal. */
export function storedValue(value: unknown, kind: StoredKind, toStored?: ToStored): FieldValue {
  if (value === null) return null;
  if (kind === 'bool') return value ? 1 : 0;
  if (kind === 'json') return toStored ? toStored(value as never) : jsonText(value);
  return value as FieldValue;
}

/** A JSON column's text: sorted keys, so equal values compare equal. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, sortedKeys);
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
