import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/paths.ts';
import { runRapport } from '../support/rapport-cli.ts';
import { useTempDirs } from '../support/temp-dir.ts';

/*
 * `rapport analytics clv` fits the lifetime-value models on a database's payments: one model per currency,
 * each over the clients who paid in it. The parameters themselves are checked against the published
 * CDNOW values in tests/unit/analytics; here, that the right purchases reach the fit.
 */

const tempDir = useTempDirs();

interface Model {
  currency: string | null;
  unit: string;
  until: string;
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; customers: number };
  gammaGamma: { p: number; q: number; v: number; logLikelihood: number; customers: number };
}

describe('rapport analytics clv', () => {
  it('fits one model per currency on the payments of the clients who paid in it', { timeout: 90_000 }, () => {
    const dataDir = tempDir();
    expect(runRapport('seed', '--scale', '400', '--seed', '3', '--data-dir', dataDir).code).toBe(0);
    const run = runRapport('analytics', 'clv', '--data-dir', dataDir, '--json');
    expect(run.code).toBe(0);
    const { models } = JSON.parse(run.stdout) as { models: Model[] };

    const sqlite = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const expected = sqlite
      .prepare(
        `SELECT p.currency AS currency, COUNT(DISTINCT p.client_id) AS customers,
                MAX(COALESCE(p.paid_on, p.issued_on)) AS last
           FROM payment p JOIN client c ON c.id = p.client_id AND c.deleted_at IS NULL
          WHERE p.deleted_at IS NULL AND p.kind = 'payment' GROUP BY p.currency ORDER BY p.currency`,
      )
      .all() as { currency: string; customers: number; last: string }[];
    sqlite.close();
    expect(expected.length).toBeGreaterThan(0);
    expect(models.map((m) => m.currency)).toEqual(expected.map((e) => e.currency));
    for (const model of models) {
      const want = expected.find((e) => e.currency === model.currency);
      expect(model.bgnbd.customers).toBe(want?.customers);
      expect(model.unit).toBe('week');
      // Every currency is observed up to the last purchase of the whole database.
      expect(model.until).toBe(
        expected
          .map((e) => e.last)
          .sort()
          .at(-1),
      );
      for (const value of [
        model.bgnbd.r,
        model.bgnbd.alpha,
        model.bgnbd.a,
        model.bgnbd.b,
        model.gammaGamma.p,
      ])
        expect(Number.isFinite(value) && value > 0).toBe(true);
    }
  });

  it('says so when the data folder has no database', () => {
    const none = runRapport('analytics', 'clv', '--data-dir', tempDir());
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('There is no Rapport database in');
  });
});
