import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openTestBackend = useTestBackends();
const NOW = new Date('2026-11-23T09:00:00.000Z');

async function setup() {
  const { api } = await openTestBackend(tempDir(), { now: () => NOW });
  const client = await api.call('clients.create', { name: 'Qazaq Agro', kind: 'company' });
  return { api, client };
}

describe('deals', () => {
  it('dates the close when won, reopens cleanly, and keeps every stage change in history', async () => {
    const { api, client } = await setup();
    const deal = await api.call('deals.create', {
      clientId: client.id,
      title: 'Seed 2027',
      value: { amount: 1_250_000.5, currency: 'kzt' },
      probability: 40,
    });
    expect(deal).toMatchObject({ stage: 'qualification', value: { amount: 1_250_000.5, currency: 'KZT' } });
    const won = await api.call('deals.update', { id: deal.id, stage: 'won', reason: 'Best delivery terms' });
    expect(won).toMatchObject({ stage: 'won', closedOn: '2026-11-23', probability: 100 });
    const reopened = await api.call('deals.update', { id: deal.id, stage: 'negotiation' });
    expect(reopened.closedOn).toBeNull();
    const history = await api.call('history.forRecord', { entity: 'deal', id: deal.id });
    expect(history.items.filter((e) => e.field === 'stage').map((e) => e.newValue)).toEqual([
      'negotiation',
      'won',
      'qualification',
    ]);
    const open = await api.call('deals.list', { stage: 'negotiation' });
    expect(open.items.map((d) => d.id)).toEqual([deal.id]);
  });

  it('refuses too many decimals for the currency, unknown currencies and negative amounts', async () => {
    const { api, client } = await setup();
    const jpy = await appErrorOf(
      api.call('deals.create', { clientId: client.id, title: 'X', value: { amount: 10.5, currency: 'JPY' } }),
    );
    expect(jpy.details?.issues?.[0]).toMatchObject({ path: 'value.amount', rule: 'amount' });
    const unknown = await appErrorOf(
      api.call('deals.create', { clientId: client.id, title: 'X', value: { amount: 1, currency: 'XYZ' } }),
    );
    expect(unknown.details?.issues?.[0]).toMatchObject({ path: 'value.currency', rule: 'currency' });
    const negative = await appErrorOf(
      api.call('deals.create', { clientId: client.id, title: 'X', value: { amount: -5, currency: 'USD' } }),
    );
    expect(negative.details?.issues?.[0]).toMatchObject({ path: 'value.amount', rule: 'amount' });
    expect((await api.call('deals.list', { clientId: client.id })).items).toEqual([]);
  });
});

describe('payments', () => {
  it('records invoices and payments with cost, lists newest first, and changes money as one value', async () => {
    const { api, client } = await setup();
    const deal = await api.call('deals.create', { clientId: client.id, title: 'Seed' });
    const invoice = await api.call('payments.record', {
      clientId: client.id,
      dealId: deal.id,
      kind: 'invoice',
      amount: 500_000,
      cost: 320_000,
      currency: 'KZT',
      issuedOn: '2026-10-01',
      dueOn: '2026-10-31',
      reference: 'INV-104',
    });
    expect(invoice).toMatchObject({
      amount: 500_000,
      cost: 320_000,
      currency: 'KZT',
      issuedOn: '2026-10-01',
    });
    const payment = await api.call('payments.record', {
      clientId: client.id,
      kind: 'payment',
      amount: 500_000,
      currency: 'KZT',
    });
    expect(payment.issuedOn).toBe('2026-11-23');
    const list = await api.call('payments.list', { clientId: client.id });
    expect(list.items.map((p) => p.kind)).toEqual(['payment', 'invoice']);
    const changed = await api.call('payments.update', { id: invoice.id, amount: 510_000 });
    expect(changed).toMatchObject({ amount: 510_000, cost: 320_000, currency: 'KZT' });
    const history = await api.call('history.forRecord', { entity: 'payment', id: invoice.id });
    // History shows the value as the API does: one object, amount, cost and currency together.
    expect(history.items[0]).toMatchObject({
      field: 'money',
      oldValue: { amount: 500_000, cost: 320_000, currency: 'KZT' },
      newValue: { amount: 510_000, cost: 320_000, currency: 'KZT' },
    });
  });

  it('refuses a due date before the issue date, a deal of another client and a missing client', async () => {
    const { api, client } = await setup();
    const other = await api.call('clients.create', { name: 'Other', kind: 'person' });
    const otherDeal = await api.call('deals.create', { clientId: other.id, title: 'Theirs' });
    const dates = await appErrorOf(
      api.call('payments.record', {
        clientId: client.id,
        kind: 'invoice',
        amount: 1,
        currency: 'USD',
        issuedOn: '2026-10-10',
        dueOn: '2026-10-01',
      }),
    );
    expect(dates.details?.issues?.[0]).toMatchObject({ path: 'dueOn', rule: 'dateOrder' });
    const deal = await appErrorOf(
      api.call('payments.record', {
        clientId: client.id,
        dealId: otherDeal.id,
        kind: 'payment',
        amount: 1,
        currency: 'USD',
      }),
    );
    expect(deal.details?.issues?.[0]).toMatchObject({ path: 'dealId', rule: 'other_client' });
    expect((await api.call('payments.list', {})).items).toEqual([]);
  });
});

