import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../db/paths.ts';
import { deferIndexes, restoreDeferredIndexes } from '../../db/deferred-indexes.ts';
import { openDatabase } from '../../db/open-database.ts';
import { refreshAllClientRollups } from '../../db/records/rollups.ts';
import { createDb } from '../../db/sql.ts';
import type { DatabaseStats } from '../../db/stats.ts';
import { startOfDayIn } from '../../shared/time.ts';
import { useTestBackends } from '../support/open-test-backend.ts';
import { runRapport } from '../support/rapport-cli.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const openBackend = useTestBackends();

function stats(dataDir: string): DatabaseStats {
  const run = runRapport('stats', '--data-dir', dataDir, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as DatabaseStats;
}

function live(found: DatabaseStats, table: string): number {
  return found.entities[table]?.live ?? 0;
}

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: localZone }).format(new Date());
const startOfToday = startOfDayIn(today, localZone);
const startOfTomorrow = new Date(startOfToday.getTime() + 86_400_000 + 3_600_000 * 2);

describe('rapport seed --demo', () => {
  it('fills an empty database with a living company in three languages, through the API', async () => {
    const dataDir = tempDir();
    const run = runRapport('seed', '--demo', '--data-dir', dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Added demo data');

    const found = stats(dataDir);
    expect(live(found, 'client')).toBeGreaterThanOrEqual(40);
    expect(live(found, 'contact')).toBeGreaterThanOrEqual(live(found, 'client'));
    for (const table of ['team_member', 'deal', 'payment', 'competitor_offer', 'service_request', 'campaign'])
      expect(live(found, table), table).toBeGreaterThan(0);
    // Written through the API: every row has its change log, so it has history and would sync.
    expect(found.changeLog).toBeGreaterThan(live(found, 'interaction') * 5);

    const { api } = await openBackend(dataDir, { dailyBackups: false });
    const clients = await api.call('clients.list', { limit: 500 });
    const names = clients.items.map((client) => client.name).join(' ');
    expect(names).toMatch(/[A-Za-z]{3}/);
    expect(names).toMatch(/[а-яё]{3}/i);
    expect(names).toMatch(/[әғқңөұүһі]/i);

    // A year of dealings, and quiet clients among them.
    const lastContacts = clients.items.flatMap((client) =>
      client.lastContactAt === null ? [] : [Date.parse(client.lastContactAt)],
    );
    expect(lastContacts.length).toBeGreaterThan(30);
    expect(Math.min(...lastContacts)).toBeLessThan(Date.now() - 60 * 86_400_000);
    const first = clients.items[0];
    if (!first) throw new Error('no client');
    const timeline = await api.call('interactions.timeline', { clientId: first.id, limit: 100 });
    expect(timeline.items.length).toBeGreaterThan(0);
    const history = await api.call('history.forRecord', { entity: 'client', id: first.id });
    expect(history.items.length).toBeGreaterThan(0);

    // Follow-ups overdue and due today, for the Today screen.
    const overdue = await api.call('followups.listDue', { to: startOfToday.toISOString(), limit: 100 });
    const dueToday = await api.call('followups.listDue', {
      from: startOfToday.toISOString(),
      to: startOfTomorrow.toISOString(),
      limit: 100,
    });
    expect(overdue.items.length).toBeGreaterThanOrEqual(3);
    expect(dueToday.items.length).toBeGreaterThanOrEqual(3);

    const deals = await api.call('deals.list', { limit: 100 });
    expect(new Set(deals.items.map((deal) => deal.stage)).size).toBeGreaterThanOrEqual(3);

    // Search already knows the demo: a Kazakh name typed on a Russian keyboard.
    const kazakh = clients.items.find((client) => /[құә]/i.test(client.name));
    if (!kazakh) throw new Error('no Kazakh client name');
    const word = (kazakh.name.split(' ')[0] ?? '').replace(/қ/g, 'к').replace(/ұ/g, 'у').replace(/ә/g, 'а');
    const hits = await api.call('search.query', { text: word.slice(0, 4), kinds: ['client'] });
    expect(hits.groups[0]?.items.map((item) => item.id)).toContain(kazakh.id);
  });

  it('refuses a database that already has data, and adds nothing', () => {
    const dataDir = tempDir();
    expect(runRapport('seed', '--demo', '--data-dir', dataDir).code).toBe(0);
    const before = stats(dataDir);
    const again = runRapport('seed', '--demo', '--data-dir', dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has data');
    expect(stats(dataDir).entities).toEqual(before.entities);
  });
});

describe('app.loadDemo', () => {
  it('adds the demo in one call from the first-launch screen, and refuses a second time', async () => {
    const dataDir = tempDir();
    const { api, backend } = await openBackend(dataDir, { dailyBackups: false });
    const changed: string[] = [];
    backend.subscribe((event) => {
      if (event.event === 'data.changed') changed.push(event.payload.entity);
    });
    const { counts } = await api.call('app.loadDemo', { timeZone: 'Asia/Almaty' });
    // One refetch signal per kind of record, not one per record.
    expect(changed.length).toBe(new Set(changed).size);
    expect(changed).toContain('client');
    expect(counts.client).toBeGreaterThanOrEqual(40);
    const found = stats(dataDir);
    for (const [table, n] of Object.entries(counts)) expect(live(found, table), table).toBe(n);
    const again = await api.call('app.loadDemo', {}).catch((error: unknown) => error);
    expect(again).toMatchObject({ code: 'conflict' });
    expect(stats(dataDir).entities).toEqual(found.entities);
    // The demo and two starts of the CLI: seconds on a machine busy with other work.
  }, 60_000);
});

describe('the demo company’s costs', () => {
  const period = {
    from: new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10),
    to: new Date().toISOString().slice(0, 10),
  };

  it('prices its hours and service requests, so the clients it makes unprofitable by service show', async () => {
    const { api } = await openBackend(tempDir(), { dailyBackups: false });
    await api.call('app.loadDemo', { timeZone: 'Asia/Almaty' });
    expect(await api.call('analytics.settings', {})).toMatchObject({
      costCurrency: 'KZT',
      hourlyCost: 6000,
      serviceRequestCost: 10_000,
    });
    const revenue = await api.call('analytics.revenue', { period, filters: { currency: 'KZT' } });
    expect(revenue.totals.costToServe).toBeGreaterThan(0);
    const losing = await api.call('analytics.clients', {
      period,
      filters: { currency: 'KZT' },
      unprofitable: true,
    });
    expect(losing.items.some((client) => client.lossReasons.includes('serviceLoad'))).toBe(true);
  }, 60_000);

  it('keeps the costs someone set before loading it', async () => {
    const { api } = await openBackend(tempDir(), { dailyBackups: false });
    await api.call('analytics.updateSettings', { hourlyCost: 4500, costCurrency: 'USD' });
    await api.call('app.loadDemo', { timeZone: 'Asia/Almaty' });
    expect(await api.call('analytics.settings', {})).toMatchObject({
      costCurrency: 'USD',
      hourlyCost: 4500,
      serviceRequestCost: 0,
    });
  }, 60_000);
});

describe('the demo company’s past', () => {
  it('gives every Insights page something to show, dated when it happened', async () => {
    const dataDir = tempDir();
    const { api } = await openBackend(dataDir, { dailyBackups: false });
    await api.call('app.loadDemo', { timeZone: 'Asia/Almaty' });
    const sqlite = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
    const all = (sql: string) => sqlite.prepare(sql).all() as Record<string, number | string | null>[];
    const one = (sql: string) => all(sql)[0] ?? {};
    try {
      // Stage history: clients found months ago moved through the stages, each change dated then.
      const stages = all(
        `SELECT json_extract(new_value, '$') AS stage, count(*) AS n, min(at) AS first FROM change_log
          WHERE table_name = 'client' AND field = 'stage' GROUP BY stage`,
      );
      expect(stages.map((row) => row.stage).sort()).toEqual(
        ['active', 'lapsed', 'lead', 'lost', 'loyal', 'prospect'].sort(),
      );
      const monthsAgo = (months: number) => new Date(Date.now() - months * 30.5 * 86_400_000).toISOString();
      expect(String(stages.find((row) => row.stage === 'prospect')?.first)).toMatch(/^20/);
      expect(String(stages.find((row) => row.stage === 'prospect')?.first) < monthsAgo(18)).toBe(true);
      // Dated over twenty months, and still one step to undo.
      expect(one('SELECT count(DISTINCT txn_id) AS n FROM change_log').n).toBe(1);
      const current = all('SELECT DISTINCT stage FROM client').map((row) => row.stage);
      expect(current.sort()).toEqual(['active', 'lapsed', 'lead', 'lost', 'loyal', 'prospect'].sort());

      // A year and a half of invoices with costs; repeat buyers, one-time buyers and those who stopped.
      const span = one(`SELECT min(issued_on) AS first, max(issued_on) AS last FROM payment`);
      expect(String(span.first) < monthsAgo(18).slice(0, 10)).toBe(true);
      expect(one(`SELECT count(*) AS n FROM payment WHERE kind <> 'refund' AND cost_minor IS NULL`).n).toBe(
        0,
      );
      const days = all(
        `SELECT count(DISTINCT paid_on) AS days, max(paid_on) AS last FROM payment
          WHERE kind = 'payment' GROUP BY client_id`,
      );
      expect(days.filter((row) => Number(row.days) >= 2).length).toBeGreaterThanOrEqual(24);
      expect(days.filter((row) => row.days === 1).length).toBeGreaterThan(0);
      expect(days.filter((row) => String(row.last) < monthsAgo(5).slice(0, 10)).length).toBeGreaterThan(2);
      expect(one(`SELECT count(*) AS n FROM payment WHERE kind = 'refund'`).n).toBeGreaterThan(0);

      // Receivables in every aging bucket, and invoices paid late.
      const aging = all(
        `SELECT CASE WHEN age <= 30 THEN '0-30' WHEN age <= 60 THEN '31-60' WHEN age <= 90 THEN '61-90'
                ELSE '90+' END AS bucket, count(*) AS n
           FROM (SELECT julianday('now') - julianday(due_on) AS age FROM payment
                  WHERE kind = 'invoice' AND paid_on IS NULL AND due_on < date('now'))
          GROUP BY bucket`,
      );
      expect(aging.map((row) => row.bucket)).toEqual(['0-30', '31-60', '61-90', '90+']);
      expect(
        one(`SELECT count(*) AS n FROM payment WHERE kind = 'invoice' AND paid_on > due_on`).n,
      ).toBeGreaterThan(10);

      // Clients that cost more than they bring: a margin near nothing, or hours of service for little.
      const thin = all(
        `SELECT client_id FROM payment WHERE kind = 'payment' GROUP BY client_id
         HAVING sum(amount_minor - cost_minor) < 0.06 * sum(amount_minor)`,
      );
      expect(thin.length).toBeGreaterThanOrEqual(2);
      const heavy = all(`SELECT client_id FROM service_request GROUP BY client_id HAVING count(*) >= 7`);
      expect(heavy.length).toBeGreaterThanOrEqual(2);

      // Deals won and lost, with reasons and competitors; competitors' offers with prices.
      expect(
        one(`SELECT count(*) AS n FROM deal WHERE stage = 'lost' AND reason IS NOT NULL`).n,
      ).toBeGreaterThan(5);
      expect(
        one(`SELECT count(DISTINCT competitor) AS n FROM competitor_offer WHERE price IS NOT NULL`).n,
      ).toBeGreaterThanOrEqual(3);
      expect(
        one(`SELECT count(*) AS n FROM deal WHERE stage = 'won' AND closed_on IS NOT NULL`).n,
      ).toBeGreaterThan(20);

      // Campaigns with costs and members who responded and converted.
      expect(
        one(`SELECT count(*) AS n FROM campaign WHERE cost IS NOT NULL AND starts_on IS NOT NULL`).n,
      ).toBeGreaterThanOrEqual(3);
      const statuses = all(`SELECT DISTINCT status FROM campaign_member`).map((row) => row.status);
      expect(statuses.sort()).toEqual(['converted', 'responded', 'targeted']);

      // Service requests open and resolved, with resolution times and ratings.
      expect(one(`SELECT count(*) AS n FROM service_request WHERE resolved_at IS NULL`).n).toBeGreaterThan(0);
      const resolved = one(
        `SELECT count(*) AS n, count(rating) AS rated, min(resolved_at > opened_at) AS ordered
           FROM service_request WHERE resolved_at IS NOT NULL`,
      );
      expect(Number(resolved.rated)).toBeGreaterThan(20);
      expect(resolved.ordered).toBe(1);

      // Durations for the cost to serve.
      expect(
        one(
          `SELECT count(*) AS n FROM interaction WHERE kind IN ('call', 'meeting', 'visit') AND duration_s IS NULL`,
        ).n,
      ).toBe(0);
    } finally {
      sqlite.close();
    }
    // Some three thousand calls in one transaction: seconds on a machine busy with other work.
  }, 60_000);
});

describe('rapport seed --scale', () => {
  it('makes N clients with proportional dealings, consistent rollups and a full search index', async () => {
    const dataDir = tempDir();
    const run = runRapport('seed', '--scale', '400', '--seed', '7', '--data-dir', dataDir);
    expect(run.stderr).toContain('400 of 400 clients');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Added \d+ rows .* rows\/s/);

    const found = stats(dataDir);
    const clients = live(found, 'client');
    expect(clients).toBe(400);
    expect(live(found, 'contact') / clients).toBeGreaterThan(2.5);
    expect(live(found, 'contact') / clients).toBeLessThan(3.5);
    expect(live(found, 'interaction') / clients).toBeGreaterThan(18);
    expect(live(found, 'interaction') / clients).toBeLessThan(22);
    expect(live(found, 'followup') / clients).toBeGreaterThan(1.5);
    expect(live(found, 'payment') / clients).toBeGreaterThan(2);
    expect(live(found, 'payment') / clients).toBeLessThan(4);
    for (const table of ['deal', 'competitor_offer', 'service_request', 'campaign', 'campaign_member'])
      expect(live(found, table), table).toBeGreaterThan(0);
    expect(found.searchDocuments).toEqual({
      client: clients,
      contact: live(found, 'contact'),
      interaction: live(found, 'interaction'),
    });

    // The rollups the seeder computed equal what the record writer computes.
    const sqlite = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    const rollups = (): Record<string, unknown>[] =>
      sqlite
        .prepare(
          `SELECT id, last_contact_at, next_followup_at, contact_count, first_contact_at,
             quiet_since AS quiet_s
           FROM client ORDER BY id`,
        )
        .all() as Record<string, unknown>[];
    const seededRollups = rollups();
    refreshAllClientRollups(createDb(sqlite));
    const refreshed = rollups();
    const wrong = {
      n: seededRollups.filter((row, i) => {
        const other = refreshed[i] ?? {};
        // quiet_since is computed in floating-point days by SQLite: equal within a millisecond or two.
        const quiet = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : null);
        const a = quiet(row.quiet_s);
        const b = quiet(other.quiet_s);
        const sameQuiet = a === null || b === null ? a === b : Math.abs(a - b) <= 2;
        return (
          !sameQuiet || JSON.stringify({ ...row, quiet_s: 0 }) !== JSON.stringify({ ...other, quiet_s: 0 })
        );
      }).length,
    };
    expect(seededRollups.filter((row) => row.quiet_s !== null).length).toBeGreaterThan(300);
    // Bulk rows are not changes to sync (README.md): the only change log is the clients' stage history
    // the lifecycle analytics read, logged as the team's changes, so nothing is pushed or undone from here.
    const log = sqlite
      .prepare(
        `SELECT table_name, field, origin, count(DISTINCT row_id) AS clients, min(at) AS first FROM change_log
          GROUP BY table_name, field, origin`,
      )
      .all() as { table_name: string; field: string; origin: string; clients: number; first: string }[];
    expect(log.map(({ table_name, field, origin }) => [table_name, field, origin])).toEqual([
      ['client', 'stage', 'remote'],
    ]);
    expect(log[0]?.clients).toBeGreaterThan(200);
    const outOfOrder = sqlite
      .prepare(
        `SELECT count(*) AS n FROM change_log AS later JOIN change_log AS earlier
           ON earlier.row_id = later.row_id AND earlier.seq < later.seq AND earlier.at > later.at`,
      )
      .get() as { n: number };
    expect(outOfOrder.n).toBe(0);
    const stageNow = sqlite
      .prepare(
        `SELECT count(*) AS n FROM client WHERE stage <> 'prospect' AND stage <> (SELECT json_extract(new_value, '$')
           FROM change_log WHERE row_id = client.id ORDER BY seq DESC LIMIT 1)`,
      )
      .get() as { n: number };
    expect(stageNow.n).toBe(0);
    const unpaidLate = sqlite
      .prepare(
        `SELECT count(*) AS n FROM payment WHERE kind = 'invoice' AND paid_on IS NULL AND due_on < date('now', '-90 days')`,
      )
      .get() as { n: number };
    expect(unpaidLate.n).toBeGreaterThan(0);
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    const phone = sqlite.prepare("SELECT phones FROM contact WHERE phones <> '[]' LIMIT 1").get() as {
      phones: string;
    };
    sqlite.close();
    expect(wrong.n).toBe(0);
    expect(integrity).toBe('ok');

    // The API serves the seeded rows like any others.
    const { api } = await openBackend(dataDir, { dailyBackups: false });
    const page = await api.call('clients.list', { limit: 50 });
    expect(page.items).toHaveLength(50);
    const client = page.items[0];
    if (!client) throw new Error('no client');
    expect((await api.call('contacts.list', { clientId: client.id })).items.length).toBeGreaterThan(0);
    const due = await api.call('followups.listDue', { to: startOfTomorrow.toISOString(), limit: 10 });
    expect(due.items.length).toBe(10);
    const digits = (JSON.parse(phone.phones) as { value: string }[])[0]?.value.replace(/\D/g, '') ?? '';
    const found2 = await api.call('search.query', { text: digits.slice(-7, -2), kinds: ['contact'] });
    expect(found2.groups[0]?.items.length).toBeGreaterThan(0);
    // And writes to them keep history from then on.
    await api.call('clients.update', { id: client.id, vip: !client.vip });
    const history = await api.call('history.forRecord', { entity: 'client', id: client.id });
    expect(history.items.map((change) => change.field)).toContain('vip');
    // It starts the CLI twice and checks every rollup and the change log: seconds on a busy machine.
  }, 60_000);

  it('makes the same data from the same seed', () => {
    const names = (dataDir: string) => {
      const sqlite = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true });
      const rows = sqlite.prepare('SELECT name, stage FROM client ORDER BY id').all();
      sqlite.close();
      return rows;
    };
    const a = tempDir();
    const b = tempDir();
    const c = tempDir();
    expect(runRapport('seed', '--scale', '50', '--seed', '3', '--data-dir', a).code).toBe(0);
    expect(runRapport('seed', '--scale', '50', '--seed', '3', '--data-dir', b).code).toBe(0);
    expect(runRapport('seed', '--scale', '50', '--seed', '4', '--data-dir', c).code).toBe(0);
    expect(names(a)).toEqual(names(b));
    expect(names(a)).not.toEqual(names(c));
    // It starts the CLI three times, one after the other.
  }, 60_000);

  it('refuses a database that has clients, and bad numbers, changing nothing', async () => {
    const dataDir = tempDir();
    const { api, backend } = await openBackend(dataDir, { dailyBackups: false });
    await api.call('clients.create', { name: 'Existing Ltd', kind: 'company' });
    backend.close();

    const refused = runRapport('seed', '--scale', '10', '--data-dir', dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already has 1 clients');
    expect(live(stats(dataDir), 'client')).toBe(1);

    for (const bad of ['0', '-5', 'many', '1.5', '2000000']) {
      const run = runRapport('seed', `--scale=${bad}`, '--data-dir', tempDir());
      expect(run.code, bad).toBe(2);
      expect(run.stderr).toContain('--scale must be a whole number');
    }
    expect(runRapport('seed', '--data-dir', tempDir()).stderr).toContain('give --demo or --scale N');
    expect(runRapport('seed', '--demo', '--scale', '5', '--data-dir', tempDir()).code).toBe(2);
    // It starts the CLI nine times, one after the other: each start takes seconds on a busy machine.
  }, 60_000);
});

