import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../server/app.ts';
import { SyncService } from '../../server/service.ts';
import { openSqliteStore } from '../../server/store.ts';
import { expect, launchChromium, saveScreenshot, startPreview, test } from './fixtures.ts';

/** A sync server on 127.0.0.1 with a team of two, for the length of one test. */
async function startSyncServer() {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-e2e-server-'));
  const store = await openSqliteStore(join(dir, 'server.db'));
  const service = new SyncService({ store });
  await service.createTeam({
    name: 'Steppe',
    adminEmail: 'aigerim@steppe.kz',
    adminPassword: 'password one',
  });
  await service.addUser({
    team: 'Steppe',
    email: 'dmitry@steppe.kz',
    password: 'password two',
    role: 'member',
  });
  let app = buildServer({ service });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const port = address.port;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    service,
    /** The network is gone for everyone (field work): the server stops answering. */
    pause: () => app.close(),
    /** The network is back: the same server answers again on the same address. */
    resume: async () => {
      app = buildServer({ service });
      await app.listen({ host: '127.0.0.1', port });
    },
    stop: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function connect(page: Page, serverUrl: string, email: string, password: string) {
  await page.getByRole('link', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Connect to the team server' });
  await form.getByLabel('Server address').fill(serverUrl);
  await form.getByLabel('Email').fill(email);
  await form.getByRole('textbox', { name: 'Password' }).fill(password);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText(`Connected as ${email} to ${serverUrl}`)).toBeVisible();
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/);
}

async function syncNow(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/);
}

