import { readdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { dailyBackupFolder, dailyBackupName } from '../../db/backup-rotation.ts';
import { backupToFile } from '../../db/backup-to-file.ts';
import { type Backend, openBackend } from '../../db/backend.ts';
import { createDirectClient } from '../../db/direct-client.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import { createBackendService } from '../../electron/backend/backend-service.ts';
import type { BackendMessage } from '../../electron/backend/protocol.ts';
import type { Envelope } from '../../shared/api/envelope.ts';
import { addClients, clientNamesIn } from '../support/rapport-data.ts';
import { useStorageFaults } from '../support/storage-faults.ts';
import { useTempDirs } from '../support/temp-dir.ts';

/*
 * The desktop app's backend process (electron/backend/backend-service.ts) on a data folder whose
 * database Rapport refuses to open: every call answers why, and the newest backup can be restored from
 * the window, after which the app works on it.
 */

const tempDir = useTempDirs();
const faults = useStorageFaults();

function startService() {
  const posted: BackendMessage[] = [];
  const opened: Backend[] = [];
  const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  const service = createBackendService({
    post: (message) => posted.push(message),
    openBackend: async (options) => {
      const backend = await openBackend({ ...options, dailyBackups: false, sync: false });
      opened.push(backend);
      return backend;
    },
    logger,
  });
  let nextId = 1;
  const call = async (method: string, input: unknown = {}): Promise<Envelope<unknown>> => {
    const id = nextId++;
    await service.handle({ type: 'invoke', id, method, input });
    const result = posted.find((m) => m.type === 'result' && m.id === id);
    if (result?.type !== 'result') throw new Error(`No answer to call ${id}`);
    return result.envelope;
  };
  return { service, posted, call, close: () => opened.forEach((backend) => backend.close()) };
}

describe('the desktop backend on a database it refuses to open', () => {
  it('answers every call with why, and restoring the newest backup from the window brings the data back', async () => {
    const dataDir = join(tempDir(), 'data');
    await addClients(dataDir, 'Acme', 'Globex');
    const daily = join(dailyBackupFolder(dataDir), dailyBackupName(new Date()));
    await backupToFile({ dataDir, out: daily, force: false });
    const database = join(dataDir, DATABASE_FILE);
    truncateSync(database, 0);

    const { service, posted, call, close } = startService();
    try {
      await service.handle({ type: 'init', dataDir });
      expect(posted[0]).toMatchObject({
        type: 'fatal',
        error: { code: 'unavailable', details: { storage: 'empty_database', newestBackup: daily } },
      });
      const refused = await call('clients.list', {});
      expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(statSync(database).size).toBe(0);

      const restored = await call('app.restoreNewestBackup');
      expect(restored).toMatchObject({ ok: true, value: { restored: daily } });
      const listed = await call('clients.list', {});
      expect(listed.ok && (listed.value as { items: { name: string }[] }).items.map((c) => c.name)).toEqual([
        'Acme',
        'Globex',
      ]);
      // The empty file was kept, not thrown away.
      expect(readdirSync(join(dataDir, 'backups')).some((name) => name.startsWith('rapport-replaced-'))).toBe(
        true,
      );
    } finally {
      close();
    }
    expect(clientNamesIn(database)).toEqual(['Acme', 'Globex']);
  });

  it('restores nothing when the problem is another one (a read-only file)', async () => {
    const dataDir = join(tempDir(), 'data');
    await addClients(dataDir, 'Acme');
    faults.makeImmutable(join(dataDir, DATABASE_FILE));
    const { service, posted, call, close } = startService();
    try {
      await service.handle({ type: 'init', dataDir });
      expect(posted[0]).toMatchObject({ type: 'fatal', error: { code: 'read_only' } });
      expect(await call('app.restoreNewestBackup')).toMatchObject({
        ok: false,
        error: { code: 'read_only', details: { storage: 'read_only_file' } },
      });
    } finally {
      close();
    }
  });

  it('refuses to restore over a database that is open and working', async () => {
    const dataDir = tempDir();
    const backend = await openBackend({ dataDir, dailyBackups: false, sync: false });
    try {
      const error = await createDirectClient(backend)
        .call('app.restoreNewestBackup', {})
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'conflict' });
    } finally {
      backend.close();
    }
  });
});
