import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoMap, guessImportType, mapRow } from '../../../db/import/mapping/index.ts';
import { importRows } from '../../support/import-fixtures.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { writeZip, xlsxParts, type TestCell } from '../../support/xlsx-file.ts';

const tempDir = useTempDirs();

describe('an .xlsx maps as Excel stores it: its date cells arrive as ISO text, its numbers as digits', () => {
  it('dates, date-times, numbers and booleans of a sheet become a client, a contact and a call', async () => {
    const sheet: TestCell[][] = [
      ['Компания', 'Контактное лицо', 'Телефон', 'Дата рождения', 'VIP', 'Дата звонка', 'Длительность'],
      [
        'ТОО «Тайга»',
        'Айгерим Нурлановна',
        77011234567,
        { xml: '<v>33239</v>', style: 1 },
        { xml: '<v>1</v>', type: 'b' },
        { xml: '<v>45572.6041666667</v>', style: 2 },
        12.5,
      ],
    ];
    const path = join(tempDir(), 'clients.xlsx');
    writeZip(path, xlsxParts({ Клиенты: sheet }));
    const { rows } = await importRows(path);
    const [first] = rows;
    if (first === undefined) throw new Error('the sheet has no row');
    const header = Object.keys(first.fields);
    expect(guessImportType(header)).toBe('clients');
    const columns = autoMap(header, 'clients', rows);
    expect(columns.find((c) => c.column === 'Дата рождения')).toEqual({
      column: 'Дата рождения',
      target: 'contact.birthday',
      dateFormat: 'iso',
    });
    const clients = mapRow(first, {
      type: 'clients',
      columns,
      splitFullName: false,
      defaultCountry: 'KZ',
      defaultCurrency: null,
    });
    expect(clients.problems).toEqual([]);
    expect(clients.client?.values).toEqual({ name: 'ТОО «Тайга»', kind: 'company', vip: true });
    expect(clients.contact?.values).toEqual({
      name: 'Айгерим Нурлановна',
      phones: [{ value: '+7 701 123 4567', label: null }],
      birthday: '1991-01-01',
    });

    // The same sheet as a call log: the date-time cell is the wall clock of the user's zone.
    const calls = {
      type: 'interactions' as const,
      columns: autoMap(header, 'interactions', rows),
      splitFullName: false,
      defaultCountry: 'KZ',
      defaultCurrency: null,
    };
    const call = mapRow(first, calls, { timeZone: 'Asia/Almaty' });
    expect(call.record?.values).toEqual({ occurredAt: '2024-10-07T09:30:00.000Z', durationS: 750 });
    expect(call.client?.values).toEqual({ name: 'ТОО «Тайга»' });
    // The sheet does not say what kind of interaction each row is.
    expect(call.problems.map((p) => p.code)).toEqual(['invalid_value']);
  });
});
