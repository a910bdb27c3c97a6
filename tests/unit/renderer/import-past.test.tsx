// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import { PastImports } from '../../../renderer/src/features/import/PastImports.tsx';
import { prepareDom, renderUi } from '../../support/render-ui.tsx';
import { useTestBackends } from '../../support/open-test-backend.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { uploadText } from '../../support/upload-text.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();
beforeAll(prepareDom);
afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('en');
});

const clientsCsv = [
  'Company,Contact Name,Email',
  'Altyn Foods,Asel Nurlanova,asel@altyn.kz',
  'Bolt Logistics,Bolat Seitov,bolat@bolt.kz',
].join('\n');

async function importClients(api: ApiClient) {
  const fileId = await uploadText(api, 'clients-march.csv', clientsCsv);
  const { mapping } = await api.call('imports.inspect', { fileId, type: 'clients' });
  return api.call('imports.run', { fileId, mapping });
}

describe('PastImports', () => {
  it('with no imports yet, says what an import is for', async () => {
    const { api } = await openBackend(tempDir());
    renderUi(api, <PastImports />);
    expect(await screen.findByText(/No imports yet\./)).toBeTruthy();
  });

  it('lists an import with its file, counts and status, and undoes it after saying what it deletes', async () => {
    const { api } = await openBackend(tempDir());
    const report = await importClients(api);
    expect(report.created).toBe(2);
    renderUi(api, <PastImports />);
    const row = await screen.findByTestId('past-import');
    expect(within(row).getByText('clients-march.csv')).toBeTruthy();
    expect(row.textContent).toContain('Created 2 · updated 0 · skipped 0');
    expect(row.textContent).toContain('Rejected 0 of 2 rows');
    expect(within(row).getByText('Done')).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Undo the import of clients-march.csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Undo this import?' });
    expect(dialog.textContent).toContain('Records it created, which are deleted: 2.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Undo the import' }));

    await waitFor(async () => expect((await api.call('clients.list', {})).items).toEqual([]));
    await waitFor(() => expect(within(screen.getByTestId('past-import')).getByText('Undone')).toBeTruthy());
    expect(
      within(screen.getByTestId('past-import')).queryByRole('button', { name: /Undo the import/ }),
    ).toBeNull();
  });

  it('in Russian, the list and the confirmation are Russian', async () => {
    const { api } = await openBackend(tempDir());
    await importClients(api);
    await i18next.changeLanguage('ru');
    renderUi(api, <PastImports />);
    const row = await screen.findByTestId('past-import');
    expect(row.textContent).toContain('Создано 2 · обновлено 0 · пропущено 0');
    expect(within(row).getByText('Готово')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Отменить импорт clients-march.csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Отменить этот импорт?' });
    expect(dialog.textContent).toContain('Созданных им записей, которые будут удалены: 2.');
  });
});
