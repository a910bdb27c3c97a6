import BetterSqlite3 from 'better-sqlite3';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/paths.ts';
import { addClients, withApp } from '../support/rapport-data.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const writer = resolve(import.meta.dirname, '..', 'support', 'write-until-killed.ts');
const REPORTED_BEFORE_KILL = 200;

/**
 * Runs the writer until it has reported `count` committed clients, kills it with SIGKILL, and
 * resolves with every id it reported, including those printed between the count and the kill.
 */
async function killWriterAfter(dataDir: string, count: number): Promise<string[]> {
  const child = spawn(process.execPath, [writer, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    return await reportedIds(child, count);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function reportedIds(child: ChildProcess, count: number): Promise<string[]> {
  return new Promise((done, fail) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(
      () => fail(new Error(`the writer reported too few ids in time: ${stderr}`)),
      15_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split('\n').length > count) child.kill('SIGKILL');
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') fail(new Error(`the writer ended by itself (code ${code}): ${stderr}`));
      // A line cut short by the kill was never completely reported: only whole lines count.
      else done(stdout.split('\n').slice(0, -1));
    });
  });
}

describe('a crash while writing', () => {
  it('loses no committed client and leaves a sound database in WAL mode', async () => {
    const dataDir = tempDir();
    await addClients(dataDir, 'Before the crash');
    const ids = await killWriterAfter(dataDir, REPORTED_BEFORE_KILL);
    expect(ids.length).toBeGreaterThanOrEqual(REPORTED_BEFORE_KILL);
    const database = join(dataDir, DATABASE_FILE);
    // The writer never closed its connection: its last commits are still in the write-ahead log.
    expect(existsSync(`${database}-wal`)).toBe(true);

    const sqlite = new BetterSqlite3(database, { fileMustExist: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      const stored = new Set(sqlite.prepare('SELECT id FROM client').pluck().all() as string[]);
      expect(ids.filter((id) => !stored.has(id))).toEqual([]);
      expect(
        sqlite.prepare('SELECT count(*) FROM client WHERE name = ?').pluck().get('Before the crash'),
      ).toBe(1);
    } finally {
      sqlite.close();
    }

    await withApp(dataDir, async (api) => {
      for (const id of ids) expect((await api.call('clients.get', { id })).id).toBe(id);
    });
  });
});
