import type { Page } from '@playwright/test';
import { catalogs } from '../../shared/i18n/index.ts';
import { expect, saveScreenshot, seedData, test } from './fixtures.ts';

/*
 * The Insights team page as a sales lead uses it (issue 15, section 7): who logged the calls and
 * meetings, whose follow-ups are overdue, which region gained clients, and the clients behind a number;
 * then the same page in Russian.
 */

const DAY = 86_400_000;
// Seeding, starting the preview and the first load share two busy cores with other work.
test.describe.configure({ timeout: 120_000 });
const momentAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/**
 * Dana owns Altyn Trade (Almaty) and logged two calls with it and one with Caspian Oil (" almaty", no
 * owner); Erik owns Bereke (Astana), met it once, and his follow-up for it is two days overdue. Altyn
 * paid 300,000 KZT and won Dana a deal. All three clients are new this period.
 */
async function teamWorld(dataDir: string) {
  await seedData(dataDir, async (api) => {
    const dana = (await api.call('users.create', { name: 'Dana' })).id;
    const erik = (await api.call('users.create', { name: 'Erik' })).id;
    const client = async (name: string, region: string, ownerId?: string) =>
      (await api.call('clients.create', { name, kind: 'company', region, ...(ownerId ? { ownerId } : {}) }))
        .id;
    const altyn = await client('Altyn Trade', 'Almaty', dana);
    const bereke = await client('Bereke LLC', 'Astana', erik);
    const caspian = await client('Caspian Oil', ' almaty');
    const log = (clientId: string, kind: 'call' | 'meeting', days: number, userId: string) =>
      api.call('interactions.log', { clientId, kind, occurredAt: momentAgo(days), userId });
    await log(altyn, 'call', 5, dana);
    await log(altyn, 'call', 4, dana);
    await log(caspian, 'call', 3, dana);
    await log(bereke, 'meeting', 3, erik);
    await api.call('followups.create', {
      clientId: bereke,
      title: 'Send the price list',
      dueAt: momentAgo(2),
      assigneeId: erik,
    });
    await api.call('payments.record', { clientId: altyn, kind: 'payment', amount: 300_000, currency: 'KZT' });
    await api.call('deals.create', {
      clientId: altyn,
      title: 'Shelving',
      stage: 'won',
      value: { amount: 300_000, currency: 'KZT' },
      closedOn: momentAgo(1).slice(0, 10),
      ownerId: dana,
    });
  });
}

/** Shows a figure as its table (the chart's numbers, as a screen reader reads them). */
async function asTable(page: Page, figure: string, label = 'Table'): Promise<void> {
  await page.getByTestId(figure).getByText(label, { exact: true }).click();
}

test('see who logged the calls and whose follow-ups are overdue, by owner and by region', async ({
  openApp,
  dataDir,
}) => {
  await teamWorld(dataDir);
  const page = await openApp();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('tab', { name: 'Team and regions' }).click();
  const activity = page.getByTestId('team-activity');
  await expect(activity.getByRole('heading', { name: 'Calls, meetings and follow-ups' })).toBeVisible();
  await saveScreenshot(page, 'insights-team');

  await asTable(page, 'team-activity');
  const dana = activity.getByRole('row', { name: /Dana/ });
  // Calls, meetings, follow-ups on time, overdue.
  await expect(dana.getByRole('cell')).toHaveText(['Dana', '3', '0', '0', '0']);
  await expect(activity.getByRole('row', { name: /Erik/ }).getByRole('cell')).toHaveText([
    'Erik',
    '0',
    '1',
    '0',
    '1',
  ]);
  await asTable(page, 'team-results');
  const results = page.getByTestId('team-results');
  await expect(results.getByRole('row', { name: /Dana/ })).toContainText('300,000');

  // By region: " almaty" and "Almaty" are one region, with both clients' calls.
  await activity.getByText('Region', { exact: true }).click();
  const almaty = activity.getByRole('row', { name: /Almaty/ });
  await expect(almaty.getByRole('cell')).toHaveText(['Almaty', '3', '0', '0', '0']);
  await page.setViewportSize({ width: 1280, height: 720 });
  await saveScreenshot(page, 'insights-team-regions');

  // The clients gained in Almaty, opened as the client list.
  await results
    .getByRole('row', { name: /Almaty/ })
    .getByRole('link')
    .first()
    .click();
  await expect(page.getByTestId('drill-banner')).toBeVisible();
  await expect(page.getByTestId('client-name')).toHaveText(['Altyn Trade', 'Caspian Oil']);
});

test('the team page speaks Russian', async ({ openApp, dataDir }) => {
  await teamWorld(dataDir);
  const page = await openApp();
  await page.evaluate(() => localStorage.setItem('rapport.language', 'ru'));
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await page.goto(`${page.url().split('#')[0] ?? ''}#/insights/team`);
  const ru = catalogs.ru;
  await expect(page.getByRole('tab', { name: ru['insights.page.team'] })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const activity = page.getByTestId('team-activity');
  await expect(activity.getByRole('heading', { name: ru['insights.team.activity'] })).toBeVisible();
  await asTable(page, 'team-activity', ru['insights.figure.table']);
  await expect(activity.getByRole('columnheader', { name: ru['insights.team.calls'] })).toBeVisible();
  await expect(activity.getByRole('row', { name: /Dana/ })).toContainText('3');
  await saveScreenshot(page, 'insights-team-ru');
});
