import type BetterSqlite3 from 'better-sqlite3';
import { defaultCallOutcomes } from '../../shared/domain/interaction.ts';
import { toMinorUnits } from '../../shared/domain/fields.ts';
import { encodeHlc } from '../../shared/hlc.ts';
import { uuidv7 } from '../../shared/ids.ts';
import { deterministicId } from '../deterministic-id.ts';
import { foldText } from '../../shared/text.ts';
import { deferIndexes, restoreDeferredIndexes } from '../deferred-indexes.ts';
import { QUIET_AFTER_ONE_CONTACT_DAYS, QUIET_MIN_DAYS, refreshAllClientRevenue } from '../records/rollups.ts';
import type { Database } from '../schema.ts';
import { createDb } from '../sql.ts';
import { syncedTables } from '../records/synced-tables.ts';
import { rebuildSearchIndex } from '../search/rebuild-search-index.ts';
import {
  type LanguageWords,
  currencies,
  industries,
  regions,
  seedLanguages,
  segments,
  sources,
  words,
} from './names.ts';
import { Random } from './random.ts';

/** Rows made per client, on average: what "proportional" means for `rapport seed --scale N`. */
const SCALE_PER_CLIENT = {
  contacts: 3,
  interactions: 20,
  /** One open follow-up and one done. */
  followups: 2,
  payments: 3,
} as const;

