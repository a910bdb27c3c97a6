import { TZDate } from '@date-fns/tz';
import type { FieldValues, ImportType, MappedRow } from '../mapped-row.ts';
import { membersOf, putFields } from './put-fields.ts';
import type { Cell, RowCells } from './cells.ts';
import { checkCurrencyDigits } from './read-money.ts';
import { importTargets, recordEntityOf } from './targets.ts';

type RecordEntity = NonNullable<MappedRow['record']>['entity'];
type Money = { amount: number; currency?: string };

export interface RecordOptions {
  defaultCurrency: string | null;
  timeZone: string;
}

/**
 * The record of a row of a history file and the client it belongs to, named by its name, its id in the
 * other tool, or a contact's email (the engine finds it by any of them). Shaped as the create inputs take
 * them: a payment's amount, cost and currency side by side, a deal's value as {amount, currency}, a
 * follow-up due on a day (no time given, or all day) as `dueOn` with the time zone it is a day in.
 */
export function assembleRecord(
  cells: RowCells,
  type: ImportType,
  options: RecordOptions,
): Pick<MappedRow, 'client' | 'contact' | 'record'> {
  const entity = recordEntityOf(type) as RecordEntity;
  const targets = importTargets(type);
  const values: FieldValues = {};
  putFields(cells, targets, entity, values, 'record');
  moneyOf(cells, entity, options.defaultCurrency, values);
  if (entity === 'followup') dueOf(cells, values, options.timeZone);
  requireFields(cells, entity, values);
  const teamMembers = membersOf(cells, targets, entity, 'record');
  const externalId = cells.text(`${entity}.externalId`);
  if (externalId) cells.columns['record.externalId'] = externalId.column;
  const record = {
    entity,
    values,
    ...(externalId ? { externalId: externalId.value } : {}),
    ...(teamMembers ? { teamMembers } : {}),
  };
  return { ...referenceOf(cells), record };
}

function referenceOf(cells: RowCells): Pick<MappedRow, 'client' | 'contact'> {
  const name = cells.text('client.name');
  const externalId = cells.text('client.externalId');
  const email = cells.first('contact.email') as Cell<string[]> | undefined;
  if (!name && !externalId && !email) {
    cells.problem(
      null,
      'missing_client',
      'This row names no client: fill in its name, its ID in the other tool or a contact’s email, or map the column that holds one.',
    );
    return {};
  }
  const reference: Pick<MappedRow, 'client' | 'contact'> = {};
  if (name || externalId) {
    const values: FieldValues = {};
    cells.put(values, 'client', 'name', name);
    if (externalId) cells.columns['client.externalId'] = externalId.column;
    reference.client = { values, tags: [], ...(externalId ? { externalId: externalId.value } : {}) };
  }
  if (email) {
    cells.columns['contact.emails'] = email.column;
    reference.contact = { values: { emails: email.value.map((value) => ({ value, label: null })) } };
  }
  return reference;
}

/** A deal's value, or a payment's amount and cost, in the currency the cell, the column or the default gives. */
function moneyOf(
  cells: RowCells,
  entity: RecordEntity,
  defaultCurrency: string | null,
  values: FieldValues,
): void {
  if (entity !== 'deal' && entity !== 'payment') return;
  const amount = cells.first(entity === 'deal' ? 'deal.value' : 'payment.amount') as Cell<Money> | undefined;
  const cost = entity === 'payment' ? (cells.first('payment.cost') as Cell<Money> | undefined) : undefined;
  const column = cells.text(`${entity}.currency`);
  const where = amount ?? cost;
  if (where === undefined) return;
  const named = [amount?.value.currency, cost?.value.currency, column?.value].filter((c) => c !== undefined);
  const currencies = [...new Set(named)];
  if (currencies.length > 1) {
    cells.problem(
      where.column,
      'invalid_value',
      `The amount and the currency disagree (${currencies.join(' and ')}): give one currency.`,
    );
    return;
  }
  const currency = currencies[0] ?? defaultCurrency ?? undefined;
  if (currency === undefined) {
    cells.problem(
      where.column,
      'unknown_currency',
      'This amount has no currency: map a currency column, write it with the amount (12 500 ₸) or choose a default currency.',
    );
    return;
  }
  for (const cell of [amount, cost]) {
    const digits = cell && checkCurrencyDigits(cell.value.amount, currency);
    if (cell && digits && !digits.ok)
      cells.problem(cell.column, digits.code, digits.message, String(cell.value.amount));
  }
  const currencyColumn = column?.column ?? where.column;
  if (entity === 'deal') {
    cells.put(values, 'record', 'value', amount, { amount: amount?.value.amount, currency });
    cells.columns['record.value.currency'] = currencyColumn;
    return;
  }
  cells.put(values, 'record', 'amount', amount, amount?.value.amount);
  cells.put(values, 'record', 'cost', cost, cost?.value.amount);
  values.currency = currency;
  cells.columns['record.currency'] = currencyColumn;
}

/** A follow-up is due at a moment, or on a day when its cell has no time or it is all day. */
function dueOf(cells: RowCells, values: FieldValues, timeZone: string): void {
  const due = cells.first('followup.dueAt') as Cell<{ moment: string; dateOnly: boolean }> | undefined;
  const allDay = values.allDay;
  delete values.allDay;
  delete values.dueAt;
  delete cells.columns['record.allDay'];
  delete cells.columns['record.dueAt'];
  if (due === undefined) return;
  if (due.value.dateOnly ? allDay !== false : allDay === true) {
    const day = new TZDate(Date.parse(due.value.moment), timeZone).toISOString().slice(0, 10);
    cells.put(values, 'record', 'dueOn', due, day);
    values.timeZone = timeZone;
  } else cells.put(values, 'record', 'dueAt', due, due.value.moment);
}

/** What each record cannot be created without and has no default for (unless its cell was refused). */
function requireFields(cells: RowCells, entity: RecordEntity, values: FieldValues): void {
  const missing = (
    field: string,
    target: string,
    code: 'missing_name' | 'invalid_value' | 'invalid_date',
    message: string,
  ) => {
    if (values[field] === undefined && !cells.refused.has(target)) cells.problem(null, code, message);
  };
  switch (entity) {
    case 'interaction':
      missing(
        'kind',
        'interaction.kind',
        'invalid_value',
        'This row has no kind of interaction (call, meeting, visit, email, message or note): map the column that says it.',
      );
      break;
    case 'deal':
      missing(
        'title',
        'deal.title',
        'missing_name',
        'This deal has no title: fill it in, or map the column that holds it.',
      );
      break;
    case 'payment':
      missing(
        'kind',
        'payment.kind',
        'invalid_value',
        'This row does not say whether it is an invoice, a payment or a refund: map the column that says it.',
      );
      if (!cells.problems.some((p) => p.code === 'unknown_currency' || p.code === 'invalid_value')) {
        missing(
          'amount',
          'payment.amount',
          'invalid_value',
          'This payment has no amount: fill it in, or map the column that holds it.',
        );
      }
      break;
    case 'followup':
      missing(
        'title',
        'followup.title',
        'missing_name',
        'This follow-up says nothing to do: fill in its title, or map the column that holds it.',
      );
      if (values.dueAt === undefined)
        missing(
          'dueOn',
          'followup.dueAt',
          'invalid_date',
          'This follow-up has no due date: fill it in, or map the column that holds it.',
        );
      break;
  }
}
