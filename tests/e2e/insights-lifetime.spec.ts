import { expect, saveScreenshot, test } from './fixtures.ts';

/*
 * The demo company's payments (two to six invoices per active, loyal or lapsed client, most paid on
 * different days) are enough for the lifetime-value models to be fitted in the background a few seconds
 * after the demo is loaded; nothing is seeded besides the demo.
 */

test('open a client and see its predicted value and churn risk', async ({ openApp }) => {
  // Loading the demo and the first fit (a worker thread starting on a busy machine) take a while.
  test.setTimeout(180_000);
  const page = await openApp();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible({ timeout: 60_000 });

  // The Lifetime value page fills in once the background fit lands (the page refreshes by itself).
  await page.goto(page.url().replace(/#.*$/, '') + '#/insights/lifetime');
  await expect(page.getByTestId('kpi-predicted')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('lifetime-how')).toContainText('BG/NBD');
  await expect(page.getByTestId('lifetime-how').getByRole('link', { name: /Settings/ })).toBeVisible();
  const top = page.getByTestId('lifetime-top');
  await expect(top.getByRole('row').nth(1)).toBeVisible();
  await saveScreenshot(page, 'insights-lifetime');

  // Drill down: the clients behind the value at risk are the client list with a banner saying so.
  await page.getByTestId('kpi-at-risk').getByRole('link').click();
  await expect(page.getByTestId('drill-banner')).toContainText('likely to leave');
  await page.goBack();

  // The most valuable client ahead: its header shows the predicted value and a churn risk badge.
  const first = top.getByRole('row').nth(1).getByRole('link').first();
  const name = (await first.textContent()) ?? '';
  await first.click();
  await expect(page).toHaveURL(/#\/clients?\//);
  await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
  const predicted = page.getByTestId('client-predicted-value');
  await expect(predicted).toContainText('Predicted value');
  await expect(predicted).not.toContainText('NaN');
  const badge = page.getByTestId('client-churn-risk');
  await expect(badge).toHaveText(/^(Low|Medium|High) · [\d.,]+\s?%$/);
  await badge.hover();
  await expect(page.getByRole('tooltip')).toContainText('Chance it still buys');
  await saveScreenshot(page, 'client-lifetime');

  // The same page in Russian: words and numbers formatted for Russian.
  await page.evaluate(() => localStorage.setItem('rapport.language', 'ru'));
  await page.goto(page.url().replace(/#.*$/, '') + '#/insights/lifetime');
  await page.reload();
  await expect(page.getByTestId('kpi-predicted')).toContainText('Прогнозная ценность');
  await expect(page.getByTestId('lifetime-how')).toContainText('Как это считается');
  await saveScreenshot(page, 'insights-lifetime-ru');
});
