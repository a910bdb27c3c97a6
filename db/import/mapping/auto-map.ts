import type { ColumnMapping, ImportType } from '../mapped-row.ts';
import type { SourceRow } from '../source-row.ts';
import { conceptOf } from './header-synonyms.ts';
import { detectDateFormat } from './read-date.ts';
import { detectNumberFormat } from './read-number.ts';
import { importTargets, recordEntityOf, targetOf } from './targets.ts';

/**
 * The mapping a file starts with: each column to the field its name means in this type of file
 * (header-synonyms.ts), each field from one column unless it takes several (emails, phones), and the
 * date and number formats its first rows show. The user changes any of it before importing.
 */

/** The target of a concept whose field depends on the file's type (`@notes`, `@owner`…). */
const byType: Record<string, Partial<Record<ImportType, string>>> = {
  '@notes': {
    clients: 'client.notes',
    contacts: 'contact.notes',
    interactions: 'interaction.body',
    deals: 'deal.notes',
    payments: 'payment.notes',
    followups: 'followup.notes',
  },
  '@owner': {
    clients: 'client.owner',
    contacts: 'client.owner',
    deals: 'deal.owner',
    interactions: 'interaction.author',
    followups: 'followup.assignee',
  },
  '@stage': { clients: 'client.stage', contacts: 'client.stage', deals: 'deal.stage' },
  '@kind': {
    clients: 'client.kind',
    contacts: 'client.kind',
    interactions: 'interaction.kind',
    payments: 'payment.kind',
  },
  '@type': { interactions: 'interaction.kind', payments: 'payment.kind' },
  '@subject': { interactions: 'interaction.summary', followups: 'followup.title' },
  '@date': {
    interactions: 'interaction.occurredAt',
    payments: 'payment.issuedOn',
    followups: 'followup.dueAt',
  },
  '@due': { payments: 'payment.dueOn', followups: 'followup.dueAt' },
  '@amount': { deals: 'deal.value', payments: 'payment.amount' },
  '@currency': { deals: 'deal.currency', payments: 'payment.currency' },
  '@id': {
    clients: 'client.externalId',
    contacts: 'contact.externalId',
    interactions: 'interaction.externalId',
    deals: 'deal.externalId',
    payments: 'payment.externalId',
    followups: 'followup.externalId',
  },
  '@name': {
    contacts: 'contact.name',
    interactions: 'client.name',
    deals: 'deal.title',
    payments: 'client.name',
    followups: 'followup.title',
  },
  '@title': {
    clients: 'contact.role',
    contacts: 'contact.role',
    interactions: 'interaction.summary',
    deals: 'deal.title',
    followups: 'followup.title',
  },
};

/** Client fields a person's address book has no column for: their presence makes a file a client list. */
const clientOnly = new Set([
  'client.kind',
  'client.industry',
  'client.segment',
  'client.stage',
  'client.vip',
  'client.paymentTerms',
  'client.preferences',
  'client.externalId',
  'client.region',
]);

interface HeaderContext {
  concepts: Set<string>;
  samples: (column: string) => string[];
}

/** A column's target in a file of `type`, given the file's other columns and first values. */
function resolve(
  concept: string,
  column: string,
  type: ImportType,
  context: HeaderContext,
): string | undefined {
  if (concept === '@birthday')
    return context.concepts.has('contact.birthday.year') ? 'contact.birthday.day' : 'contact.birthday';
  if (
    concept === '@title' &&
    (type === 'clients' || type === 'contacts') &&
    context.concepts.has('contact.role')
  ) {
    return undefined; // Outlook's "Title" is Dr. or Mrs. when it also has a "Job Title".
  }
  if (concept === '@name' && type === 'clients') return clientsFileName(column, context);
  return concept.startsWith('@') ? byType[concept]?.[type] : concept;
}

/**
 * "Name" in a client list: the contact's when another column names the company; the client's when the
 * file has client-only columns or its first values look like organisations (ТОО, LLC, «…»); else a
 * person's, whose client is then that person.
 */
function clientsFileName(column: string, context: HeaderContext): string {
  if (context.concepts.has('client.name')) return 'contact.name';
  if ([...context.concepts].some((concept) => clientOnly.has(concept))) return 'client.name';
  const values = context.samples(column);
  const organisations = values.filter(looksLikeOrganisation).length;
  return values.length > 0 && organisations * 2 >= values.length ? 'client.name' : 'contact.name';
}

