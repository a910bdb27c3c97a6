import { describe, expect, it } from 'vitest';
import { type ListQuery, pageSql } from '../../db/handlers/crud.ts';
import { dueSql } from '../../db/handlers/interactions.ts';
import { encodeCursor } from '../../db/cursor.ts';
import { clientFilter } from '../../db/queries/clients.ts';
import { ClientListInput } from '../../shared/domain/client.ts';
import { searchKinds } from '../../db/search/search-kinds.ts';
import { newestSql, rankedSql } from '../../db/search/search-records.ts';
import { memberOutcomesSql } from '../../db/analytics/figures/campaigns.ts';
import { paymentPurchasesSql } from '../../db/analytics/payment-purchases.ts';
import { changedRowsSql, changedSinceSql, movedFromSql } from '../../db/analytics/changes-since.ts';
import type { SyncedTable } from '../../db/records/synced-tables.ts';
import { fullScans, queryPlan, useMigratedDb } from '../support/query-plan.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openDb = useMigratedDb();
const ID = '0190a5b2-0000-7000-8000-000000000000';

const asc = (column: string) =>
  [
    [column, 'asc'],
    ['id', 'asc'],
  ] as const;
const desc = (column: string) =>
  [
    [column, 'desc'],
    ['id', 'desc'],
  ] as const;

/** Every list the API serves: [table, query, index it must use]. */
const lists: [string, SyncedTable, Omit<ListQuery, 'limit' | 'after'>, string][] = [
  [
    'contacts of a client',
    'contact',
    { where: [['client_id', '=', ID]], order: [['is_primary', 'desc'], ...asc('sort_name')] },
    'contact_live_by_client',
  ],
  ['all contacts', 'contact', { where: [], order: asc('sort_name') }, 'contact_live_by_name'],
  ['team members', 'team_member', { where: [], order: asc('sort_name') }, 'team_member_live_by_name'],
  ['tags', 'tag', { where: [], order: asc('sort_name') }, 'tag_live_by_name'],
  [
    'timeline of a client',
    'interaction',
    { where: [['client_id', '=', ID]], order: desc('occurred_at') },
    'interaction_live_by_client',
  ],
  [
    'recent interactions',
    'interaction',
    { where: [], order: desc('occurred_at') },
    'interaction_live_by_time',
  ],
  [
    'timeline of a contact',
    'interaction',
    { where: [['contact_id', '=', ID]], order: desc('occurred_at') },
    'interaction_live_by_contact',
  ],
  [
    'timeline of a deal',
    'interaction',
    { where: [['deal_id', '=', ID]], order: desc('occurred_at') },
    'interaction_live_by_deal',
  ],
  [
    'follow-ups of a client',
    'followup',
    {
      where: [
        ['client_id', '=', ID],
        ['status', '=', 'open'],
      ],
      order: asc('due_at'),
    },
    'followup_live_by_client',
  ],
  [
    'deals of a client',
    'deal',
    { where: [['client_id', '=', ID]], order: desc('created_at') },
    'deal_live_by_client',
  ],
  [
    'deals in a stage',
    'deal',
    { where: [['stage', '=', 'won']], order: desc('created_at') },
    'deal_live_by_stage',
  ],
  ['all deals', 'deal', { where: [], order: desc('created_at') }, 'deal_live_by_created'],
  [
    'payments of a client',
    'payment',
    { where: [['client_id', '=', ID]], order: desc('issued_on') },
    'payment_live_by_client',
  ],
  ['all payments', 'payment', { where: [], order: desc('issued_on') }, 'payment_live_by_issued'],
  [
    'offers of a client',
    'competitor_offer',
    { where: [['client_id', '=', ID]], order: desc('offered_on') },
    'competitor_offer_live_by_client',
  ],
  [
    'requests of a client',
    'service_request',
    { where: [['client_id', '=', ID]], order: desc('opened_at') },
    'service_request_live_by_client',
  ],
  [
    'requests by status',
    'service_request',
    { where: [['status', '=', 'open']], order: desc('opened_at') },
    'service_request_live_by_status',
  ],
  [
    'all requests',
    'service_request',
    { where: [], order: desc('opened_at') },
    'service_request_live_by_opened',
  ],
  ['campaigns', 'campaign', { where: [], order: asc('sort_name') }, 'campaign_live_by_name'],
  [
    'campaign members',
    'campaign_member',
    { where: [['campaign_id', '=', ID]], order: [['id', 'asc']] },
    'campaign_member_live_by_campaign',
  ],
];

