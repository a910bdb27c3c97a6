// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import { catalogs } from '../../../shared/i18n/index.ts';
import { ImportReportView } from '../../../renderer/src/features/import/ImportReportView.tsx';
import { JobProgressBar } from '../../../renderer/src/features/import/JobProgressBar.tsx';
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

/** Three clients, one of them (with its contact) already in Rapport, one with an address that is not an email. */
const clientsCsv = [
  'Company,Contact Name,Email',
  'Altyn Foods,Asel Nurlanova,asel@altyn.kz',
  'Bolt Logistics,Bolat Seitov,bolat-at-bolt.kz',
  'Caspian Trade,Dana Ermekova,dana@caspian.kz',
].join('\n');

async function dryRun(api: ApiClient) {
  // Caspian Trade is here with Dana already: her row brings nothing new and is skipped.
  const caspian = await api.call('clients.create', { name: 'Caspian Trade', kind: 'company' });
  await api.call('contacts.create', { clientId: caspian.id, name: 'Dana Ermekova' });
  const fileId = await uploadText(api, 'clients.csv', clientsCsv);
  const { mapping } = await api.call('imports.inspect', { fileId, type: 'clients' });
  return api.call('imports.dryRun', { fileId, mapping, match: ['name'], onMatch: 'skip' });
}

/** The reason Rapport gives for a problem code, in a language: its translation, else the English message. */
function reasonIn(language: 'en' | 'ru', code: string, message: string): string {
  const catalog: Record<string, string> = catalogs[language];
  return catalog[`import.problem.${code}`] ?? message;
}

describe('ImportReportView', () => {
  it('a dry run says what would be created, skipped and rejected, and that they add up to the rows', async () => {
    const { api } = await openBackend(tempDir());
    const report = await dryRun(api);
    expect(report.rows).toBe(3);
    renderUi(api, <ImportReportView report={report} onSaveRejected={() => {}} />);
    expect(screen.getByTestId('count-created').textContent).toBe(`Will be created${report.created}`);
    expect(screen.getByTestId('count-skipped').textContent).toBe(`Will be skipped${report.skipped}`);
    expect(screen.getByTestId('count-rejected').textContent).toBe('Will be rejected1');
    expect(screen.getByTestId('import-sum').textContent).toContain(
      `Rows in the file: 3 = ${report.created} created + ${report.updated} updated + ${report.skipped} skipped + 1 rejected.`,
    );
    expect(screen.getByText('For example, skipped')).toBeTruthy();
    expect(screen.getByText('Caspian Trade')).toBeTruthy();
  });

  it('lists every rejected row with its row number, column, value and reason, and offers them as a file', async () => {
    const { api } = await openBackend(tempDir());
    const report = await dryRun(api);
    renderUi(api, <ImportReportView report={report} onSaveRejected={() => {}} />);
    const table = screen.getByRole('table', { name: 'Rejected rows: 1' });
    const [problem] = report.rejectedRows;
    if (!problem) throw new Error('no rejected row');
    const row = within(table).getAllByTestId('rejected-row')[0];
    if (!row) throw new Error('no rejected row shown');
    expect(within(row).getByText('3')).toBeTruthy();
    expect(within(row).getByText('Email')).toBeTruthy();
    expect(within(row).getByText('bolat-at-bolt.kz')).toBeTruthy();
    expect(within(row).getByText(reasonIn('en', problem.code, problem.message))).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save rejected rows as a file' })).toBeTruthy();
  });

  it('in Russian, the counts, the columns of the table and the reasons are Russian', async () => {
    const { api } = await openBackend(tempDir());
    const report = await dryRun(api);
    await i18next.changeLanguage('ru');
    renderUi(api, <ImportReportView report={report} />);
    expect(screen.getByTestId('count-rejected').textContent).toBe('Будет отклонено1');
    expect(screen.getByTestId('import-sum').textContent).toContain('Строк в файле: 3 =');
    const table = screen.getByRole('table', { name: 'Отклонённые строки: 1' });
    expect(within(table).getByRole('columnheader', { name: 'Причина' })).toBeTruthy();
    const [problem] = report.rejectedRows;
    if (!problem) throw new Error('no rejected row');
    expect(within(table).getByText(reasonIn('ru', problem.code, problem.message))).toBeTruthy();
  });

  it('after an import the counts say what was done, not what would be', async () => {
    const { api } = await openBackend(tempDir());
    const fileId = await uploadText(api, 'clients.csv', clientsCsv);
    const { mapping } = await api.call('imports.inspect', { fileId, type: 'clients' });
    const report = await api.call('imports.run', { fileId, mapping });
    renderUi(api, <ImportReportView report={report} />);
    expect(screen.getByTestId('count-created').textContent).toBe(`Created${report.created}`);
    expect(report.created + report.updated + report.skipped + report.rejected).toBe(report.rows);
  });
});

describe('JobProgressBar', () => {
  const progress = {
    jobId: '01a23470-0da9-7582-a3cb-ebfc4481fb01',
    phase: 'writing' as const,
    rowsDone: 12_500,
    rowsTotal: 50_000,
    rowsPerSecond: 2480.6,
    secondsLeft: 125,
  };

  it('shows how far an import is: rows done of all, the rate, the time left, and Cancel', async () => {
    const { api } = await openBackend(tempDir());
    const onCancel = vi.fn();
    renderUi(
      api,
      <JobProgressBar label="Importing…" progress={progress} onCancel={onCancel} cancelling={false} />,
    );
    expect(screen.getByText('25%')).toBeTruthy();
    expect(screen.getByTestId('job-rows').textContent).toBe(
      'Rows: 12,500 of 50,000 · 2,481 rows/s · about 2 minutes 5 seconds left',
    );
    expect(screen.getByRole('progressbar', { name: 'Importing…' }).getAttribute('aria-valuenow')).toBe('25');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('before the first report, counts against the rows the dry run found; in Russian too', async () => {
    const { api } = await openBackend(tempDir());
    await i18next.changeLanguage('ru');
    renderUi(
      api,
      <JobProgressBar
        label="Импорт…"
        progress={null}
        expectedRows={3000}
        onCancel={() => {}}
        cancelling={false}
      />,
    );
    expect(screen.getByTestId('job-rows').textContent).toBe('Строк: 0 из 3\u00a0000');
    expect(screen.getByRole('button', { name: 'Отменить' })).toBeTruthy();
  });
});
