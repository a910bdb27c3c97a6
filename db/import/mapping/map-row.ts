import type { CountryCode } from 'libphonenumber-js/max';
import { AppError } from '../../../shared/api/errors.ts';
import { TimeZone } from '../../../shared/domain/fields.ts';
import type { ColumnMapping, ImportMapping, MappedRow } from '../mapped-row.ts';
import { isPhoneCountry } from '../phones.ts';
import type { SourceRow } from '../source-row.ts';
import { assemblePeople } from './assemble-people.ts';
import { assembleRecord } from './assemble-record.ts';
import { RowCells } from './cells.ts';
import { checkMapping } from './check-mapping.ts';
import { labelOfColumn, readLabel } from './read-contact-points.ts';
import { type CellContext, readCell } from './read-cell.ts';
import { type ImportTarget, recordEntityOf, targetOf } from './targets.ts';

export interface MapRowOptions {
  /** The IANA zone of dates and times written without an offset (the user's); UTC when left out. */
  timeZone?: string;
}

interface PlannedColumn {
  mapping: ColumnMapping;
  target: ImportTarget;
  /** For an email or phone column: the column that labels its values, else the label its name gives. */
  labelColumn?: string;
  headerLabel: string | null;
}

interface Plan {
  columns: PlannedColumn[];
  country: CountryCode | undefined;
}

const plans = new WeakMap<ImportMapping, Plan>();

/**
 * One source row as the records it brings (db/import/mapped-row.ts). Every mapped cell with a value is
 * read by its target; one that cannot be read is a problem at its column, and a row with any problem is
 * rejected, so nothing is dropped or guessed silently. Unmapped columns are left out (the user chose
 * so), and a row whose cells are all blank brings nothing and has no problem. The reader's own problems
 * (`source.problems`) stay the engine's to weigh.
 *
 * `columns` has the column of each value by path: `client.name`, `client.address.city`,
 * `contact.emails.1`, `record.amount`, `record.value.currency`; the engine finds the column of a
 * contract issue by the longest prefix of its path. Values left for the engine to resolve: team members
 * by name or email (`teamMembers`), and a follow-up's `status`, which its create input does not take.
 *
 * Throws a `validation` AppError for a mapping that `checkMapping` refuses, or an unknown time zone.
 */
export function mapRow(source: SourceRow, mapping: ImportMapping, options: MapRowOptions = {}): MappedRow {
  const plan = planOf(mapping);
  const cells = new RowCells(source.row);
  const base = { row: source.row, source: source.fields };
  if (Object.values(source.fields).every((value) => value.trim() === ''))
    return { ...base, columns: {}, problems: [] };
  const context: CellContext = { country: plan.country, timeZone: checkedZone(options.timeZone ?? 'UTC') };
  for (const planned of plan.columns) readColumn(cells, source, planned, context);
  const parts = recordEntityOf(mapping.type)
    ? assembleRecord(cells, mapping.type, {
        defaultCurrency: mapping.defaultCurrency,
        timeZone: context.timeZone,
      })
    : assemblePeople(cells, mapping.type, mapping.splitFullName);
  return { ...base, ...parts, columns: cells.columns, problems: cells.problems };
}

function readColumn(cells: RowCells, source: SourceRow, planned: PlannedColumn, context: CellContext): void {
  const { mapping, target } = planned;
  const text = source.fields[mapping.column] ?? '';
  if (target.part === 'label' || isBlank(text, target)) return;
  const reading = readCell(target, text, mapping, context);
  if (!reading.ok) {
    cells.refused.add(target.id);
    cells.problem(mapping.column, reading.code, reading.message, text, reading.allowed);
    return;
  }
  if (reading.value === null) return;
  cells.add(target.id, { value: reading.value, column: mapping.column });
  if (target.kind === 'email' || target.kind === 'phone')
    cells.labels.set(mapping.column, labelIn(cells, source, planned));
}

const knownZones = new Set<string>(['UTC']);

function checkedZone(zone: string): string {
  if (knownZones.has(zone)) return zone;
  if (!TimeZone.safeParse(zone).success) throw new AppError('validation', `Unknown time zone "${zone}".`);
  knownZones.add(zone);
  return zone;
}

/** Blank, or for a text a dash or dots alone, which spreadsheets write for "none" (a company of " -"). */
function isBlank(text: string, target: ImportTarget): boolean {
  return text.trim() === '' || (target.kind === 'text' && /^[\s\-–—.·_]+$/.test(text));
}

function labelIn(cells: RowCells, source: SourceRow, planned: PlannedColumn): string | null {
  const text = planned.labelColumn === undefined ? '' : (source.fields[planned.labelColumn] ?? '');
  if (planned.labelColumn === undefined || text.trim() === '') return planned.headerLabel;
  const label = readLabel(text);
  if (label.ok) return label.value ?? planned.headerLabel;
  cells.problem(planned.labelColumn, label.code, label.message, text);
  return null;
}

function planOf(mapping: ImportMapping): Plan {
  const cached = plans.get(mapping);
  if (cached) return cached;
  const issues = checkMapping(mapping);
  if (issues.length > 0) throw new AppError('validation', issues.map((issue) => issue.message).join(' '));
  const columns = mapping.columns.flatMap((column) => {
    const target = column.target === null ? undefined : targetOf(mapping.type, column.target);
    const planned: PlannedColumn[] = target ? [{ mapping: column, target, headerLabel: null }] : [];
    return planned;
  });
  for (const kind of ['email', 'phone'] as const) pairLabels(columns, kind);
  const country =
    mapping.defaultCountry !== null && isPhoneCountry(mapping.defaultCountry)
      ? mapping.defaultCountry
      : undefined;
  const plan = { columns, country };
  plans.set(mapping, plan);
  return plan;
}

/**
 * Which label column labels which email or phone column: the one with the same number in its name
 * ("Phone 2 - Type" labels "Phone 2 - Value"; no number counts as 1), or the only one when there is one
 * of each. A column with no label column takes the label its own name gives ("Mobile Phone" → mobile).
 */
function pairLabels(columns: PlannedColumn[], kind: 'email' | 'phone'): void {
  const values = columns.filter((c) => c.target.kind === kind);
  const labels = columns.filter((c) => c.target.id === `contact.${kind}Label`);
  const numberOf = (column: string) => /\d+/.exec(column)?.[0] ?? '1';
  for (const value of values) {
    const label =
      labels.find((l) => numberOf(l.mapping.column) === numberOf(value.mapping.column)) ??
      (labels.length === 1 && values.length === 1 ? labels[0] : undefined);
    if (label) value.labelColumn = label.mapping.column;
    value.headerLabel = labelOfColumn(value.mapping.column);
  }
}
