import type { Page } from '@playwright/test';
import { expect, saveScreenshot, seedData, test } from './fixtures.ts';

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

/** The demo company, plus a client whose invoice is four months past due. */
async function demoWithLatePayer(dataDir: string) {
  await seedData(dataDir, async (api) => {
    await api.call('app.loadDemo', {});
    const late = await api.call('clients.create', {
      name: 'Altyn Late Payer',
      kind: 'company',
      solvencyNotes: 'Pays only after a call from the director',
    });
    await api.call('payments.record', {
      clientId: late.id,
      kind: 'invoice',
      amount: 990_000_000,
      currency: 'KZT',
      issuedOn: day(-150),
      dueOn: day(-120),
    });
  });
}

// Loading the demo company takes a while on a busy machine.
test.setTimeout(120_000);

async function go(page: Page, hash: string): Promise<void> {
  await page.goto(`${page.url().split('#')[0] ?? ''}#/${hash}`);
}

test('a manager sees who owes what past due and opens the clients over 90 days late', async ({
  openApp,
  dataDir,
}) => {
  await demoWithLatePayer(dataDir);
  const page = await openApp();
  await page.getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('tab', { name: 'Payment discipline' }).click();
  const aging = page.getByTestId('payments-aging');
  await expect(aging.getByRole('heading', { name: 'Receivables aging' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('kpi-dso')).toContainText('Days sales outstanding');
  await expect(page.getByTestId('payments-most-overdue')).toContainText('Altyn Late Payer');
  await saveScreenshot(page, 'insights-payments');

  await aging.getByText('Table', { exact: true }).click();
  const over90 = aging.getByRole('row', { name: /Over 90 days/ });
  await over90.getByRole('link').click();
  await expect(page.getByTestId('drill-banner')).toContainText(
    'clients with unpaid invoices (Over 90 days past due)',
    { timeout: 30_000 },
  );
  await expect(page.getByText('Altyn Late Payer')).toBeVisible({ timeout: 30_000 });

  await page.getByText('Altyn Late Payer').click();
  const badge = page.getByTestId('solvency-badge');
  await expect(badge).toHaveText('Pays late', { timeout: 30_000 });
  await badge.hover();
  await expect(page.getByText('Pays only after a call from the director', { exact: false })).toBeVisible();
  await saveScreenshot(page, 'client-solvency-badge');
});

test('the owner judges the demo campaign by its return, and reads Payment discipline in Russian', async ({
  openApp,
  dataDir,
}) => {
  await demoWithLatePayer(dataDir);
  const page = await openApp();
  await go(page, 'insights/campaigns');
  const table = page.getByTestId('campaigns-table');
  await expect(table.getByRole('row', { name: /Astana expo/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('kpi-campaign-roi')).toContainText('%');
  await expect(page.getByTestId('campaigns-roi')).toContainText('Return on investment');
  await saveScreenshot(page, 'insights-campaigns');

  await page.evaluate(() => localStorage.setItem('rapport.language', 'ru'));
  await go(page, 'insights/payments');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('tab', { name: 'Платёжная дисциплина' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('heading', { name: 'Старение задолженности' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId('kpi-dso')).toContainText('дн.');
  await expect(page.getByTestId('payments-most-overdue')).toContainText('Altyn Late Payer');
  await saveScreenshot(page, 'insights-payments-ru');
});
