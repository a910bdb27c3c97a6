// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClientContacts } from '../../../renderer/src/features/client/ClientContacts.tsx';
import { ClientPayments } from '../../../renderer/src/features/client/ClientPayments.tsx';
import { EditClientModal } from '../../../renderer/src/features/client/EditClientModal.tsx';
import { ConnectForm } from '../../../renderer/src/features/sync/ConnectForm.tsx';
import { prepareDom, renderUi } from '../../support/render-ui.tsx';
import { useTestBackends } from '../../support/open-test-backend.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();
beforeAll(prepareDom);
afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('en');
});

describe('forms check what the API would refuse, before sending it', () => {
  it('a contact with a malformed email is refused beside the field, in Russian, and nothing is saved', async () => {
    const { api } = await openBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Steppe Motors', kind: 'company' });
    await i18next.changeLanguage('ru');
    renderUi(api, <ClientContacts clientId={client.id} />);
    fireEvent.click(screen.getByRole('button', { name: 'Новый контакт' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(/Имя/), { target: { value: 'Aigerim' } });
    fireEvent.change(within(dialog).getByLabelText('Email'), { target: { value: 'aigerim@' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Сохранить' }));
    await within(dialog).findByText('Введите адрес почты, например name@example.com.');
    expect((await api.call('contacts.list', { clientId: client.id })).items).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('Email'), { target: { value: 'aigerim@steppe.kz' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Сохранить' }));
    await screen.findByRole('listitem', { name: 'Aigerim' });
    const [saved] = (await api.call('contacts.list', { clientId: client.id })).items;
    expect(saved?.emails).toEqual([expect.objectContaining({ value: 'aigerim@steppe.kz' })]);
  });

  it('editing a client refuses an empty name and a web address that is none, then saves the fix', async () => {
    const { api } = await openBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Nomad Telecom', kind: 'company' });
    renderUi(api, <EditClientModal client={client} opened onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'Edit client' });
    fireEvent.change(within(dialog).getByLabelText(/^Name/), { target: { value: '  ' } });
    fireEvent.change(within(dialog).getByLabelText('Website'), { target: { value: 'not a site' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByText('This field is required.');
    await within(dialog).findByText('Enter a web address such as example.com.');
    expect((await api.call('clients.get', { id: client.id })).name).toBe('Nomad Telecom');

    fireEvent.change(within(dialog).getByLabelText(/^Name/), { target: { value: 'Nomad Telecom JSC' } });
    fireEvent.change(within(dialog).getByLabelText('Website'), { target: { value: 'nomad.kz' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('Changes saved.');
    expect(await api.call('clients.get', { id: client.id })).toMatchObject({
      name: 'Nomad Telecom JSC',
      website: 'nomad.kz',
      // Fields left empty stay empty (null), not empty strings.
      industry: null,
    });
  });

  it('a payment without an amount asks for one and records nothing', async () => {
    const { api } = await openBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Quiet Quarry', kind: 'company' });
    renderUi(api, <ClientPayments clientId={client.id} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Record a payment' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await within(dialog).findByText('This field is required.');
    expect((await api.call('payments.list', { clientId: client.id })).items).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('Amount'), { target: { value: '150000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(async () =>
      expect((await api.call('payments.list', { clientId: client.id })).items).toEqual([
        expect.objectContaining({ kind: 'payment', amount: 150000, currency: 'KZT' }),
      ]),
    );
  });

  it('a sync server that does not answer is said for the whole form, and the laptop stays local', async () => {
    const { api } = await openBackend(tempDir());
    renderUi(api, <ConnectForm />);
    fireEvent.change(screen.getByLabelText('Server address'), { target: { value: 'http://127.0.0.1:9' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'aigerim@steppe.kz' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const problem = await screen.findByRole('alert', {}, { timeout: 15_000 });
    expect(problem.textContent).not.toMatch(/^$|Something unexpected/);
    expect((await api.call('sync.status', {})).state).toBe('off');
  });
});

describe('the client edit form', () => {
  it('edits every declared field of a client, the solvency notes among them, in Kazakh too', async () => {
    const { api } = await openBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Nomad Telecom', kind: 'company' });
    renderUi(api, <EditClientModal client={client} opened onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog', { name: 'Edit client' });
    for (const label of ['Source', 'Preferences', 'Payment terms', 'Solvency notes', 'Company or person'])
      expect(within(dialog).getAllByLabelText(label).length).toBeGreaterThan(0);
    fireEvent.change(within(dialog).getByLabelText('Solvency notes'), {
      target: { value: 'Paid late twice in 2025; ask for prepayment above 5 mln' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('Changes saved.');
    expect((await api.call('clients.get', { id: client.id })).solvencyNotes).toBe(
      'Paid late twice in 2025; ask for prepayment above 5 mln',
    );
    cleanup();
    await i18next.changeLanguage('kk');
    renderUi(
      api,
      <EditClientModal
        client={await api.call('clients.get', { id: client.id })}
        opened
        onClose={() => undefined}
      />,
    );
    const kazakh = await screen.findByRole('dialog');
    expect(within(kazakh).getByLabelText<HTMLTextAreaElement>('Төлем қабілеті туралы жазбалар').value).toBe(
      'Paid late twice in 2025; ask for prepayment above 5 mln',
    );
  });

  it('edits the address part by part, refuses a part too long beside it, and clears it when all are empty', async () => {
    const { api } = await openBackend(tempDir());
    const client = await api.call('clients.create', { name: 'Nomad Telecom', kind: 'company' });
    await i18next.changeLanguage('ru');
    renderUi(api, <EditClientModal client={client} opened onClose={() => undefined} />);
    const dialog = await screen.findByRole('dialog');
    const address = within(dialog).getByRole('group', { name: 'Адрес' });
    fireEvent.change(within(address).getByLabelText('Улица и дом'), { target: { value: ' Абая 150 ' } });
    fireEvent.change(within(address).getByLabelText('Город'), { target: { value: 'x'.repeat(101) } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Сохранить' }));
    // Refused beside the city, before anything is sent.
    await within(address).findByText(/100/);
    expect((await api.call('clients.get', { id: client.id })).address).toBeNull();
    fireEvent.change(within(address).getByLabelText('Город'), { target: { value: 'Алматы' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Сохранить' }));
    await screen.findByText('Изменения сохранены.');
    const saved = await api.call('clients.get', { id: client.id });
    expect(saved.address).toEqual({ street: 'Абая 150', city: 'Алматы' });

    cleanup();
    renderUi(api, <EditClientModal client={saved} opened onClose={() => undefined} />);
    const again = within(await screen.findByRole('group', { name: 'Адрес' }));
    expect(again.getByLabelText<HTMLInputElement>('Город').value).toBe('Алматы');
    fireEvent.change(again.getByLabelText('Улица и дом'), { target: { value: '' } });
    fireEvent.change(again.getByLabelText('Город'), { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(async () => expect((await api.call('clients.get', { id: client.id })).address).toBeNull());
  });
});
