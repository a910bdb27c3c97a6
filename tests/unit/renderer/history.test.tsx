// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client.ts';
import { formatDate, formatMoney } from '../../../shared/i18n/format.ts';
import { ClientHistory } from '../../../renderer/src/features/client/ClientHistory.tsx';
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

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A VIP client owned by Dana, with an address and a source, whose stage then moved to active. */
async function steppeMotors(api: ApiClient) {
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
}

/** The history table's rows as "Field | From | To", once every name has been read. */
async function historyRows(): Promise<string[]> {
  const table = await screen.findByRole('table', { name: /History|История|тарихы/ });
  await waitFor(() => {
    expect(within(table).getAllByRole('row').length).toBeGreaterThan(1);
    expect(table.textContent).not.toContain('…');
  });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .slice(1)
        .map((cell) => cell.textContent.trim())
        .join(' | '),
    );
}

describe('the History tab', () => {
  it('shows the owner by name, VIP as Yes, the address on one line and every field by its label', async () => {
    const { api } = await openBackend(tempDir());
    const client = await steppeMotors(api);
    renderUi(api, <ClientHistory entity="client" id={client.id} />);
    const rows = await historyRows();
    expect(rows).toEqual(
      expect.arrayContaining([
        'Stage | Prospect | Active',
        'Owner | — | Dana Owner',
        'VIP | — | Yes',
        'Company or person | — | Company',
        'Source | — | Trade fair',
        'Address | — | Abay 1, Almaty, Kazakhstan',
        'Name | — | Steppe Motors',
      ]),
    );
    expect(rows.find((row) => row.startsWith('Created |'))).toMatch(/^Created \| — \| \w{3} \d+, \d{4}/);
    const text = screen.getByRole('table').textContent;
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain('{');
    expect(text).not.toContain('true');
  });

  it('speaks Russian: labels, Да, Компания, the owner’s name', async () => {
    const { api } = await openBackend(tempDir());
    const client = await steppeMotors(api);
    await i18next.changeLanguage('ru');
    renderUi(api, <ClientHistory entity="client" id={client.id} />);
    const rows = await historyRows();
    expect(rows).toEqual(
      expect.arrayContaining([
        'Стадия | Потенциальный | Активный',
        'VIP | — | Да',
        'Компания или человек | — | Компания',
      ]),
    );
    expect(rows.find((row) => row.includes('Dana Owner'))).toMatch(/^Ответственный \| — \| Dana Owner$/);
  });

  it('shows a payment’s money in the user’s locale with its cost, and its days as days', async () => {
    const { api } = await openBackend(tempDir());
    const { id: clientId } = await api.call('clients.create', { name: 'Altyn Foods', kind: 'company' });
    const payment = await api.call('payments.record', {
      clientId,
      kind: 'invoice',
      amount: 125000,
      cost: 90000,
      currency: 'KZT',
      issuedOn: '2026-03-15',
    });
    await i18next.changeLanguage('kk');
    renderUi(api, <ClientHistory entity="payment" id={payment.id} />);
    const rows = await historyRows();
    const money = `${formatMoney(125000, 'KZT', 'kk')} (өзіндік құны ${formatMoney(90000, 'KZT', 'kk')})`;
    expect(rows).toContain(`${i18next.t('payment.field.money')} | — | ${money}`);
    expect(rows).toContain(
      `${i18next.t('payment.field.issuedOn')} | — | ${formatDate(new Date(2026, 2, 15), 'kk')}`,
    );
    expect(rows).toContain(`${i18next.t('payment.field.clientId')} | — | Altyn Foods`);
    expect(rows).toContain(`${i18next.t('payment.field.kind')} | — | Шот`);
  });

  it('names a deleted owner as deleted instead of showing its id', async () => {
    const { api } = await openBackend(tempDir());
    const client = await steppeMotors(api);
    const owner = (await api.call('clients.get', { id: client.id })).ownerId ?? '';
    await api.call('users.delete', { id: owner });
    renderUi(api, <ClientHistory entity="client" id={client.id} />);
    const rows = await historyRows();
    expect(rows).toContain('Owner | — | Team member (deleted)');
  });
});
