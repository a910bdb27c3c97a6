import { apiValueOf } from '../../shared/entities/define.ts';
import { wireFieldsOf } from '../../shared/entities/wire.ts';
import type { SyncedTable } from './synced-tables.ts';

export { fieldOfColumn as apiFieldName } from '../../shared/entities/define.ts';

/**
 * A logged (already JSON-decoded) column value as the API shows it: 0/1 flags as booleans, coupled
 * values kept as JSON text as objects, as the field's declaration says.
 */
export function apiValue(table: SyncedTable, column: string, value: unknown): unknown {
  const field = wireFieldsOf(table)?.get(column);
  if (value === null || field === undefined) return value;
  return typeof value === 'string' || typeof value === 'number' ? apiValueOf(field, value) : value;
}
