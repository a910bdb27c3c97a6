import type { ErrorInfo } from './errors.ts';

/** The result of every API call on every transport. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** A successful envelope. */
export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

/** A failed envelope. */
export function fail(error: ErrorInfo): Envelope<never> {
  return { ok: false, error };
}
