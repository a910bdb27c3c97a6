import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { fitLifetimeValueModels, type CurrencyPurchase } from '../../db/analytics/clv/fit-models.ts';
import { probabilityAlive } from '../../db/analytics/clv/bgnbd-predictions.ts';
import { customerLifetimeValue } from '../../db/analytics/clv/lifetime-value.ts';
import { simulatePurchases } from '../../db/analytics/clv/simulate-purchases.ts';
import { liveFitWorkers } from '../../db/analytics/lifetime-value-refits.ts';
import type { LocalBackend } from '../../db/backend.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();

const NOW = new Date('2026-06-30T12:00:00Z');
const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

/**
 * Forty KZT clients buying as the models' story says (simulatePurchases), so both models can be fitted;
 * plus the hand-computed ones:
 * - Loyal: paid 2026-01-05 (100,000, cost 40,000), 2026-03-02 (120,000, cost 50,000) and 2026-04-27
 *   (90,000, cost 30,000) → frequency 2, recency 16 weeks, age 176 days = 25.142857 weeks; margins
 *   60,000 × 1.1^(176/365.25) + 70,000 × 1.1^(120/365.25) + 60,000 × 1.1^(64/365.25).
 * - Once: one payment of 50,000 (no cost) on 2026-05-01 (historic value 50,000 × 1.1^(60/365.25) =
 *   50,789), one call 40 days before NOW (quiet 10 days
 *   ago, allowed 30) → pAlive 1 (BG/NBD with no repeat purchase), quiet risk 0.5 + 0.5 × 10/30 = 2/3.
 * - Never: no payment → predicted value 0, no pAlive, no churn risk.
 * - Dollar: one USD payment only → no USD model (nobody bought twice): predicted value null.
 */
const SAMPLE = byCustomer(
  simulatePurchases({
    customers: 40,
    bgnbd: { r: 0.8, alpha: 20, a: 0.6, b: 2.5 },
    gammaGamma: { p: 5, q: 3, v: 40 },
    firstDay: '2025-07-01',
    acquisitionDays: 200,
    until: '2026-06-20',
    seed: 11,
  }).map((purchase) => ({ ...purchase, amount: Math.round(purchase.amount * 100) })),
);

function byCustomer<T extends { customer: string }>(purchases: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const purchase of purchases)
    groups.set(purchase.customer, [...(groups.get(purchase.customer) ?? []), purchase]);
  return groups;
}

async function world(dataDir = tempDir(), delayMs = 50) {
  const opened = await openBackend(dataDir, {
    now: () => NOW,
    dailyBackups: false,
    lifetimeValueRefitDelayMs: delayMs,
  });
  const { api } = opened;
  const ids: Record<string, string> = {};
  const purchases: CurrencyPurchase[] = [];
  const client = async (name: string, segment?: string) =>
    (ids[name] = (
      await api.call('clients.create', { name, kind: 'company', ...(segment ? { segment } : {}) })
    ).id);
  const pay = async (name: string, day: string, amount: number, cost?: number, currency = 'KZT') => {
    await api.call('payments.record', {
      clientId: ids[name] ?? '',
      kind: 'payment',
      amount,
      currency,
      issuedOn: day,
      paidOn: day,
      ...(cost === undefined ? {} : { cost }),
    });
    purchases.push({ customer: ids[name] ?? '', day, amount, currency });
  };
  let i = 0;
  for (const [customer, bought] of SAMPLE) {
    await client(customer, i++ % 2 === 0 ? 'Retail' : 'Public');
    for (const { day, amount } of bought) await pay(customer, day, amount);
  }
  await client('Loyal', 'Retail');
  await pay('Loyal', '2026-01-05', 100_000, 40_000);
  await pay('Loyal', '2026-03-02', 120_000, 50_000);
  await pay('Loyal', '2026-04-27', 90_000, 30_000);
  await client('Once');
  await pay('Once', '2026-05-01', 50_000);
  await api.call('interactions.log', {
    clientId: ids.Once ?? '',
    kind: 'call',
    occurredAt: new Date(NOW.getTime() - 40 * 86_400_000).toISOString(),
  });
  await client('Never');
  await client('Dollar');
  await pay('Dollar', '2026-02-01', 300, undefined, 'USD');
  return { ...opened, backend: opened.backend as LocalBackend, ids, purchases };
}

