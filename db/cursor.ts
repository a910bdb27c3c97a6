import { AppError } from '../shared/api/errors.ts';

/** Encodes the sort key of the last row of a page as an opaque cursor. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; `validation` error when it was not. */
export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key;
    }
  } catch {
    // Fall through to the validation error below.
  }
  throw new AppError('validation', 'This page cursor is not valid. Reload the list from its first page.', {
    issues: [{ path: 'after', rule: 'invalid_cursor', message: 'Not a cursor returned by this list.' }],
  });
}