describe('indexes deferred by a bulk load', () => {
  it('come back when the database is next opened, should the load have crashed midway', async () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    const indexNames = (sqlite: BetterSqlite3.Database) =>
      (
        sqlite
          .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
          .all() as {
          name: string;
        }[]
      ).map((row) => row.name);
    const first = await openDatabase({ file, backupDir: join(dir, 'backups') });
    const all = indexNames(first.sqlite);
    expect(all).toContain('interaction_live_by_client');
    deferIndexes(first.sqlite, ['interaction', 'client']);
    const left = indexNames(first.sqlite);
    expect(left).not.toContain('interaction_live_by_client');
    expect(left).not.toContain('client_live_by_name');
    expect(left).toContain('contact_live_by_client');
    first.sqlite.close(); // as if the process died here

    const reopened = await openDatabase({ file, backupDir: join(dir, 'backups') });
    expect(indexNames(reopened.sqlite)).toEqual(all);
    expect(restoreDeferredIndexes(reopened.sqlite)).toBe(0);
    reopened.sqlite.close();
  });
});

describe('rapport stats', () => {
  it('counts live and deleted rows per entity, and the change log', async () => {
    const dataDir = tempDir();
    const { api, backend } = await openBackend(dataDir, { dailyBackups: false });
    const kept = await api.call('clients.create', { name: 'Kept', kind: 'company' });
    const gone = await api.call('clients.create', { name: 'Gone', kind: 'person' });
    await api.call('contacts.create', { clientId: kept.id, name: 'Ann' });
    await api.call('clients.delete', { id: gone.id });

    // Safe while the app has the database open.
    const found = stats(dataDir);
    expect(found.entities.client).toEqual({ live: 1, deleted: 1 });
    expect(found.entities.contact).toEqual({ live: 1, deleted: 0 });
    expect(found.entities.interaction).toEqual({ live: 0, deleted: 0 });
    expect(found.changeLog).toBeGreaterThan(3);
    expect(found.schemaVersion).toBeGreaterThanOrEqual(5);
    backend.close();

    const text = runRapport('stats', '--data-dir', dataDir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/client\s+1\s+1/);
  });

  it('says clearly when there is no database', () => {
    const run = runRapport('stats', '--data-dir', join(tempDir(), 'nowhere'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no Rapport database at');
  });
});