test('two laptops sync through one server: new clients, edits to different fields, and a conflict to review', async ({
  openApp,
}) => {
  // Two apps, a server and some forty steps: about 30 s alone, twice that beside another worker on CI's 2 cores.
  test.setTimeout(150_000);
  const server = await startSyncServer();
  const otherDir = mkdtempSync(join(tmpdir(), 'rapport-e2e-'));
  const otherPreview = await startPreview(otherDir);
  const browser = await launchChromium();
  try {
    const a = await openApp();
    const b = await browser.newPage({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await b.goto(otherPreview.url);

    await connect(a, server.url, 'aigerim@steppe.kz', 'password one');
    await connect(b, server.url, 'dmitry@steppe.kz', 'password two');
    await saveScreenshot(a, 'sync-connected');

    // A client created on laptop A appears on laptop B.
    await a.keyboard.press('ControlOrMeta+n');
    await a.getByRole('dialog').getByLabel('Name').fill('Shared Steppe Client');
    await a.keyboard.press('Enter');
    await expect(a.getByTestId('client-name')).toHaveText(['Shared Steppe Client']);
    await syncNow(a);
    await syncNow(b);
    await b.getByRole('link', { name: 'Clients' }).click();
    await expect(b.getByTestId('client-name')).toHaveText(['Shared Steppe Client']);

    // Offline edits to different fields both survive; the same note edited on both lands in the inbox.
    await server.pause();
    await a.getByRole('link', { name: 'Clients' }).click();
    await a.getByTestId('client-name').click();
    await b.getByTestId('client-name').click();
    await a.getByRole('button', { name: 'Stage: Prospect. Change' }).click();
    await a.getByRole('menuitem', { name: 'Active' }).click();
    await b.getByRole('button', { name: 'Mark as VIP' }).click();
    for (const [page, note] of [
      [a, 'Call before noon'],
      [b, 'Prefers WhatsApp'],
    ] as const) {
      await page.getByRole('button', { name: 'More actions' }).click();
      await page.getByRole('menuitem', { name: /Edit client/ }).click();
      await page.getByRole('dialog').getByLabel('Notes', { exact: true }).fill(note);
      await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('dialog')).toBeHidden();
    }
    await server.resume();
    await syncNow(a);
    await syncNow(b);
    await syncNow(a);

    for (const page of [a, b]) {
      await page.getByRole('link', { name: 'Clients' }).click();
      await page.getByTestId('client-name').click();
      await expect(page.getByRole('button', { name: 'Stage: Active. Change' })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Remove the VIP mark' })).toBeVisible();
    }
    // Laptop A's note lost to B's newer one; it waits in A's inbox, nothing typed is lost.
    await a.getByRole('link', { name: 'Settings' }).click();
    const inbox = a.getByRole('region', { name: 'Edits to review' });
    await expect(inbox.getByTestId('conflict')).toContainText('Call before noon');
    await expect(inbox.getByTestId('conflict')).toContainText('Prefers WhatsApp');
    await saveScreenshot(a, 'sync-conflict-inbox');
    await inbox.getByRole('button', { name: 'Save combined' }).click();
    await expect(inbox).toBeHidden();
    await syncNow(a);
    await syncNow(b);
    await b.getByRole('link', { name: 'Clients' }).click();
    await b.getByTestId('client-name').click();
    await b.getByRole('button', { name: 'More actions' }).click();
    await b.getByRole('menuitem', { name: /Edit client/ }).click();
    await expect(b.getByRole('dialog').getByLabel('Notes', { exact: true })).toHaveValue(
      'Prefers WhatsApp\nCall before noon',
    );
    await b.keyboard.press('Escape');

    // The admin revokes the member's laptop (lost, say): it is told why it no longer syncs.
    await b.getByRole('link', { name: 'Settings' }).click();
    const bDevices = b.getByRole('region', { name: 'Laptops of the team' });
    await expect(bDevices.getByTestId('device')).toHaveCount(2);
    await expect(bDevices.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
    await a.getByRole('link', { name: 'Settings' }).click();
    const aDevices = a.getByRole('region', { name: 'Laptops of the team' });
    await aDevices.getByRole('button', { name: /^Revoke .*dmitry@steppe\.kz/ }).click();
    await expect(aDevices.getByRole('alertdialog')).toContainText('can no longer sync');
    await saveScreenshot(a, 'sync-revoke-laptop');
    await aDevices.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(aDevices.getByText('revoked, can no longer sync')).toBeVisible();
    await b.getByRole('button', { name: 'Sync now' }).click();
    await expect(b.getByText(/disconnected from the team/).first()).toBeVisible();
  } finally {
    await browser.close();
    await otherPreview.stop();
    rmSync(otherDir, { recursive: true, force: true });
    await server.stop();
  }
});

test('a value an old app left on the server is set aside, shown with what is wrong, and the rest syncs', async ({
  openApp,
}) => {
  const server = await startSyncServer();
  try {
    const page = await openApp();
    await connect(page, server.url, 'aigerim@steppe.kz', 'password one');
    // An older server version stored what an old app pushed, unchecked: a flag that is not one, and a
    // client whose name is a number.
    const team = await server.service.db.selectFrom('team').select('id').executeTakeFirstOrThrow();
    const good = '0190a5b2-0000-7000-8000-0000000000c1';
    const broken = '0190a5b2-0000-7000-8000-0000000000c2';
    const hlc = '0190a5b20000-00000-oldapp';
    const rows: [string, string, string][] = [
      [good, 'created_at', '"2026-11-30T10:00:00.000Z"'],
      [good, 'name', '"Old App Client"'],
      [good, 'kind', '"company"'],
      [good, 'vip', '"yes"'],
      [broken, 'created_at', '"2026-11-30T10:00:00.000Z"'],
      [broken, 'name', '42'],
      [broken, 'kind', '"person"'],
    ];
    for (const [rowId, field, value] of rows) {
      const key = { team_id: team.id, table_name: 'client', row_id: rowId, field };
      await server.service.db
        .insertInto('change')
        .values({
          ...key,
          value,
          hlc,
          device_id: 'oldapp',
          counter: 1,
          seen_seq: 0,
          received_at: '2026-11-30T10:00:00.000Z',
        })
        .execute();
      await server.service.db
        .insertInto('field_state')
        .values({ ...key, value, hlc })
        .execute();
    }
    await syncNow(page);
    const setAside = page.getByRole('region', { name: 'Changes set aside' });
    await expect(setAside.getByTestId('set-aside')).toHaveCount(4);
    await expect(setAside.getByText('This field has the wrong kind of value.')).toHaveCount(2);
    await expect(setAside.getByText('VIP', { exact: true })).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 720 });
    await setAside.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'sync-set-aside-1280');
    await page.setViewportSize({ width: 1400, height: 900 });
    await saveScreenshot(page, 'sync-set-aside-1400');
    // Seen, the bad flag is discarded after saying what that means; the other three stay.
    await setAside.getByRole('button', { name: 'Discard the change set aside: Client, VIP' }).click();
    const confirm = setAside.getByRole('alertdialog', { name: 'Discard' });
    await expect(confirm).toContainText('will never be used');
    await saveScreenshot(page, 'sync-set-aside-discard');
    await confirm.getByRole('button', { name: 'Discard for good' }).click();
    await expect(setAside.getByTestId('set-aside')).toHaveCount(3);
    await expect(setAside.getByText('VIP', { exact: true })).toHaveCount(0);
    // The good part of the same record arrived; sync is not stuck.
    await expect(page.getByTestId('sync-indicator')).toHaveText(/Synced/);
    await page.getByRole('link', { name: 'Clients' }).click();
    await expect(page.getByTestId('client-name')).toHaveText(['Old App Client']);
  } finally {
    await server.stop();
  }
});
