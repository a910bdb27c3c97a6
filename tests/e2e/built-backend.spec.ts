import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClvModel } from '../../shared/domain/analytics-lifetime.ts';
import { fitPaymentModels } from '../../db/analytics/clv-model-store.ts';
import { liveFitWorkers } from '../../db/analytics/lifetime-value-refits.ts';
import { openBackend } from '../../db/backend.ts';
import { createDirectClient } from '../../db/direct-client.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import { createDb } from '../../db/sql.ts';

const projectRoot = resolve(import.meta.dirname, '..', '..');
/** The bundled fit worker `npm run build` writes beside the desktop backend (electron/backend/index.ts). */
const builtWorker = pathToFileURL(join(projectRoot, 'out', 'main', 'clv-fit-worker.js'));

/*
 * The desktop app's backend runs in Electron, whose binary cannot be downloaded here; it opens the same
 * backend as the CLI but hands it the *bundled* lifetime-value worker. This spec runs that bundle as the
 * desktop backend would (a worker thread of the backend's process) on the demo data, so a build that
 * emits a broken worker (a missing chunk, an unbundled import) fails here and not on a user's laptop.
 */
test('the built lifetime-value worker fits the demo payments as the desktop backend starts it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-built-worker-'));
  const quiet = { info() {}, warn() {}, error() {} };
  try {
    const seeding = await openBackend({
      dataDir,
      dailyBackups: false,
      lifetimeValueRefits: false,
      logger: quiet,
    });
    await createDirectClient(seeding).call('app.loadDemo', {});
    seeding.close();

    const backend = await openBackend({
      dataDir,
      dailyBackups: false,
      logger: quiet,
      lifetimeValueWorker: builtWorker,
    });
    try {
      const api = createDirectClient(backend);
      expect(backend.lifetimeValue.busy).toBe(true);
      await backend.lifetimeValue.whenIdle();
      const answer = await api.call('analytics.clvModel', {});
      expect(answer.stale).toBe(false);
      // Every currency of the demo is fitted, to the same digits as the source code fits them in-process.
      expect(answer.models.map((model) => model.currency)).toEqual(expect.arrayContaining(['KZT', 'USD']));
      const sqlite = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        const now = new Date();
        const inProcess = fitPaymentModels(sqlite, createDb(sqlite), now.toISOString().slice(0, 10), now);
        const parameters = (models: ClvModel[]) =>
          models.map(({ currency, until, bgnbd, gammaGamma }) => ({ currency, until, bgnbd, gammaGamma }));
        expect(parameters(answer.models)).toEqual(parameters(inProcess.models));
      } finally {
        sqlite.close();
      }
    } finally {
      backend.close();
    }
    expect(liveFitWorkers()).toBe(0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
