import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalBackend } from '../../db/backend.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

/*
 * Matching against a client base that is there and against the file's own rows: the match index keeps
 * existing records as rowids and the import's own ones packed (db/transfer/match-index.ts), so each way
 * a row can find a record is tried on both, in a dry run and in the import it foretells.
 */

const tempDir = useTempDirs();
const openBackend = useTestBackends();
const HEADER = 'Company,Contact name,Email,Phone';
const BASE_ROWS = 1500;

function csv(name: string, lines: readonly string[]): string {
  const path = join(tempDir(), name);
  writeFileSync(path, `${[HEADER, ...lines].join('\n')}\n`);
  return path;
}

async function importFile(backend: LocalBackend, path: string, dryRun: boolean) {
  const { mapping } = await backend.transfer.inspect(path, 'clients.csv', {});
  return backend.transfer.importFile(
    path,
    'clients.csv',
    { overrides: {}, mapping, match: ['email', 'phone'], onMatch: 'skip' },
    { dryRun },
  );
}

const base = Array.from(
  { length: BASE_ROWS },
  (_, i) =>
    `Company ${String(i)} LLP,Person ${String(i)},p${String(i)}@base.example,+7 701 ${String(1_000_000 + i)}`,
);

const second = [
  // The same person by email, in other case: nothing to do.
  'Company 10,Person 10,P10@BASE.example,',
  // Another person at a known number (a switchboard): a new contact of that client.
  'Company 20,Reception Desk,,+7 701 1000020',
  // The same person by the same number written the national way.
  'Company 30,Person 30,,8 701 1000030',
  // A new client, then the same company twice more with a second person at its number.
  'Fresh Co,Ann New,ann@fresh.example,+7 702 5550001',
  'Fresh Co,Bob New,,+7 702 5550001',
  'Fresh Co,Bob New,,+7 702 5550001',
  // Found by email, the contact's name in other case.
  'Company 40 LLP,person 40,p40@base.example,',
];

describe('matching rows to a client base and to the file itself', () => {
  it('finds known people by email and phone among many, adds the second person at a number once, and the dry run says so', async () => {
    const { api, backend } = await openBackend(tempDir(), { dailyBackups: false, sync: false });
    const local = backend as LocalBackend;
    expect(await importFile(local, csv('base.csv', base), false)).toMatchObject({ created: BASE_ROWS });
    const file = csv('second.csv', second);

    const dry = await importFile(local, file, true);
    expect(dry).toMatchObject({ rows: 7, created: 1, updated: 2, skipped: 4, rejected: 0 });
    expect(dry.examples.updated).toEqual([
      { row: 3, name: 'Company 20', by: 'phone' },
      { row: 6, name: 'Fresh Co', by: 'phone', sameFileRow: 5 },
    ]);
    expect(dry.examples.skipped.map((example) => [example.row, example.by, example.sameFileRow])).toEqual([
      [2, 'email', undefined],
      [4, 'phone', undefined],
      [7, 'phone', 5],
      [8, 'email', undefined],
    ]);
    const { seconds: _dry, importId: _none, dryRun: _yes, ...foretold } = dry;
    const { seconds: _run, importId: _id, dryRun: _no, ...done } = await importFile(local, file, false);
    expect(done).toEqual(foretold);

    /** The names of the contacts of the client this person is a contact of. */
    const colleaguesOf = async (person: string) => {
      const found = await api.call('search.query', { text: person, kinds: ['contact'] });
      const contact = found.groups.flatMap((group) => group.items).find((item) => item.title === person);
      const contacts = await api.call('contacts.list', { clientId: contact?.clientId ?? '' });
      return contacts.items.map((item) => item.name).sort();
    };
    expect(await colleaguesOf('Reception Desk')).toEqual(['Person 20', 'Reception Desk']);
    expect(await colleaguesOf('Ann New')).toEqual(['Ann New', 'Bob New']);

    // Again: every row finds what the first time made, among what was there.
    const again = await importFile(local, file, true);
    expect(again).toMatchObject({ rows: 7, created: 0, updated: 0, skipped: 7 });
    expect(await importFile(local, file, false)).toMatchObject({ created: 0, updated: 0, skipped: 7 });
  });
});
