import { describe, expect, it } from 'vitest';
import {
  SortedPurchaseSummaries,
  dayParser,
  summarisePurchases,
  type Purchase,
} from '../../../db/analytics/clv/customer-summary.ts';
import { appErrorThrownBy } from '../../support/app-error.ts';
import {
  cdnowSamplePurchases,
  cdnowSummaryWithSpend,
  exampleTransactions,
} from '../../support/clv-fixtures.ts';

/** lifetimes' test_utils fixture `large_transaction_level_data_with_monetary_value`. */
const smallShop: Purchase[] = [
  ['1', '2015-01-01', 1],
  ['1', '2015-02-06', 2],
  ['2', '2015-01-01', 2],
  ['3', '2015-01-01', 3],
  ['3', '2015-01-02', 1],
  ['3', '2015-01-05', 5],
  ['4', '2015-01-16', 6],
  ['4', '2015-02-02', 3],
  ['4', '2015-02-05', 3],
  ['5', '2015-01-16', 3],
  ['5', '2015-01-17', 1],
  ['5', '2015-01-18', 8],
  ['6', '2015-02-02', 5],
].map(([customer, day, amount]) => ({
  customer: String(customer),
  day: String(day),
  amount: Number(amount),
}));

function summaryById(purchases: readonly Purchase[], unit: 'week' | 'day', until: string) {
  return new Map(summarisePurchases(purchases, { unit, until }).map((c) => [c.customer, c]));
}

describe('summarising purchases per customer (REFERENCE.md §2)', () => {
  it('counts repeat days, the days from first to last purchase and to the end, and the mean repeat spend', () => {
    // Worked by hand, as lifetimes' test_utils expects them (until 2015-02-07, days).
    const summary = summaryById(smallShop, 'day', '2015-02-07');
    const rows = ['1', '2', '3', '4', '5', '6'].map((id) => {
      const c = summary.get(id);
      return [id, c?.frequency, c?.recency, c?.age, c?.meanRepeatSpend];
    });
    expect(rows).toEqual([
      ['1', 1, 36, 37, 2],
      ['2', 0, 0, 37, 0],
      ['3', 2, 4, 37, 3], // repeat days 01-02 (1) and 01-05 (5)
      ['4', 2, 20, 22, 3],
      ['5', 2, 2, 22, 4.5],
      ['6', 0, 0, 5, 0],
    ]);
  });

  it('in weeks, the same days divided by seven', () => {
    const summary = summaryById(smallShop, 'week', '2015-02-07');
    expect(summary.get('1')).toMatchObject({ frequency: 1, recency: 36 / 7, age: 37 / 7 });
    expect(summary.get('4')).toMatchObject({ frequency: 2, recency: 20 / 7, age: 22 / 7 });
  });

  it('purchases on one day are one purchase, their amounts summed', () => {
    const sameDay: Purchase[] = [
      { customer: 'a', day: '2015-01-01', amount: 10 },
      { customer: 'a', day: '2015-01-01', amount: 5 },
      { customer: 'a', day: '2015-01-03', amount: 4 },
      { customer: 'a', day: '2015-01-03', amount: 6 },
      { customer: 'b', day: '2015-01-02', amount: 7 },
      { customer: 'b', day: '2015-01-02', amount: 7 },
    ];
    const summary = summaryById(sameDay, 'day', '2015-01-10');
    expect(summary.get('a')).toEqual({
      customer: 'a',
      frequency: 1,
      recency: 2,
      age: 9,
      meanRepeatSpend: 10,
    });
    expect(summary.get('b')).toEqual({ customer: 'b', frequency: 0, recency: 0, age: 8, meanRepeatSpend: 0 });
  });

  it('the first purchase is left out of the spend whatever order the purchases come in (10, 20, 25 → 22.5)', () => {
    const ordered: Purchase[] = [
      { customer: '2', day: '2014-03-14', amount: 10 },
      { customer: '2', day: '2014-04-09', amount: 20 },
      { customer: '2', day: '2014-05-21', amount: 25 },
    ];
    const shuffled = [ordered[1], ordered[0], ordered[2]].filter((p) => p !== undefined);
    const until = '2014-05-21';
    expect(summaryById(shuffled, 'day', until).get('2')).toEqual(summaryById(ordered, 'day', until).get('2'));
    expect(summaryById(ordered, 'day', until).get('2')?.meanRepeatSpend).toBe(22.5);
  });

  it('until ends the observation: later purchases are left out, and customers who only bought later too', () => {
    const summary = summaryById(smallShop, 'day', '2015-02-01');
    expect(summary.get('1')).toMatchObject({ frequency: 0, recency: 0, age: 31 });
    expect(summary.get('4')).toMatchObject({ frequency: 0, recency: 0, age: 16 });
    expect(summary.has('6')).toBe(false);
  });

  it('a purchase on the until day itself is observed, giving an age of 0 for a first purchase that day', () => {
    const summary = summaryById(smallShop, 'day', '2015-02-02');
    expect(summary.get('6')).toEqual({ customer: '6', frequency: 0, recency: 0, age: 0, meanRepeatSpend: 0 });
    expect(summary.get('4')).toMatchObject({ frequency: 1, recency: 17, age: 17, meanRepeatSpend: 3 });
  });
});

