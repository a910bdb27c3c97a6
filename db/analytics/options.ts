import type { AnalyticsOptions } from '../../shared/domain/analytics.ts';
import type { ReadDb } from '../sql.ts';
import { keptAnswer } from './kept-answers.ts';
import { type LiveClient, liveClients, sqlFolded, sqlTrim } from './live-clients.ts';
import { mendedByClient, onlyClients } from './mended-by-client.ts';

/**
 * The choices of the Insights filters: the team members who own clients, and the segments, industries,
 * regions and sources typed on live clients (one spelling each, the most common, by how people read
 * them: ignoring case and surrounding spaces, as the filters compare them), and the currencies paid in.
 * Counted in memory over the mended cache of live clients (live-clients.ts), not by grouping the table,
 * and kept while no client, team member or payment changed (kept-answers.ts).
 */
export function analyticsOptions(db: ReadDb): AnalyticsOptions {
  const typed = keptAnswer(db, {
    name: 'options.typed',
    key: '',
    tables: ['client', 'team_member'],
    compute: () => typedOptions(db),
  });
  const currencies = keptAnswer(db, {
    name: 'options.currencies',
    key: '',
    tables: ['client', 'payment'],
    compute: () => currenciesOf(db, liveClients(db)),
  });
  return { ...typed, currencies };
}

/** The owners and typed values of live clients: kept while no client or team member changed. */
function typedOptions(db: ReadDb): Omit<AnalyticsOptions, 'currencies'> {
  const clients = liveClients(db);
  const owning = new Set<string>();
  for (const client of clients.values()) if (client.ownerId !== null) owning.add(client.ownerId);
  const members = db
    .prepare(`SELECT id, name FROM team_member WHERE deleted_at IS NULL ORDER BY sort_name, id`)
    .all() as { id: string; name: string }[];
  return {
    owners: members.filter((member) => owning.has(member.id)),
    segments: valuesOf(clients, 'segment'),
    industries: valuesOf(clients, 'industry'),
    regions: valuesOf(clients, 'region'),
    sources: valuesOf(clients, 'source'),
  };
}

function valuesOf(
  clients: ReadonlyMap<string, LiveClient>,
  column: 'segment' | 'industry' | 'region' | 'source',
): string[] {
  // Counted by the value as typed first: a few hundred distinct values among 100k clients.
  const typed = new Map<string, number>();
  for (const client of clients.values()) {
    const value = client[column];
    if (value !== null) typed.set(value, (typed.get(value) ?? 0) + 1);
  }
  const spellings = new Map<string, Map<string, number>>();
  for (const [value, n] of typed) {
    const spelling = sqlTrim(value);
    if (spelling === '') continue;
    const key = sqlFolded(spelling) ?? '';
    const counts = spellings.get(key) ?? new Map<string, number>();
    spellings.set(key, counts);
    counts.set(spelling, (counts.get(spelling) ?? 0) + n);
  }
  const values: string[] = [];
  for (const counts of spellings.values()) {
    let best = '';
    let most = 0;
    for (const [spelling, n] of counts)
      if (n > most || (n === most && Buffer.compare(Buffer.from(spelling), Buffer.from(best)) < 0)) {
        best = spelling;
        most = n;
      }
    values.push(best);
  }
  return values.sort((a, b) => a.localeCompare(b));
}

/**
 * The currencies live clients have paid in, with how many clients each, most used first (as
 * clients.revenueCurrencies): each client's currencies from the revenue rollup, kept and mended after
 * payments change (mended-by-client.ts), its clients looked up in memory rather than in the wide rows.
 */
function currenciesOf(
  db: ReadDb,
  clients: ReadonlyMap<string, LiveClient>,
): { currency: string; clients: number }[] {
  const paidIn = mendedByClient<string[]>(db, {
    name: 'options.currencies',
    key: '',
    tables: ['payment'],
    read: (ids) => {
      const rows = db
        .prepare(
          `SELECT client_id AS clientId, currency FROM client_revenue WHERE 1 ${onlyClients('client_id', ids)}`,
        )
        .all(ids === null ? {} : { ids }) as { clientId: string; currency: string }[];
      const byClient = new Map<string, string[]>();
      for (const { clientId, currency } of rows) {
        const own = byClient.get(clientId);
        if (own) own.push(currency);
        else byClient.set(clientId, [currency]);
      }
      return byClient;
    },
  });
  const counts = new Map<string, number>();
  // forEach, not for…of with destructuring: this runs once per change, before the loop is optimised.
  paidIn.forEach((currencies, clientId) => {
    if (clients.has(clientId))
      for (const currency of currencies) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  });
  return [...counts]
    .map(([currency, n]) => ({ currency, clients: n }))
    .sort(
      (a, b) => b.clients - a.clients || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0),
    );
}