export interface ScaleSeedOptions {
  /** How many clients to make. */
  clients: number;
  /** The same seed (and `now`) makes the same data. */
  seed?: number;
  /** The present: interactions lie in the two years before it, follow-ups around it. */
  now?: Date;
  /** Clients per transaction; progress is reported after each. */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ScaleSeedResult {
  /** Rows written per table (not counting the search index). */
  counts: Record<string, number>;
  rows: number;
  /** Seconds spent writing rows and building their indexes, and building the search index afterwards. */
  insertSeconds: number;
  indexSeconds: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const YEARS_OF_HISTORY = 2;
/** A follow-up title reads as the next step: the seeded ones are due from two weeks ago to a month ahead. */
const OPEN_FOLLOWUP_FROM_DAYS = -14;
const OPEN_FOLLOWUP_TO_DAYS = 30;

/**
 * Fills a database with `clients` synthetic clients and their proportional dealings, for benchmarks and
 * for trying the app at the size of a large team. Rows are written directly with prepared statements in
 * big transactions, not through the API: the API would write a change log entry per field, which is what
 * makes a change syncable, and a benchmark database has nothing to sync. So seeded rows have no change
 * log and no history (documented in README.md); their rollups and search documents are computed here.
 * Ids are UUIDv7 from one monotonic sequence, so every table and index is filled in key order.
 */
export function seedScale(sqlite: BetterSqlite3.Database, options: ScaleSeedOptions): ScaleSeedResult {
  if (!Number.isInteger(options.clients) || options.clients < 1) {
    throw new RangeError('The number of clients must be a whole number of at least 1.');
  }
  const started = performance.now();
  const writer = new ScaleWriter(sqlite, options.seed ?? 1, options.now ?? new Date());
  const batch = options.batch ?? 2000;
  const previous = {
    cache_size: sqlite.pragma('cache_size', { simple: true }) as number,
    synchronous: sqlite.pragma('synchronous', { simple: true }) as number,
    wal_autocheckpoint: sqlite.pragma('wal_autocheckpoint', { simple: true }) as number,
  };
  // A bigger page cache and fewer syncs and checkpoints while loading: the seeder only fills an empty
  // database (the command checks), so a crash midway loses nothing but the seed itself.
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('wal_autocheckpoint = 100000');
  try {
    // Indexes are built once at the end: much faster than keeping them up to date row by row.
    deferIndexes(sqlite, Object.keys(syncedTables));
    writer.team(Math.min(50, Math.max(5, Math.round(options.clients / 2000))));
    for (let done = 0; done < options.clients;) {
      const size = Math.min(batch, options.clients - done);
      sqlite.transaction(() => {
        for (let i = 0; i < size; i++) writer.client();
      })();
      done += size;
      options.onProgress?.(done, options.clients);
    }
    restoreDeferredIndexes(sqlite);
    const inserted = performance.now();
    refreshAllClientRevenue(createDb(sqlite));
    rebuildSearchIndex(sqlite);
    const counts = writer.counts;
    return {
      counts,
      rows: Object.values(counts).reduce((sum, n) => sum + n, 0),
      insertSeconds: (inserted - started) / 1000,
      indexSeconds: (performance.now() - inserted) / 1000,
    };
  } finally {
    for (const [name, value] of Object.entries(previous)) sqlite.pragma(`${name} = ${String(value)}`);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/** The `quiet_since` rollup of db/records/rollups.ts, for rows written here in bulk. */
function quietSince(count: number, first: number, last: number): number {
  if (count === 1) return last + QUIET_AFTER_ONE_CONTACT_DAYS * DAY;
  return last + Math.max(QUIET_MIN_DAYS * DAY, (2 * (last - first)) / (count - 1));
}

/** Makes the rows; one instance per seeding run. */
class ScaleWriter {
  readonly counts: Record<string, number> = {};
  private readonly random: Random;
  private readonly nowMs: number;
  private readonly hlc: string;
  private readonly stamp: string;
  private readonly idBase: number;
  /** Random bytes shared by this run's ids: two runs into one database never collide. */
  private readonly idTail: readonly [number, number];
  private sequence = 0;
  private members: string[] = [];
  private tags: string[] = [];
  private readonly insert: Record<string, BetterSqlite3.Statement>;

  private readonly sqlite: BetterSqlite3.Database;

  constructor(sqlite: BetterSqlite3.Database, seed: number, now: Date) {
    this.sqlite = sqlite;
    this.random = new Random(seed);
    this.nowMs = now.getTime();
    this.stamp = now.toISOString();
    this.hlc = encodeHlc({ ms: this.nowMs, counter: 0, node: 'seed' });
    this.idBase = Date.now();
    this.idTail = [this.random.int(0, 255), this.random.int(0, 255)];
    this.insert = {
      team_member: this.statement('team_member', ['name', 'sort_name', 'email', 'role']),
      tag: this.statement('tag', ['name', 'sort_name', 'color']),
      client: this.statement('client', [
        'name',
        'sort_name',
        'kind',
        'industry',
        'segment',
        'stage',
        'vip',
        'owner_id',
        'source',
        'region',
        'address',
        'website',
        'notes',
        'last_contact_at',
        'next_followup_at',
        'contact_count',
        'first_contact_at',
        'quiet_since',
      ]),
      client_tag: this.statement('client_tag', ['client_id', 'tag_id']),
      contact: this.statement('contact', [
        'client_id',
        'name',
        'sort_name',
        'role',
        'emails',
        'phones',
        'preferred_channel',
        'is_primary',
      ]),
      interaction: this.statement('interaction', [
        'client_id',
        'contact_id',
        'user_id',
        'kind',
        'direction',
        'occurred_at',
        'duration_s',
        'outcome',
        'summary',
        'body',
      ]),
      followup: this.statement('followup', [
        'client_id',
        'contact_id',
        'title',
        'due_at',
        'assignee_id',
        'priority',
        'status',
        'completed_at',
      ]),
      deal: this.statement('deal', [
        'client_id',
        'title',
        'stage',
        'value',
        'value_minor',
        'currency',
        'probability',
        'expected_close_on',
        'closed_on',
        'owner_id',
      ]),
      payment: this.statement('payment', [
        'client_id',
        'kind',
        'money',
        'amount_minor',
        'cost_minor',
        'currency',
        'issued_on',
        'due_on',
        'paid_on',
      ]),
    };
  }

  /**
   * `INSERT INTO table (id, created_at, updated_at, hlc, …columns)`; the columns are checked against the
   * table's type, which comes from the entity's declaration, so a renamed or removed field fails to compile.
   */
  private statement<T extends keyof Database>(
    table: T,
    columns: readonly (keyof Database[T] & string)[],
  ): BetterSqlite3.Statement {
    const all = ['id', 'created_at', 'updated_at', 'hlc', ...columns];
    return this.sqlite.prepare(
      `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`,
    );
  }

  private write(table: string, createdAt: string, values: readonly unknown[]): string {
    const id = this.nextId();
    this.insert[table]?.run(id, createdAt, createdAt, this.hlc, ...values);
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    return id;
  }

  /**
   * A UUIDv7 whose first 12 random bits are a sequence (4096 ids per millisecond, then the next one), so
   * ids rise in the order rows are written; the rest is the seeded generator and this run's tail.
   */
  private nextId(): string {
    const n = this.sequence++;
    const seq = n % 4096;
    const r = this.random.uint32();
    const tail = this.random.uint32();
    const random = Uint8Array.of(
      seq >>> 8,
      seq & 0xff,
      r & 0xff,
      (r >>> 8) & 0xff,
      this.idTail[0],
      this.idTail[1],
      tail >>> 24,
      (tail >>> 16) & 0xff,
      (tail >>> 8) & 0xff,
      tail & 0xff,
    );
    return uuidv7(this.idBase + Math.floor(n / 4096), random);
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  team(size: number): void {
    for (let i = 0; i < size; i++) {
      const w = words[this.random.pick(seedLanguages)];
      const name = `${this.random.pick(w.firstNames)} ${this.random.pick(w.lastNames)}`;
      this.members.push(
        this.write('team_member', this.stamp, [
          name,
          foldText(name),
          `user${String(i + 1)}@team.example`,
          i === 0 ? 'admin' : 'member',
        ]),
      );
    }
    const tagNames = [
      'VIP care',
      'Wholesale',
      'Key account',
      'Slow payer',
      'New 2026',
      'Export',
      'Tender',
      'Partner',
    ];
    const colors = ['#e03131', '#1971c2', '#2f9e44', '#f08c00', '#7048e8', '#0c8599', '#ae3ec9', '#fab005'];
    tagNames.forEach((name, i) => {
      this.tags.push(this.write('tag', this.stamp, [name, foldText(name), colors[i] ?? null]));
    });
  }

  client(): void {
    const r = this.random;
    const w = words[r.pick(seedLanguages)];
    const isCompany = r.chance(0.7);
    const name = isCompany
      ? `${r.pick(w.companyStems)} ${r.pick(w.companyForms)} ${String(r.int(1, 999))}`
      : `${r.pick(w.firstNames)} ${r.pick(w.lastNames)}`;
    const createdMs = this.nowMs - r.int(30, 365 * YEARS_OF_HISTORY) * DAY - r.int(0, DAY);
    const createdAt = this.iso(createdMs);
    const currency = r.pick(currencies);
    const owner = r.pick(this.members);
    const clientId = this.nextId();

    const contactIds: string[] = [];
    const contacts = r.int(SCALE_PER_CLIENT.contacts - 2, SCALE_PER_CLIENT.contacts + 2);
    for (let i = 0; i < contacts; i++) contactIds.push(this.contact(clientId, w, createdAt, i === 0));

    let lastContact: number | null = null;
    let firstContact: number | null = null;
    let contactCount = 0;
    const interactions = r.int(SCALE_PER_CLIENT.interactions - 10, SCALE_PER_CLIENT.interactions + 10);
    for (let i = 0; i < interactions; i++) {
      const at = this.interaction(clientId, contactIds, w, createdMs);
      if (at === null) continue;
      contactCount++;
      if (lastContact === null || at > lastContact) lastContact = at;
      if (firstContact === null || at < firstContact) firstContact = at;
    }

    const dueMs =
      this.nowMs + r.int(OPEN_FOLLOWUP_FROM_DAYS, OPEN_FOLLOWUP_TO_DAYS) * DAY + r.int(-8, 8) * HOUR;
    const openDue = r.chance(0.9) ? dueMs : null;
    if (openDue !== null) this.followup(clientId, contactIds, w, openDue, null);
    const doneMs = createdMs + r.int(0, this.nowMs - createdMs);
    this.followup(clientId, contactIds, w, doneMs, doneMs + r.int(0, 3) * DAY);

    for (let i = 0, n = r.int(0, SCALE_PER_CLIENT.payments * 2); i < n; i++) {
      this.payment(clientId, currency, createdMs);
    }
    if (r.chance(0.35)) this.deal(clientId, w, currency, createdMs, owner);

    const city = r.pick(w.cities);
    const address = JSON.stringify({ city, street: `${r.pick(w.streets)} ${String(r.int(1, 120))}` });
    this.insert.client?.run(
      clientId,
      createdAt,
      createdAt,
      this.hlc,
      name,
      foldText(name),
      isCompany ? 'company' : 'person',
      r.pick(industries),
      r.pick(segments),
      r.weighted([
        ['prospect', 2],
        ['lead', 2],
        ['active', 5],
        ['loyal', 2],
        ['lapsed', 1],
        ['lost', 0.5],
      ] as const),
      r.chance(0.08) ? 1 : 0,
      owner,
      r.pick(sources),
      r.pick(regions),
      address,
      isCompany && r.chance(0.5) ? `${foldText(name).replace(/[^a-z0-9]+/g, '') || 'client'}.example` : null,
      r.chance(0.3) ? r.pick(w.notes) : null,
      lastContact === null ? null : this.iso(lastContact),
      openDue === null ? null : this.iso(openDue),
      contactCount,
      firstContact === null ? null : this.iso(firstContact),
      lastContact === null || firstContact === null
        ? null
        : this.iso(quietSince(contactCount, firstContact, lastContact)),
    );
    this.counts.client = (this.counts.client ?? 0) + 1;

    for (const tag of this.tags) {
      if (r.chance(0.12)) {
        this.insert.client_tag?.run(
          deterministicId('client_tag', clientId, tag),
          createdAt,
          createdAt,
          this.hlc,
          clientId,
          tag,
        );
        this.counts.client_tag = (this.counts.client_tag ?? 0) + 1;
      }
    }
  }

  private contact(clientId: string, w: LanguageWords, createdAt: string, primary: boolean): string {
    const r = this.random;
    const first = r.pick(w.firstNames);
    const last = r.pick(w.lastNames);
    const name = `${first} ${last}`;
    const mailbox = `${foldText(first).replace(/[^a-z]/g, '') || 'contact'}.${String(r.int(1, 99999))}`;
    const emails = JSON.stringify([{ label: 'work', value: `${mailbox}@mail.example` }]);
    const phones = JSON.stringify([
      { label: 'mobile', value: `+7 7${r.digits(2)} ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}` },
    ]);
    return this.write('contact', createdAt, [
      clientId,
      name,
      foldText(name),
      r.pick(w.roles),
      emails,
      phones,
      r.pick(['phone', 'email', 'message', 'meeting', 'any']),
      primary ? 1 : 0,
    ]);
  }

  /** Writes one interaction; returns its time when it counts as contact (not a note). */
  private interaction(
    clientId: string,
    contactIds: string[],
    w: LanguageWords,
    createdMs: number,
  ): number | null {
    const r = this.random;
    const kind = r.weighted([
      ['call', 10],
      ['email', 4],
      ['meeting', 2],
      ['visit', 1],
      ['message', 2],
      ['note', 1],
    ] as const);
    const at = createdMs + Math.floor(r.next() * (this.nowMs - createdMs));
    const occurredAt = this.iso(at);
    const isCall = kind === 'call';
    const summary =
      kind === 'meeting' || kind === 'visit' ? r.pick(w.meetingSummaries) : r.pick(w.callSummaries);
    const body = r.chance(0.5) ? `${r.pick(w.bodySentences)} ${r.pick(w.bodySentences)}` : null;
    this.write('interaction', occurredAt, [
      clientId,
      kind === 'note' ? null : r.pick(contactIds),
      r.pick(this.members),
      kind,
      kind === 'note' ? null : r.chance(0.6) ? 'outbound' : 'inbound',
      occurredAt,
      isCall ? r.int(20, 1800) : null,
      isCall ? r.pick(defaultCallOutcomes) : null,
      summary,
      body,
    ]);
    return kind === 'note' ? null : at;
  }

  private followup(
    clientId: string,
    contactIds: string[],
    w: LanguageWords,
    dueMs: number,
    completedMs: number | null,
  ): void {
    const r = this.random;
    const createdAt = this.iso(Math.min(dueMs, this.nowMs) - r.int(1, 14) * DAY);
    this.write('followup', createdAt, [
      clientId,
      r.pick(contactIds),
      r.pick(w.followupTitles),
      this.iso(dueMs),
      r.pick(this.members),
      r.weighted([
        ['normal', 6],
        ['high', 2],
        ['low', 1],
      ] as const),
      completedMs === null ? 'open' : 'done',
      completedMs === null ? null : this.iso(Math.min(completedMs, this.nowMs)),
    ]);
  }

  private payment(clientId: string, currency: string, createdMs: number): void {
    const r = this.random;
    const issuedMs = createdMs + Math.floor(r.next() * (this.nowMs - createdMs));
    const amount = r.int(50, 5000) * 100;
    const cost = Math.round(amount * (0.4 + r.next() * 0.4));
    const kind = r.weighted([
      ['payment', 6],
      ['invoice', 3],
      ['refund', 0.3],
    ] as const);
    const issuedOn = this.iso(issuedMs).slice(0, 10);
    this.write('payment', this.iso(issuedMs), [
      clientId,
      kind,
      JSON.stringify({ amount, cost, currency }),
      toMinorUnits(amount, currency),
      toMinorUnits(cost, currency),
      currency,
      issuedOn,
      kind === 'invoice' ? this.iso(issuedMs + 30 * DAY).slice(0, 10) : null,
      kind === 'payment' ? issuedOn : null,
    ]);
  }

  private deal(clientId: string, w: LanguageWords, currency: string, createdMs: number, owner: string): void {
    const r = this.random;
    const stage = r.weighted([
      ['qualification', 2],
      ['proposal', 2],
      ['negotiation', 1],
      ['won', 3],
      ['lost', 2],
    ] as const);
    const openedMs = createdMs + Math.floor(r.next() * (this.nowMs - createdMs));
    const amount = r.int(10, 500) * 1000;
    const closed = stage === 'won' || stage === 'lost';
    this.write('deal', this.iso(openedMs), [
      clientId,
      r.pick(w.dealTitles),
      stage,
      JSON.stringify({ amount, currency }),
      toMinorUnits(amount, currency),
      currency,
      closed ? (stage === 'won' ? 100 : 0) : r.pick([10, 25, 50, 75]),
      this.iso(openedMs + r.int(14, 120) * DAY).slice(0, 10),
      closed ? this.iso(Math.min(this.nowMs, openedMs + r.int(7, 90) * DAY)).slice(0, 10) : null,
      owner,
    ]);
  }
}
