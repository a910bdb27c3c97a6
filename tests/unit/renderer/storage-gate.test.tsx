// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dailyBackupFolder, dailyBackupName } from '../../../db/backup-rotation.ts';
import { backupToFile } from '../../../db/backup-to-file.ts';
import { openBackend, standInBackend } from '../../../db/backend.ts';
import { createDirectClient } from '../../../db/direct-client.ts';
import { DATABASE_FILE } from '../../../db/paths.ts';

import { AppError } from '../../../shared/api/errors.ts';
import { StorageGate } from '../../../renderer/src/features/storage/StorageGate.tsx';
import { addClients } from '../../support/rapport-data.ts';
import { prepareDom, renderUi } from '../../support/render-ui.tsx';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
beforeAll(prepareDom);
afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('en');
});

/** The backend the desktop app serves when rapport.db was emptied and a daily backup exists. */
async function refusedBackend() {
  const dataDir = join(tempDir(), 'data');
  await addClients(dataDir, 'Acme');
  await backupToFile({
    dataDir,
    out: join(dailyBackupFolder(dataDir), dailyBackupName(new Date())),
    force: false,
  });
  truncateSync(join(dataDir, DATABASE_FILE), 0);
  const options = { dataDir, dailyBackups: false, sync: false };
  const error = await openBackend(options).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error('the emptied database was opened');
  return standInBackend({ options, error, openBackend });
}

describe('the window when the database cannot be opened', () => {
  it('says what is wrong in the user’s language and restores the newest backup, then shows the app', async () => {
    const backend = await refusedBackend();
    await i18next.changeLanguage('ru');
    renderUi(createDirectClient(backend), <StorageGate>Rapport works</StorageGate>);
    expect(await screen.findByText('Rapport не может открыть свою базу данных')).toBeTruthy();
    expect(screen.getByText(/пуст \(0 байт\)/)).toBeTruthy();
    expect(screen.queryByText('Rapport works')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Восстановить самую свежую копию' }));
    await waitFor(() => expect(screen.getByText('Rapport works')).toBeTruthy());
    expect((await createDirectClient(backend).call('clients.list', {})).items.map((c) => c.name)).toEqual([
      'Acme',
    ]);
    backend.close();
  });

  it('shows the app when the database opened', async () => {
    const backend = await openBackend({ dataDir: tempDir(), dailyBackups: false, sync: false });
    renderUi(createDirectClient(backend), <StorageGate>Rapport works</StorageGate>);
    expect(await screen.findByText('Rapport works')).toBeTruthy();
    backend.close();
  });
});
