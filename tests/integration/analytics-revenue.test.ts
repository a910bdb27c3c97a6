import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import { appErrorOf } from '../support/app-error.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();

const NOW = new Date('2026-06-30T12:00:00Z');
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

interface World {
  api: ApiClient;
  ids: Record<string, string>;
  owner: string;
}

/**
 * Five clients whose figures are worked out by hand below (KZT, hourly cost 6,000, a service request
 * 10,000, both in KZT):
 * - Alpha (Retail, owner Dana): paid 100,000 (cost 40,000) and 50,000 (cost 20,000) → revenue 150,000,
 *   profit 90,000; one 30-minute call → cost to serve 3,000; after service 87,000.
 * - Bravo (Retail): paid 20,000 (cost 18,000), refunded 5,000 → revenue 15,000, profit −3,000; two
 *   service requests and a 60-minute meeting → cost to serve 26,000; after service −29,000: service
 *   load, low margin, refunds.
 * - Charlie (Public): paid 60,000 (cost 30,000) → profit 30,000; an invoice due 2026-03-01 paid
 *   2026-04-15 (45 days late) → late payments is a reason only when it also loses money, so none.
 * - Delta (Public): nothing paid, a 2-hour visit → cost to serve 12,000, after service −12,000: no revenue.
 * - Echo (no segment): paid 10,000 USD only → nothing in KZT.
 * A payment of 1,000,000 KZT in 2025 lies outside the period.
 */
async function world(): Promise<World> {
  let now = NOW;
  const { api } = await openBackend(tempDir(), { now: () => now, dailyBackups: false });
  const owner = (await api.call('users.create', { name: 'Dana' })).id;
  const ids: Record<string, string> = {};
  for (const [name, segment] of [
    ['Alpha', 'Retail'],
    ['Bravo', ' retail'],
    ['Charlie', 'Public'],
    ['Delta', 'Public'],
    ['Echo', null],
  ] as const)
    ids[name] = (
      await api.call('clients.create', {
        name,
        kind: 'company',
        ...(segment ? { segment } : {}),
        ...(name === 'Alpha' ? { ownerId: owner } : {}),
      })
    ).id;
  const pay = (
    client: string,
    kind: 'payment' | 'refund' | 'invoice',
    amount: number,
    cost: number | null,
    day: string,
    extra = {},
  ) =>
    api.call('payments.record', {
      clientId: ids[client] ?? '',
      kind,
      amount,
      ...(cost === null ? {} : { cost }),
      currency: 'KZT',
      issuedOn: day,
      ...extra,
    });
  await pay('Alpha', 'payment', 100_000, 40_000, '2026-02-10');
  await pay('Alpha', 'payment', 50_000, 20_000, '2026-05-10');
  await pay('Alpha', 'payment', 1_000_000, 0, '2025-12-31');
  await pay('Bravo', 'payment', 20_000, 18_000, '2026-03-03');
  await pay('Bravo', 'refund', 5_000, null, '2026-03-20');
  await pay('Charlie', 'payment', 60_000, 30_000, '2026-04-15');
  await pay('Charlie', 'invoice', 60_000, null, '2026-02-01', { dueOn: '2026-03-01', paidOn: '2026-04-15' });
  await api.call('payments.record', {
    clientId: ids.Echo ?? '',
    kind: 'payment',
    amount: 10_000,
    currency: 'USD',
    issuedOn: '2026-03-01',
  });
  const log = (client: string, kind: 'call' | 'meeting' | 'visit', minutes: number, at: string) =>
    api.call('interactions.log', {
      clientId: ids[client] ?? '',
      kind,
      occurredAt: at,
      durationS: minutes * 60,
    });
  await log('Alpha', 'call', 30, '2026-03-01T10:00:00.000Z');
  await log('Bravo', 'meeting', 60, '2026-03-02T10:00:00.000Z');
  await log('Delta', 'visit', 120, '2026-04-02T10:00:00.000Z');
  // Outside the period: not counted.
  await log('Delta', 'visit', 600, '2025-11-02T10:00:00.000Z');
  now = new Date('2026-03-05T09:00:00Z');
  await api.call('serviceRequests.open', { clientId: ids.Bravo ?? '', title: 'Broken delivery' });
  await api.call('serviceRequests.open', { clientId: ids.Bravo ?? '', title: 'Wrong invoice' });
  now = NOW;
  await api.call('analytics.updateSettings', {
    costCurrency: 'KZT',
    hourlyCost: 6000,
    serviceRequestCost: 10_000,
  });
  return { api, ids, owner };
}

