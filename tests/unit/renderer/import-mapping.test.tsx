// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import { MappingTable } from '../../../renderer/src/features/import/MappingTable.tsx';
import { ImportPage } from '../../../renderer/src/features/import/ImportPage.tsx';
import { importWizardStore } from '../../../renderer/src/features/import/importWizard.ts';
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

/** A spreadsheet of clients as a small team keeps it: one with a broken email, one column empty. */
const clientsCsv = [
  'Company,Contact Name,Email,Phone,Fax',
  'Altyn Foods,Asel Nurlanova,asel@altyn.kz,+7 701 123 4567,',
  'Bolt Logistics,Bolat Seitov,bolat-at-bolt.kz,+7 702 555 0101,',
].join('\n');

async function inspected(api: ApiClient) {
  const fileId = await uploadText(api, 'clients.csv', clientsCsv);
  const inspect = await api.call('imports.inspect', { fileId, type: 'clients' });
  return { fileId, inspect };
}

/** The line of the mapping table for one column of the file. */
function line(column: string): HTMLElement {
  const row = screen
    .getAllByTestId('mapping-row')
    .find((element) => element.getAttribute('data-column') === column);
  if (!row) throw new Error(`no line for ${column}`);
  return row;
}

describe('MappingTable', () => {
  it('shows each column with where it goes and its first values, and marks a value that will be refused', async () => {
    const { api } = await openBackend(tempDir());
    const { inspect } = await inspected(api);
    renderUi(api, <MappingTable inspect={inspect} mapping={inspect.mapping} onColumnChange={() => {}} />);

    expect(screen.getByRole('columnheader', { name: 'Column in the file' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Row 2' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Row 3' })).toBeTruthy();
    const email = line('Email');
    const emailTarget = within(email).getByRole<HTMLSelectElement>('combobox', {
      name: 'Where “Email” goes',
    });
    expect(emailTarget.value).not.toBe('');
    expect(within(email).getByText('asel@altyn.kz')).toBeTruthy();
    // The broken address is marked in its cell, with the reason beside it.
    const refused = within(email).getByText('bolat-at-bolt.kz').closest('td');
    expect(refused?.getAttribute('data-problem')).toBe('true');
    expect(refused?.textContent).not.toBe('bolat-at-bolt.kz');
  });

  it('folds away columns empty in the first rows until asked for, and says how many there are', async () => {
    const { api } = await openBackend(tempDir());
    const { inspect } = await inspected(api);
    renderUi(api, <MappingTable inspect={inspect} mapping={inspect.mapping} onColumnChange={() => {}} />);
    const lines = () => screen.getAllByTestId('mapping-row').map((row) => row.getAttribute('data-column'));
    await waitFor(() => expect(lines()).toEqual(['Company', 'Contact Name', 'Email', 'Phone']));
    fireEvent.click(screen.getByRole('switch', { name: 'Show columns empty in the first rows (1)' }));
    await waitFor(() => expect(lines()).toContain('Fax'));
  });

  it('changing where a column goes reports that one column, left out or to another field', async () => {
    const { api } = await openBackend(tempDir());
    const { inspect } = await inspected(api);
    const onColumnChange = vi.fn();
    renderUi(
      api,
      <MappingTable inspect={inspect} mapping={inspect.mapping} onColumnChange={onColumnChange} />,
    );
    const phone = within(line('Phone')).getByRole('combobox', { name: 'Where “Phone” goes' });
    fireEvent.change(phone, { target: { value: '' } });
    expect(onColumnChange).toHaveBeenLastCalledWith({ column: 'Phone', target: null });
    const other = inspect.targets.find(
      (target) => target.id.startsWith('client.') && target.id !== 'client.name',
    );
    if (!other) throw new Error('no other client field to map to');
    fireEvent.change(phone, { target: { value: other.id } });
    expect(onColumnChange).toHaveBeenLastCalledWith({ column: 'Phone', target: other.id });
  });

  it('speaks Russian: headings, “leave out” and the groups of fields', async () => {
    const { api } = await openBackend(tempDir());
    const { inspect } = await inspected(api);
    await i18next.changeLanguage('ru');
    renderUi(api, <MappingTable inspect={inspect} mapping={inspect.mapping} onColumnChange={() => {}} />);
    expect(screen.getByRole('columnheader', { name: 'Столбец в файле' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Строка 2' })).toBeTruthy();
    const fax = screen.queryByRole('switch', { name: /Показать пустые/ });
    expect(fax).toBeTruthy();
    const company = within(line('Company')).getByRole('combobox', { name: 'Куда попадёт «Company»' });
    expect(within(company).getByRole('option', { name: 'Не импортировать' })).toBeTruthy();
    expect(company.querySelector('optgroup[label="Клиент"]')).toBeTruthy();
  });
});

describe('the import wizard', () => {
  it('choosing a file uploads it and shows what was found in it and where its columns go', async () => {
    const { api } = await openBackend(tempDir());
    renderUi(api, <ImportPage />);
    const input = screen.getByTestId('import-file-input');
    const file = new File([clientsCsv], 'clients.csv', { type: 'text/csv' });
    act(() => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    await screen.findByRole('heading', { name: 'clients.csv' });
    expect(screen.getByText('Delimited text (CSV)')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByTestId('mapping-row').length).toBeGreaterThanOrEqual(4));
    expect(importWizardStore.get().step).toBe('columns');
    // The wizard is kept outside the screen: leaving and coming back finds the same file.
    cleanup();
    renderUi(api, <ImportPage />);
    expect(screen.getByRole('heading', { name: 'clients.csv' })).toBeTruthy();
    act(() => screen.getByRole('button', { name: 'Start over' }).click());
    expect(importWizardStore.get().file).toBeNull();
  });

  it('an empty file is refused with what is wrong and a way on, and nothing moves to the next step', async () => {
    const { api } = await openBackend(tempDir());
    renderUi(api, <ImportPage />);
    act(() => {
      fireEvent.change(screen.getByTestId('import-file-input'), {
        target: { files: [new File([''], 'empty.csv', { type: 'text/csv' })] },
      });
    });
    const alert = await screen.findByTestId('inspect-error');
    expect(alert.textContent).toContain('The file could not be read this way');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Next' })).toHaveProperty('disabled', true);
    act(() => screen.getByRole('button', { name: 'Another file' }).click());
    expect(await screen.findByRole('button', { name: 'Choose a file' })).toBeTruthy();
  });
});