describe('the CDNOW sample summarised from its raw purchases gives Hardie’s own summary file', () => {
  const summary = summaryById(cdnowSamplePurchases(), 'week', '1997-09-30');

  it('matches every one of the 2 357 rows of cdnow_customers_summary_with_transactions.csv at 2 decimals', () => {
    const published = cdnowSummaryWithSpend();
    expect(summary.size).toBe(2357);
    const mismatches = published.filter((row) => {
      const ours = summary.get(row.customer);
      // The file rounds half up from exact cents (22.345 → 22.35); allow that half cent, nothing more.
      const near = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) <= 0.005 + 1e-9;
      return !(
        ours?.frequency === row.frequency &&
        near(ours.recency, row.recency) &&
        near(ours.age, row.age) &&
        near(ours.meanRepeatSpend, row.meanRepeatSpend)
      );
    });
    expect(mismatches).toEqual([]);
  });

  it('customer 1: days 01-01, 01-18 and 08-02 (12-12 is after the cut-off) → x 2, t_x 30.43, T 38.86, zbar 22.35', () => {
    expect(summary.get('1')).toEqual({
      customer: '1',
      frequency: 2,
      recency: 213 / 7,
      age: 272 / 7,
      meanRepeatSpend: (29.73 + 14.96) / 2,
    });
  });

  it('has 1 411 one-time buyers, 946 repeat buyers and 2 457 repeat purchase days (REFERENCE.md §7)', () => {
    const customers = [...summary.values()];
    expect(customers.filter((c) => c.frequency === 0)).toHaveLength(1411);
    expect(customers.filter((c) => c.frequency > 0)).toHaveLength(946);
    expect(customers.reduce((sum, c) => sum + c.frequency, 0)).toBe(2457);
  });

  it('the repeat buyers’ mean spends have mean 35, sd 30, min 3, median 27, max 300 (lifetimes test_utils)', () => {
    const spends = [...summary.values()]
      .filter((c) => c.frequency > 0)
      .map((c) => c.meanRepeatSpend)
      .sort((a, b) => a - b);
    const mean = spends.reduce((sum, s) => sum + s, 0) / spends.length;
    const sd = Math.sqrt(spends.reduce((sum, s) => sum + (s - mean) ** 2, 0) / (spends.length - 1));
    const median = ((spends[472] ?? 0) + (spends[473] ?? 0)) / 2;
    expect([spends.length, Math.round(mean), Math.round(sd), Math.round(spends[0] ?? 0)]).toEqual([
      946, 35, 30, 3,
    ]);
    expect([Math.round(median), Math.round(spends.at(-1) ?? 0)]).toEqual([27, 300]);
  });
});

describe('example_transactions.csv summarised in days (lifetimes Quickstart)', () => {
  const purchases = exampleTransactions();

  it('to 2014-12-31: customers 0–4 are (0, 0, 298), (0, 0, 224), (6, 142, 292), (0, 0, 147), (2, 9, 183)', () => {
    const summary = summaryById(purchases, 'day', '2014-12-31');
    const head = ['0', '1', '2', '3', '4'].map((id) => {
      const c = summary.get(id);
      return [c?.frequency, c?.recency, c?.age];
    });
    expect(head).toEqual([
      [0, 0, 298],
      [0, 0, 224],
      [6, 142, 292],
      [0, 0, 147],
      [2, 9, 183],
    ]);
  });

  it('with the calibration period ending 2014-09-01 their ages are 177, 103, 171, 26 and 62 days', () => {
    const summary = summaryById(purchases, 'day', '2014-09-01');
    expect(['0', '1', '2', '3', '4'].map((id) => summary.get(id)?.age)).toEqual([177, 103, 171, 26, 62]);
  });
});

