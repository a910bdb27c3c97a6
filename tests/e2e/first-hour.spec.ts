import type { Locator, Page } from '@playwright/test';
import { catalogs } from '../../shared/i18n/index.ts';
import { expect, saveScreenshot, seedData, test } from './fixtures.ts';

/*
 * The screens a new user sees in the first hour (issue 13, point 1), each as they would use it, on the
 * two laptop screens people have: 1280×720 and 1400×900.
 */

const HOUR = 3_600_000;
const LAPTOP = { width: 1280, height: 720 };
const WIDE = { width: 1400, height: 900 };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Fails unless what a person sees at the middle of `target` is `target` itself (nothing floats over it). */
async function expectUncovered(target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const hit = await target.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return top !== null && (element === top || element.contains(top) || top.contains(element));
  });
  expect(hit, `something covers ${target.toString()}`).toBe(true);
}

/** Opens a screen by its address, as a bookmark or the palette would. */
async function go(page: Page, hash: string): Promise<void> {
  await page.goto(`${page.url().split('#')[0] ?? ''}#/${hash}`);
}

/** Switches the UI language the way the language picker leaves it, and reloads. */
async function speak(page: Page, language: 'en' | 'ru' | 'kk'): Promise<void> {
  await page.evaluate((code) => localStorage.setItem('rapport.language', code), language);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** Acme Trading with 21 follow-ups that came due over the last 21 hours, while the app was closed. */
async function acmeWith21Missed(dataDir: string) {
  return seedData(dataDir, async (api) => {
    const acme = await api.call('clients.create', { name: 'Acme Trading', kind: 'company' });
    for (let i = 1; i <= 21; i += 1) {
      await api.call('followups.create', {
        clientId: acme.id,
        title: `Call back #${String(i)}`,
        dueAt: new Date(Date.now() - i * HOUR).toISOString(),
      });
    }
    return acme;
  });
}

test('21 reminders missed while away are said in the header and cover neither the client list nor Settings', async ({
  openApp,
  dataDir,
}) => {
  await acmeWith21Missed(dataDir);
  const page = await openApp();
  await page.setViewportSize(LAPTOP);
  const bell = page.getByRole('banner').getByTestId('reminders-button');
  await expect(bell).toContainText('21 missed while away');
  await page.getByRole('link', { name: 'Clients' }).click();
  await expectUncovered(page.getByTestId('client-name').first());
  await go(page, 'settings');
  await expectUncovered(page.getByRole('button', { name: 'Connect' }));
  await saveScreenshot(page, 'first-hour-settings-with-reminders-1280x720');

  // By keyboard: the list opens from the header, says who and what, and Escape gives the focus back.
  await bell.focus();
  await page.keyboard.press('Enter');
  const list = page.getByRole('dialog', { name: 'Reminders' });
  await expect(list.getByTestId('reminder')).toHaveCount(21);
  await expect(list).toContainText('21 missed while away');
  await expect(list.getByTestId('reminder').first()).toContainText('Acme Trading');
  await expect(list.getByRole('link', { name: 'Acme Trading' }).first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(bell).toBeFocused();
  await bell.click();
  await expect(list).toBeVisible();
  await saveScreenshot(page, 'first-hour-reminders-open-1280x720');

  await page.setViewportSize(WIDE);
  await page.getByRole('link', { name: 'Clients' }).click();
  await expectUncovered(page.getByTestId('client-name').first());
  await saveScreenshot(page, 'first-hour-clients-with-reminders-1400x900');
});

test('with 21 reminders missed while away, on a 1280×720 screen, the call logger opens uncovered and can be filled and saved', async ({
  openApp,
  dataDir,
}) => {
  const client = await acmeWith21Missed(dataDir);
  const page = await openApp();
  await page.setViewportSize(LAPTOP);
  await go(page, `client/${client.id}`);
  await expect(page.getByTestId('client-title')).toHaveText('Acme Trading');

  // Even with the reminders open, the call logger comes up over them, every field of it in reach.
  await page.getByTestId('reminders-button').click();
  const list = page.getByRole('dialog', { name: 'Reminders' });
  await expect(list).toBeVisible();
  await page.keyboard.press('ControlOrMeta+l');
  const logger = page.getByRole('dialog', { name: 'Log a call' });
  await expect(logger).toBeVisible();
  await expect(list).toBeHidden();
  for (const field of [
    logger.getByLabel('Next step'),
    logger.getByRole('button', { name: 'Save the call' }),
  ]) {
    await expectUncovered(field);
  }
  await logger.getByLabel('What was said').fill('Asked for the spring prices');
  await logger.getByLabel('Next step').fill('Send the price list');
  await logger.getByText('In 3 days').click();
  await expect(logger.getByText(/The follow-up will be due/)).toBeVisible();
  await saveScreenshot(page, 'first-hour-call-logger-1280x720');
  await logger.getByRole('button', { name: 'Save the call' }).click();
  await expect(logger).toBeHidden();
  await expect(page.getByText('Call logged')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Call logged' })).toContainText(
    'Send the price list',
  );
});

/** A VIP client owned by Dana, with an address and a source, moved on from prospect to active. */
async function steppeMotors(dataDir: string) {
  return seedData(dataDir, async (api) => {
    const dana = await api.call('users.create', { name: 'Dana Owner' });
    const client = await api.call('clients.create', {
      name: 'Steppe Motors',
      kind: 'company',
      vip: true,
      ownerId: dana.id,
      source: 'Trade fair',
      address: { street: 'Abay 1', city: 'Almaty', country: 'Kazakhstan' },
    });
    await api.call('clients.update', { id: client.id, stage: 'active' });
    return client;
  });
}

/** The history table's row for a field, by its label. */
const historyRow = (page: Page, name: string, label: string) =>
  page.getByRole('table', { name }).getByRole('row').filter({ hasText: label });

test('the History tab shows the owner’s name and Yes for VIP, every field by its label, also in Russian', async ({
  openApp,
  dataDir,
}) => {
  const client = await steppeMotors(dataDir);
  const page = await openApp();
  await page.setViewportSize(WIDE);
  await go(page, `client/${client.id}`);
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('table', { name: 'History' });
  await expect(historyRow(page, 'History', 'Owner')).toContainText('Dana Owner');
  await expect(historyRow(page, 'History', 'VIP')).toContainText('Yes');
  await expect(historyRow(page, 'History', 'Address')).toContainText('Abay 1, Almaty, Kazakhstan');
  await expect(historyRow(page, 'History', 'Company or person')).toContainText('Company');
  await expect(historyRow(page, 'History', 'Source')).toContainText('Trade fair');
  await expect(historyRow(page, 'History', 'Stage').first()).toContainText('ProspectActive');
  await expect(historyRow(page, 'History', 'Created')).toContainText(/\w{3} \d{1,2}, \d{4}/);
  const english = (await history.textContent()) ?? '';
  expect(english).not.toMatch(UUID);
  for (const raw of ['true', '{', 'createdAt', 'kind', 'address']) expect(english).not.toContain(raw);
  await saveScreenshot(page, 'first-hour-history-1400x900');

  await speak(page, 'ru');
  await page.setViewportSize(LAPTOP);
  await page.getByRole('tab', { name: 'История' }).click();
  await expect(historyRow(page, 'История', 'Ответственный')).toContainText('Dana Owner');
  await expect(historyRow(page, 'История', 'VIP')).toContainText('Да');
  await expect(historyRow(page, 'История', 'Компания или человек')).toContainText('Компания');
  await expect(historyRow(page, 'История', 'Создано')).toContainText(/\d{1,2} дек\. \d{4}/);
  const russian = (await page.getByRole('table', { name: 'История' }).textContent()) ?? '';
  expect(russian).not.toMatch(UUID);
  expect(russian).not.toContain('true');
  await saveScreenshot(page, 'first-hour-history-ru-1280x720');
});

test('Settings lists call outcomes by their labels, and its Sync card speaks of this page', async ({
  openApp,
}) => {
  const page = await openApp();
  await page.setViewportSize(WIDE);
  await go(page, 'settings');
  const outcomes = page.getByTestId('call-outcome');
  await expect(outcomes).toHaveText([
    'Reached',
    'No answer',
    'Left a message',
    'Busy',
    'Wrong number',
    'Asked to call back',
  ]);
  await expect(page.getByText('left_message')).toHaveCount(0);
  const sync = page.getByRole('form', { name: 'Connect to the team server' });
  await expect(sync).toContainText('enter your team server’s address');
  await expect(sync).not.toContainText('in Settings');
  await saveScreenshot(page, 'first-hour-settings-1400x900');

  // From the keyboard: Backspace takes the last one out, and the defaults left out are offered back.
  const input = page.getByRole('combobox', { name: 'Call outcomes' });
  await input.focus();
  await page.keyboard.press('Backspace');
  await expect(outcomes).toHaveCount(5);
  await expect(outcomes.last()).toHaveText('Wrong number');
  await input.fill('call b');
  await page.getByRole('option', { name: 'Asked to call back' }).click();
  await expect(outcomes).toHaveCount(6);
  await expect(outcomes.last()).toHaveText('Asked to call back');
});

test('in Kazakh, Settings names the call outcomes and tells how to connect in Kazakh', async ({
  openApp,
}) => {
  const page = await openApp();
  await speak(page, 'kk');
  await page.setViewportSize(LAPTOP);
  await go(page, 'settings');
  const outcomes = page.getByTestId('call-outcome');
  await expect(outcomes.filter({ hasText: catalogs.kk['calls.outcomes.left_message'] })).toHaveCount(1);
  await expect(page.getByText('wrong_number')).toHaveCount(0);
  await expect(page.getByText(catalogs.kk['sync.connectHint'])).toBeVisible();
  await saveScreenshot(page, 'first-hour-settings-kk-1280x720');
});

for (const language of ['en', 'ru', 'kk'] as const) {
  test(`the call logger’s next-step presets fit their row at 1280×720 and 1400×900 (${language})`, async ({
    openApp,
  }) => {
    const page = await openApp();
    await speak(page, language);
    for (const size of [LAPTOP, WIDE]) {
      await page.setViewportSize(size);
      await page.keyboard.press('ControlOrMeta+l');
      const logger = page.getByRole('dialog', { name: catalogs[language]['calls.title'] });
      const presets = logger.getByRole('radiogroup', { name: catalogs[language]['calls.nextStepWhen'] });
      const labels = presets.locator('label');
      await expect(labels).toHaveCount(5);
      const body = await logger.locator('.mantine-Modal-body').boundingBox();
      if (!body) throw new Error('the call logger is not on screen');
      // Every preset whole inside the dialog's body: none cut off at its right edge.
      for (const label of await labels.all()) {
        const box = await label.boundingBox();
        const name = (await label.textContent()) ?? '';
        if (!box) throw new Error(`${name} is not on screen`);
        expect(box.x, name).toBeGreaterThanOrEqual(body.x - 0.5);
        expect(box.x + box.width, name).toBeLessThanOrEqual(body.x + body.width + 0.5);
      }
      await expect(presets).toBeInViewport({ ratio: 1 });
      expect(await presets.evaluate((group) => group.scrollWidth <= group.clientWidth)).toBe(true);
      // Each preset is chosen from the keyboard too.
      await page.keyboard.press('ControlOrMeta+3');
      await expect(logger.getByRole('radio', { name: /Ctrl\+3|⌘3/ })).toBeChecked();
      await saveScreenshot(
        page,
        `first-hour-call-presets-${language}-${String(size.width)}x${String(size.height)}`,
      );
      await logger.getByRole('button', { name: catalogs[language]['common.cancel'] }).click();
      await expect(logger).toBeHidden();
    }
  });
}

test('no console error and no 404 on load, on any first screen', async ({ openApp }) => {
  // A second tab on the same preview, watched from before its first request (the desktop app: its window).
  const app = await openApp();
  const browser = app.context().browser();
  const page = browser ? await browser.newPage({ locale: 'en-US', viewport: LAPTOP }) : app;
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${String(response.status())} ${response.url()}`);
  });
  // The preview keeps its token for the tab (and drops it from the address): give the new tab the same.
  const token = await app.evaluate(() => sessionStorage.getItem('rapport.previewToken'));
  const address = new URL(app.url());
  if (token) address.search = `?token=${token}`;
  address.hash = '';
  const document = await page.goto(address.toString());
  await expect(page.getByRole('heading', { name: 'Welcome to Rapport' })).toBeVisible();
  for (const screen of ['Clients', 'Contacts', 'Follow-ups', 'Deals', 'Settings', 'Today']) {
    await page.getByRole('link', { name: screen }).click();
  }
  await expect(page.getByRole('heading', { name: 'Welcome to Rapport' })).toBeVisible();

  // frame-ancestors travels as a header only; the page's own policy tag leaves it out.
  expect(document?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self'");
  expect(meta).not.toContain('frame-ancestors');

  // Every file the page names is served, the icon a browser asks for included.
  const icons = await page
    .locator('link[rel="icon"]')
    .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThan(0);
  for (const href of icons) {
    const icon = await page.request.get(href);
    expect(icon.status(), href).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/png');
  }
  expect(problems).toEqual([]);
  if (page !== app) await page.close();
});

test('the Deals page shows each deal’s client and the link opens it', async ({ openApp, dataDir }) => {
  await seedData(dataDir, async (api) => {
    const acme = await api.call('clients.create', { name: 'Acme Trading', kind: 'company' });
    const nomad = await api.call('clients.create', { name: 'Nomad Foods', kind: 'company' });
    await api.call('deals.create', {
      clientId: acme.id,
      title: 'Forklifts',
      value: { amount: 12000, currency: 'USD' },
    });
    await api.call('deals.create', { clientId: nomad.id, title: 'Cold store', stage: 'proposal' });
  });
  const page = await openApp();
  await page.setViewportSize(WIDE);
  await page.getByRole('link', { name: 'Deals' }).click();
  const deals = page.getByRole('table', { name: 'Deals' });
  await expect(deals.getByRole('columnheader')).toHaveText([
    'Deal',
    'Client',
    'Stage',
    'Value',
    'Expected close',
  ]);
  await expect(deals.getByRole('row').filter({ hasText: 'Forklifts' })).toContainText('Acme Trading');
  await expect(deals.getByRole('row').filter({ hasText: 'Cold store' })).toContainText('Nomad Foods');
  await saveScreenshot(page, 'first-hour-deals-1400x900');

  await page.getByText('Won', { exact: true }).click();
  await expect(page.getByText('No deals at this stage.')).toBeVisible();
  await page.getByText('All', { exact: true }).click();

  // From the keyboard: the client's name is a link, Enter opens the client.
  await page.setViewportSize(LAPTOP);
  await saveScreenshot(page, 'first-hour-deals-1280x720');
  const link = deals.getByRole('link', { name: 'Nomad Foods' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('client-title')).toHaveText('Nomad Foods');
});
