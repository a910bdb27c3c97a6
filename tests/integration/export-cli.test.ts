import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.ts';
import { importRows } from '../support/import-fixtures.ts';
import { addClients } from '../support/rapport-data.ts';
import { runRapport, runRapportWith } from '../support/rapport-cli.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

/** Runs the command line in this process, as bin/rapport.js does. */
async function rapportHere(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('rapport export', { timeout: 60_000 }, () => {
  it('writes the clients as a semicolon CSV with Russian headers', async () => {
    const dataDir = tempDir();
    await addClients(dataDir, 'Альфа АО', 'Steppe Sales');
    const out = join(tempDir(), 'clients.csv');
    const run = runRapport(
      'export',
      '--data-dir',
      dataDir,
      '--type',
      'clients',
      '--format',
      'csv',
      '--out',
      out,
      '--delimiter',
      ';',
      '--lang',
      'ru',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Exported 2 rows to .*clients\.csv \(\d+\.\d KiB\)\.\n$/);
    expect(readFileSync(out, 'utf8')).toMatch(/^\uFEFFНазвание;Компания или человек;/);
    const { rows } = await importRows(out);
    expect(rows.map((row) => row.fields['Название'])).toEqual(['Альфа АО', 'Steppe Sales']);
  });

  it('writes every list to .xlsx, contacts to vCard and everything to JSON, headers in the locale’s language', async () => {
    const dataDir = tempDir();
    await addClients(dataDir, 'Steppe Sales');
    const book = join(tempDir(), 'all.xlsx');
    const xlsx = runRapportWith(
      { LANG: 'kk_KZ.UTF-8', LC_ALL: '', LC_MESSAGES: '', RAPPORT_LANG: '' },
      'export',
      '--data-dir',
      dataDir,
      '--type',
      'all',
      '--format',
      'xlsx',
      '--out',
      book,
    );
    expect(xlsx).toMatchObject({ code: 0, stderr: '' });
    const { detected } = await importRows(book);
    expect(detected).toMatchObject({
      format: 'xlsx',
      sheets: ['Клиенттер', 'Байланыстар', 'Өзара әрекеттер', 'Мәмілелер', 'Төлемдер', 'Тапсырмалар'],
    });
    const vcf = join(tempDir(), 'contacts.vcf');
    expect(
      runRapport(
        'export',
        '--data-dir',
        dataDir,
        '--type',
        'contacts',
        '--format',
        'vcf',
        '--vcard-version',
        '3.0',
        '--out',
        vcf,
      ),
    ).toMatchObject({ code: 0 });
    expect(readFileSync(vcf, 'utf8')).toBe('');
    const json = join(tempDir(), 'all.json');
    const whole = runRapport(
      'export',
      '--data-dir',
      dataDir,
      '--type',
      'all',
      '--format',
      'json',
      '--out',
      json,
    );
    expect(whole).toMatchObject({ code: 0 });
    expect(whole.stdout).toMatch(/^Exported \d+ records to /);
    expect(readFileSync(json, 'utf8')).toMatch(/^\{"rapport":\{"format":1,"schemaVersion":\d+,/);
  });

  it('refuses a wrong type, format or combination with a usage error (exit 2), writing nothing', async () => {
    const dataDir = tempDir();
    await addClients(dataDir, 'Steppe Sales');
    const out = join(tempDir(), 'x.out');
    const real = runRapport(
      'export',
      '--data-dir',
      dataDir,
      '--type',
      'clients',
      '--format',
      'vcf',
      '--out',
      out,
    );
    expect(real.code).toBe(2);
    expect(real.stderr).toMatch(/^rapport export: A vCard file holds contacts only/);
    expect(real.stderr).toContain("Run 'rapport export --help'");
    // The same command line in this process (spawning Node for each costs seconds on a busy machine).
    const cases: [string[], RegExp][] = [
      [['--type', 'leads', '--format', 'csv'], /--type must be one of clients, contacts, .*, not 'leads'/],
      [['--type', 'clients', '--format', 'pdf'], /--format must be one of csv, xlsx, vcf, json, not 'pdf'/],
      [['--type', 'all', '--format', 'csv'], /A CSV file holds one list/],
      [['--type', 'deals', '--format', 'json'], /The JSON export holds whole records/],
      [['--type', 'clients', '--format', 'csv', '--delimiter', '|'], /--delimiter must be one of ,, ;/],
      [['--type', 'clients', '--format', 'xlsx', '--delimiter', ';'], /--delimiter goes with --format csv/],
      [
        ['--type', 'contacts', '--format', 'csv', '--vcard-version', '2.1'],
        /--vcard-version must be one of 3.0, 4.0/,
      ],
      [['--type', 'clients', '--format', 'csv', '--lang', 'de'], /--lang must be one of en, ru, kk/],
      [['--type', 'clients', '--client', 'x', '--format', 'csv'], /give --type or --client, not both/],
      [['--format', 'csv'], /--type is required/],
      [['--type', 'clients', '--format', 'csv', '--colour', 'red'], /--colour/],
    ];
    for (const [args, message] of cases) {
      const run = await rapportHere('export', '--data-dir', dataDir, '--out', out, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    const noOut = await rapportHere('export', '--data-dir', dataDir, '--type', 'clients', '--format', 'csv');
    expect(noOut).toMatchObject({ code: 2 });
    expect(noOut.stderr).toContain('--out FILE is required');
    expect(existsSync(out)).toBe(false);
  });

  it('says why it cannot write the file or find the database (exit 1)', async () => {
    const dataDir = tempDir();
    await addClients(dataDir, 'Steppe Sales');
    const nowhere = join(tempDir(), 'missing', 'clients.csv');
    const unwritable = runRapport(
      'export',
      '--data-dir',
      dataDir,
      '--type',
      'clients',
      '--format',
      'csv',
      '--out',
      nowhere,
    );
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(
      /^rapport export: The folder .*missing does not exist: choose another place for clients\.csv\.\n$/,
    );
    const folder = runRapport(
      'export',
      '--data-dir',
      dataDir,
      '--type',
      'clients',
      '--format',
      'csv',
      '--out',
      tempDir(),
    );
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/is a folder: give the name of the file to write/);
    const empty = tempDir();
    const noDatabase = runRapport(
      'export',
      '--data-dir',
      empty,
      '--type',
      'clients',
      '--format',
      'csv',
      '--out',
      join(empty, 'c.csv'),
    );
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toMatch(/There is no Rapport database in /);
    expect(existsSync(join(empty, 'rapport.db'))).toBe(false);
  });
});
