import { createHash } from 'node:crypto';
import type { ColumnMapping, ImportMapping } from '../mapped-row.ts';
import type { SourceRow } from '../source-row.ts';
import { autoMap } from './auto-map.ts';
import { targetOf } from './targets.ts';

/** A column's name as a saved mapping knows it: case, surrounding and repeated spaces do not count. */
function columnKey(column: string): string {
  return column.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The fingerprint of a file's header, to find the mapping saved for the same export next month. It is
 * the set of column names (case and spacing aside), not their order: a mapping goes by column name, and
 * tools reorder columns between versions (Google did) without changing what each one is. A column
 * added or renamed makes another fingerprint; the engine may still offer the closest saved mapping
 * through {@link mappingForHeader}.
 */
export function mappingFingerprint(header: readonly string[]): string {
  const names = [...new Set(header.map(columnKey))].sort();
  return `h1:${createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 32)}`;
}

/**
 * A saved mapping fitted to a file's header: each column the saved one knows keeps its target and
 * formats (matched by name as above); new columns are mapped automatically, unless the field they would
 * fill already has its column from the saved mapping; columns gone from the file are dropped.
 */
export function mappingForHeader(
  saved: ImportMapping,
  header: readonly string[],
  sampleRows: readonly SourceRow[] = [],
): ImportMapping {
  const known = new Map(saved.columns.map((column) => [columnKey(column.column), column]));
  const taken = new Set(
    header.flatMap((column) => {
      const target = known.get(columnKey(column))?.target;
      return target && !targetOf(saved.type, target)?.repeatable ? [target] : [];
    }),
  );
  const auto = autoMap(header, saved.type, sampleRows);
  const columns = auto.map((guess): ColumnMapping => {
    const kept = known.get(columnKey(guess.column));
    if (kept) return { ...kept, column: guess.column };
    return guess.target !== null && taken.has(guess.target) ? { column: guess.column, target: null } : guess;
  });
  return { ...saved, columns };
}
