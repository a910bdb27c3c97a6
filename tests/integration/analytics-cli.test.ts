import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.ts';
import type { LifetimeValueModel } from '../../db/analytics/clv/fit-models.ts';
import { cdnowSamplePurchases, exampleTransactions, expectPrintedAs } from '../support/clv-fixtures.ts';
import { runRapport } from '../support/rapport-cli.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

/** The CDNOW sample as an analyst's CSV: `customer,date,amount`, and `currency` when asked for. */
function cdnowCsv(withCurrency = false): string {
  const rows = cdnowSamplePurchases().map((p) => {
    const row = `${p.customer},${p.day},${p.amount}`;
    // Every purchase of odd customers in EUR, of even ones in USD: two populations of buyers.
    return withCurrency ? `${row},${Number(p.customer) % 2 === 1 ? 'EUR' : 'USD'}` : row;
  });
  return writeCsv(
    `${withCurrency ? 'customer,date,amount,currency' : 'customer,date,amount'}\n${rows.join('\n')}\n`,
  );
}

function writeCsv(text: string, name = 'purchases.csv'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

function fitted(...args: string[]): LifetimeValueModel[] {
  const run = runRapport('analytics', 'fit', ...args, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { models: LifetimeValueModel[] }).models;
}

// Each case starts a Node process that fits thousands of customers: on a busy machine that takes seconds.
describe('rapport analytics fit', { timeout: 60_000 }, () => {
  it('fits the CDNOW purchases to 1997-09-30 and prints the published BG/NBD and Gamma-Gamma estimates', () => {
    const models = fitted('--transactions', cdnowCsv(), '--until', '1997-09-30');
    expect(models).toHaveLength(1);
    const [model] = models;
    expect(model).toMatchObject({ currency: null, unit: 'week', until: '1997-09-30' });
    expect(new Date(model?.fittedAt ?? '').getTime()).toBeGreaterThan(Date.now() - 60_000);
    const bgnbd = model?.bgnbd;
    const gammaGamma = model?.gammaGamma;
    if (bgnbd === undefined || gammaGamma === undefined) throw new Error('no model printed');
    // FHL 2005 and CLVTools' log-likelihood; Fader & Hardie 2013.
    expectPrintedAs(bgnbd.r, '0.243');
    expectPrintedAs(bgnbd.alpha, '4.414');
    expectPrintedAs(bgnbd.a, '0.793');
    expectPrintedAs(bgnbd.b, '2.426');
    expectPrintedAs(bgnbd.logLikelihood, '-9582.429');
    expect(bgnbd.customers).toBe(2357);
    expectPrintedAs(gammaGamma.p, '6.25');
    expectPrintedAs(gammaGamma.q, '3.74');
    expectPrintedAs(gammaGamma.v, '15.44');
    expectPrintedAs(gammaGamma.logLikelihood, '-4055.9177');
    expect(gammaGamma.customers).toBe(946);
  });

  it('without --until observes every purchase, up to the last one’s day', () => {
    const [model] = fitted('--transactions', cdnowCsv());
    expect(model?.until).toBe('1998-06-30');
    expect(model?.bgnbd.customers).toBe(2357);
  });

  it('fits one model per currency when the file has a currency column', () => {
    const models = fitted('--transactions', cdnowCsv(true), '--until', '1997-09-30');
    expect(models.map((m) => m.currency)).toEqual(['EUR', 'USD']);
    const customers = models.map((m) => m.bgnbd.customers);
    expect(customers.reduce((a, b) => a + b, 0)).toBe(2357);
    expect(models.map((m) => m.gammaGamma.customers).reduce((a, b) => a + b, 0)).toBe(946);
  });

  it('in days fits lifetimes’ example_transactions as its Quickstart prints: a 1.85, alpha 1.86, b 3.18, r 0.16', () => {
    // The file has no amounts; any that vary will do, since BG/NBD counts purchases only.
    const rows = exampleTransactions().map((p, i) => `${p.customer},${p.day} 00:00:00,${10 + (i % 7)}`);
    const path = writeCsv(`Customer,Date,Amount\n${rows.join('\n')}\n`);
    const [model] = fitted('--transactions', path, '--unit', 'day', '--until', '2014-12-31');
    expect(model?.unit).toBe('day');
    expectPrintedAs(model?.bgnbd.a ?? 0, '1.85');
    expectPrintedAs(model?.bgnbd.alpha ?? 0, '1.86');
    expectPrintedAs(model?.bgnbd.b ?? 0, '3.18');
    expectPrintedAs(model?.bgnbd.r ?? 0, '0.16');
  });

  it('without --json prints a short table people can read', () => {
    const run = runRapport('analytics', 'fit', '--transactions', cdnowCsv(), '--until', '1997-09-30');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('purchases up to 1997-09-30, time in weeks');
    expect(run.stdout).toMatch(/\(none\)\s+BG\/NBD\s+2357\s+-9582\.4292\s+r 0\.242595\s+alpha 4\.41360/);
    expect(run.stdout).toMatch(/Gamma-Gamma\s+946\s+-4055\.9177\s+p 6\.2495\d\s+q 3\.7442\d\s+v 15\.443\d/);
  });

  it('refuses a bad file with a clear message and exit code 1', () => {
    const missing = runRapport('analytics', 'fit', '--transactions', join(tempDir(), 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/rapport analytics: There is no file .*nope\.csv\./);

    const noAmount = runRapport(
      'analytics',
      'fit',
      '--transactions',
      writeCsv('customer,date\n1,2020-01-01\n'),
    );
    expect(noAmount.code).toBe(1);
    expect(noAmount.stderr).toContain('needs a header with the columns customer, date and amount');
    expect(noAmount.stderr).toContain('(missing: amount)');

    const badRows = writeCsv(
      'customer,date,amount\n1,2020-01-01,10\n1,2020-02-30,5\n2,2020-01-03,-4\n,2020-01-04,x\n',
    );
    const rows = runRapport('analytics', 'fit', '--transactions', badRows);
    expect(rows.code).toBe(1);
    expect(rows.stderr).toContain('line 3: the date "2020-02-30" is not a day written YYYY-MM-DD');
    expect(rows.stderr).toContain('line 4: the amount -4 is below zero');
    expect(rows.stderr).toContain('line 5: the customer is empty; line 5: the amount "x" is not a number');

    const nobodyReturned = writeCsv('customer,date,amount\n1,2020-01-01,10\n2,2020-01-03,4\n');
    const once = runRapport('analytics', 'fit', '--transactions', nobodyReturned);
    expect(once.code).toBe(1);
    expect(once.stderr).toContain('no customer bought on two different days');
  });

  it('refuses a wrong call with a hint and exit code 2', () => {
    const run = runRapport('analytics', 'fit', '--transactions', cdnowCsv(), '--unit', 'month');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("rapport analytics: --unit is week or day, not 'month'.");
    expect(run.stderr).toContain("Run 'rapport analytics --help'");
  });

  it('refuses every other wrong call the same way (runCli, the function the bin runs)', async () => {
    const cases = [
      [['analytics'], 'say what to do: fit, clv.'],
      [['analytics', 'predict'], "unknown 'predict'; use fit, clv."],
      [['analytics', 'fit'], '--transactions FILE.csv is required'],
      [
        ['analytics', 'fit', '--transactions', 'x.csv', '--until', '1997-13-01'],
        '--until is a day written YYYY-MM-DD',
      ],
      [['analytics', 'fit', '--transactions', 'x.csv', '--colour', 'red'], '--colour'],
      [['analytics', 'fit', 'extra', '--transactions', 'x.csv'], 'unexpected extra.'],
    ] as const;
    for (const [args, message] of cases) {
      let stderr = '';
      const io = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } };
      expect(await runCli([...args], io)).toBe(2);
      expect(stderr).toContain(message);
    }
  });

  it('explains itself with --help', () => {
    const run = runRapport('analytics', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: rapport analytics fit --transactions FILE.csv');
    expect(run.stdout).toContain('--until');
  });
});
