import { z } from 'zod';
import type { EntityName } from '../domain/entities.ts';
import { Address, Labelled } from '../domain/values.ts';
import { type EntityDecl, columnOf } from './define.ts';
import { type EntityTable, entities } from './entities.ts';
import type { FieldDecl } from './field.ts';
import { wireFieldsOf } from './wire.ts';

/**
 * What a field's value is, for a person to read: decided from the field's declaration (its kind, its
 * allowed values, the table it references), never from its name, so a newly declared field is shown
 * right with no other code. The UI turns each shape into words in the user's language.
 */
export type ValueShape =
  | { shape: 'none' }
  | { shape: 'text'; text: string }
  | { shape: 'yesNo'; yes: boolean }
  /** One of the field's allowed values; `labelKey` is its i18n key (see {@link choiceLabelKey}). */
  | { shape: 'choice'; code: string; labelKey: string }
  | { shape: 'record'; table: EntityTable; id: string }
  | { shape: 'day'; day: string }
  | { shape: 'moment'; at: string }
  | { shape: 'number'; value: number }
  | { shape: 'money'; amount: number; currency: string; cost: number | null }
  /** An address's parts in reading order: street, city, region, postal code, country. */
  | { shape: 'address'; parts: string[] }
  /** Labelled values (a contact's emails or phones): "value (label)". */
  | { shape: 'list'; items: { value: string; label: string | null }[] };

const Money = z.object({ amount: z.number(), currency: z.string(), cost: z.number().nullish() });
const LabelledList = z.array(Labelled);
const addressOrder = ['street', 'city', 'region', 'postalCode', 'country'] as const;

const tableOfEntity = new Map<string, EntityTable>(
  Object.entries(entities).map(([table, decl]: [string, EntityDecl]) => [decl.entity, table as EntityTable]),
);

/** The table of an entity by its API name (`serviceRequest` → `service_request`). */
export function tableOfEntityName(entity: EntityName): EntityTable {
  const table = tableOfEntity.get(entity);
  if (!table) throw new Error(`No declaration for entity ${entity}`);
  return table;
}

/** The declaration of a field by its API name, the lifecycle fields (`createdAt`, `mergedInto`) included. */
export function declaredField(entity: EntityName, field: string): FieldDecl | undefined {
  return wireFieldsOf(tableOfEntityName(entity))?.get(columnOf(field));
}

/**
 * The i18n key of one allowed value of an enum field: the field's label key and the value
 * (`client.field.stage` + `active` → `client.field.stage.active`). A test checks every declared value has
 * one in every language.
 */
export function choiceLabelKey(fieldLabelKey: string, code: string): string {
  return `${fieldLabelKey}.${code}`;
}

/**
 * The shape of `value` (as the API returns it: flags as booleans, coupled values as objects) of
 * `field` of `entity`, from the field's declaration. `labelKey` is the field's label key.
 */
export function valueShapeOf(field: FieldDecl | undefined, value: unknown, labelKey: string): ValueShape {
  if (value === null || value === undefined || value === '') return { shape: 'none' };
  if (!field) return fallback(value);
  switch (field.kind) {
    case 'bool':
      return typeof value === 'boolean' ? { shape: 'yesNo', yes: value } : fallback(value);
    case 'enum':
      return typeof value === 'string'
        ? { shape: 'choice', code: value, labelKey: choiceLabelKey(labelKey, value) }
        : fallback(value);
    case 'id':
      return typeof value === 'string' && field.references && isTable(field.references)
        ? { shape: 'record', table: field.references, id: value }
        : fallback(value);
    case 'date':
      return typeof value === 'string' ? { shape: 'day', day: value } : fallback(value);
    case 'dateTime':
      return typeof value === 'string' ? { shape: 'moment', at: value } : fallback(value);
    case 'int':
      return typeof value === 'number' ? { shape: 'number', value } : fallback(value);
    case 'json':
      return coupledShape(value);
    case 'text':
      return fallback(value);
  }
}

function isTable(name: string): name is EntityTable {
  return Object.hasOwn(entities, name);
}

/** A coupled value by what it holds: an amount in a currency, an address, or labelled values. */
function coupledShape(value: unknown): ValueShape {
  const money = Money.safeParse(value);
  if (money.success) {
    const { amount, currency, cost } = money.data;
    return { shape: 'money', amount, currency, cost: cost ?? null };
  }
  const list = LabelledList.safeParse(value);
  if (list.success) return list.data.length === 0 ? { shape: 'none' } : { shape: 'list', items: list.data };
  const address = Address.safeParse(value);
  if (address.success) {
    const parts = addressOrder.flatMap((part) => address.data[part]?.trim() || []);
    return parts.length === 0 ? { shape: 'none' } : { shape: 'address', parts };
  }
  return fallback(value);
}

/** Text as it is; anything else the declaration does not explain, as compact JSON. */
function fallback(value: unknown): ValueShape {
  if (typeof value === 'string') return { shape: 'text', text: value };
  if (typeof value === 'number') return { shape: 'number', value };
  if (typeof value === 'boolean') return { shape: 'yesNo', yes: value };
  return { shape: 'text', text: JSON.stringify(value) };
}