/** Polls until `check` holds (the fit lands in the background). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until)
      throw new Error(`Still not there after ${String(ms)} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function relative(value: number, expected: number): number {
  return Math.abs(value - expected) / Math.max(Math.abs(expected), 1e-12);
}

const fitted = (api: ApiClient) =>
  eventually(
    () => api.call('analytics.clvModel', {}),
    (answer) => !answer.stale && answer.models.length > 0,
  );

describe('Lifetime value: models fitted in the background, predictions per client', () => {
  it('fits the models in the background after payments are recorded, as the fit itself does', async () => {
    const { api, purchases } = await world();
    const answer = await fitted(api);
    // Every currency is observed up to the last purchase day of the whole database.
    const until =
      purchases
        .map((purchase) => purchase.day)
        .sort()
        .at(-1) ?? '';
    const [expected] = fitLifetimeValueModels(
      purchases.filter((purchase) => purchase.currency === 'KZT'),
      { unit: 'week', until, now: NOW },
    );
    expect(answer.models).toHaveLength(1);
    const [model] = answer.models;
    if (!model || !expected) throw new Error('no model');
    expect(model).toMatchObject({ currency: 'KZT', unit: 'week', until, fittedAt: NOW.toISOString() });
    // The same optimum; the purchases reach the fit in another order, so the last digits may differ.
    for (const [name, value] of Object.entries({ ...expected.bgnbd, ...expected.gammaGamma }))
      expect(relative({ ...model.bgnbd, ...model.gammaGamma }[name] ?? NaN, value)).toBeLessThan(1e-5);
    expect(model.bgnbd.customers).toBe(SAMPLE.size + 2);
    // USD: one buyer who never bought again.
    expect(answer.unfitted).toMatchObject([{ currency: 'USD', reason: 'no_repeat_purchases' }]);
    expect((await api.call('analytics.clvModel', { currency: 'USD' })).models).toEqual([]);
  });

  it('refits after a payment changes, and says the stored fit is stale meanwhile', async () => {
    const { api, ids } = await world();
    const before = await fitted(api);
    await api.call('payments.record', {
      clientId: ids.Never ?? '',
      kind: 'payment',
      amount: 40_000,
      currency: 'KZT',
      issuedOn: '2026-06-01',
      paidOn: '2026-06-01',
    });
    expect((await api.call('analytics.clvModel', {})).stale).toBe(true);
    const after = await eventually(
      () => api.call('analytics.clvModel', {}),
      (answer) =>
        !answer.stale && answer.models[0]?.bgnbd.customers === (before.models[0]?.bgnbd.customers ?? 0) + 1,
    );
    expect(after.models[0]?.until).toBe([before.models[0]?.until ?? '', '2026-06-01'].sort().at(-1));
  });

  it('works out each client’s lifetime figures: historic value by hand, predictions from the stored model', async () => {
    const { api, ids } = await world();
    const [model] = (await fitted(api)).models;
    if (!model) throw new Error('no model');
    const page = await api.call('analytics.clients', { period: PERIOD, sort: 'predictedValue', limit: 100 });
    const byName = Object.fromEntries(page.items.map((item) => [item.name, item]));
    const loyal = byName.Loyal;
    const history = { frequency: 2, recency: 16, age: 176 / 7, meanRepeatSpend: 105_000 };
    expect(loyal?.historicValue).toBeCloseTo(
      60_000 * 1.1 ** (176 / 365.25) + 70_000 * 1.1 ** (120 / 365.25) + 60_000 * 1.1 ** (64 / 365.25),
      1,
    );
    expect(loyal?.pAlive).toBeCloseTo(probabilityAlive(model.bgnbd, history), 12);
    expect(loyal?.predictedValue).toBeCloseTo(
      customerLifetimeValue(
        model,
        { customer: 'x', ...history },
        { horizonMonths: 12, annualDiscountRate: 0.1, unit: 'week' },
      ),
      1,
    );
    expect(loyal?.churnRisk).toBeCloseTo(1 - (loyal?.pAlive ?? 0), 12);

    expect(byName.Once).toMatchObject({ historicValue: 50_789, pAlive: 1, churnReasons: ['quiet'] });
    expect(byName.Once?.churnRisk).toBeCloseTo(2 / 3, 6);
    expect(byName.Never).toMatchObject({
      historicValue: 0,
      predictedValue: 0,
      pAlive: null,
      expectedPurchases: null,
      churnRisk: null,
    });
    // Sorted by predicted value, largest first; values are finite everywhere.
    const values = page.items.map((item) => item.predictedValue ?? -1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    for (const item of page.items)
      for (const value of [item.predictedValue, item.pAlive, item.churnRisk])
        expect(value === null || Number.isFinite(value)).toBe(true);

    const usd = await api.call('analytics.clients', {
      period: PERIOD,
      filters: { currency: 'USD' },
      limit: 100,
    });
    expect(usd.items.find((item) => item.name === 'Dollar')).toMatchObject({
      historicValue: Math.round(300 * 1.1 ** (149 / 365.25) * 100) / 100,
      predictedValue: null,
      pAlive: null,
    });

    const one = await api.call('analytics.client', { id: ids.Once ?? '' });
    expect(one).toMatchObject({ currency: 'KZT', purchases: 1, lastPurchaseOn: '2026-05-01', pAlive: 1 });
    expect(one.churnRisk).toBeCloseTo(2 / 3, 6);
    const never = await api.call('analytics.client', { id: ids.Never ?? '' });
    expect(never).toMatchObject({ currency: null, predictedValue: null, churnRisk: null, purchases: 0 });
  });

  it('totals the page and drills into the clients at risk and by segment', async () => {
    const { api, ids } = await world();
    await fitted(api);
    const report = await api.call('analytics.lifetime', { period: PERIOD });
    const page = await api.call('analytics.clients', { period: PERIOD, limit: 100 });
    const buyers = page.items.filter((item) => item.churnRisk !== null);
    expect(report.totals.buyers).toBe(buyers.length);
    const sum = buyers.reduce((total, item) => total + (item.predictedValue ?? 0), 0);
    expect(report.totals.predictedValue).toBeCloseTo(sum, 0);
    const atRisk = buyers.filter((item) => (item.churnRisk ?? 0) >= 0.5);
    expect(report.totals.atRiskClients).toBe(atRisk.length);
    expect(atRisk.map((item) => item.name)).toContain('Once');
    const drilled = (set: string) =>
      api
        .call('clients.list', { drill: { period: PERIOD, set }, limit: 200 })
        .then((answer) => answer.items.map((c) => c.id).sort());
    expect(await drilled('atRisk')).toEqual(atRisk.map((item) => item.clientId).sort());
    expect(report.distribution.reduce((total, bucket) => total + bucket.clients, 0)).toBe(buyers.length);
    const first = report.distribution[0];
    if (first)
      expect((await drilled(`predictedValue:${String(first.from)}:${String(first.to)}`)).length).toBe(
        first.clients,
      );
    const retail = report.bySegment.find((group) => group.key === 'retail');
    expect(retail?.clients).toBe(page.items.filter((item) => item.segment === 'Retail').length);
    expect(await drilled('group:segment:retail')).toContain(ids.Loyal);
    expect(report.model?.currency).toBe('KZT');
  });

  it('answers a database with no payments with an empty state, never NaN', async () => {
    const { api } = await openBackend(tempDir(), { now: () => NOW, dailyBackups: false });
    await api.call('clients.create', { name: 'Alone', kind: 'person' });
    expect(await api.call('analytics.clvModel', {})).toEqual({ models: [], unfitted: [], stale: false });
    const report = await api.call('analytics.lifetime', { period: PERIOD });
    expect(report.model).toBeNull();
    expect(report.totals).toMatchObject({ buyers: 0, predictedValue: 0, averagePredictedValue: null });
    expect(report.distribution).toEqual([]);
  });
});

/** A few thousand simulated buyers written straight into the file, so the fit has work to do. */
function simulateIntoFile(dataDir: string, customers: number): void {
  const sqlite = new Database(join(dataDir, DATABASE_FILE));
  const purchases = simulatePurchases({
    customers,
    bgnbd: { r: 0.25, alpha: 4, a: 0.8, b: 2.4 },
    gammaGamma: { p: 6, q: 4, v: 15 },
    firstDay: '2025-01-01',
    acquisitionDays: 300,
    until: '2026-06-29',
    seed: 7,
  });
  const at = NOW.toISOString();
  const client = sqlite.prepare(
    `INSERT INTO client (id, name, sort_name, kind, created_at, updated_at, hlc) VALUES (?, ?, ?, 'company', ?, ?, '0')`,
  );
  const payment = sqlite.prepare(
    `INSERT INTO payment (id, created_at, updated_at, hlc, client_id, kind, money, amount_minor, currency, issued_on, paid_on)
     VALUES (?, ?, ?, '0', ?, 'payment', ?, ?, 'EUR', ?, ?)`,
  );
  const ids = new Map<string, string>();
  sqlite.transaction(() => {
    for (const purchase of purchases) {
      let id = ids.get(purchase.customer);
      if (id === undefined) {
        ids.set(purchase.customer, (id = uuidv7()));
        client.run(id, purchase.customer, purchase.customer, at, at);
      }
      const amount = Math.round(purchase.amount * 100) / 100;
      payment.run(
        uuidv7(),
        at,
        at,
        id,
        JSON.stringify({ amount, cost: null, currency: 'EUR' }),
        Math.round(amount * 100),
        purchase.day,
        purchase.day,
      );
    }
  })();
  sqlite.close();
}

