// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import type { DueFollowup } from '../../../shared/domain/followup.ts';
import { catalogs } from '../../../shared/i18n/index.ts';
import { ApiProvider } from '../../../renderer/src/api/ApiProvider.tsx';
import { CallLogger } from '../../../renderer/src/features/calls/CallLogger.tsx';
import { openCallLogger } from '../../../renderer/src/features/calls/callLoggerStore.ts';
import { FollowupItem } from '../../../renderer/src/features/followups/FollowupItem.tsx';
import { SyncIndicator } from '../../../renderer/src/features/sync/SyncIndicator.tsx';

beforeAll(async () => {
  // What a browser has and jsdom lacks, for Mantine (assigned as jsdom leaves them out).
  Object.assign(window, {
    matchMedia: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
  Object.assign(globalThis, {
    ResizeObserver: class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  });
  Object.assign(Element.prototype, { scrollIntoView: () => undefined });
  // Autosizing text areas wait for web fonts.
  if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget() });
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: catalogs.en } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});
afterEach(cleanup);

type Calls = { method: string; input: unknown }[];

/** A fake API that records calls and answers from `answers`. */
function fakeApi(answers: Record<string, (input: never) => unknown>): { api: ApiClient; calls: Calls } {
  const calls: Calls = [];
  const api = {
    call: vi.fn((method: string, input: unknown) => {
      calls.push({ method, input });
      const answer = answers[method];
      return answer
        ? Promise.resolve(answer(input as never))
        : Promise.reject(new Error(`unexpected ${method}`));
    }),
    on: () => () => undefined,
  } as unknown as ApiClient;
  return { api, calls };
}

function wrap(api: ApiClient, children: ReactNode) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <I18nextProvider i18n={i18next}>
      <MantineProvider>
        <Notifications />
        <QueryClientProvider client={queryClient}>
          <ApiProvider api={api}>{children}</ApiProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}

const NOW = new Date(2026, 5, 10, 12, 0);
const followup: DueFollowup = {
  id: '0190a5b2-0000-7000-8000-000000000001',
  clientId: '0190a5b2-0000-7000-8000-000000000002',
  contactId: null,
  interactionId: null,
  dealId: null,
  title: 'Send the price list',
  notes: null,
  dueAt: new Date(2026, 5, 8, 12, 0).toISOString(),
  allDay: false,
  assigneeId: null,
  priority: 'high',
  status: 'open',
  completedAt: null,
  createdAt: '2026-06-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
  deletedAt: null,
  clientName: 'Acme',
  contactName: 'Dana',
};

describe('FollowupItem', () => {
  it('says how overdue it is and completes in one click, offering undo', async () => {
    const { api, calls } = fakeApi({ 'followups.complete': () => ({ ...followup, status: 'done' }) });
    render(wrap(api, <FollowupItem followup={followup} now={NOW} />));
    expect(screen.getByText('2 days overdue')).toBeTruthy();
    expect(screen.getByText('High')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe(
      `#/client/${followup.clientId}`,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Mark “Send the price list” as done' }));
    await waitFor(() =>
      expect(calls).toEqual([{ method: 'followups.complete', input: { id: followup.id } }]),
    );
    await screen.findByText('Done: Send the price list');
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
  });

  it('reads an all-day follow-up due today as due today, not overdue', () => {
    const { api } = fakeApi({});
    const allDay = {
      ...followup,
      allDay: true,
      dueAt: new Date(2026, 5, 10).toISOString(),
      priority: 'normal' as const,
    };
    render(wrap(api, <FollowupItem followup={allDay} now={NOW} />));
    expect(screen.getByText('Due today')).toBeTruthy();
  });
});

describe('CallLogger', () => {
  it('saves a call with a next step tomorrow morning: summary, Ctrl+1, Enter', async () => {
    const clientId = followup.clientId;
    const { api, calls } = fakeApi({
      'clients.get': () => ({ id: clientId, name: 'Acme' }),
      'contacts.list': () => ({
        items: [{ id: '0190a5b2-0000-7000-8000-000000000003', name: 'Dana', role: 'Buyer' }],
        nextCursor: null,
      }),
      'interactions.log': () => ({
        interaction: {},
        followup: { title: 'Send the price list', dueAt: new Date().toISOString() },
      }),
    });
    render(wrap(api, <CallLogger />));
    act(() => openCallLogger({ clientId }));
    const summary = await screen.findByLabelText('What was said');
    await screen.findByText('Acme');
    fireEvent.change(summary, { target: { value: 'Send the price list' } });
    fireEvent.keyDown(document.documentElement, { key: '1', code: 'Digit1', ctrlKey: true });
    await screen.findByText(/The follow-up will be due/);
    // The primary contact (listed first) is who was called unless the user picks another.
    await waitFor(() => expect(screen.getByDisplayValue('Dana — Buyer')).toBeTruthy());
    fireEvent.keyDown(summary, { key: 'Enter' });
    await waitFor(() => expect(calls.some((call) => call.method === 'interactions.log')).toBe(true));
    const logged = calls.find((call) => call.method === 'interactions.log')?.input as Record<string, unknown>;
    const tomorrowNine = new Date();
    tomorrowNine.setDate(tomorrowNine.getDate() + 1);
    tomorrowNine.setHours(9, 0, 0, 0);
    expect(logged).toMatchObject({
      clientId,
      contactId: '0190a5b2-0000-7000-8000-000000000003',
      kind: 'call',
      direction: 'outbound',
      outcome: 'reached',
      summary: 'Send the price list',
      nextStep: { dueAt: tomorrowNine.toISOString() },
    });
    await screen.findByText('Call logged');
  });

  it('refuses an unreadable duration and saves nothing', async () => {
    const { api, calls } = fakeApi({
      'clients.get': () => ({ id: followup.clientId, name: 'Acme' }),
      'contacts.list': () => ({ items: [], nextCursor: null }),
    });
    render(wrap(api, <CallLogger />));
    act(() => openCallLogger({ clientId: followup.clientId }));
    const duration = await screen.findByLabelText('Duration');
    fireEvent.change(duration, { target: { value: 'a while' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the call' }));
    await screen.findByText(/Write the duration as minutes/);
    expect(calls.some((call) => call.method === 'interactions.log')).toBe(false);
  });
});

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

  it('counts the records a long first sync has brought so far', async () => {
    const { api } = fakeApi({ 'sync.status': () => ({ ...status, state: 'syncing', received: 12000 }) });
    render(wrap(api, <SyncIndicator />));
    await waitFor(() => {
      expect(screen.getByTestId('sync-indicator').textContent).toBe('Receiving… 12,000 records');
    });
  });

  it('says how many changes wait to be sent, and a problem in words', async () => {
    const { api } = fakeApi({ 'sync.status': () => ({ ...status, state: 'pending', pending: 3 }) });
    render(wrap(api, <SyncIndicator />));
    await waitFor(() => {
      expect(screen.getByTestId('sync-indicator').textContent).toBe('3 not yet sent');
    });
    cleanup();
    const failing = fakeApi({
      'sync.status': () => ({ ...status, state: 'error', lastError: 'The email or the password is wrong.' }),
    });
    render(wrap(failing.api, <SyncIndicator />));
    await screen.findByRole('button', { name: 'Sync: Sync problem' });
  });
});
