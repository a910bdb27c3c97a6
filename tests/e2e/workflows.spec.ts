import { formatDate } from '../../shared/i18n/format.ts';
import { expect, saveScreenshot, seedData, test } from './fixtures.ts';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

test('log a call with a next step from the client page and see the follow-up on Today', async ({
  openApp,
  dataDir,
}) => {
  const acme = await seedData(dataDir, async (api) => {
    const client = await api.call('clients.create', { name: 'Acme Trading', kind: 'company' });
    await api.call('contacts.create', { clientId: client.id, name: 'Dana Smith', role: 'Buyer' });
    return client;
  });
  const page = await openApp();
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByTestId('client-name').filter({ hasText: 'Acme Trading' }).click();
  await expect(page.getByTestId('client-title')).toHaveText('Acme Trading');
  expect(page.url()).toContain(acme.id);

  // As after a real call: open the logger (1), type the summary, next step tomorrow (1), save (1).
  await page.keyboard.press('ControlOrMeta+l');
  const dialog = page.getByRole('dialog', { name: 'Log a call' });
  await expect(dialog.getByTestId('call-client')).toHaveText('Acme Trading');
  await expect(dialog.getByLabel('What was said')).toBeFocused();
  await page.keyboard.type('Send the spring price list');
  await page.keyboard.press('ControlOrMeta+1');
  await expect(dialog.getByText(/The follow-up will be due/)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Call logged')).toBeVisible();

  // The call is on the timeline, with Dana (the primary contact) as who was called.
  await expect(
    page.getByRole('list', { name: 'Timeline' }).or(page.locator('.mantine-Timeline-root')),
  ).toContainText('Send the spring price list');
  await saveScreenshot(page, 'client-call-logged');

  await page.getByRole('link', { name: 'Today' }).click();
  const upcoming = page.getByRole('list', { name: 'Next 7 days' });
  await expect(upcoming.getByTestId('followup')).toHaveCount(1);
  await expect(upcoming.getByTestId('followup')).toContainText('Send the spring price list');
  await expect(upcoming.getByTestId('followup')).toContainText('Acme Trading');
  await saveScreenshot(page, 'today-followup-from-call');
});

test('complete and reschedule a follow-up', async ({ openApp, dataDir }) => {
  await seedData(dataDir, async (api) => {
    const client = await api.call('clients.create', { name: 'Bolt Logistics', kind: 'company' });
    await api.call('followups.create', {
      clientId: client.id,
      title: 'Confirm the delivery',
      dueAt: daysAgo(2),
    });
    await api.call('followups.create', {
      clientId: client.id,
      title: 'Chase the invoice',
      dueAt: daysAgo(1),
    });
  });
  const page = await openApp();
  const overdue = page.getByRole('list', { name: 'Overdue' });
  await expect(overdue.getByTestId('followup')).toHaveCount(2);
  await expect(overdue).toContainText('2 days overdue');
  await expect(page).toHaveTitle('(2) Rapport');

  await page.getByRole('button', { name: 'Mark “Confirm the delivery” as done' }).click();
  await expect(overdue.getByTestId('followup')).toHaveCount(1);
  await expect(page.getByText('Done: Confirm the delivery')).toBeVisible();

  await page.getByRole('button', { name: 'Reschedule “Chase the invoice”' }).click();
  await page.getByRole('menuitem', { name: /Tomorrow/ }).click();
  await expect(overdue.getByTestId('followup')).toHaveCount(0);
  await expect(page.getByText('Nothing overdue. Well done.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Next 7 days' })).toContainText('Chase the invoice');
  await expect(page).toHaveTitle('Rapport');
  await saveScreenshot(page, 'today-completed-and-rescheduled');

  // Undo brings the rescheduled one back where it was.
  await page.getByRole('button', { name: 'Undo' }).last().click();
  await expect(overdue.getByTestId('followup')).toHaveCount(1);
  await expect(overdue).toContainText('Chase the invoice');
});

test('filter clients going quiet, and keep the filter in the address', async ({ openApp, dataDir }) => {
  await seedData(dataDir, async (api) => {
    for (const [name, days] of [
      ['Quiet Quarry', 60],
      ['Busy Bakery', 2],
      ['Silent Shipping', 45],
    ] as const) {
      const client = await api.call('clients.create', { name, kind: 'company' });
      await api.call('interactions.log', { clientId: client.id, kind: 'call', occurredAt: daysAgo(days) });
    }
  });
  const page = await openApp();
  await page.getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByTestId('client-name')).toHaveCount(3);
  await page.getByLabel('No contact for (days)').fill('30');
  await expect(page.getByTestId('client-name')).toHaveText(['Quiet Quarry', 'Silent Shipping']);
  expect(page.url()).toContain('quietDays=30');

  await page.getByRole('combobox', { name: 'Sort by' }).click();
  await page.getByRole('option', { name: 'Last contact' }).click();
  await expect(page.getByTestId('client-name')).toHaveText(['Quiet Quarry', 'Silent Shipping']);
  await saveScreenshot(page, 'clients-going-quiet');

  await page.reload();
  await expect(page.getByTestId('client-name')).toHaveText(['Quiet Quarry', 'Silent Shipping']);
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByTestId('client-name')).toHaveCount(3);
});