describe('Insights: revenue, profit and cost to serve', () => {
  it('works out each client’s figures as by hand, with the reasons a client loses money', async () => {
    const { api } = await world();
    const page = await api.call('analytics.clients', { period: PERIOD, sort: 'name', direction: 'asc' });
    expect(page.scope).toMatchObject({ currency: 'KZT', clients: 5, from: PERIOD.from, to: PERIOD.to });
    const byName = Object.fromEntries(page.items.map((item) => [item.name, item]));
    expect(byName.Alpha).toMatchObject({
      revenue: 150_000,
      profit: 90_000,
      costToServe: 3000,
      profitAfterService: 87_000,
      interactionMinutes: 30,
      lossReasons: [],
    });
    expect(byName.Bravo).toMatchObject({
      revenue: 15_000,
      profit: -3000,
      costToServe: 26_000,
      profitAfterService: -29_000,
      serviceRequests: 2,
      lossReasons: ['serviceLoad', 'lowMargin', 'refunds'],
    });
    expect(byName.Charlie).toMatchObject({
      revenue: 60_000,
      profit: 30_000,
      averageDaysLate: 45,
      lossReasons: [],
    });
    expect(byName.Delta).toMatchObject({ revenue: 0, costToServe: 12_000, profitAfterService: -12_000 });
    expect(byName.Delta?.lossReasons).toEqual(['noRevenue', 'serviceLoad']);
    expect(byName.Echo).toMatchObject({ revenue: 0, profit: 0, costToServe: 0 });

    const losing = await api.call('analytics.clients', {
      period: PERIOD,
      unprofitable: true,
      sort: 'profitAfterService',
      direction: 'asc',
    });
    expect(losing.items.map((item) => item.name)).toEqual(['Bravo', 'Delta']);
    expect(losing.total).toBe(2);
  });

  it('groups by segment as people read it, and draws the Pareto curve of profit', async () => {
    const { api } = await world();
    const report = await api.call('analytics.revenue', { period: PERIOD, by: 'segment' });
    expect(report.totals).toEqual({
      revenue: 225_000,
      profit: 117_000,
      costToServe: 41_000,
      profitAfterService: 76_000,
      payingClients: 3,
      unprofitableClients: 2,
    });
    expect(report.groups.map((group) => [group.label, group.clients, group.revenue, group.profit])).toEqual([
      ['Retail', 2, 165_000, 87_000],
      ['Public', 2, 60_000, 30_000],
      [null, 1, 0, 0],
    ]);
    // Paying clients by profit: Alpha 90,000, Charlie 30,000, Bravo −3,000 (total 117,000). The top fifth
    // is ⌈0.6⌉ = 1 client: Alpha, 90,000 / 117,000 of the profit and 150,000 / 225,000 of the revenue.
    expect(report.topFifthProfitShare).toBeCloseTo(90_000 / 117_000, 4);
    expect(report.topFifthRevenueShare).toBeCloseTo(150_000 / 225_000, 4);
    expect(report.pareto.at(0)).toEqual({ clientShare: 0, revenueShare: 0, profitShare: 0 });
    expect(report.pareto.at(-1)).toEqual({ clientShare: 1, revenueShare: 1, profitShare: 1 });

    const byOwner = await api.call('analytics.revenue', { period: PERIOD, by: 'owner' });
    expect(byOwner.groups.map((group) => [group.label, group.clients])).toEqual([
      ['Dana', 1],
      [null, 4],
    ]);
  });

  it('keeps amounts apart by currency and filters clients', async () => {
    const { api, owner } = await world();
    const usd = await api.call('analytics.revenue', { period: PERIOD, filters: { currency: 'usd' } });
    expect(usd.scope.currency).toBe('USD');
    // Costs are set in KZT: nothing is charged to serve in USD.
    expect(usd.totals).toMatchObject({
      revenue: 10_000,
      profit: 10_000,
      costToServe: 0,
      unprofitableClients: 0,
    });
    const dana = await api.call('analytics.revenue', { period: PERIOD, filters: { ownerId: owner } });
    expect(dana.totals.revenue).toBe(150_000);
    const retail = await api.call('analytics.revenue', { period: PERIOD, filters: { segment: 'RETAIL' } });
    expect(retail.scope.clients).toBe(2);
  });

  it('takes the currency most clients paid in as it is now, and its clients as they are now', async () => {
    const { api, ids } = await world();
    const revenue = () => api.call('analytics.revenue', { period: PERIOD });
    const before = await revenue();
    expect(before.scope).toMatchObject({ currency: 'KZT', clients: 5 });
    // Three clients pay in USD (Echo already did): USD is now what most clients paid in.
    for (const name of ['Charlie', 'Delta', 'Alpha'])
      await api.call('payments.record', {
        clientId: ids[name] ?? '',
        kind: 'payment',
        amount: 1_000,
        currency: 'USD',
        issuedOn: '2026-06-01',
      });
    const after = await revenue();
    expect(after.scope.currency).toBe('USD');
    expect(after.totals.revenue).toBe(13_000);
    // A new client, and one leaving the segment: the scope's clients follow at once.
    await api.call('clients.create', { name: 'Foxtrot', kind: 'person', segment: 'Retail' });
    await api.call('clients.update', { id: ids.Bravo ?? '', segment: 'Public' });
    const retail = await api.call('analytics.revenue', { period: PERIOD, filters: { segment: 'retail' } });
    expect(retail.scope.clients).toBe(2);
    expect((await revenue()).scope.clients).toBe(6);
    // Without an owner is a filter of its own, not the same as no filter.
    const ownerless = await api.call('analytics.revenue', { period: PERIOD, filters: { ownerId: null } });
    expect(ownerless.scope.clients).toBe(5);
  });

  it('opens the client list on exactly the clients behind a number', async () => {
    const { api, ids } = await world();
    const names = async (set: string) =>
      (await api.call('clients.list', { drill: { period: PERIOD, set } })).items
        .map((client) => client.name)
        .sort();
    expect(await names('unprofitable')).toEqual(['Bravo', 'Delta']);
    expect(await names('topFifth')).toEqual(['Alpha']);
    expect(await names('group:segment:retail')).toEqual(['Alpha', 'Bravo']);
    expect(await names('group:segment')).toEqual(['Echo']);
    expect(ids.Alpha).toBeDefined();
    const unknown = await appErrorOf(
      api.call('clients.list', { drill: { period: PERIOD, set: 'nonsense' } }),
    );
    expect(unknown.code).toBe('validation');
    expect(unknown.details?.issues?.[0]?.path).toBe('drill.set');
  });

  it('refuses a period that ends before it starts and an unknown filter, and is empty with no data', async () => {
    const { api } = await openBackend(tempDir(), { now: () => NOW, dailyBackups: false });
    const backwards = await appErrorOf(
      api.call('analytics.revenue', { period: { from: '2026-05-01', to: '2026-04-01' } }),
    );
    expect(backwards.code).toBe('validation');
    expect(backwards.message).toMatch(/ends before it starts/);
    const unknown = await appErrorOf(
      api.call('analytics.revenue', { period: PERIOD, filters: { colour: 'red' } as never }),
    );
    expect(unknown.code).toBe('validation');
    const empty = await api.call('analytics.revenue', { period: PERIOD });
    expect(empty.scope.currency).toBeNull();
    expect(empty.totals).toMatchObject({ revenue: 0, profit: 0, payingClients: 0 });
    expect(empty.pareto).toEqual([]);
    expect(empty.topFifthProfitShare).toBeNull();
  });

  it('shows the key numbers against the period before, with retention, value at risk, the pipeline and overdue invoices', async () => {
    const { api, ids } = await world();
    await api.call('deals.create', {
      clientId: ids.Alpha ?? '',
      title: 'Renewal',
      value: { amount: 100_000, currency: 'KZT' },
      probability: 30,
    });
    await api.call('deals.create', {
      clientId: ids.Charlie ?? '',
      title: 'Second line',
      stage: 'proposal',
      value: { amount: 50_000, currency: 'KZT' },
    });
    await api.call('deals.create', {
      clientId: ids.Charlie ?? '',
      title: 'Won before',
      stage: 'won',
      value: { amount: 9_999, currency: 'KZT' },
    });
    await api.call('payments.record', {
      clientId: ids.Echo ?? '',
      kind: 'invoice',
      amount: 40_000,
      currency: 'KZT',
      issuedOn: '2026-05-01',
      dueOn: '2026-05-31',
    });
    // No due day: due when issued, so overdue at the period's end, as the Payment discipline page counts it.
    await api.call('payments.record', {
      clientId: ids.Delta ?? '',
      kind: 'invoice',
      amount: 7_000,
      currency: 'KZT',
      issuedOn: '2026-06-01',
    });
    const report = await api.call('analytics.dashboard', { period: PERIOD });
    // 181 days, so the period before is 2025-07-04 – 2025-12-31: Alpha's 1,000,000 (no cost) alone.
    expect(report.previous).toEqual({ from: '2025-07-04', to: '2025-12-31' });
    expect(report.revenue).toEqual({ current: 225_000, previous: 1_000_000 });
    expect(report.profit).toEqual({ current: 117_000, previous: 1_000_000 });
    expect(report.payingClients).toEqual({ current: 3, previous: 1 });
    expect(report.unprofitable).toEqual({ clients: 2, loss: -41_000 });
    // 100,000 at 30 % and 50,000 at the proposal stage's usual 50 %; the won deal is not open.
    expect(report.openPipeline).toEqual({ deals: 2, value: 150_000, weighted: 55_000 });
    expect(report.overdueReceivables).toEqual({ invoices: 2, clients: 2, amount: 47_000 });
    expect(report.overdueReceivables.amount).toBe(
      (await api.call('analytics.payments', { period: PERIOD })).overdue,
    );
    // Alpha alone bought before the period (its 1,000,000 in 2025) and bought again in it: kept.
    expect(report.retention).toEqual({ rate: 1, activeAtStart: 1, lost: 0 });
    // No lifetime-value model is fitted in this world: the tile says so rather than show a value.
    expect(report.valueAtRisk.modelled).toBe(false);
    // Retention and value at risk, each exactly as its own page counts it.
    const retention = (await api.call('analytics.retention', { period: PERIOD })).period;
    expect(report.retention).toEqual({
      rate: retention.retentionRate,
      activeAtStart: retention.activeAtStart,
      lost: retention.lost,
    });
    const lifetime = await api.call('analytics.lifetime', { period: PERIOD });
    expect(report.valueAtRisk).toEqual({
      amount: lifetime.totals.valueAtRisk,
      clients: lifetime.totals.atRiskClients,
      modelled: lifetime.model !== null,
    });
    expect(report.months).toEqual([
      { month: '2026-01', revenue: 0, profit: 0 },
      { month: '2026-02', revenue: 100_000, profit: 60_000 },
      { month: '2026-03', revenue: 15_000, profit: -3000 },
      { month: '2026-04', revenue: 60_000, profit: 30_000 },
      { month: '2026-05', revenue: 50_000, profit: 30_000 },
      { month: '2026-06', revenue: 0, profit: 0 },
    ]);
  });

  it('saves a table as shown, as CSV with a BOM and as a workbook', async () => {
    const { api } = await openBackend(tempDir(), { now: () => NOW, dailyBackups: false });
    const table = {
      name: 'Выручка по сегментам',
      columns: [
        { header: 'Сегмент', kind: 'text' as const },
        { header: 'Выручка', kind: 'number' as const },
      ],
      rows: [
        ['Розница; опт', 165_000.5],
        [null, 0],
      ],
    };
    const csv = await api.call('exports.table', { ...table, format: 'csv' });
    expect(csv).toMatchObject({ name: 'Выручка по сегментам.csv', rows: 2 });
    const chunk = await api.call('files.download', { fileId: csv.fileId, offset: 0, length: 10_000 });
    expect(Buffer.from(chunk.data, 'base64').toString('utf8')).toBe(
      '\uFEFFСегмент,Выручка\r\nРозница; опт,165000.5\r\n,0\r\n',
    );
    const xlsx = await api.call('exports.table', { ...table, format: 'xlsx' });
    const head = await api.call('files.download', { fileId: xlsx.fileId, offset: 0, length: 4 });
    expect(Buffer.from(head.data, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    const ragged = await appErrorOf(
      api.call('exports.table', { ...table, rows: [['only one']], format: 'csv' }),
    );
    expect(ragged.code).toBe('validation');
    const badName = await appErrorOf(
      api.call('exports.table', { ...table, name: '../etc/passwd', format: 'csv' }),
    );
    expect(badName.code).toBe('validation');
  });
});
