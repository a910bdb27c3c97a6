import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { ApiClient } from '../../shared/api/client.ts';
import { expect, saveScreenshot, seedData, test } from './fixtures.ts';

const DAY = 86_400_000;
const dayAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);
const momentAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/**
 * Six clients of the last months, in KZT, with an hour of the team's time at 6,000 and a service
 * request at 10,000:
 * - Altyn Trade: paid 500,000 (cost 200,000) → profit 300,000, the top of the six.
 * - Bereke, Saule, Tulpar: paid 100,000 (cost 60,000) each → profit 40,000.
 * - Kaspi Parts: paid 30,000 (cost 27,000), three service requests and a 2-hour visit → loses money:
 *   high service load and a low margin.
 * - Nomad Foods: never paid, a 3-hour meeting → loses 18,000: no revenue.
 * The top 20 % of the five paying clients is ⌈1⌉ = Altyn Trade: 300,000 of 423,000 profit = 70.9 %.
 */
async function world(api: ApiClient): Promise<void> {
  await api.call('analytics.updateSettings', {
    costCurrency: 'KZT',
    hourlyCost: 6000,
    serviceRequestCost: 10_000,
  });
  const client = async (name: string, segment: string) =>
    (await api.call('clients.create', { name, kind: 'company', segment })).id;
  const pay = (clientId: string, amount: number, cost: number, daysAgo: number) =>
    api.call('payments.record', {
      clientId,
      kind: 'payment',
      amount,
      cost,
      currency: 'KZT',
      issuedOn: dayAgo(daysAgo),
    });
  await pay(await client('Altyn Trade', 'Wholesale'), 500_000, 200_000, 40);
  for (const name of ['Bereke', 'Saule', 'Tulpar'])
    await pay(await client(name, 'Retail'), 100_000, 60_000, 60);
  const kaspi = await client('Kaspi Parts', 'Retail');
  await pay(kaspi, 30_000, 27_000, 20);
  await api.call('interactions.log', {
    clientId: kaspi,
    kind: 'visit',
    occurredAt: momentAgo(15),
    durationS: 7200,
  });
  for (const title of ['Broken part', 'Late delivery', 'Wrong invoice'])
    await api.call('serviceRequests.open', { clientId: kaspi, title });
  const nomad = await client('Nomad Foods', 'Retail');
  await api.call('interactions.log', {
    clientId: nomad,
    kind: 'meeting',
    occurredAt: momentAgo(10),
    durationS: 10_800,
  });
}

async function openInsights(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Insights', level: 2 })).toBeVisible();
}

test('find the clients that lose money and see why', async ({ openApp, dataDir }) => {
  test.setTimeout(120_000);
  await seedData(dataDir, world);
  const page = await openApp();
  await openInsights(page);
  // The dashboard first: two clients lose money, a link to exactly them.
  const losing = page.getByTestId('kpi-unprofitable');
  await expect(losing).toContainText('2');
  // Retention and value at risk link to their own pages.
  await expect(page.getByTestId('kpi-retention').getByRole('link')).toHaveAttribute('href', /retention/);
  await expect(page.getByTestId('kpi-value-at-risk').getByRole('link')).toHaveAttribute('href', /lifetime/);
  await saveScreenshot(page, 'insights-dashboard');
  await losing.getByRole('link').click();
  await expect(page.getByTestId('drill-banner')).toContainText('clients who cost more than they bring');
  await expect(page.getByTestId('client-name')).toHaveText(['Kaspi Parts', 'Nomad Foods']);
  await saveScreenshot(page, 'insights-drill-unprofitable');

  // Why: the revenue page lists them with their reasons.
  await page.getByRole('link', { name: 'Back to Insights' }).click();
  await page.getByRole('tab', { name: 'Revenue and profit' }).click();
  const table = page.getByTestId('revenue-losing');
  await expect(table.getByRole('row', { name: /Kaspi Parts/ })).toContainText('High service load');
  await expect(table.getByRole('row', { name: /Kaspi Parts/ })).toContainText('Low margin');
  await expect(table.getByRole('row', { name: /Nomad Foods/ })).toContainText('No revenue');
  // Nomad: a 3-hour meeting at 6,000 an hour.
  await expect(table.getByRole('row', { name: /Nomad Foods/ })).toContainText('-₸18,000.00');
  await saveScreenshot(page, 'insights-revenue');
});

test('see what the top fifth of clients bring, and take the table to Excel', async ({ openApp, dataDir }) => {
  test.setTimeout(120_000);
  await seedData(dataDir, world);
  const page = await openApp();
  await openInsights(page);
  await page.getByRole('tab', { name: 'Revenue and profit' }).click();
  const pareto = page.getByTestId('revenue-pareto');
  await expect(pareto).toContainText('bring 70.9% of the profit');
  await pareto.getByRole('link', { name: 'The top 20 % of clients' }).click();
  await expect(page.getByTestId('client-name')).toHaveText(['Altyn Trade']);
  await page.goBack();

  // The table behind the segments chart, as a CSV for Excel.
  const byKind = page.getByTestId('revenue-by-kind');
  await byKind.getByText('Table', { exact: true }).click();
  await expect(byKind.getByRole('row', { name: /Retail/ })).toContainText('₸330,000.00');
  const download = page.waitForEvent('download');
  await byKind.getByRole('button', { name: /Save the table/ }).click();
  await page.getByRole('menuitem', { name: 'CSV (Excel, UTF-8)' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  expect(
    csv.startsWith('\uFEFFSegment,Clients,Revenue,Profit,Cost to serve,Profit after cost to serve\r\n'),
  ).toBe(true);
  expect(csv).toContain('Wholesale,1,500000,300000,0,300000\r\n');
});

test('switch the Insights to Russian and see the numbers and dates in Russian', async ({
  openApp,
  dataDir,
}) => {
  test.setTimeout(120_000);
  await seedData(dataDir, world);
  const page = await openApp();
  await openInsights(page);
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Русский' }).click();
  await expect(page.getByRole('heading', { name: 'Аналитика', level: 2 })).toBeVisible();
  await page.getByRole('tab', { name: 'Выручка и прибыль' }).click();
  // 830,000 − 18,000… in Russian: spaces between thousands, a comma before the kopecks.
  await expect(page.getByTestId('kpi-revenue')).toContainText(/830\s000,00\s₸/);
  await page.getByTestId('kpi-unprofitable').getByRole('link').click();
  await expect(page.getByTestId('drill-banner')).toContainText('клиенты, которые стоят больше, чем приносят');
  // The period's days as Russians write them: "2 дек. 2025 г." or similar.
  await expect(page.getByTestId('drill-banner')).toContainText(/\d{1,2} [а-я]+\.? \d{4}/);
  await saveScreenshot(page, 'insights-ru');
});
