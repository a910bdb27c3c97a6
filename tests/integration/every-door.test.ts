import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/paths.ts';
import type { FieldIssue } from '../../shared/api/errors.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();

const NOW = new Date('2026-11-23T09:00:00.000Z');

async function setup() {
  const dataDir = tempDir();
  const opened = await openTestBackend(dataDir, { now: () => NOW, sync: false, dailyBackups: false });
  const client = await opened.api.call('clients.create', { name: 'Qazaq Agro', kind: 'company' });
  return { ...opened, dataDir, client };
}

/** The field and rule of each issue of a refused call. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; issues: Partial<FieldIssue>[] }> {
  const error = await appErrorOf(call);
  const issues = (error.details?.issues ?? []).map(({ path, rule }) => ({ path, rule }));
  return { code: error.code, issues };
}

describe('cross-field rules hold on update as on create', () => {
  it('refuses moving an invoice’s due date before its stored issue date, and keeps the invoice', async () => {
    const { api, client } = await setup();
    const invoice = await api.call('payments.record', {
      clientId: client.id,
      kind: 'invoice',
      amount: 1000,
      currency: 'KZT',
      issuedOn: '2026-11-10',
      dueOn: '2026-11-24',
    });
    expect(await refusal(api.call('payments.update', { id: invoice.id, dueOn: '2026-11-01' }))).toEqual({
      code: 'validation',
      issues: [{ path: 'dueOn', rule: 'dateOrder' }],
    });
    expect(await refusal(api.call('payments.update', { id: invoice.id, issuedOn: '2026-12-01' }))).toEqual({
      code: 'validation',
      issues: [{ path: 'dueOn', rule: 'dateOrder' }],
    });
    expect(await refusal(api.call('payments.update', { id: invoice.id, paidOn: '2026-11-09' }))).toEqual({
      code: 'validation',
      issues: [{ path: 'paidOn', rule: 'dateOrder' }],
    });
    expect(await api.call('payments.get', { id: invoice.id })).toMatchObject({
      issuedOn: '2026-11-10',
      dueOn: '2026-11-24',
      paidOn: null,
    });
    // A change that keeps the order is accepted.
    expect(await api.call('payments.update', { id: invoice.id, dueOn: '2026-11-30' })).toMatchObject({
      dueOn: '2026-11-30',
    });
  });

  it('checks the decimals of a changed amount or currency against the stored other half', async () => {
    const { api, client } = await setup();
    const payment = await api.call('payments.record', {
      clientId: client.id,
      kind: 'payment',
      amount: 12.5,
      currency: 'KZT',
    });
    expect(await refusal(api.call('payments.update', { id: payment.id, currency: 'JPY' }))).toEqual({
      code: 'validation',
      issues: [{ path: 'amount', rule: 'amount' }],
    });
    expect(await refusal(api.call('payments.update', { id: payment.id, amount: 1.234 }))).toEqual({
      code: 'validation',
      issues: [{ path: 'amount', rule: 'amount' }],
    });
    expect(await api.call('payments.get', { id: payment.id })).toMatchObject({
      amount: 12.5,
      currency: 'KZT',
    });
  });

  it('refuses a due date before the default issue date (today) when an invoice is recorded', async () => {
    const { api, client } = await setup();
    const refused = api.call('payments.record', {
      clientId: client.id,
      kind: 'invoice',
      amount: 10,
      currency: 'USD',
      dueOn: '2026-11-01',
    });
    expect(await refusal(refused)).toEqual({
      code: 'validation',
      issues: [{ path: 'dueOn', rule: 'dateOrder' }],
    });
    expect((await api.call('payments.list', { clientId: client.id })).items).toEqual([]);
  });

  it('refuses moving a campaign’s end before its stored start', async () => {
    const { api } = await setup();
    const campaign = await api.call('campaigns.create', {
      name: 'Spring fair',
      startsOn: '2027-03-01',
      endsOn: '2027-03-10',
    });
    expect(await refusal(api.call('campaigns.update', { id: campaign.id, endsOn: '2027-02-01' }))).toEqual({
      code: 'validation',
      issues: [{ path: 'endsOn', rule: 'dateOrder' }],
    });
    expect(await refusal(api.call('campaigns.update', { id: campaign.id, startsOn: '2027-04-01' }))).toEqual({
      code: 'validation',
      issues: [{ path: 'endsOn', rule: 'dateOrder' }],
    });
    expect(await api.call('campaigns.get', { id: campaign.id })).toMatchObject({
      startsOn: '2027-03-01',
      endsOn: '2027-03-10',
    });
  });
});

describe('time zones are checked where they enter', () => {
  it('answers a validation error for an unknown zone in a logged call’s next step, and logs nothing', async () => {
    const { api, client, logged } = await setup();
    const call = api.call('interactions.log', {
      clientId: client.id,
      kind: 'call',
      summary: 'Call back',
      nextStep: { dueOn: '2026-11-25', timeZone: 'Mars/Olympus_Mons' },
    });
    expect(await refusal(call)).toEqual({
      code: 'validation',
      issues: [{ path: 'nextStep.timeZone', rule: 'timeZone' }],
    });
    expect((await api.call('interactions.timeline', { clientId: client.id })).items).toEqual([]);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('answers a validation error for an unknown zone when loading the demo, and loads nothing', async () => {
    const { api, logged } = await openTestBackend(tempDir(), {
      now: () => NOW,
      sync: false,
      dailyBackups: false,
    });
    expect(await refusal(api.call('app.loadDemo', { timeZone: 'Europe/Atlantis' }))).toEqual({
      code: 'validation',
      issues: [{ path: 'timeZone', rule: 'timeZone' }],
    });
    expect((await api.call('clients.list', {})).items).toEqual([]);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('“not a duplicate” takes only a live client other than itself', () => {
  it('refuses the client itself, a random id and a deleted client, and stores nothing for them', async () => {
    const { api, backend, client, dataDir } = await setup();
    const deleted = await api.call('clients.create', { name: 'Qazaq Agro LLP', kind: 'company' });
    await api.call('clients.delete', { id: deleted.id });
    expect(
      await refusal(api.call('clients.dismissDuplicate', { id: client.id, otherId: client.id })),
    ).toEqual({
      code: 'validation',
      issues: [{ path: 'otherId', rule: 'same_client' }],
    });
    for (const otherId of ['0190f0f0-0000-7000-8000-000000000000', deleted.id]) {
      const error = await appErrorOf(api.call('clients.dismissDuplicate', { id: client.id, otherId }));
      expect(error).toMatchObject({ code: 'not_found', details: { field: 'otherId', id: otherId } });
    }
    backend.close();
    const sqlite = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const stored = sqlite.prepare("SELECT value FROM local_meta WHERE key = 'duplicates.dismissed'").get();
    sqlite.close();
    expect(stored).toBeUndefined();
  });
});

describe('“not a duplicate” pairs stored by earlier versions', () => {
  it('drop the pairs of ids that are no client on the next dismissal, and keep the real ones', async () => {
    const { api, backend, client, dataDir } = await setup();
    const other = await api.call('clients.create', { name: 'Qazaq Agro Trade', kind: 'company' });
    const third = await api.call('clients.create', { name: 'Qazaq Agro Group', kind: 'company' });
    await api.call('clients.delete', { id: third.id });
    backend.close();
    const file = join(dataDir, DATABASE_FILE);
    const junk = Array.from(
      { length: 300 },
      (_, i) => `${client.id} 0190f0f0-0000-7000-8000-${String(i).padStart(12, '0')}`,
    );
    const kept = [client.id, third.id].sort().join(' ');
    const write = new Database(file);
    write
      .prepare("INSERT INTO local_meta (key, value) VALUES ('duplicates.dismissed', ?)")
      .run(JSON.stringify([...junk, kept]));
    write.close();

    const reopened = await openTestBackend(dataDir, { now: () => NOW, sync: false, dailyBackups: false });
    await reopened.api.call('clients.dismissDuplicate', { id: client.id, otherId: other.id });
    reopened.backend.close();
    const read = new Database(file, { readonly: true });
    const stored = read.prepare("SELECT value FROM local_meta WHERE key = 'duplicates.dismissed'").get() as {
      value: string;
    };
    read.close();
    expect(JSON.parse(stored.value)).toEqual([kept, [client.id, other.id].sort().join(' ')]);
  });
});

describe('text fields refuse what nobody can see or type', () => {
  it('refuses a required name made only of invisible characters', async () => {
    const { api, client } = await setup();
    for (const name of ['\u200b\u200b', '\ufeff', '\u2060 \u200d', '\u3164', ' \u00ad ']) {
      expect(await refusal(api.call('contacts.create', { clientId: client.id, name }))).toEqual({
        code: 'validation',
        issues: [{ path: 'name', rule: 'too_small' }],
      });
    }
    expect((await api.call('contacts.list', { clientId: client.id })).items).toEqual([]);
  });

  it('trims invisible ends but keeps emoji, joiners and selectors that belong to what is seen', async () => {
    const { api, client } = await setup();
    const contact = await api.call('contacts.create', {
      clientId: client.id,
      name: '\u200b Aigerim ❤️\u200b',
      role: '\u200b',
      notes: 'Family: 👨‍👩‍👧\nLine two\tTabbed',
    });
    expect(contact).toMatchObject({ name: 'Aigerim ❤️', role: null, notes: 'Family: 👨‍👩‍👧\nLine two\tTabbed' });
  });

  it('refuses control characters and unpaired surrogates, naming the field', async () => {
    const { api, client } = await setup();
    const bad = { control: 'Aigerim\u0007', nul: 'Ai\u0000gerim', lone: 'Aigerim \ud83d' };
    for (const name of Object.values(bad)) {
      expect(await refusal(api.call('contacts.create', { clientId: client.id, name }))).toEqual({
        code: 'validation',
        issues: [{ path: 'name', rule: 'text' }],
      });
    }
    expect(await refusal(api.call('clients.update', { id: client.id, notes: 'a\u001bb' }))).toEqual({
      code: 'validation',
      issues: [{ path: 'notes', rule: 'text' }],
    });
    const email = api.call('contacts.create', {
      clientId: client.id,
      name: 'Aigerim',
      emails: [{ value: 'aigerim\u200b@steppe.kz' }],
    });
    expect(await refusal(email)).toEqual({
      code: 'validation',
      issues: [{ path: 'emails.0.value', rule: 'email' }],
    });
    // The text that settles a sync conflict is written into a note like any other.
    const combined = api.call('sync.resolveConflict', { id: 1, choice: 'combined', text: 'A\u0000B' });
    expect(await refusal(combined)).toEqual({ code: 'validation', issues: [{ path: 'text', rule: 'text' }] });
  });
});

describe('a JSON body of null is refused, not read as “no input”', () => {
  it('does not undo anything when history.undo is sent null', async () => {
    const { api, backend, client } = await setup();
    const envelope = await backend.dispatch('history.undo', null);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await api.call('clients.get', { id: client.id })).toMatchObject({ name: 'Qazaq Agro' });
    // A call with no input at all still means "nothing to say".
    expect(await backend.dispatch('history.undo', undefined)).toMatchObject({ ok: true });
  });

  it('refuses null for a network method too', async () => {
    const { backend } = await setup();
    expect(await backend.dispatch('sync.disconnect', null)).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });
});

describe('a sync server address the platform cannot open is a validation error', () => {
  it('refuses an impossible port without trying to reach it', async () => {
    const { api } = await setup();
    for (const serverUrl of ['http://host:99999', 'https://sync example.com']) {
      expect(
        await refusal(
          api.call('sync.connect', { serverUrl, email: 'aigerim@steppe.kz', password: 'secret' }),
        ),
      ).toEqual({ code: 'validation', issues: [{ path: 'serverUrl', rule: 'website' }] });
    }
    expect(await api.call('sync.status', {})).toMatchObject({ state: 'off', serverUrl: null });
  });
});
