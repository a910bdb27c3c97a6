import { type EntityDecl, columnOf } from '../../shared/entities/define.ts';
import { type EntityTable, entities, isEntityTable } from '../../shared/entities/entities.ts';
import type { FieldDecl } from '../../shared/entities/field.ts';
import type { SheetKind } from './export-request.ts';

/**
 * Which table each exported list comes from and in what order; how each coupled (JSON) field is spread
 * over columns; and by what a referenced record is named. The columns themselves come from the
 * entities' declarations (sheet-columns.ts), so a newly declared field is exported with no change here.
 */

export interface SheetSpec {
  table: EntityTable;
  /**
   * ORDER BY of one client's records or a client list's, on `t` (the table), served by an index on live
   * rows. A whole list is read in the order its records were stored instead (sheet-rows.ts).
   */
  order: string;
}

export const sheetSpecs: Record<SheetKind, SheetSpec> = {
  clients: { table: 'client', order: 't.sort_name, t.id' },
  contacts: { table: 'contact', order: 't.client_id, t.sort_name, t.id' },
  interactions: { table: 'interaction', order: 't.client_id, t.occurred_at, t.id' },
  deals: { table: 'deal', order: 't.client_id, t.created_at, t.id' },
  payments: { table: 'payment', order: 't.client_id, t.issued_on, t.id' },
  followups: { table: 'followup', order: 't.client_id, t.status, t.due_at, t.id' },
};

/**
 * How a coupled field becomes columns: an address by its parts, labelled values (phones, emails) as
 * numbered columns (`Phone 1`, `Phone 1 type`, …: each value whole, never split again on import),
 * money as an amount, a cost where it has one, and its currency.
 */
export type CoupledLayout =
  { layout: 'address' } | { layout: 'list'; item: 'phone' | 'email' } | { layout: 'money'; cost: boolean };

const coupledLayouts: Record<string, CoupledLayout> = {
  'client.address': { layout: 'address' },
  'contact.emails': { layout: 'list', item: 'email' },
  'contact.phones': { layout: 'list', item: 'phone' },
  'deal.value': { layout: 'money', cost: false },
  'payment.money': { layout: 'money', cost: true },
  'competitor_offer.price': { layout: 'money', cost: false },
  'campaign.cost': { layout: 'money', cost: false },
};

/** The layout of a coupled field; a coupled field without one is a bug a test catches. */
export function coupledLayoutOf(table: EntityTable, field: string): CoupledLayout {
  const layout = coupledLayouts[`${table}.${field}`];
  if (!layout) throw new Error(`No export layout for the coupled field ${table}.${field}`);
  return layout;
}

/** The column that names a record of a table where another record points to it (its owner's name). */
const displayColumns: Partial<Record<EntityTable, string>> = {
  client: 'name',
  team_member: 'name',
  contact: 'name',
  deal: 'title',
  interaction: 'summary',
  campaign: 'name',
  tag: 'name',
};

/** A reference of the table to a record of another, shown by that record's name. */
export interface Reference {
  /** The API field (`ownerId`) and its column (`owner_id`). */
  field: string;
  column: string;
  table: EntityTable;
  display: string;
  /** The alias the name is selected as. */
  alias: string;
}

/** The references of a table's declared fields, in declaration order. */
export function referencesOf(table: EntityTable): Reference[] {
  const decl: EntityDecl = entities[table];
  return Object.entries(decl.fields).flatMap(([field, declared]: [string, FieldDecl]) => {
    const target = declared.references;
    if (declared.kind !== 'id' || target === undefined || !isEntityTable(target)) return [];
    const display = displayColumns[target];
    if (display === undefined) return [];
    const column = columnOf(field);
    return [{ field, column, table: target, display, alias: `name_of_${column}` }];
  });
}