describe('every list reads through its index', () => {
  it.each(lists)('%s: first and deep page', async (_name, table, query, index) => {
    const db = await openDb(tempDir());
    const cursor = encodeCursor(
      query.order.map(([column]) => (column === 'is_primary' ? 1 : `${column}-value`)),
    );
    for (const after of [null, cursor]) {
      const plan = queryPlan(db, pageSql(table, { ...query, after, limit: 50 }));
      expect(fullScans(plan), plan.join('\n')).toEqual([]);
      expect(plan.join('\n')).toContain(index);
    }
  });

  it('follow-ups due today, for everyone and for one assignee', async () => {
    const db = await openDb(tempDir());
    const window = { from: '2026-11-23T00:00:00Z', to: '2026-11-24T00:00:00Z', limit: 50 };
    const everyone = queryPlan(db, dueSql(window));
    expect(fullScans(everyone), everyone.join('\n')).toEqual([]);
    expect(everyone.join('\n')).toContain('followup_open_by_due');
    const mine = queryPlan(db, dueSql({ ...window, assigneeId: ID }));
    expect(fullScans(mine), mine.join('\n')).toEqual([]);
    expect(mine.join('\n')).toContain('followup_open_by_assignee');
  });
});

describe('search query plans', () => {
  it.each(Object.values(searchKinds).map((kind) => [kind.table, kind] as const))(
    '%s: the FTS index, then each hit by rowid, never a scan of the records',
    async (_name, kind) => {
      const db = await openDb(tempDir());
      for (const sql of [rankedSql(kind), newestSql(kind)]) {
        const plan = queryPlan(db, { sql, parameters: ['"acme"*', 8] });
        expect(plan.join('\n')).toContain(`SCAN ${kind.fts} VIRTUAL TABLE`);
        expect(plan.join('\n')).toMatch(/SEARCH r USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        // `h` is the hit list itself, at most a limit long; no table of records is ever scanned.
        expect(fullScans(plan).filter((step) => step.trim() !== 'SCAN h')).toEqual([]);
        expect(plan.join('\n')).not.toMatch(/SCAN (r|c)\b/);
      }
    },
  );
});

describe('Insights query plans', () => {
  it('reads every live client for the Insights from the covering index alone, never the wide rows', async () => {
    const db = await openDb(tempDir());
    const plan = queryPlan(db, {
      sql: `SELECT id, name, segment, industry, region, source, stage, vip, owner_id
              FROM client INDEXED BY client_live_attributes WHERE deleted_at IS NULL`,
      parameters: [],
    });
    expect(plan.join('\n')).toContain('USING COVERING INDEX client_live_attributes');
  });

  it('reads the lifetime-value fit’s purchases along the purchases index, each client’s liveness from its index', async () => {
    const db = await openDb(tempDir());
    const plan = queryPlan(db, { sql: paymentPurchasesSql, parameters: ['2026-12-01'] }).join('\n');
    expect(plan).toContain('SCAN p USING INDEX payment_live_purchases');
    expect(plan).toContain('SEARCH c USING COVERING INDEX client_live_attributes (id=?)');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('pages a drill-down of thousands of clients along the name index, never sorting them all', async () => {
    const db = await openDb(tempDir());
    const ids = Array.from({ length: 5000 }, (_, i) => `${ID.slice(0, -5)}${String(i).padStart(5, '0')}`);
    const { where, params } = clientFilter({ ...ClientListInput.parse({}), ids }, new Date());
    const plan = queryPlan(db, {
      sql: `SELECT * FROM client WHERE ${where.join(' AND ')} ORDER BY sort_name, id LIMIT 51`,
      parameters: params,
    });
    expect(plan.join('\n')).toContain('SCAN client USING INDEX client_live_by_name');
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
  });

  it('looks up each campaign member’s won deals among its own deals, never among every won deal', async () => {
    const db = await openDb(tempDir());
    const plan = queryPlan(db, {
      sql: memberOutcomesSql(''),
      parameters: [{ campaigns: '[]', days: 90, today: '2026-12-01', currency: 'KZT' }],
    });
    expect(plan.join('\n')).toContain('SEARCH d USING INDEX deal_live_by_client (client_id=?)');
    expect(plan.join('\n')).not.toContain('deal_live_by_stage');
  });

  it('finds the changes since an answer along the change log’s sequence, never among every entry of a table', async () => {
    const db = await openDb(tempDir());
    for (const [sql, parameters] of [
      [changedRowsSql, [10, 'client']],
      [movedFromSql, [10, 'payment']],
      [changedSinceSql, [10, '["client"]']],
    ] as const) {
      const plan = queryPlan(db, { sql, parameters: [...parameters] });
      expect(plan.join('\n')).toContain('SEARCH change_log USING INTEGER PRIMARY KEY (rowid>?)');
      expect(plan.join('\n')).not.toContain('change_log_by_record');
    }
  });
});