describe('purchases that cannot be summarised are refused with every problem named', () => {
  it('a negative amount, a malformed day, an impossible day, a missing customer and a bad until', () => {
    const bad: Purchase[] = [
      { customer: 'a', day: '2015-01-01', amount: -5 },
      { customer: 'a', day: '01/02/2015', amount: 5 },
      { customer: 'a', day: '2015-02-30', amount: 5 },
      { customer: ' ', day: '2015-01-01', amount: 5 },
      { customer: 'b', day: '2015-01-01', amount: Number.NaN },
      { customer: 'c', day: '2015-01-01', amount: Number.POSITIVE_INFINITY },
    ];
    const error = appErrorThrownBy(() => summarisePurchases(bad, { unit: 'day', until: '2015-03-01' }));
    expect(error.code).toBe('validation');
    expect(error.details?.issues?.map((issue) => [issue.path, issue.rule])).toEqual([
      ['purchases.0.amount', 'non_negative'],
      ['purchases.1.day', 'date'],
      ['purchases.2.day', 'date'],
      ['purchases.3.customer', 'required'],
      ['purchases.4.amount', 'non_negative'],
      ['purchases.5.amount', 'non_negative'],
    ]);
    expect(error.message).toContain('purchases.0.amount: the amount -5 is not a number ≥ 0');
    expect(
      appErrorThrownBy(() => summarisePurchases([], { unit: 'day', until: '2015-13-01' })).message,
    ).toContain('until must be a date written YYYY-MM-DD');
  });

  it('a zero amount is still a purchase day (CDNOW has eight free purchases)', () => {
    const summary = summaryById(
      [
        { customer: 'a', day: '2015-01-01', amount: 0 },
        { customer: 'a', day: '2015-01-05', amount: 0 },
      ],
      'day',
      '2015-01-10',
    );
    expect(summary.get('a')).toMatchObject({ frequency: 1, recency: 4, meanRepeatSpend: 0 });
  });
});

describe('summarised as the database reads payments: sorted by customer and day, numbers only', () => {
  /** The purchases up to `until` sorted as the payments index holds them, summarised as they arrive. */
  function sortedHistories(purchases: readonly Purchase[], unit: 'week' | 'day', until: string) {
    const dayOf = dayParser();
    const summaries = new SortedPurchaseSummaries();
    const untilDay = dayOf(until) ?? NaN;
    const sorted = purchases
      .filter((purchase) => (dayOf(purchase.day) ?? Infinity) <= untilDay)
      .sort((a, b) =>
        a.customer < b.customer
          ? -1
          : a.customer > b.customer
            ? 1
            : a.day < b.day
              ? -1
              : a.day > b.day
                ? 1
                : 0,
      );
    for (const purchase of sorted)
      summaries.add(purchase.customer, dayOf(purchase.day) ?? NaN, purchase.amount);
    return { summaries, histories: summaries.histories(untilDay, unit), sorted };
  }

  it('gives every CDNOW customer exactly the summary of the purchase list, in the same order', () => {
    const { histories, sorted } = sortedHistories(cdnowSamplePurchases(), 'week', '1997-09-30');
    const expected = summarisePurchases(sorted, { unit: 'week', until: '1997-09-30' }).map(
      ({ customer: _customer, ...history }) => history,
    );
    expect(histories).toHaveLength(2357);
    expect(histories).toEqual(expected);
  });

  it('same-day purchases are one, the first day is left out of the spend (the small shop, in days)', () => {
    const { histories } = sortedHistories(smallShop, 'day', '2015-02-06');
    expect(histories).toEqual([
      { frequency: 1, recency: 36, age: 36, meanRepeatSpend: 2 },
      { frequency: 0, recency: 0, age: 36, meanRepeatSpend: 0 },
      { frequency: 2, recency: 4, age: 36, meanRepeatSpend: 3 },
      { frequency: 2, recency: 20, age: 21, meanRepeatSpend: 3 },
      { frequency: 2, recency: 2, age: 21, meanRepeatSpend: 4.5 },
      { frequency: 0, recency: 0, age: 4, meanRepeatSpend: 0 },
    ]);
    const twiceADay = new SortedPurchaseSummaries();
    for (const [day, amount] of [
      [10, 5],
      [10, 7],
      [12, 1],
      [12, 2],
      [15, 4],
    ] as const)
      twiceADay.add('a', day, amount);
    expect(twiceADay.histories(20, 'day')).toEqual([
      { frequency: 2, recency: 5, age: 10, meanRepeatSpend: 3.5 },
    ]);
  });

  it('refuses purchases out of order rather than summarising them wrong', () => {
    const summaries = new SortedPurchaseSummaries();
    summaries.add('a', 12, 1);
    expect(() => summaries.add('a', 11, 1)).toThrow(/sorted/);
  });
});
