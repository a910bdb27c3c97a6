import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { artifactsDir, expect, seedData, test } from './fixtures.ts';

/** The Google Contacts export of issue 14's fixtures, read where it lies (never copied in): SOURCES.md. */
const googleCsv = join(
  resolve(import.meta.dirname, '..', '..'),
  '..',
  'shared',
  'fixtures',
  'import',
  'csv',
  'folkerkinzel-Google.csv',
);

/** The sizes every step is looked at in: a common laptop screen and a small one. */
const viewports = [
  { width: 1400, height: 900 },
  { width: 1280, height: 720 },
] as const;

/** What the user sees at each size, named by step, into tests/e2e/artifacts. */
async function shoot(page: Page, step: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  for (const size of viewports) {
    await page.setViewportSize(size);
    // Let the layout (tables, the sticky footer) settle at the new size.
    await page.waitForTimeout(200);
    // Animations stopped: the striped progress bar would otherwise keep a software-rendered page busy.
    await page.screenshot({
      path: join(artifactsDir, `import-${step}-${size.width}x${size.height}.png`),
      animations: 'disabled',
    });
  }
}

/** A link of the main navigation. */
const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('link', { name, exact: true });

/** Opens the palette (Ctrl/⌘+K) and types into it once it has the focus. */
async function typeInPalette(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+k');
  const search = page.getByPlaceholder('Type a name, phone, email or a command…');
  await expect(search).toBeFocused();
  await search.pressSequentially(text);
}

/**
 * What a user does with the rejected rows file in a spreadsheet: the phone cells of Google's export hold
 * words ("Tel10", "Handy"), so they put the real mobile number in the first and clear the others, mend the
 * email with a space in it, and delete the Reason column before importing the file again.
 */
function fixRejectedRows(text: string): string {
  const table: string[][] = parse(text, { bom: true });
  const [header = [], ...rows] = table;
  const reason = header.indexOf('Reason');
  const fixed = rows.map((row) =>
    row
      .map((cell, index) => {
        const column = header[index] ?? '';
        if (column === 'Phone 1 - Value') return '+7 701 234 5678';
        if (/^Phone \d - Value$/.test(column)) return '';
        if (column === 'E-mail 4 - Value') return cell.replace('business 3@golker.de', 'business3@golker.de');
        return cell;
      })
      .filter((_, index) => index !== reason),
  );
  return stringify([header.filter((_, index) => index !== reason), ...fixed]);
}

