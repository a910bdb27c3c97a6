import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paymentPurchases } from '../../db/analytics/payment-purchases.ts';
import { DATABASE_FILE } from '../../db/paths.ts';
import { createDb } from '../../db/sql.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();

describe('the purchases the lifetime-value fit reads from payments', () => {
  it('are the live clients’ payments up to today, in each currency’s own units, cents and all', async () => {
    const dataDir = tempDir();
    const { api } = await openBackend(dataDir, { dailyBackups: false, lifetimeValueRefits: false });
    const client = async (name: string) => (await api.call('clients.create', { name, kind: 'company' })).id;
    const [anna, boris, gone] = [await client('Anna'), await client('Boris'), await client('Gone')];
    const record = (
      clientId: string,
      kind: 'payment' | 'invoice' | 'refund',
      amount: number,
      currency: string,
      day: string,
    ) => api.call('payments.record', { clientId, kind, amount, currency, issuedOn: day, paidOn: day });
    await record(anna, 'payment', 12.34, 'EUR', '2026-03-01');
    await record(anna, 'payment', 0.1, 'EUR', '2026-03-02');
    await record(anna, 'payment', 1500, 'JPY', '2026-03-03');
    await record(boris, 'payment', 1234.567, 'KWD', '2026-03-04');
    await record(boris, 'invoice', 99, 'EUR', '2026-03-05');
    await record(boris, 'refund', 5, 'EUR', '2026-03-06');
    await record(boris, 'payment', 70, 'EUR', '2026-04-02');
    await record(gone, 'payment', 40, 'EUR', '2026-03-07');
    await api.call('clients.delete', { id: gone });

    const sqlite = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const purchases = paymentPurchases(createDb(sqlite), '2026-04-01');
      expect(purchases).toEqual([
        { customer: anna, day: '2026-03-01', amount: 12.34, currency: 'EUR' },
        { customer: anna, day: '2026-03-02', amount: 0.1, currency: 'EUR' },
        { customer: anna, day: '2026-03-03', amount: 1500, currency: 'JPY' },
        { customer: boris, day: '2026-03-04', amount: 1234.567, currency: 'KWD' },
      ]);
      expect(paymentPurchases(createDb(sqlite))).toHaveLength(5);
    } finally {
      sqlite.close();
    }
  });
});
