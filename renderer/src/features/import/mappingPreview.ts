import type { ImportTarget } from './importText.ts';
import type { InspectResult, Mapping } from './importWizard.ts';

type ColumnMapping = Mapping['columns'][number];
type PreviewRow = InspectResult['preview'][number];

/** The part of a target's id before the first dot: the record kind it belongs to. */
export function entityOfTarget(target: string): string {
  return target.slice(0, target.indexOf('.') === -1 ? undefined : target.indexOf('.'));
}

/**
 * Targets grouped as the mapping's Select shows them: the client's fields, the contact's, then the
 * record's of a history file (a payment's, a deal's…), each group in the backend's order.
 */
export function groupTargets(
  targets: readonly ImportTarget[],
): { entity: string; targets: ImportTarget[] }[] {
  const groups = new Map<string, ImportTarget[]>();
  for (const target of targets) {
    const entity = entityOfTarget(target.id);
    groups.set(entity, [...(groups.get(entity) ?? []), target]);
  }
  const order = (entity: string) => (entity === 'client' ? 0 : entity === 'contact' ? 1 : 2);
  return [...groups]
    .map(([entity, items]) => ({ entity, targets: items }))
    .sort((a, b) => order(a.entity) - order(b.entity));
}

/** Which format choice a column going to `target` offers: dates and numbers can be written two ways. */
export function formatChoiceOf(target: ImportTarget | undefined): 'date' | 'number' | null {
  if (!target) return null;
  // The kinds of db/import/mapping/targets.ts: days and moments are dates, amounts are numbers.
  if (target.kind === 'date' || target.kind === 'moment') return 'date';
  if (target.kind === 'number' || target.kind === 'money') return 'number';
  return null;
}

/** The mapping of one column (a column the mapping does not name is left out). */
export function columnMapping(mapping: Mapping, column: string): ColumnMapping {
  return mapping.columns.find((entry) => entry.column === column) ?? { column, target: null };
}

/** The mapping with one column's entry replaced (added where the mapping did not name it). */
export function withColumn(mapping: Mapping, next: ColumnMapping): Mapping {
  const known = mapping.columns.some((entry) => entry.column === next.column);
  return {
    ...mapping,
    columns: known
      ? mapping.columns.map((entry) => (entry.column === next.column ? next : entry))
      : [...mapping.columns, next],
  };
}

/**
 * The value a target gets from one preview row, as it will be imported. The backend keys values by field
 * path (`client.name`); parts of a compound field sit inside it (`client.address` → `{city}`), and a
 * column feeding a list adds to its plural (`contact.phone` → `contact.phones`).
 */
export function importedValue(values: PreviewRow['values'], target: string, source = ''): unknown {
  if (target in values) return values[target];
  const parts = target.split('.');
  for (let length = parts.length - 1; length >= 1; length--) {
    const head = parts.slice(0, length).join('.');
    if (!(head in values)) continue;
    let value: unknown = values[head];
    for (const part of parts.slice(length)) value = isRecord(value) ? value[part] : undefined;
    return value;
  }
  // Several columns feed one list (E-mail 1, E-mail 2…): show what came from this column.
  const list = values[`${target}s`];
  return Array.isArray(list) ? list.filter((item) => cameFrom(item, source)) : list;
}

/** True when a list entry (an email, a phone, maybe with a label) was read from this cell's text. */
function cameFrom(item: unknown, source: string): boolean {
  const value = isRecord(item) ? item.value : item;
  if (typeof value !== 'string' || value === '') return false;
  if (source.toLowerCase().includes(value.toLowerCase())) return true;
  // A phone is imported in its international form: compare its last digits with the cell's.
  const digits = value.replace(/\D/g, '');
  return digits.length >= 5 && source.replace(/\D/g, '').includes(digits.slice(-7));
}

/** A value as the preview shows it: lists joined, amounts with their currency, nothing as ''. */
export function previewText(value: unknown, yesNo: (value: boolean) => string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return yesNo(value);
  if (Array.isArray(value))
    return value
      .map((item) => previewText(item, yesNo))
      .filter(Boolean)
      .join(', ');
  if (isRecord(value)) {
    if ('amount' in value && 'currency' in value)
      return `${previewText(value.amount, yesNo)} ${previewText(value.currency, yesNo)}`.trim();
    // A phone or an email with its label: the value is what the user recognises.
    if ('value' in value) return previewText(value.value, yesNo);
    return Object.values(value)
      .map((item) => previewText(item, yesNo))
      .filter(Boolean)
      .join(', ');
  }
  return '';
}

/** True when no preview row has anything in this column. */
export function isEmptyColumn(preview: readonly PreviewRow[], column: string): boolean {
  return preview.every((row) => (row.source[column] ?? '').trim() === '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