test('import a Google Contacts export, fix its rejected row, import it, find the contact by a piece of its phone, undo the import; export the filtered list to Excel and open it again', async ({
  openApp,
  dataDir,
}, testInfo) => {
  test.setTimeout(180_000);
  await seedData(dataDir, async (api) => {
    for (const name of ['Altyn Foods', 'Bereke Market', 'Caspian Retail'])
      await api.call('clients.create', { name, kind: 'company', segment: 'Retail' });
    for (const name of ['Dala Wholesale', 'Eurasia Supply'])
      await api.call('clients.create', { name, kind: 'company', segment: 'Wholesale' });
  });
  const page = await openApp();
  await page.setViewportSize(viewports[0]);

  // Settings → Import and export: no imports yet.
  await nav(page, 'Settings').click();
  await expect(page.getByText(/^No imports yet\./)).toBeVisible();
  await page.getByRole('button', { name: 'Import a file' }).click();
  await expect(page.getByRole('heading', { name: 'Import a file' })).toBeVisible();
  await shoot(page, '01-file');

  // Choose the file: it uploads, and what was found in it is shown beside the first rows.
  const fileInput = page.getByTestId('import-file-input');
  await fileInput.setInputFiles(googleCsv);
  // Uploading, reading and drawing a hundred columns: give it time on a busy machine.
  await expect(page.getByRole('heading', { name: 'folkerkinzel-Google.csv' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText('Delimited text (CSV)')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Encoding' })).toHaveValue(/UTF-8/);
  await expect(page.getByRole('combobox', { name: 'Delimiter' })).toHaveValue('Comma ( , )');
  await expect(page.getByRole('combobox', { name: 'The file holds' })).toHaveValue(
    'Contacts with their company',
  );
  const line = (column: string) => page.locator(`[data-testid="mapping-row"][data-column="${column}"]`);
  await expect(line('Name')).toContainText('Dr. Max Middle Name Mustermann jr.');
  // The words in Google's phone cells are marked where they are, with the reason.
  await expect(line('Phone 4 - Value').locator('td[data-problem]')).toContainText('Not a phone number');
  await shoot(page, '02-columns');

  // Change one column's mapping: Google's group labels are not wanted as tags.
  const groups = line('Group Membership').getByRole('combobox', { name: 'Where “Group Membership” goes' });
  await expect(groups.locator('option:checked')).toHaveText('Tags');
  await groups.selectOption({ label: 'Leave out' });
  await expect(groups.locator('option:checked')).toHaveText('Leave out');
  await line('Group Membership').scrollIntoViewIfNeeded();
  await shoot(page, '03-mapping-changed');
  // …and keep the mapping for next month's export from Google.
  await page.getByRole('textbox', { name: 'Save this mapping as' }).fill('Google Contacts');
  await page.getByRole('button', { name: 'Save this mapping' }).click();
  await expect(page.getByText('Mapping “Google Contacts” saved.')).toBeVisible();

  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Find what Rapport has already by')).toBeVisible();
  await shoot(page, '04-matching');

  // The dry run: the one contact would be rejected, and every reason is listed by row and column.
  await page.getByRole('button', { name: 'Check the file' }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 20_000 });
  await expect(report.getByTestId('count-rejected')).toHaveText('Will be rejected1');
  await expect(report.getByTestId('count-created')).toHaveText('Will be created0');
  await expect(page.getByTestId('import-sum')).toHaveText(
    'Rows in the file: 1 = 0 created + 0 updated + 0 skipped + 1 rejected.',
  );
  const rejected = page.getByRole('table', { name: 'Rejected rows: 1' });
  await expect(rejected.getByTestId('rejected-row').filter({ hasText: 'Phone 1 - Value' })).toContainText(
    'Tel10',
  );
  await expect(page.getByRole('button', { name: /^Import/ })).toBeDisabled();
  await shoot(page, '05-dry-run-rejected');

  // Save the rejected rows as a file, fix it as one would in a spreadsheet, and import that.
  const [rejectedDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save rejected rows as a file' }).click(),
  ]);
  expect(rejectedDownload.suggestedFilename()).toBe('folkerkinzel-Google - rejected rows.csv');
  const fixedPath = testInfo.outputPath('Google contacts fixed.csv');
  writeFileSync(fixedPath, fixRejectedRows(readFileSync(await rejectedDownload.path(), 'utf8')));

  await page.getByRole('button', { name: 'Start over' }).click();
  await fileInput.setInputFiles(fixedPath);
  await expect(page.getByRole('heading', { name: 'Google contacts fixed.csv' })).toBeVisible({
    timeout: 20_000,
  });
  // The same columns as before: the saved mapping is used, Group Membership still left out.
  await expect(page.getByText('Saved mapping “Google Contacts” used')).toBeVisible();
  await expect(
    line('Group Membership')
      .getByRole('combobox', { name: 'Where “Group Membership” goes' })
      .locator('option:checked'),
  ).toHaveText('Leave out');
  await expect(line('Phone 1 - Value')).toContainText('+7 701 234 5678');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(report.getByTestId('count-created')).toHaveText('Will be created1', { timeout: 20_000 });
  await expect(page.getByTestId('import-sum')).toHaveText(
    'Rows in the file: 1 = 1 created + 0 updated + 0 skipped + 0 rejected.',
  );
  await expect(report).toContainText('Firma');
  await shoot(page, '06-dry-run');

  // Import; the progress shows while it runs (one row goes by fast), then what it did.
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const progressOrDone = page
    .getByTestId('job-progress')
    .or(page.getByRole('heading', { name: 'Google contacts fixed.csv is imported' }));
  await expect(progressOrDone.first()).toBeVisible();
  await shoot(page, '07-importing');
  await expect(page.getByRole('heading', { name: 'Google contacts fixed.csv is imported' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId('import-sum')).toHaveText(
    'Rows in the file: 1 = 1 created + 0 updated + 0 skipped + 0 rejected.',
  );
  await shoot(page, '08-imported');

  // Find the imported contact by a piece of its phone number, from the palette.
  await typeInPalette(page, '2345678');
  const found = page.getByTestId('palette-item').filter({ hasText: 'Dr. Max Middle Name Mustermann jr.' });
  await expect(found).toBeVisible({ timeout: 10_000 });
  await shoot(page, '09-palette-phone');
  await found.click();
  await expect(page.getByTestId('client-title')).toHaveText('Firma');
  await shoot(page, '10-imported-client');

  // Settings lists the import; undoing it takes all of it back in one step, after saying what it deletes.
  await nav(page, 'Settings').click();
  const past = page.getByTestId('past-import');
  await expect(past).toHaveCount(1);
  await expect(past).toContainText('Google contacts fixed.csv');
  await expect(past).toContainText('Created 1 · updated 0 · skipped 0');
  await expect(past).toContainText('Done');
  await past.scrollIntoViewIfNeeded();
  await shoot(page, '11-past-imports');
  await past.getByRole('button', { name: 'Undo the import of Google contacts fixed.csv' }).click();
  const confirm = page.getByRole('dialog', { name: 'Undo this import?' });
  await expect(confirm).toContainText('Records it created, which are deleted: 1.');
  await shoot(page, '12-undo-confirm');
  await confirm.getByRole('button', { name: 'Undo the import' }).click();
  await expect(past).toContainText('Undone');
  await expect(past.getByRole('button', { name: /Undo the import/ })).toHaveCount(0);
  await shoot(page, '13-undone');
  await nav(page, 'Clients').click();
  await expect(page.getByTestId('client-name')).toHaveCount(5);
  await expect(page.getByTestId('client-name').filter({ hasText: 'Firma' })).toHaveCount(0);

  // Export the client list as filtered now (segment Retail) to Excel.
  await page.getByRole('textbox', { name: 'Segment' }).fill('Retail');
  await expect(page.getByTestId('client-name')).toHaveText([
    'Altyn Foods',
    'Bereke Market',
    'Caspian Retail',
  ]);
  await page.getByRole('button', { name: 'Import and export' }).click();
  await expect(page.getByRole('menu')).toContainText('Clients of this list');
  await shoot(page, '14-export-menu');
  const [workbook] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Excel (.xlsx)' }).click(),
  ]);
  expect(workbook.suggestedFilename()).toMatch(/\.xlsx$/);
  await expect(page.getByText(/: 3 rows$/)).toBeVisible();
  await shoot(page, '15-exported');

  // …and open it again as an import: the three clients are found and would be skipped.
  const workbookPath = testInfo.outputPath(workbook.suggestedFilename());
  await workbook.saveAs(workbookPath);
  await page.getByRole('button', { name: 'Import and export' }).click();
  await page.getByRole('menuitem', { name: 'Import a file…' }).click();
  await fileInput.setInputFiles(workbookPath);
  await expect(page.getByRole('heading', { name: workbook.suggestedFilename() })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText('Excel workbook')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Sheet' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'The file holds' })).toHaveValue(
    'Clients with their main contact',
  );
  await shoot(page, '16-reopened-xlsx');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(report.getByTestId('count-skipped')).toHaveText('Will be skipped3', { timeout: 20_000 });
  await expect(page.getByTestId('import-sum')).toHaveText(
    'Rows in the file: 3 = 0 created + 0 updated + 3 skipped + 0 rejected.',
  );
  await shoot(page, '17-reopened-dry-run');
});

test('a long import shows rows done, rate and time left, goes on while the user works elsewhere, and Cancel leaves nothing of it', async ({
  openApp,
}, testInfo) => {
  test.setTimeout(300_000);
  // A spreadsheet big enough to take a while (30k rows are written in under 10 s, before the test can
  // reach Cancel): one client and its main contact per row.
  const rows = Array.from(
    { length: 90_000 },
    (_, i) =>
      `Client ${String(i).padStart(5, '0')} LLP,Person ${String(i).padStart(5, '0')},person${i}@example.kz,+7 701 ${String(1_000_000 + i).slice(1, 4)} ${String(1_000_000 + i).slice(4)}`,
  );
  const bigFile = testInfo.outputPath('all clients.csv');
  writeFileSync(bigFile, ['Company,Contact,Email,Phone', ...rows].join('\n'));
  const page = await openApp();
  await page.setViewportSize(viewports[0]);

  // From the palette's actions.
  await typeInPalette(page, 'Import a file');
  await page.getByTestId('palette-item').filter({ hasText: 'Import a file' }).click();
  await page.getByTestId('import-file-input').setInputFiles(bigFile);
  await expect(page.getByRole('heading', { name: 'all clients.csv' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Check the file' }).click();
  const report = page.getByTestId('import-report');
  await expect(report.getByTestId('count-created')).toHaveText('Will be created90,000', { timeout: 150_000 });

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const rowsDone = page.getByTestId('job-rows');
  await expect(rowsDone).toBeVisible();

  // The app stays usable: the client list answers while the import writes, and the header says how far it is.
  await nav(page, 'Clients').click();
  await expect(page.getByRole('heading', { name: 'Clients' })).toBeVisible();
  const indicator = page.getByRole('link', { name: /^An import is running \(\d+%\): open it$/ });
  await expect(indicator).toBeVisible();
  await shoot(page, '18-importing-elsewhere');

  // Back to the wizard, as it was: rows done of all, the rate and the time left; Cancel takes it all back.
  await indicator.click();
  await expect(rowsDone).toHaveText(/^Rows: [\d,]+ of 90,000 · [\d,]+ rows\/s · about .+ left$/, {
    timeout: 20_000,
  });
  await shoot(page, '19-import-progress');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The import was cancelled')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Nothing of it was kept: the client base is as it was before.')).toBeVisible();
  await shoot(page, '20-cancelled');
  await nav(page, 'Clients').click();
  await expect(page.getByRole('heading', { name: 'No clients yet' })).toBeVisible({ timeout: 20_000 });
});

test('the wizard, its dry run and the past imports read right in Russian and Kazakh', async ({ openApp }) => {
  test.setTimeout(120_000);
  const page = await openApp();
  await page.setViewportSize(viewports[0]);
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Русский' }).click();
  await nav(page, 'Настройки').click();
  await page.getByRole('button', { name: 'Импортировать файл' }).click();
  await page.getByTestId('import-file-input').setInputFiles(googleCsv);
  await expect(page.getByRole('heading', { name: 'folkerkinzel-Google.csv' })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByRole('combobox', { name: 'В файле' })).toHaveValue('Контакты с их компанией');
  await expect(page.getByRole('columnheader', { name: 'Столбец в файле' })).toBeVisible();
  await shoot(page, 'ru-02-columns');
  await page.getByRole('button', { name: 'Далее' }).click();
  await shoot(page, 'ru-04-matching');
  await page.getByRole('button', { name: 'Проверить файл' }).click();
  await expect(page.getByTestId('count-rejected')).toHaveText('Будет отклонено1', { timeout: 20_000 });
  await expect(page.getByRole('table', { name: 'Отклонённые строки: 1' })).toContainText(
    'Это не номер телефона.',
  );
  await shoot(page, 'ru-05-dry-run');

  await page.getByRole('combobox', { name: 'Язык' }).click();
  await page.getByRole('option', { name: 'Қазақша' }).click();
  await expect(page.getByTestId('count-rejected')).toHaveText('Қабылданбайды1');
  await expect(page.getByRole('table', { name: 'Қабылданбаған жолдар: 1' })).toContainText(
    'Бұл телефон нөмірі емес.',
  );
  await shoot(page, 'kk-05-dry-run');
  await page.getByRole('button', { name: 'Артқа' }).click();
  await shoot(page, 'kk-04-matching');
  await page.getByRole('button', { name: 'Артқа' }).click();
  await expect(page.getByRole('columnheader', { name: 'Файлдағы баған' })).toBeVisible();
  await shoot(page, 'kk-02-columns');
  await nav(page, 'Баптаулар').click();
  await expect(page.getByText(/^Әзірге импорт болған жоқ\./)).toBeVisible();
  await page.getByText('Импорт және экспорт', { exact: true }).scrollIntoViewIfNeeded();
  await shoot(page, 'kk-settings');
});

test("a client's page exports that client: its contacts as vCard, everything of it to Excel", async ({
  openApp,
  dataDir,
}) => {
  const client = await seedData(dataDir, async (api) => {
    const created = await api.call('clients.create', { name: 'Altyn Foods', kind: 'company' });
    await api.call('contacts.create', {
      clientId: created.id,
      name: 'Асель Нурланова',
      emails: [{ value: 'asel@altyn.kz' }],
      phones: [{ value: '+7 701 555 12 34' }],
    });
    return created;
  });
  const page = await openApp();
  await page.setViewportSize(viewports[0]);
  await nav(page, 'Clients').click();
  await page.getByTestId('client-name').filter({ hasText: 'Altyn Foods' }).click();
  await expect(page.getByTestId('client-title')).toHaveText('Altyn Foods');
  expect(page.url()).toContain(client.id);
  await page.getByRole('button', { name: 'More actions' }).click();
  await expect(page.getByRole('menu')).toContainText('Export its contacts');
  await shoot(page, 'client-export-menu');
  const [card] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'vCard 4.0' }).click(),
  ]);
  expect(card.suggestedFilename()).toMatch(/\.vcf$/);
  const vcard = readFileSync(await card.path(), 'utf8');
  expect(vcard).toContain('BEGIN:VCARD');
  expect(vcard).toContain('VERSION:4.0');
  expect(vcard).toContain('Асель Нурланова');

  await page.getByRole('button', { name: 'More actions' }).click();
  const [workbook] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menu').getByRole('menuitem', { name: 'Excel (.xlsx)' }).first().click(),
  ]);
  expect(workbook.suggestedFilename()).toMatch(/\.xlsx$/);
  await expect(page.getByText(/\.xlsx: \d+ rows$/)).toBeVisible();
  await shoot(page, 'client-exported');
});