describe('Lifetime value: the fit never stands in the way', () => {
  it(
    'keeps answering writes while it fits a few thousand buyers, and stops with the backend',
    { timeout: 120_000 },
    async () => {
      const dataDir = tempDir();
      (await openBackend(dataDir, { now: () => NOW, dailyBackups: false })).backend.close();
      simulateIntoFile(dataDir, 4000);
      const { api, backend } = await openBackend(dataDir, { now: () => NOW, dailyBackups: false });
      const refits = (backend as LocalBackend).lifetimeValue;
      expect(refits.busy).toBe(true);
      const client = await api.call('clients.create', { name: 'Writer', kind: 'company' });
      const times: number[] = [];
      for (let i = 0; i < 5 && refits.busy; i++) {
        const started = performance.now();
        await api.call('payments.record', {
          clientId: client.id,
          kind: 'invoice',
          amount: 10 + i,
          currency: 'EUR',
          issuedOn: '2026-06-01',
        });
        times.push(performance.now() - started);
      }
      // Each write is answered in well under the fit's own time (the fit runs in its worker thread).
      for (const ms of times) expect(ms).toBeLessThan(500);
      await refits.whenIdle();
      const answer = await api.call('analytics.clvModel', {});
      expect(answer.models[0]?.bgnbd.customers).toBe(4000);

      // Closing mid-fit: the worker is ended, nothing is stored, none is left running.
      const db = new Database(join(dataDir, DATABASE_FILE));
      db.prepare('DELETE FROM clv_model').run();
      db.close();
      backend.close();
      const again = await openBackend(dataDir, { now: () => NOW, dailyBackups: false });
      const running = (again.backend as LocalBackend).lifetimeValue;
      expect(running.busy).toBe(true);
      again.backend.close();
      await eventually(
        () => Promise.resolve(liveFitWorkers()),
        (count) => count === 0,
        10_000,
      );
    },
  );
});