test('find a client by a fragment of a phone number from the palette', async ({ openApp, dataDir }) => {
  await seedData(dataDir, async (api) => {
    const client = await api.call('clients.create', { name: 'Қарағанды Көмір', kind: 'company' });
    await api.call('contacts.create', {
      clientId: client.id,
      name: 'Ерлан Сейітов',
      phones: [{ value: '+7 (701) 555-12-34' }],
    });
    await api.call('clients.create', { name: 'Other Client', kind: 'company' });
  });
  const page = await openApp();
  await page.keyboard.press('ControlOrMeta+k');
  const search = page.getByPlaceholder('Type a name, phone, email or a command…');
  await expect(search).toBeFocused();
  await page.keyboard.type('5551234');
  const item = page.getByTestId('palette-item').filter({ hasText: 'Ерлан Сейітов' });
  await expect(item).toBeVisible();
  await saveScreenshot(page, 'palette-phone-fragment');
  await item.click();
  await expect(page.getByTestId('client-title')).toHaveText('Қарағанды Көмір');
  await expect(page.getByRole('tab', { name: 'Contacts' })).toHaveAttribute('aria-selected', 'true');
});

test('switch to Russian and see dates in Russian', async ({ openApp, dataDir }) => {
  const occurredAt = '2026-03-15T10:00:00.000Z';
  const client = await seedData(dataDir, async (api) => {
    const acme = await api.call('clients.create', { name: 'Acme', kind: 'company' });
    await api.call('interactions.log', {
      clientId: acme.id,
      kind: 'call',
      summary: 'Обсудили цены',
      occurredAt,
    });
    return acme;
  });
  const page = await openApp();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: 'Language' }).first().click();
  await page.getByRole('option', { name: 'Русский' }).click();
  await expect(page.getByRole('heading', { name: 'Настройки' })).toBeVisible();
  await page.goto(`${page.url().split('#')[0] ?? ''}#/client/${client.id}`);
  await expect(page.getByRole('tab', { name: 'Хронология' })).toBeVisible();
  const russianDay = formatDate(new Date(occurredAt), 'ru');
  expect(russianDay).toMatch(/мар/);
  await expect(page.getByText(russianDay).first()).toBeVisible();
  await expect(page.getByText('Последний контакт')).toBeVisible();
  await saveScreenshot(page, 'client-in-russian');
});

test('a reminder that came due while the app was closed is shown at start', async ({ openApp, dataDir }) => {
  await seedData(dataDir, async (api) => {
    const client = await api.call('clients.create', { name: 'Nomad Foods', kind: 'company' });
    await api.call('followups.create', {
      clientId: client.id,
      title: 'Call back about the tender',
      dueAt: daysAgo(0.1),
    });
  });
  const page = await openApp();
  // The header says it at once; the list opens from there.
  await expect(page.getByTestId('reminders-button')).toContainText('1 missed while away');
  await page.getByTestId('reminders-button').click();
  const reminders = page.getByRole('dialog', { name: 'Reminders' });
  await expect(reminders.getByTestId('reminder')).toHaveCount(1);
  await expect(reminders).toContainText('Call back about the tender');
  await expect(reminders).toContainText('missed while away');
  await expect(reminders).toContainText('Nomad Foods');
  await saveScreenshot(page, 'reminder-missed-while-away');
  await reminders.getByRole('button', { name: '10 min' }).click();
  await expect(reminders.getByTestId('reminder')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'No reminders' })).toBeVisible();
});

