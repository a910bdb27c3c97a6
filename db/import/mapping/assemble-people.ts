import { entities } from '../../../shared/entities/entities.ts';
import { isCalendarDate, phoneDigits } from '../../../shared/domain/fields.ts';
import { CONTACT_LIST_MAX } from '../../../shared/domain/values.ts';
import type { FieldValues, ImportType, MappedRow } from '../mapped-row.ts';
import type { Cell, RowCells } from './cells.ts';
import { joinName, splitPersonName } from './person-name.ts';
import { membersOf, putFields } from './put-fields.ts';
import { importTargets } from './targets.ts';

/**
 * The client and contact of a row of a clients or contacts file. The client is the organisation the row
 * names (kind company), or else the person (kind person), unless a column says its kind; the contact is
 * the person, when the row gives anything of one. A contact without a name is called by its company (the
 * general phone and email of a client list's row), else by its first email or phone, as address books
 * show such entries.
 */
export function assemblePeople(
  cells: RowCells,
  type: ImportType,
  splitFullName: boolean,
): Pick<MappedRow, 'client' | 'contact'> {
  const company = cells.text('client.name');
  const contact = cells.has('contact.') ? contactOf(cells, type, splitFullName, company) : undefined;
  const personName = contact?.values.name;
  const refusedName = ['client.name', 'contact.name', 'contact.firstName', 'contact.lastName'].some((t) =>
    cells.refused.has(t),
  );
  if (company === undefined && typeof personName !== 'string') {
    if (refusedName) return contact ? { contact } : {};
    cells.problem(
      null,
      'missing_name',
      'This row has no name: fill in the client’s or the contact’s name, or map the column that holds it.',
    );
    return {};
  }
  const client = clientOf(
    cells,
    type,
    company ?? { value: String(personName), column: cells.columns['contact.name'] ?? '' },
    company !== undefined,
  );
  return contact ? { client, contact } : { client };
}

function clientOf(
  cells: RowCells,
  type: ImportType,
  name: Cell<string>,
  isCompany: boolean,
): NonNullable<MappedRow['client']> {
  const values: FieldValues = {};
  cells.put(values, 'client', 'name', name);
  const kind = cells.text('client.kind');
  if (kind) cells.put(values, 'client', 'kind', kind);
  else values.kind = isCompany ? 'company' : 'person';
  putFields(cells, importTargets(type), 'client', values, 'client', ['name', 'kind']);
  const address = addressOf(cells);
  if (address) values.address = address;
  const tags = [...new Set(cells.all('client.tags').flatMap((cell) => cell.value as string[]))];
  const firstTags = cells.first('client.tags');
  if (firstTags) cells.columns['client.tags'] = firstTags.column;
  const externalId = cells.text('client.externalId');
  if (externalId) cells.columns['client.externalId'] = externalId.column;
  const teamMembers = membersOf(cells, importTargets(type), 'client', 'client');
  return {
    values,
    tags,
    ...(externalId ? { externalId: externalId.value } : {}),
    ...(teamMembers ? { teamMembers } : {}),
  };
}

function addressOf(cells: RowCells): Record<string, string> | undefined {
  const address: Record<string, string> = {};
  for (const part of ['street', 'city', 'region', 'postalCode', 'country']) {
    const cell = cells.text(`client.address.${part}`);
    if (cell === undefined) continue;
    address[part] = cell.value;
    cells.columns[`client.address.${part}`] = cell.column;
    cells.columns['client.address'] ??= cell.column;
  }
  return Object.keys(address).length > 0 ? address : undefined;
}

