import { expect, saveScreenshot, test } from './fixtures.ts';

test('a new user is offered the demo company or a first client', async ({ openApp }) => {
  const page = await openApp();
  await expect(page.getByRole('heading', { name: 'Welcome to Rapport' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add your first client' })).toBeVisible();
  await saveScreenshot(page, 'first-launch');
  await page.getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByRole('heading', { name: 'No clients yet' })).toBeVisible();
  await saveScreenshot(page, 'clients-empty');
});

test('loading the demo company fills Today with follow-ups, recent calls and quiet clients', async ({
  openApp,
}) => {
  // One transaction of ~3,000 API calls (a second or so): give it time on a busy CI machine.
  test.slow();
  const page = await openApp();
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Overdue' }).getByTestId('followup').first()).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Recent interactions' }).getByRole('listitem').first(),
  ).toBeVisible();
  await expect(page).toHaveTitle(/^\(\d+\) Rapport$/);
  await saveScreenshot(page, 'today-demo');
});

test('create a client, see it in the list, and find it again after a restart', async ({ openApp }) => {
  let page = await openApp();
  await page.getByRole('button', { name: 'Add your first client' }).click();
  await page.getByLabel('Name').fill('Kazakh Telecom Solutions');
  await page.getByLabel('Name').press('Enter');
  await expect(page.getByTestId('client-name')).toHaveText(['Kazakh Telecom Solutions']);

  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await expect(dialog.getByLabel('Name')).toHaveValue('');
  await dialog.getByLabel('Name').fill('Асель Нурланова');
  await dialog.getByText('Person', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByTestId('client-name')).toHaveText(['Kazakh Telecom Solutions', 'Асель Нурланова']);
  await expect(page.getByText('Client created').first()).toBeVisible();
  await saveScreenshot(page, 'clients-two-created');

  page = await openApp();
  await page.getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByTestId('client-name')).toHaveText(['Kazakh Telecom Solutions', 'Асель Нурланова']);
  await expect(page.getByRole('listitem').filter({ hasText: 'Асель Нурланова' })).toContainText('Person');
  await saveScreenshot(page, 'clients-after-restart');
});

test('an empty name is refused with a clear message and nothing is saved', async ({ openApp }) => {
  const page = await openApp();
  await page.getByRole('button', { name: 'Add your first client' }).click();
  await page.getByLabel('Name').fill('   ');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByText('This field is required.')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'No clients yet' })).toBeVisible();
});

test('switching to Russian translates the app at once, without a restart', async ({ openApp }) => {
  const page = await openApp();
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Русский' }).click();
  await expect(page.getByRole('heading', { name: 'Добро пожаловать в Rapport' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await saveScreenshot(page, 'first-launch-ru');
});

test('Ctrl+N opens the new-client form from any screen', async ({ openApp }) => {
  const page = await openApp();
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+n');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('Umbrella Logistics');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('client-name')).toHaveText(['Umbrella Logistics']);
  await saveScreenshot(page, 'clients-created-from-shortcut');
});
