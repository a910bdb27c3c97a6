import type { MappingProblemCode } from '../mapped-row.ts';

/** What reading one cell gives: its value as the API takes it, or why it cannot be read. */
export type Reading<T> =
  { ok: true; value: T } | { ok: false; code: MappingProblemCode; message: string; allowed?: string[] };

export function read<T>(value: T): Reading<T> {
  return { ok: true, value };
}

export function refuse<T = never>(
  code: MappingProblemCode,
  message: string,
  allowed?: readonly string[],
): Reading<T> {
  return allowed === undefined
    ? { ok: false, code, message }
    : { ok: false, code, message, allowed: [...allowed] };
}
