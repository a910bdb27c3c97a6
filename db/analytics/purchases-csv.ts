import { stat } from 'node:fs/promises';
import { AppError } from '../../shared/api/errors.ts';
import { isCalendarDate } from '../../shared/domain/fields.ts';
import { readDelimited } from '../import/read-delimited.ts';
import type { SourceRow } from '../import/source-row.ts';
import type { CurrencyPurchase } from './clv/fit-models.ts';
import { InputChecks } from './clv/input-checks.ts';

/** What a purchases CSV held: its purchases, and whether it had a currency column at all. */
export interface PurchasesFile {
  purchases: CurrencyPurchase[];
  hasCurrency: boolean;
}

const REQUIRED = ['customer', 'date', 'amount'] as const;
/** A day, optionally followed by a time of day, which is ignored: the models count calendar days. */
const DAY_AT_START = /^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/;

/**
 * Reads a CSV of purchases with a header naming `customer`, `date` and `amount` (any case, in any order,
 * other columns ignored) and optionally `currency`; dates are YYYY-MM-DD, a time after them is ignored.
 * Every bad row is reported with its line, the first few in one validation error, so that an analyst can
 * fix the file in one go; read through the import's own CSV reader (csv-parse, UTF-8, BOM skipped).
 */
export async function readPurchasesCsv(path: string): Promise<PurchasesFile> {
  await checkIsFile(path);
  const checks = new InputChecks(`${path} has rows that cannot be used`);
  const purchases: CurrencyPurchase[] = [];
  let columns: Columns | undefined;
  for await (const row of readDelimited(path, { encoding: 'utf-8', delimiter: ',', headerRow: 1 })) {
    columns ??= columnsOf(path, row);
    const purchase = purchaseOf(row, columns, checks);
    if (purchase !== undefined) purchases.push(purchase);
  }
  checks.throwIfAny();
  if (purchases.length === 0) {
    throw new AppError('validation', `${path} has a header but no purchases below it.`);
  }
  return { purchases, hasCurrency: columns?.currency !== undefined };
}

/** The names, as the header writes them, of the columns we read. */
interface Columns {
  customer: string;
  date: string;
  amount: string;
  currency: string | undefined;
}

function columnsOf(path: string, row: SourceRow): Columns {
  const names = Object.keys(row.fields);
  const find = (wanted: string) => names.find((name) => name.trim().toLowerCase() === wanted);
  const missing = REQUIRED.filter((name) => find(name) === undefined);
  if (missing.length > 0) {
    throw new AppError(
      'validation',
      `${path} needs a header with the columns customer, date and amount; it has ${names.join(', ')} (missing: ${missing.join(', ')}).`,
      { missingColumns: missing },
    );
  }
  return {
    customer: find('customer') ?? '',
    date: find('date') ?? '',
    amount: find('amount') ?? '',
    currency: find('currency'),
  };
}

function purchaseOf(row: SourceRow, columns: Columns, checks: InputChecks): CurrencyPurchase | undefined {
  const at = `line ${row.line ?? row.row}`;
  if (row.problems.length > 0) {
    for (const problem of row.problems) checks.report(at, problem.code, problem.message);
    return undefined;
  }
  const before = checks.problemCount;
  const customer = (row.fields[columns.customer] ?? '').trim();
  const dateText = (row.fields[columns.date] ?? '').trim();
  const amountText = (row.fields[columns.amount] ?? '').trim();
  const currency = columns.currency === undefined ? null : (row.fields[columns.currency] ?? '').trim();
  const day = DAY_AT_START.exec(dateText)?.[1] ?? '';
  const amount = amountText === '' ? NaN : Number(amountText);
  if (customer === '') checks.report(at, 'required', 'the customer is empty');
  if (!isCalendarDate(day))
    checks.report(at, 'date', `the date "${dateText}" is not a day written YYYY-MM-DD`);
  if (!Number.isFinite(amount)) {
    checks.report(at, 'number', `the amount "${amountText}" is not a number like 29.95`);
  } else if (amount < 0) {
    checks.report(
      at,
      'non_negative',
      `the amount ${amountText} is below zero: net a refund into its purchase`,
    );
  }
  if (currency === '') checks.report(at, 'required', 'the currency is empty');
  return checks.problemCount > before ? undefined : { customer, day, amount, currency };
}

async function checkIsFile(path: string): Promise<void> {
  const found = await stat(path).catch((error: unknown) => {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    throw new AppError(
      code === 'ENOENT' ? 'not_found' : 'unavailable',
      code === 'ENOENT' ? `There is no file ${path}.` : `${path} cannot be read: ${String(error)}`,
    );
  });
  if (!found.isFile()) throw new AppError('validation', `${path} is a folder, not a CSV file.`);
}
