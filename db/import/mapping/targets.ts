import { z } from 'zod';
import { type EntityDecl, syncedFieldsOf } from '../../../shared/entities/define.ts';
import { entities, fieldLabelKey } from '../../../shared/entities/entities.ts';
import type { FieldDecl } from '../../../shared/entities/field.ts';
import { Money } from '../../../shared/domain/fields.ts';
import { Address, Emails, PaymentMoney, Phones } from '../../../shared/domain/values.ts';
import type { MessageKey } from '../../../shared/i18n/index.ts';
import type { ImportType } from '../mapped-row.ts';

/**
 * The fields a file can fill, as target ids (`client.name`, `client.address.city`, `contact.email`,
 * `payment.amount`), from the entity declarations: a field declared tomorrow is offered by itself, as
 * long as it is text, a choice, a flag, a number, a day, a moment, a team member or one of the composite
 * values below. Ids of other records (a deal of a payment) are not offered: a file has no Rapport ids.
 */

export type TargetKind =
  'text' | 'date' | 'moment' | 'number' | 'money' | 'choice' | 'email' | 'phone' | 'flag' | 'list';
export type TargetEntity = 'client' | 'contact' | 'interaction' | 'deal' | 'payment' | 'followup';

export interface ImportTarget {
  id: string;
  /** Whose field it is, for the UI to group targets ("Client · Name", "Contact · Name"). */
  entity: TargetEntity;
  /** The API field of the create input it fills (`name`, `address`, `emails`, `durationS`, `amount`). */
  field: string;
  /** The part of a composite field: an address part, `label` of emails, `amount`/`cost`/`currency`. */
  part?: string;
  labelKey: MessageKey;
  kind: TargetKind;
  /** More than one column may go to it (a contact's emails and phones). */
  repeatable: boolean;
  /** The values a choice takes (absent for currencies and outcomes, which are open lists). */
  values?: readonly string[];
  /** Longest text accepted. */
  max?: number;
  /** A field that refers to a team member (`ownerId`): the file names the member. */
  teamMember?: true;
}

type Part = Omit<ImportTarget, 'entity' | 'id'> & { id: string };

/**
 * Fields an import does not set as plain values: the status of a follow-up sets when it was completed,
 * and the id in the other system is the match key of the row (its own target, `externalId` below).
 */
const notImported: Record<string, readonly string[]> = {
  followup: ['completedAt'],
  client: ['externalId'],
  contact: ['externalId'],
};
/** Team-member fields by the word a file uses for them. */
const memberTargets: Record<string, string> = { ownerId: 'owner', userId: 'author', assigneeId: 'assignee' };

const key = (k: string) => k as MessageKey;

function fieldTargets(entity: TargetEntity, decl: EntityDecl): ImportTarget[] {
  return syncedFieldsOf(decl)
    .filter(([name]) => !notImported[entity]?.includes(name))
    .flatMap(([name, field]) =>
      partsOf(entity, name, field).map((part) => ({ entity, ...part, id: `${entity}.${part.id}` })),
    );
}

function partsOf(entity: string, name: string, field: FieldDecl): Part[] {
  const labelKey = key(fieldLabelKey(entity, name));
  const plain = (kind: TargetKind, extra: Partial<Part> = {}): Part[] => [
    {
      id: name,
      field: name,
      labelKey,
      kind,
      repeatable: false,
      ...(field.max ? { max: field.max } : {}),
      ...extra,
    },
  ];
  switch (field.kind) {
    case 'id':
      return field.references === 'team_member'
        ? [
            {
              id: memberTargets[name] ?? name,
              field: name,
              labelKey,
              kind: 'text',
              repeatable: false,
              teamMember: true,
            },
          ]
        : [];
    case 'text':
      return name === 'outcome' ? plain('choice') : plain('text');
    case 'enum':
      return plain('choice', field.values ? { values: field.values } : {});
    case 'bool':
      return plain('flag');
    case 'int':
      return name === 'durationS'
        ? [
            {
              id: 'durationMinutes',
              field: name,
              labelKey: key('import.target.durationMinutes'),
              kind: 'number',
              repeatable: false,
            },
          ]
        : plain('number');
    case 'date':
      return plain('date');
    case 'dateTime':
      return plain('moment');
    case 'json':
      return compositeParts(name, field, labelKey);
  }
}

