// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import { CallLogger } from '../../../renderer/src/features/calls/CallLogger.tsx';
import { openCallLogger } from '../../../renderer/src/features/calls/callLoggerStore.ts';
import { FollowupItem } from '../../../renderer/src/features/followups/FollowupItem.tsx';
import { SyncIndicator } from '../../../renderer/src/features/sync/SyncIndicator.tsx';
import { prepareDom, renderUi } from '../../support/render-ui.tsx';
import { useTestBackends } from '../../support/open-test-backend.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();
beforeAll(prepareDom);
afterEach(cleanup);

const NOW = new Date(2026, 5, 10, 12, 0);

/** A client with a primary contact and a follow-up that was due two days before NOW. */
async function acmeWithOverdueFollowup(api: ApiClient) {
  const client = await api.call('clients.create', { name: 'Acme', kind: 'company' });
  const dana = await api.call('contacts.create', {
    clientId: client.id,
    name: 'Dana',
    role: 'Buyer',
    isPrimary: true,
  });
  const created = await api.call('followups.create', {
    clientId: client.id,
    contactId: dana.id,
    title: 'Send the price list',
    dueAt: new Date(2026, 5, 8, 12, 0).toISOString(),
    priority: 'high',
  });
  const due = await api.call('followups.listDue', { to: new Date(2099, 0, 1).toISOString() });
  const followup = due.items.find((item) => item.id === created.id);
  if (!followup) throw new Error('the follow-up is not due');
  return { client, dana, followup };
}

describe('FollowupItem', () => {
  it('says how overdue it is, completes in one click, and Undo opens it again', async () => {
    const { api } = await openBackend(tempDir());
    const { client, followup } = await acmeWithOverdueFollowup(api);
    renderUi(api, <FollowupItem followup={followup} now={NOW} />);
    expect(screen.getByText('2 days overdue')).toBeTruthy();
    expect(screen.getByText('High')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe(`#/client/${client.id}`);

    fireEvent.click(screen.getByRole('button', { name: 'Mark “Send the price list” as done' }));
    await screen.findByText('Done: Send the price list');
    expect((await api.call('followups.get', { id: followup.id })).status).toBe('done');

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () =>
      expect((await api.call('followups.get', { id: followup.id })).status).toBe('open'),
    );
  });

  it('reads an all-day follow-up due today as due today, not overdue', async () => {
    const { api } = await openBackend(tempDir());
    const { followup } = await acmeWithOverdueFollowup(api);
    const allDay = { ...followup, allDay: true, dueAt: new Date(2026, 5, 10).toISOString() };
    renderUi(api, <FollowupItem followup={allDay} now={NOW} />);
    expect(screen.getByText('Due today')).toBeTruthy();
  });
});

describe('CallLogger', () => {
  it('saves a call with a next step tomorrow morning: summary, Ctrl+1, Enter', async () => {
    const { api } = await openBackend(tempDir());
    const { client, dana } = await acmeWithOverdueFollowup(api);
    renderUi(api, <CallLogger />);
    act(() => openCallLogger({ clientId: client.id }));
    const summary = await screen.findByLabelText('What was said');
    await screen.findByText('Acme');
    fireEvent.change(summary, { target: { value: 'Agreed on the spring order' } });
    fireEvent.keyDown(document.documentElement, { key: '1', code: 'Digit1', ctrlKey: true });
    await screen.findByText(/The follow-up will be due/);
    // The primary contact (listed first) is who was called unless the user picks another.
    await waitFor(() => expect(screen.getByDisplayValue('Dana — Buyer')).toBeTruthy());
    fireEvent.keyDown(summary, { key: 'Enter' });
    await screen.findByText('Call logged');

    const timeline = await api.call('interactions.timeline', { clientId: client.id });
    expect(timeline.items).toHaveLength(1);
    expect(timeline.items[0]).toMatchObject({
      contactId: dana.id,
      kind: 'call',
      direction: 'outbound',
      outcome: 'reached',
      summary: 'Agreed on the spring order',
    });
    const tomorrowNine = new Date();
    tomorrowNine.setDate(tomorrowNine.getDate() + 1);
    tomorrowNine.setHours(9, 0, 0, 0);
    const followups = await api.call('followups.list', { clientId: client.id });
    expect(followups.items.map((f) => f.dueAt)).toContain(tomorrowNine.toISOString());
  });

  it('refuses an unreadable duration and saves nothing', async () => {
    const { api } = await openBackend(tempDir());
    const { client } = await acmeWithOverdueFollowup(api);
    renderUi(api, <CallLogger />);
    act(() => openCallLogger({ clientId: client.id }));
    const duration = await screen.findByLabelText('Duration');
    fireEvent.change(duration, { target: { value: 'a while' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the call' }));
    await screen.findByText(/Write the duration as minutes/);
    expect((await api.call('interactions.timeline', { clientId: client.id })).items).toEqual([]);
  });

  it('asks who the call was with before saving, when opened from nowhere in particular', async () => {
    const { api } = await openBackend(tempDir());
    renderUi(api, <CallLogger />);
    act(() => openCallLogger({}));
    fireEvent.click(await screen.findByRole('button', { name: 'Save the call' }));
    await screen.findByText('Choose who you talked to.');
    expect((await api.call('interactions.recent', {})).items).toEqual([]);
  });
});

/**
 * Sync states come from a sync server over the network; the indicator only shows what `sync.status`
 * says, so these tests answer that one call by hand instead of running a server.
 */
describe('the sync indicator', () => {
  const status = {
    serverUrl: 'https://sync.example.kz',
    email: 'aigerim@steppe.kz',
    pending: 0,
    lastSuccessAt: null,
    lastError: null,
    conflicts: 0,
    received: null,
  };
  const answering = (answer: Record<string, unknown>): ApiClient => ({
    call: vi.fn((method: string) =>
      method === 'sync.status'
        ? Promise.resolve({ ...status, ...answer })
        : Promise.reject(new Error(method)),
    ) as ApiClient['call'],
    on: () => () => undefined,
  });

  it('counts the records a long first sync has brought so far', async () => {
    renderUi(answering({ state: 'syncing', received: 12000 }), <SyncIndicator />);
    await waitFor(() => {
      expect(screen.getByTestId('sync-indicator').textContent).toBe('Receiving… 12,000 records');
    });
  });

  it('says how many changes wait to be sent, and a problem in words', async () => {
    renderUi(answering({ state: 'pending', pending: 3 }), <SyncIndicator />);
    await waitFor(() => {
      expect(screen.getByTestId('sync-indicator').textContent).toBe('3 not yet sent');
    });
    cleanup();
    renderUi(
      answering({ state: 'error', lastError: 'The email or the password is wrong.' }),
      <SyncIndicator />,
    );
    await screen.findByRole('button', { name: 'Sync: Sync problem' });
  });
});
