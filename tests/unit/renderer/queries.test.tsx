// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import { REFETCH_INTERVAL_MS } from '../../../renderer/src/api/ApiProvider.tsx';
import { apiQueryKey, entitiesReadBy, entityOf } from '../../../renderer/src/api/queryEntities.ts';
import { useApiQuery } from '../../../renderer/src/api/useApiQuery.ts';
import { CallLogger } from '../../../renderer/src/features/calls/CallLogger.tsx';
import { openCallLogger } from '../../../renderer/src/features/calls/callLoggerStore.ts';
import { ClientContacts } from '../../../renderer/src/features/client/ClientContacts.tsx';
import { InlineOwner } from '../../../renderer/src/features/client/InlineEdits.tsx';
import { ClientsPage } from '../../../renderer/src/features/clients/ClientsPage.tsx';
import { prepareDom, renderUi, withProviders } from '../../support/render-ui.tsx';
import { useTestBackends } from '../../support/open-test-backend.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();
beforeAll(prepareDom);
afterEach(cleanup);

/** The text field labelled `label` (a Mantine Select labels its dropdown with the same words). */
async function findInput(label: string): Promise<HTMLInputElement> {
  const input = (await screen.findAllByLabelText(label)).find((el) => el instanceof HTMLInputElement);
  if (!(input instanceof HTMLInputElement)) throw new Error(`No input labelled ${label}`);
  return input;
}

describe('the cache key of a call', () => {
  it('is the entity, the method and the whole input', () => {
    expect(apiQueryKey('users.list', { limit: 200 })).toEqual(['teamMember', 'users.list', { limit: 200 }]);
    expect(apiQueryKey('users.list', { limit: 200, activeOnly: true })).not.toEqual(
      apiQueryKey('users.list', { limit: 200 }),
    );
    expect(entityOf('followups.listDue')).toBe('followup');
  });

  it('is refetched when something the answer shows changes', () => {
    // A client shows its tags, revenue and next follow-up; a due follow-up shows its client's name.
    expect([...entitiesReadBy('clients.get')]).toEqual(
      expect.arrayContaining(['client', 'tag', 'clientTag', 'payment', 'followup', 'interaction']),
    );
    expect(entitiesReadBy('followups.listDue').has('client')).toBe(true);
    expect(entitiesReadBy('deals.list').has('interaction')).toBe(false);
  });
});

describe('two screens asking the same method different things', () => {
  it('the owner menu offers active members only, even after the client list has shown everyone', async () => {
    const { api } = await openBackend(tempDir());
    await api.call('users.create', { name: 'Aigerim Active' });
    await api.call('users.create', { name: 'Bolat Left', active: false });
    const client = await api.call('clients.create', { name: 'Steppe Motors', kind: 'company' });

    // The Clients screen filters by any owner, the inactive too: their clients are still theirs.
    const { queryClient } = renderUi(api, <ClientsPage />);
    fireEvent.click(await findInput('Owner'));
    await screen.findByRole('option', { name: 'Bolat Left' });
    cleanup();

    // The same cache, as when the user then opens the client: only people who can own it are offered.
    render(withProviders(api, <InlineOwner client={client} />, queryClient));
    fireEvent.click(screen.getByRole('button', { name: 'Change the owner' }));
    const menu = await screen.findByRole('menu');
    await within(menu).findByRole('menuitem', { name: 'Aigerim Active' });
    expect(within(menu).queryByRole('menuitem', { name: 'Bolat Left' })).toBeNull();
  });

  it('the Contacts tab lists all 150 contacts after the call logger has loaded the first 100', async () => {
    const { api } = await openBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Many People LLP', kind: 'company' });
    for (let i = 0; i < 150; i++) {
      await api.call('contacts.create', {
        clientId: client.id,
        name: `Person ${String(i).padStart(3, '0')}`,
      });
    }

    const { queryClient } = renderUi(api, <CallLogger />);
    act(() => openCallLogger({ clientId: client.id }));
    await waitFor(() => expect(screen.getByDisplayValue('Person 000')).toBeTruthy());
    cleanup();

    render(withProviders(api, <ClientContacts clientId={client.id} />, queryClient));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(150));
  });
});

describe('refetching on the backend’s change events', () => {
  it('a member added elsewhere (another window, a sync) appears in the owner menu', async () => {
    const { api } = await openBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Nomad Telecom', kind: 'company' });
    renderUi(api, <InlineOwner client={client} />);
    fireEvent.click(screen.getByRole('button', { name: 'Change the owner' }));
    const menu = await screen.findByRole('menu');
    await within(menu).findByRole('menuitem', { name: 'No owner' });
    await api.call('users.create', { name: 'Dana New' });
    await within(menu).findByRole('menuitem', { name: 'Dana New' });
  });

  it('a burst of changes (an import writing batch after batch) refetches a few times, not once per change', async () => {
    const { api } = await openBackend(tempDir());
    let asked = 0;
    const counting: ApiClient = {
      on: (event, listener) => api.on(event, listener),
      call: (method, input) => {
        if (method === 'clients.list') asked++;
        return api.call(method, input);
      },
    };
    function ClientCount() {
      const list = useApiQuery('clients.list', {});
      return <p>{`clients: ${String(list.data?.items.length ?? '…')}`}</p>;
    }
    renderUi(counting, <ClientCount />);
    await screen.findByText('clients: 0');
    const started = Date.now();
    for (let i = 0; i < 40; i++) await api.call('clients.create', { name: `Client ${i}`, kind: 'company' });
    await screen.findByText('clients: 40');
    const rounds = Math.ceil((Date.now() - started) / REFETCH_INTERVAL_MS) + 1;
    expect(asked - 1).toBeLessThanOrEqual(rounds);
    expect(asked - 1).toBeLessThan(40);
  });
});