function contactOf(
  cells: RowCells,
  type: ImportType,
  splitFullName: boolean,
  company: Cell<string> | undefined,
): NonNullable<MappedRow['contact']> {
  const values: FieldValues = {};
  const name = contactName(cells, splitFullName);
  if (name) checkName(cells, name, values);
  putFields(cells, importTargets(type), 'contact', values, 'contact', ['name', 'birthday']);
  const emails = labelled(cells, 'email', (value) => value.toLowerCase());
  const phones = labelled(cells, 'phone', phoneDigits);
  if (emails.length > 0) values.emails = emails;
  if (phones.length > 0) values.phones = phones;
  birthdayOf(cells, values);
  if (values.name === undefined && !cells.refused.has('contact.name')) {
    const [path, fallback] = company
      ? ['client.name', company.value]
      : emails.length > 0
        ? ['contact.emails.0', emails[0]?.value]
        : ['contact.phones.0', phones[0]?.value];
    if (fallback !== undefined) {
      values.name = fallback;
      cells.columns['contact.name'] = cells.columns[path] ?? company?.column ?? '';
    }
  }
  const externalId = cells.text('contact.externalId');
  if (externalId) cells.columns['contact.externalId'] = externalId.column;
  return externalId ? { values, externalId: externalId.value } : { values };
}

/** The full name as written, or split and joined again (First Middle Last), or joined from its columns. */
function contactName(cells: RowCells, splitFullName: boolean): Cell<string> | undefined {
  const full = cells.text('contact.name');
  const parts = ['firstName', 'middleName', 'lastName'].map((part) => cells.text(`contact.${part}`));
  const [first, middle, last] = parts;
  if (full && !(splitFullName && parts.every((part) => part === undefined))) return full;
  if (full) return { value: joinName(splitPersonName(full.value)), column: full.column };
  const column = parts.find((part) => part !== undefined)?.column;
  if (column === undefined) return undefined;
  return { value: joinName({ first: first?.value, middle: middle?.value, last: last?.value }), column };
}

function checkName(cells: RowCells, name: Cell<string>, values: FieldValues): void {
  const checked = entities.contact.fields.name.input.safeParse(name.value);
  if (checked.success) {
    cells.put(values, 'contact', 'name', name, checked.data);
    return;
  }
  cells.refused.add('contact.name');
  cells.problem(
    name.column,
    'too_long',
    `The name is over ${entities.contact.fields.name.max} characters.`,
    name.value,
  );
}

/** Emails or phones from all their columns, each with its column's label in this row, each once. */
function labelled(
  cells: RowCells,
  kind: 'email' | 'phone',
  key: (value: string) => string,
): { value: string; label: string | null }[] {
  const field = kind === 'email' ? 'emails' : 'phones';
  const items: { value: string; label: string | null }[] = [];
  const seen = new Set<string>();
  for (const cell of cells.all(`contact.${kind}`)) {
    for (const value of cell.value as string[]) {
      if (seen.has(key(value))) continue;
      seen.add(key(value));
      cells.columns[`contact.${field}.${items.length}`] = cell.column;
      cells.columns[`contact.${field}`] ??= cell.column;
      items.push({ value, label: cells.labels.get(cell.column) ?? null });
    }
  }
  if (items.length > CONTACT_LIST_MAX) {
    cells.problem(
      cells.columns[`contact.${field}`] ?? null,
      'invalid_value',
      `This contact has ${items.length} ${field}; Rapport keeps at most ${CONTACT_LIST_MAX}.`,
    );
  }
  return items;
}

/** The birthday from its column, or from its year, month and day columns (Thunderbird's). */
function birthdayOf(cells: RowCells, values: FieldValues): void {
  const whole = cells.text('contact.birthday');
  if (whole) {
    cells.put(values, 'contact', 'birthday', whole);
    return;
  }
  const [year, month, day] = ['year', 'month', 'day'].map((part) => cells.first(`contact.birthday.${part}`));
  const given = [year, month, day].filter((cell) => cell !== undefined);
  if (given.length === 0) return;
  const number = (cell: Cell | undefined) => (typeof cell?.value === 'number' ? cell.value : 0);
  const date = `${String(number(year)).padStart(4, '0')}-${String(number(month)).padStart(2, '0')}-${String(number(day)).padStart(2, '0')}`;
  const column = given[0]?.column ?? null;
  if (given.length < 3 || !isCalendarDate(date)) {
    cells.problem(
      column,
      'invalid_date',
      `The birthday's year, month and day (${given.map(number).join(', ')}) are not a whole date: Rapport keeps a birthday with its year.`,
    );
    return;
  }
  cells.put(values, 'contact', 'birthday', given[0], date);
}