const LEGAL_FORM =
  /(^|[\s"«(])(ТОО|ООО|ОАО|ЗАО|АО|ПАО|ИП|НАО|ЖШС|АҚ|LLP|LLC|Ltd|Inc|GmbH|AG|JSC|Corp|PLC|S\.?A\.?)([\s".,»)]|$)|[«»"]/iu;

function looksLikeOrganisation(name: string): boolean {
  return LEGAL_FORM.test(name);
}

/** One ColumnMapping per column of `header`, in its order; `sampleRows` are the file's first rows. */
export function autoMap(
  header: readonly string[],
  type: ImportType,
  sampleRows: readonly SourceRow[] = [],
): ColumnMapping[] {
  const found = header.map((column) => ({ column, meaning: conceptOf(column) }));
  const samples = (column: string) =>
    sampleRows.map((row) => row.fields[column]?.trim() ?? '').filter((value) => value !== '');
  const context: HeaderContext = {
    concepts: new Set(found.flatMap(({ meaning }) => (meaning ? [meaning.concept] : []))),
    samples,
  };
  const wanted = found.map(({ column, meaning }, index) => {
    const target = meaning && resolve(meaning.concept, column, type, context);
    return {
      column,
      index,
      rank: meaning?.rank ?? 0,
      filled: samples(column).length > 0,
      target: target && targetOf(type, target),
    };
  });
  const winners = new Set<number>();
  for (const target of importTargets(type)) {
    const candidates = wanted.filter((w) => w.target === target);
    if (target.repeatable) candidates.forEach((c) => winners.add(c.index));
    else {
      const [best] = candidates.sort(
        (a, b) => Number(b.filled) - Number(a.filled) || a.rank - b.rank || a.index - b.index,
      );
      if (best) winners.add(best.index);
    }
  }
  return wanted.map(({ column, index, target }) => {
    if (!target || !winners.has(index)) return { column, target: null };
    return { column, target: target.id, ...formatsOf(target.kind, samples(column)) };
  });
}

function formatsOf(kind: string, values: string[]): Pick<ColumnMapping, 'dateFormat' | 'numberFormat'> {
  if (kind === 'date' || kind === 'moment') {
    const format = detectDateFormat(values);
    return format === null || format === 'ambiguous' ? {} : { dateFormat: format };
  }
  if (kind === 'number' || kind === 'money') {
    const format = detectNumberFormat(values);
    return format === null || format === 'ambiguous' ? {} : { numberFormat: format };
  }
  return {};
}

/** Concepts whose column says "this is a history file" only together with others (a date, an amount). */
const weakHistory = new Set(['@notes', '@name', '@title', '@owner', '@id', '@subject']);

/**
 * What a file holds, from its header: a history type when two or more columns name that record's fields
 * (amount and date make payments; deal name, stage and close date make deals) and outnumber those of a
 * person or a company; an address book (contacts) when it has first and last names, labelled emails or
 * phones, or four or more of them, and no client-only columns; a client list when it has a company column or client-only columns; contacts when it has only
 * a person's columns; clients when nothing is known.
 */
export function guessImportType(header: readonly string[]): ImportType {
  const concepts = header.flatMap((column) => {
    const meaning = conceptOf(column);
    return meaning ? [meaning.concept] : [];
  });
  const has = (concept: string) => concepts.includes(concept);
  const people = concepts.filter((c) => c.startsWith('contact.') && c !== 'contact.email').length;
  const companies = concepts.filter((c) => c.startsWith('client.') && c !== 'client.name').length;
  const history = (['payments', 'deals', 'interactions', 'followups'] as const).map((type) => ({
    type,
    score: historyScore(concepts, type),
  }));
  const [best] = history.sort((a, b) => b.score - a.score);
  if (best && best.score >= 2 && best.score > people + companies) return best.type;
  const clientish = concepts.some((c) => clientOnly.has(c));
  const channels = concepts.filter((c) => c === 'contact.email' || c === 'contact.phone').length;
  const addressBook =
    (has('contact.firstName') && has('contact.lastName')) ||
    has('contact.emailLabel') ||
    has('contact.phoneLabel') ||
    channels >= 4;
  if (addressBook && !clientish) return 'contacts';
  if (has('client.name') || clientish) return 'clients';
  return people > 0 ? 'contacts' : 'clients';
}

function historyScore(concepts: readonly string[], type: ImportType): number {
  const entity = recordEntityOf(type);
  return concepts.filter((concept) => {
    if (weakHistory.has(concept)) return false;
    const target = concept.startsWith('@') ? byType[concept]?.[type] : concept;
    return target !== undefined && target.startsWith(`${entity}.`);
  }).length;
}
