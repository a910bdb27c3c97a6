import { catalogs } from '../../shared/i18n/index.ts';
import { expect, saveScreenshot, seedData, test } from './fixtures.ts';

/*
 * The Insights service page as the head of the service desk uses it (issue 15, section 10): requests
 * opened, resolved and open now, how satisfied clients were, who asks for help most, and the clients
 * with a request still open; then the page in Kazakh.
 */

// Seeding, starting the preview and the first load share two busy cores with other work.
test.describe.configure({ timeout: 120_000 });

/**
 * Altyn Trade opened three requests: two resolved and rated 4 and 5, one urgent still open. Bereke
 * opened one, resolved without a rating. Caspian Oil asked for nothing.
 */
async function serviceWorld(dataDir: string) {
  await seedData(dataDir, async (api) => {
    const client = async (name: string) => (await api.call('clients.create', { name, kind: 'company' })).id;
    const altyn = await client('Altyn Trade');
    const bereke = await client('Bereke LLC');
    await client('Caspian Oil');
    const request = async (clientId: string, title: string, then?: { rating?: number }) => {
      const opened = await api.call('serviceRequests.open', {
        clientId,
        title,
        ...(then ? {} : { priority: 'urgent' as const }),
      });
      if (then) await api.call('serviceRequests.update', { id: opened.id, status: 'resolved', ...then });
    };
    await request(altyn, 'Broken delivery', { rating: 4 });
    await request(altyn, 'Wrong invoice', { rating: 5 });
    await request(altyn, 'Pallets missing');
    await request(bereke, 'Login does not work', {});
  });
}

test('see requests opened, resolved and open now, satisfaction, and who asks for help most', async ({
  openApp,
  dataDir,
}) => {
  await serviceWorld(dataDir);
  const page = await openApp();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('tab', { name: 'Service' }).click();
  await expect(page.getByTestId('kpi-opened')).toContainText('4');
  await expect(page.getByTestId('kpi-open-now')).toContainText('1');
  await expect(page.getByTestId('kpi-satisfaction')).toContainText('4.5 / 5');
  await expect(page.getByTestId('kpi-satisfaction')).toContainText('Ratings: 2');
  // Resolved as soon as opened: the median says so rather than "0 h".
  await expect(page.getByText('under a minute')).toBeVisible();
  // A table of its own (no chart): the clients asking most, with their requests.
  const most = page.getByTestId('service-most');
  await expect(most.getByRole('row', { name: /Altyn Trade/ })).toContainText('3');
  await expect(page.getByTestId('service-open')).toBeVisible();
  await saveScreenshot(page, 'insights-service');

  // The clients with a request still open, as the client list.
  await page.getByTestId('kpi-open-now').getByRole('link').click();
  await expect(page.getByTestId('drill-banner')).toBeVisible();
  await expect(page.getByTestId('client-name')).toHaveText(['Altyn Trade']);
});

test('the service page speaks Kazakh', async ({ openApp, dataDir }) => {
  await serviceWorld(dataDir);
  const page = await openApp();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.evaluate(() => localStorage.setItem('rapport.language', 'kk'));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await page.goto(`${page.url().split('#')[0] ?? ''}#/insights/service`);
  const kk = catalogs.kk;
  await expect(page.getByTestId('kpi-open-now')).toContainText(kk['insights.service.openNow']);
  await expect(page.getByTestId('kpi-satisfaction')).toContainText(kk['insights.service.satisfaction']);
  await expect(page.getByTestId('service-most').getByRole('heading')).toHaveText(
    kk['insights.service.mostRequests'],
  );
  await saveScreenshot(page, 'insights-service-kk');
});
