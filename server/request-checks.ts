import { z } from 'zod';
import { ServiceError } from './service-error.ts';

/** Checks of what a request carries besides its JSON body: query parameters and path segments. */

const bad = (message: string) => new ServiceError(400, 'validation', `Bad request: ${message}`);

/**
 * A query parameter that must be a whole number from `min` up: plain decimal digits only (no `1e20`,
 * `0x10`, ` 5`, nor an empty value), no larger than 2^53 − 1 so every store and JavaScript agree on it.
 * Absent, it is `fallback`.
 */
export function wholeNumberParam(name: string, text: unknown, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (typeof text !== 'string' || !/^[0-9]{1,16}$/.test(text))
    throw bad(`${name} must be a whole number written in digits (got ${describe(text)}).`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw bad(`${name} must be a whole number from ${String(min)} to ${String(Number.MAX_SAFE_INTEGER)}.`);
  return value;
}

function describe(value: unknown): string {
  if (typeof value !== 'string') return 'it more than once';
  return value === '' ? 'nothing' : JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

const TableName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/);
const RowId = z.uuid();

/** Where a snapshot page starts: both `afterTable` and `afterRow`, or neither (the first page). */
export function snapshotAfterParams(query: {
  afterTable?: unknown;
  afterRow?: unknown;
}): { table: string; rowId: string } | null {
  const { afterTable, afterRow } = query;
  if (afterTable === undefined && afterRow === undefined) return null;
  if (afterTable === undefined || afterRow === undefined)
    throw bad('afterTable and afterRow go together (give both, or neither for the first page).');
  if (!TableName.safeParse(afterTable).success)
    throw bad(`afterTable must be a table name (got ${describe(afterTable)}).`);
  if (!RowId.safeParse(afterRow).success) throw bad(`afterRow must be a row id (got ${describe(afterRow)}).`);
  return { table: afterTable as string, rowId: afterRow as string };
}

/**
 * The path of the first string holding the NUL character (U+0000) in a request's parts: no text the
 * server keeps may hold one (PostgreSQL refuses it, and no app ever sends one).
 */
export function nulAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulAt(item, `${path}.${String(index)}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulAt(key, `${path} (a key)`) ?? nulAt(item, `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Refuses a request part holding NUL (see {@link nulAt}), naming where. */
export function refuseNul(value: unknown, part: string): void {
  const at = nulAt(value, part);
  if (at !== null) throw bad(`${at} holds the NUL character (U+0000), which no text may hold.`);
}