test('edit a client in place, see the change in its history, and undo a delete', async ({
  openApp,
  dataDir,
}) => {
  const client = await seedData(dataDir, async (api) => {
    await api.call('users.create', { name: 'Dana Owner' });
    return api.call('clients.create', { name: 'Steppe Motors', kind: 'company', stage: 'lead' });
  });
  const page = await openApp();
  await page.goto(`${page.url().split('#')[0] ?? ''}#/client/${client.id}`);
  await expect(page.getByTestId('client-title')).toHaveText('Steppe Motors');

  await page.getByRole('button', { name: 'Stage: Lead. Change' }).click();
  await page.getByRole('menuitem', { name: 'Active' }).click();
  await expect(page.getByRole('button', { name: 'Stage: Active. Change' })).toBeVisible();
  await page.getByRole('button', { name: 'Mark as VIP' }).click();
  await expect(page.getByRole('button', { name: 'Remove the VIP mark' })).toBeVisible();
  await page.getByRole('button', { name: 'Change the owner' }).click();
  await page.getByRole('menuitem', { name: 'Dana Owner' }).click();
  await expect(page.getByRole('button', { name: 'Change the owner' })).toHaveText('Dana Owner');

  // Renaming in place: an empty name is refused and nothing is saved.
  await page.getByRole('button', { name: 'Rename Steppe Motors' }).click();
  await page.getByLabel('Name').fill('');
  await expect(page.getByText('This field is required.')).toBeVisible();
  await page.getByLabel('Name').fill('Steppe Motors Group');
  await page.getByLabel('Name').press('Enter');
  await expect(page.getByTestId('client-title')).toHaveText('Steppe Motors Group');

  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('table', { name: 'History' });
  await expect(history).toContainText('Stage');
  await expect(history).toContainText('Active');
  await saveScreenshot(page, 'client-edited-inline');

  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete client' }).click();
  await expect(page.getByText('Steppe Motors Group was deleted.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Clients', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('client-name')).toHaveText(['Steppe Motors Group']);
});

test('create a follow-up from anywhere through the palette', async ({ openApp, dataDir }) => {
  await seedData(dataDir, (api) => api.call('clients.create', { name: 'Altyn Dala', kind: 'company' }));
  const page = await openApp();
  await page.getByRole('link', { name: 'Deals' }).click();
  await page.keyboard.press('ControlOrMeta+k');
  await page.keyboard.type('follow');
  await page.getByTestId('palette-item').filter({ hasText: 'New follow-up' }).click();
  const dialog = page.getByRole('dialog', { name: 'New follow-up' });
  await dialog.getByLabel('Client').fill('alty');
  await page.getByRole('option', { name: 'Altyn Dala' }).click();
  await dialog.getByLabel('What to do').fill('Prepare the contract draft');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('link', { name: 'Follow-ups' }).click();
  await expect(page.getByTestId('followup')).toContainText('Prepare the contract draft');
  await expect(page.getByTestId('followup')).toContainText('Altyn Dala');
  await saveScreenshot(page, 'followup-from-palette');
});

test('merge a duplicate client into the one to keep, undo it, and follow an old link', async ({
  openApp,
  dataDir,
}) => {
  const { keep, dup } = await seedData(dataDir, async (api) => {
    const keep = await api.call('clients.create', { name: 'Nomad Telecom', kind: 'company' });
    const dup = await api.call('clients.create', {
      name: 'Nomad Telecom JSC',
      kind: 'company',
      website: 'https://nomad.kz',
    });
    await api.call('interactions.log', { clientId: dup.id, kind: 'call', summary: 'Asked about fibre' });
    return { keep, dup };
  });
  const page = await openApp();
  const base = page.url().split('#')[0] ?? '';
  const merge = async () => {
    await page.goto(`${base}#/client/${dup.id}`);
    await expect(page.getByTestId('client-title')).toHaveText('Nomad Telecom JSC');
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Merge into another client…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge “Nomad Telecom JSC” into another client' });
    // Merging needs a client to keep; the duplicate itself is never offered.
    await dialog.getByText(/^Use this when/).click();
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await expect(dialog.getByText('Choose the client to keep.')).toBeVisible();
    await dialog.getByLabel('Client to keep').fill('Nomad');
    await expect(page.getByRole('option')).toHaveText(['Nomad Telecom']);
    await page.getByRole('option', { name: 'Nomad Telecom' }).click();
    await expect(dialog.getByText('Keep Nomad Telecom')).toBeVisible();
    await saveScreenshot(page, 'client-merge-dialog');
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Nomad Telecom JSC was merged into Nomad Telecom.')).toBeVisible();
    await expect(page.getByTestId('client-title')).toHaveText('Nomad Telecom');
    expect(page.url()).toContain(keep.id);
    await expect(page.locator('.mantine-Timeline-root')).toContainText('Asked about fibre');
  };

  await merge();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('Undone.')).toBeVisible();
  await expect(
    page.getByText('Nothing has happened with this client yet. Log the first call.'),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByTestId('client-name')).toHaveText(['Nomad Telecom', 'Nomad Telecom JSC']);

  // The duplicate's page suggests the client it duplicates (same name, legal form aside): merge from there.
  await page.goto(`${base}#/client/${dup.id}`);
  const hint = page.getByRole('region', { name: 'This may be the same client as' });
  await expect(hint.getByTestId('possible-duplicate')).toHaveText([/Nomad Telecom\s*same name/]);
  await saveScreenshot(page, 'client-possible-duplicate');
  await hint.getByRole('button', { name: 'Merge into it…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge “Nomad Telecom JSC” into another client' });
  await expect(dialog.getByText('Keep Nomad Telecom')).toBeVisible();
  await expect(dialog.getByLabel('Client to keep')).toHaveValue('Nomad Telecom');
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByText('Nomad Telecom JSC was merged into Nomad Telecom.')).toBeVisible();
  await expect(page.getByTestId('client-title')).toHaveText('Nomad Telecom');
  await expect(page.getByRole('region', { name: 'This may be the same client as' })).toBeHidden();
  await page.getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByTestId('client-name')).toHaveText(['Nomad Telecom']);
  // An old link to the duplicate leads to the client it went into.
  await page.goto(`${base}#/client/${dup.id}`);
  await expect(page.getByRole('heading', { name: 'This client was merged into another one' })).toBeVisible();
  await page.getByRole('link', { name: 'Open the client it was merged into' }).click();
  await expect(page.getByTestId('client-title')).toHaveText('Nomad Telecom');
});