describe('competitor offers, service requests and campaigns', () => {
  it('keeps what a competitor offered, dated today by default', async () => {
    const { api, client } = await setup();
    const offer = await api.call('competitorOffers.create', {
      clientId: client.id,
      competitor: 'AgroTrade',
      offer: '40 t at a lower price',
      price: { amount: 1_100_000, currency: 'KZT' },
    });
    expect(offer).toMatchObject({ offeredOn: '2026-11-23', price: { amount: 1_100_000, currency: 'KZT' } });
    expect((await api.call('competitorOffers.list', { clientId: client.id })).items).toHaveLength(1);
    await api.call('competitorOffers.delete', { id: offer.id });
    expect((await api.call('competitorOffers.list', { clientId: client.id })).items).toHaveLength(0);
  });

  it('dates a service request when resolved and clears the date when reopened', async () => {
    const { api, client } = await setup();
    const request = await api.call('serviceRequests.open', {
      clientId: client.id,
      title: 'Seeder broke down',
    });
    expect(request).toMatchObject({
      status: 'open',
      priority: 'normal',
      openedAt: NOW.toISOString(),
      resolvedAt: null,
    });
    expect(
      (await api.call('serviceRequests.update', { id: request.id, status: 'resolved' })).resolvedAt,
    ).toBe(NOW.toISOString());
    expect(
      (await api.call('serviceRequests.update', { id: request.id, status: 'open' })).resolvedAt,
    ).toBeNull();
    expect((await api.call('serviceRequests.list', { status: 'open' })).items.map((r) => r.id)).toEqual([
      request.id,
    ]);
  });

  it('adds a client to a campaign once; re-adding after removal restores the same member', async () => {
    const { api, client } = await setup();
    const campaign = await api.call('campaigns.create', {
      name: 'AgriTek 2026',
      startsOn: '2026-03-01',
      endsOn: '2026-03-05',
      cost: { amount: 2_000_000, currency: 'KZT' },
    });
    const member = await api.call('campaigns.addMember', { campaignId: campaign.id, clientId: client.id });
    expect(member).toMatchObject({ status: 'targeted', clientName: 'Qazaq Agro' });
    expect((await api.call('campaigns.addMember', { campaignId: campaign.id, clientId: client.id })).id).toBe(
      member.id,
    );
    await api.call('campaigns.updateMember', {
      id: member.id,
      status: 'responded',
      respondedOn: '2026-03-03',
    });
    await api.call('campaigns.removeMember', { id: member.id });
    expect((await api.call('campaigns.listMembers', { campaignId: campaign.id })).items).toEqual([]);
    const back = await api.call('campaigns.addMember', { campaignId: campaign.id, clientId: client.id });
    expect(back).toMatchObject({ id: member.id, status: 'responded' });
    const order = await appErrorOf(
      api.call('campaigns.create', { name: 'X', startsOn: '2026-03-05', endsOn: '2026-03-01' }),
    );
    expect(order.details?.issues?.[0]).toMatchObject({ path: 'endsOn', rule: 'dateOrder' });
  });
});
