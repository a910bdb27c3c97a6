import { format } from 'date-fns';
import { ru } from 'date-fns/locale';
import { expect, saveScreenshot, seedData, test } from './fixtures.ts';

// The 2 cores are shared: starting the preview and the first Insights answers can take a while.
test.describe.configure({ timeout: 90_000 });

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

/**
 * Six clients paying in KZT over the last year (the default period):
 * - Summit Foods bought 4 times, the last 5 days ago: recency 5, frequency 5 → a champion, class A.
 * - Baltic Steel 3 times, the last 10 days ago: loyal, class A. Coral Bay twice; Delta Farm once in
 *   the period, 250 days ago (and 400 days ago, within 180 days of it); Echo Trade once, 300 days ago.
 * - Foxtrot bought 390 days ago only and was lost 209 days ago: with Delta, the two clients active
 *   when the period began, one of them retained → retention 50 %.
 */
async function seedShop(dataDir: string) {
  await seedData(dataDir, async (api) => {
    const clients: [string, number, number[]][] = [
      ['Summit Foods', 100_000, [5, 40, 80, 120]],
      ['Baltic Steel', 50_000, [10, 100, 150]],
      ['Coral Bay', 20_000, [60, 250]],
      ['Delta Farm', 5_000, [250, 400]],
      ['Echo Trade', 5_000, [300]],
      ['Foxtrot', 5_000, [390]],
    ];
    for (const [name, amount, days] of clients) {
      const client = await api.call('clients.create', { name, kind: 'company' });
      for (const ago of days)
        await api.call('payments.record', {
          clientId: client.id,
          kind: 'payment',
          amount,
          currency: 'KZT',
          issuedOn: daysAgo(ago),
        });
    }
  });
}

test('see the champions, make a suggested client a VIP, and open a segment in the client list', async ({
  openApp,
  dataDir,
}) => {
  await seedShop(dataDir);
  const page = await openApp();
  await page.getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('tab', { name: 'Segments' }).click();
  await expect(page.getByTestId('kpi-champions')).toContainText('1');
  await expect(page.getByTestId('kpi-paying')).toContainText('5');

  const suggestions = page.getByTestId('segments-vip');
  await expect(suggestions.getByRole('row')).toHaveCount(3);
  await expect(suggestions).toContainText('Summit Foods');
  await expect(suggestions).toContainText('Baltic Steel');
  await saveScreenshot(page, 'insights-segments');

  await suggestions.getByRole('button', { name: 'Mark Summit Foods VIP' }).click();
  await expect(page.getByText('Summit Foods is now a VIP')).toBeVisible();
  await expect(suggestions).not.toContainText('Summit Foods');
  await expect(suggestions.getByRole('row')).toHaveCount(2);
  await expect(page.getByTestId('kpi-vip-suggested')).toContainText('1');

  const bySegment = page.getByTestId('segments-by-segment');
  await bySegment.getByText('Table', { exact: true }).click();
  await bySegment.getByRole('link', { name: 'Open the clients of “Champions” (1)' }).click();
  await expect(page.getByTestId('drill-banner')).toContainText('RFM segment “Champions”');
  await expect(page.getByTestId('client-name')).toHaveCount(1);
  await expect(page.getByTestId('client-name')).toHaveText('Summit Foods');
});

test('switch the Insights to Russian and see the retention heatmap with Russian months and numbers', async ({
  openApp,
  dataDir,
}) => {
  await seedShop(dataDir);
  const page = await openApp();
  await page.evaluate(() => localStorage.setItem('rapport.language', 'ru'));
  await page.goto(`${page.url().split('#')[0] ?? ''}#/insights/retention`);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('tab', { name: 'Удержание' })).toHaveAttribute('aria-selected', 'true');
  // Russian percentages keep a space before the sign: "50 %".
  await expect(page.getByTestId('kpi-retention')).toContainText(/50\s%/);
  const cohorts = page.getByTestId('retention-cohorts');
  await expect(cohorts.getByRole('heading', { name: 'Когорты по месяцу первой покупки' })).toBeVisible();
  const echoMonth = new Date(Date.now() - 300 * DAY);
  await expect(cohorts).toContainText(format(echoMonth, 'LLL yyyy', { locale: ru }));
  await expect(cohorts.getByRole('cell', { name: /^0\s%$/ }).first()).toBeVisible();
  await expect(page.getByTestId('what-if-result')).toContainText('₸');
  await saveScreenshot(page, 'insights-retention-ru');
});
