import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/import-fixtures.ts';
import { runRapport } from '../support/rapport-cli.ts';
import { useTempDirs } from '../support/temp-dir.ts';

/*
 * `rapport import` is the app's import on a data folder: the same detection, mapping, matching and
 * counts, printed as one JSON object for scripts.
 */

const tempDir = useTempDirs();

interface CliReport {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  rejectedRows: { row: number; column: string | null; reason: string }[];
}

function importJson(...args: string[]): CliReport {
  const run = runRapport('import', ...args, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as CliReport;
}

describe('rapport import', () => {
  it('imports a file, reports rows = created + updated + skipped + rejected, and creates nothing the second time', () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'clients.csv');
    writeFileSync(
      file,
      '\ufeffНаименование;Контактное лицо;Телефон;Эл. почта\r\n' +
        'ТОО «Алтын»;Айгерим Бекова;+7 701 555 01 01;aigerim@altyn.kz\r\n' +
        'ТОО «Степь»;Дмитрий Орлов;8 702 555 02 02;dmitry-at-steppe\r\n',
    );
    const dry = importJson('--data-dir', dataDir, file, '--dry-run');
    expect(dry).toMatchObject({ rows: 2, created: 1, updated: 0, skipped: 0, rejected: 1 });
    expect(dry.rejectedRows).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'Эл. почта',
        reason: expect.stringContaining('@') as unknown,
      }),
    ]);
    const first = importJson('--data-dir', dataDir, file);
    expect(first).toMatchObject({ rows: 2, created: 1, rejected: 1 });
    const second = importJson('--data-dir', dataDir, file, '--match', 'email,phone');
    expect(second).toMatchObject({ rows: 2, created: 0, skipped: 1, rejected: 1 });
    expect(second.rows).toBe(second.created + second.updated + second.skipped + second.rejected);
  });

  it('imports an address book with several people at one company, none of them lost', () => {
    const dataDir = tempDir();
    const file = fixture('csv', 'folkerkinzel-Sample_CSV_file_for_importing_contacts.csv');
    const report = importJson('--data-dir', dataDir, file);
    // Microsoft's sample: five people, all at Contoso: one client, and each person its contact.
    expect(report).toMatchObject({ rows: 5, created: 1, updated: 4, rejected: 0 });
    const again = importJson('--data-dir', dataDir, file);
    expect(again).toMatchObject({ rows: 5, created: 0, updated: 0, skipped: 5 });
  });

  it('says what is wrong with its options and with a file it cannot read', () => {
    const dataDir = tempDir();
    const badOption = runRapport('import', '--data-dir', dataDir, 'x.csv', '--on-match', 'merge');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('--on-match');
    const empty = join(tempDir(), 'empty.csv');
    writeFileSync(empty, '');
    const refused = runRapport('import', '--data-dir', dataDir, empty, '--json');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/empty/i);
  });
});
