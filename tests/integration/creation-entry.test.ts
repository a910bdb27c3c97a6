import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/paths.ts';
import { createDb } from '../../db/sql.ts';
import { applyChanges } from '../../db/sync/apply.ts';
import { pendingMutations } from '../../db/sync/outbox.ts';
import { HybridClock } from '../../shared/hlc.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

/*
 * A record's creation is one change-log entry holding every field it set (db/records/creation-entry.ts):
 * its history still shows each field, the server still gets one change per field, and sync still knows
 * who wrote a field the creation set.
 */

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();

function openFile(dir: string) {
  const sqlite = new BetterSqlite3(join(dir, DATABASE_FILE));
  return { sqlite, db: createDb(sqlite) };
}

describe('the creation of a record', () => {
  it('is one entry (the stage one more), shown and sent field by field', async () => {
    const dir = tempDir();
    const { api } = await openTestBackend(dir, { dailyBackups: false, sync: false });
    const client = await api.call('clients.create', {
      name: 'Acme',
      kind: 'company',
      segment: 'SMB',
      notes: 'Pays on time.',
    });
    const { sqlite, db } = openFile(dir);
    try {
      const entries = sqlite
        .prepare('SELECT field FROM change_log WHERE row_id = ? ORDER BY seq')
        .all(client.id) as { field: string }[];
      expect(entries.map((e) => e.field)).toEqual(['created_at', 'stage']);

      const ops = pendingMutations(db, 0).flatMap((m) => m.ops);
      const sent = new Map(ops.filter((op) => op[1] === client.id).map((op) => [op[2], JSON.parse(op[3])]));
      expect(Object.fromEntries(sent)).toEqual({
        created_at: client.createdAt,
        name: 'Acme',
        kind: 'company',
        segment: 'SMB',
        notes: 'Pays on time.',
        vip: 0,
        stage: 'prospect',
      });
    } finally {
      sqlite.close();
    }
    const history = await api.call('history.forRecord', { entity: 'client', id: client.id });
    expect(history.items.map((e) => [e.field, e.oldValue, e.newValue])).toEqual([
      ['stage', null, 'prospect'],
      ['notes', null, 'Pays on time.'],
      ['vip', null, false],
      ['segment', null, 'SMB'],
      ['kind', null, 'company'],
      ['name', null, 'Acme'],
      ['createdAt', null, client.createdAt],
    ]);
  });

  it('still says a note it set was typed here: replaced unseen, the note is kept as a conflict', async () => {
    const dir = tempDir();
    const { api } = await openTestBackend(dir, { dailyBackups: false, sync: false });
    const client = await api.call('clients.create', {
      name: 'Acme',
      kind: 'company',
      notes: 'Pays on time.',
    });
    const other = new HybridClock('laptop-b');
    const { sqlite, db } = openFile(dir);
    try {
      // Another laptop's note for the same client, written without having seen this one (seen 0), while
      // the creation was not yet sent.
      const change = {
        table: 'client',
        rowId: client.id,
        field: 'notes',
        value: JSON.stringify('Asks for a discount.'),
        hlc: other.tick(),
        seq: 7,
        deviceId: 'laptop-b',
        seen: 0,
      };
      const options = { db, clock: new HybridClock('here'), deviceId: 'here-device', now: new Date() };
      sqlite.transaction(() => applyChanges([change], options))();
    } finally {
      sqlite.close();
    }
    const { items } = await api.call('sync.conflicts', {});
    expect(items).toMatchObject([{ recordId: client.id, field: 'notes', lost: 'Pays on time.' }]);
  });
});
