// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClientRequests } from '../../../renderer/src/features/client/ClientRequests.tsx';
import { prepareDom, renderUi } from '../../support/render-ui.tsx';
import { useTestBackends } from '../../support/open-test-backend.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();
beforeAll(prepareDom);
afterEach(cleanup);

describe('a client’s service requests', () => {
  it('take the client’s satisfaction in stars, and the request keeps it', async () => {
    const { api } = await openBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Steppe Motors', kind: 'company' });
    const request = await api.call('serviceRequests.open', {
      clientId: client.id,
      title: 'Engine light on',
      status: 'resolved',
    });
    renderUi(api, <ClientRequests clientId={client.id} />);
    await screen.findByText('Engine light on');
    // Keyboard first: the arrows move between the stars, Enter records the one reached.
    fireEvent.keyDown(screen.getByLabelText('4 of 5 stars'), { key: 'Enter' });
    await waitFor(async () =>
      expect((await api.call('serviceRequests.get', { id: request.id })).rating).toBe(4),
    );
  });
});
