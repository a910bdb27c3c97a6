import type { FieldValues } from '../mapped-row.ts';
import type { RowCells } from './cells.ts';
import type { ImportTarget } from './targets.ts';

/**
 * Puts the row's values of an entity's one-field targets (a text, a choice, a flag, a number, a day, a
 * moment) into its values by field name, as a newly declared field's would be without a line here.
 * `assembled` names the fields its caller builds itself (a client's name and kind, a contact's name).
 */
export function putFields(
  cells: RowCells,
  targets: readonly ImportTarget[],
  entity: string,
  values: FieldValues,
  part: string,
  assembled: readonly string[] = [],
): void {
  const skip = new Set(['externalId', 'tags', ...assembled]);
  for (const target of targets) {
    if (target.entity !== entity || target.part !== undefined || target.teamMember) continue;
    if (
      skip.has(target.field) ||
      target.kind === 'email' ||
      target.kind === 'phone' ||
      target.kind === 'money'
    )
      continue;
    const cell = cells.first(target.id);
    if (cell === undefined || cell.value === null) continue;
    const value = typeof cell.value === 'object' && 'moment' in cell.value ? cell.value.moment : cell.value;
    cells.put(values, part, target.field, cell, value);
  }
}

/** Team-member fields (`ownerId`) by the name or email the file gives, for the engine to find. */
export function membersOf(
  cells: RowCells,
  targets: readonly ImportTarget[],
  entity: string,
  part: string,
): Record<string, string> | undefined {
  const members: Record<string, string> = {};
  for (const target of targets) {
    const cell = target.entity === entity && target.teamMember ? cells.text(target.id) : undefined;
    if (cell === undefined) continue;
    members[target.field] = cell.value;
    cells.columns[`${part}.${target.field}`] = cell.column;
  }
  return Object.keys(members).length > 0 ? members : undefined;
}