/** The parts of a composite value, by the schema it is declared with. */
function compositeParts(name: string, field: FieldDecl, labelKey: MessageKey): Part[] {
  const schema = field.input instanceof z.ZodNullable ? field.input.unwrap() : field.input;
  const part = (id: string, rest: Omit<Part, 'id' | 'field' | 'repeatable'>, repeatable = false): Part => ({
    id,
    field: name,
    repeatable,
    ...rest,
  });
  if (schema === Address) {
    return Object.keys(Address.shape).map((p) =>
      part(`${name}.${p}`, { part: p, labelKey: key(`address.part.${p}`), kind: 'text' }),
    );
  }
  if (schema === Emails || schema === Phones) {
    const kind = schema === Emails ? 'email' : 'phone';
    return [
      part(kind, { labelKey, kind }, true),
      part(
        `${kind}Label`,
        { part: 'label', labelKey: key(`import.target.${kind}Label`), kind: 'text', max: 40 },
        true,
      ),
    ];
  }
  if (schema === Money) {
    return [
      part(name, { part: 'amount', labelKey, kind: 'money' }),
      part('currency', { part: 'currency', labelKey: key('import.target.currency'), kind: 'choice' }),
    ];
  }
  if (schema === PaymentMoney) {
    return [
      part('amount', { part: 'amount', labelKey, kind: 'money' }),
      part('cost', { part: 'cost', labelKey: key('import.target.cost'), kind: 'money' }),
      part('currency', { part: 'currency', labelKey: key('import.target.currency'), kind: 'choice' }),
    ];
  }
  return [];
}

/** What a file gives that is no field: ids in the other tool, tags, a name in parts, a birthday in parts. */
const EXTERNAL_ID_MAX = 200;
const TAG_MAX = entities.tag.fields.name.max;

function externalId(entity: TargetEntity): ImportTarget {
  return {
    id: `${entity}.externalId`,
    entity,
    field: 'externalId',
    labelKey: key('import.target.externalId'),
    kind: 'text',
    repeatable: false,
    max: EXTERNAL_ID_MAX,
  };
}

function clientExtras(): ImportTarget[] {
  return [
    externalId('client'),
    {
      id: 'client.tags',
      entity: 'client',
      field: 'tags',
      labelKey: key('import.target.tags'),
      kind: 'list',
      repeatable: true,
      max: TAG_MAX,
    },
  ];
}

function contactExtras(): ImportTarget[] {
  const text = (id: string, field: string, labelKey: string, part?: string): ImportTarget => ({
    id: `contact.${id}`,
    entity: 'contact',
    field,
    labelKey: key(labelKey),
    kind: part ? 'number' : 'text',
    repeatable: false,
    ...(part ? { part } : {}),
  });
  return [
    text('firstName', 'name', 'import.target.firstName'),
    text('middleName', 'name', 'import.target.middleName'),
    text('lastName', 'name', 'import.target.lastName'),
    text('birthday.year', 'birthday', 'import.target.birthYear', 'year'),
    text('birthday.month', 'birthday', 'import.target.birthMonth', 'month'),
    text('birthday.day', 'birthday', 'import.target.birthDay', 'day'),
    externalId('contact'),
  ];
}

const historyEntity = {
  interactions: 'interaction',
  deals: 'deal',
  payments: 'payment',
  followups: 'followup',
} as const satisfies Partial<Record<ImportType, TargetEntity>>;

/** The entity a history file's rows are, or undefined for clients and contacts. */
export function recordEntityOf(
  type: ImportType,
): (typeof historyEntity)[keyof typeof historyEntity] | undefined {
  return type === 'clients' || type === 'contacts' ? undefined : historyEntity[type];
}

const cache = new Map<ImportType, readonly ImportTarget[]>();

/**
 * The targets of a file of `type`. Clients and contacts files fill a client and a contact (a clients file
 * one client per row with its primary contact, a contacts file one contact per row with its company);
 * a history file fills its record and names the client by its name, its id in the other tool, or a
 * contact's email.
 */
export function importTargets(type: ImportType): readonly ImportTarget[] {
  const cached = cache.get(type);
  if (cached) return cached;
  const record = recordEntityOf(type);
  const targets = record
    ? [
        ...fieldTargets(record, entities[record]),
        externalId(record),
        ...fieldTargets('client', entities.client).filter((t) => t.id === 'client.name'),
        externalId('client'),
        ...fieldTargets('contact', entities.contact)
          .filter((t) => t.id === 'contact.email')
          .map((t) => ({ ...t, repeatable: false })),
      ]
    : [
        ...fieldTargets('client', entities.client),
        ...clientExtras(),
        ...fieldTargets('contact', entities.contact),
        ...contactExtras(),
      ];
  cache.set(type, targets);
  return targets;
}

/** The target of `id` for a file of `type`, if it is one. */
export function targetOf(type: ImportType, id: string): ImportTarget | undefined {
  return importTargets(type).find((target) => target.id === id);
}
