import type { Db, ReadDb } from './sql.ts';

/** A value this laptop keeps for itself in local_meta (never synced); null when there is none. */
export function readMeta(db: ReadDb, key: string): string | null {
  const row = db.prepare('SELECT value FROM local_meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? null;
}

/** Stores a local_meta value; null removes it. */
export function writeMeta(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM local_meta WHERE key = ?').run(key);
  else
    db.prepare(
      'INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
}
