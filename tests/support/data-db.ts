import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { HybridClock } from '../../shared/hlc.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import { type RecordWriter, createRecordWriter } from '../../db/records/record-writer.ts';
import { type Db, createDb } from '../../db/sql.ts';

/**
 * Opens the database of a data folder as the backend's own connection would be (for the export, which
 * reads a snapshot of it, and the JSON import, which writes through it), and closes it after the test.
 */
export function useDataDbs(): (dataDir: string) => Db {
  const open: BetterSqlite3.Database[] = [];
  afterEach(() => {
    for (const sqlite of open.splice(0)) sqlite.close();
  });
  return (dataDir) => {
    const sqlite = new BetterSqlite3(join(dataDir, DATABASE_FILE), { fileMustExist: true });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    open.push(sqlite);
    return createDb(sqlite);
  };
}

/** A record writer for this device, as one API call of the backend gets it: its changes are one undo step. */
export function deviceWriter(db: Db, now: () => Date = () => new Date()): RecordWriter {
  const device = db.first(db.q.selectFrom('local_meta').select('value').where('key', '=', 'device_id'));
  const deviceId = device?.value ?? '00000000-0000-7000-8000-000000000000';
  const newest = db.first(db.q.selectFrom('change_log').select((eb) => eb.fn.max('hlc').as('hlc')))?.hlc;
  const clock = new HybridClock(
    deviceId.replaceAll('-', '').slice(-16),
    () => now().getTime(),
    newest ?? undefined,
  );
  return createRecordWriter({ db, now, clock, actor: { deviceId, userId: null }, origin: 'local' });
}
