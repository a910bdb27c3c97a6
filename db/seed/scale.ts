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
import { type LifecycleStage, scaleLifecycle } from './scale-lifecycle.ts';
import {
  type LanguageWords,
  competitors,
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
  /** Invoices and the payments of those paid, a few refunds; none for prospects and leads. */
  payments: 3,
  serviceRequests: 0.4,
  /** Half the clients are in one of the campaigns. */
  campaignMembers: 0.5,
} as const;

/** Campaigns over the two years of history, each with its cost. */
const CAMPAIGNS = 50;
const CAMPAIGN_CHANNELS = ['Event', 'Email', 'Webinar', 'Online ads', 'Direct mail'] as const;
const LOST_REASONS = ['Price', 'Chose a competitor', 'No budget this year', 'Timing', 'Missing feature'];

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
 * for trying the app at the size of a large team: everything the Insights read (stages with their
 * history, invoices with costs paid on time, late or not at all, refunds, deals won and lost with reasons
 * and competitors, competitors' offers, service requests with ratings, campaigns and their members).
 * Rows are written directly with prepared statements in big transactions, not through the API: the API
 * would write a change log entry per field, which is what makes a change syncable, and a benchmark
 * database has nothing to sync. So seeded rows have no history (documented in README.md) except the
 * stage changes of clients, which the lifecycle analytics read: those are logged as the team's changes
 * (origin `remote`, as a first sync would write them), so they are never pushed or undone from here. The
 * rollups and search documents are computed here. Ids are UUIDv7 from one monotonic sequence, so every
 * table and index is filled in key order.
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
    writer.campaigns(CAMPAIGNS);
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
  private campaignList: { id: string; startsMs: number; days: number }[] = [];
  private invoiceNumber = 0;
  private readonly insert: Record<string, BetterSqlite3.Statement>;
  private readonly memberInsert: BetterSqlite3.Statement;
  private readonly stageChange: BetterSqlite3.Statement;

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
        'reason',
        'competitor',
        'owner_id',
      ]),
      payment: this.statement('payment', [
        'client_id',
        'deal_id',
        'kind',
        'money',
        'amount_minor',
        'cost_minor',
        'currency',
        'issued_on',
        'due_on',
        'paid_on',
        'reference',
      ]),
      competitor_offer: this.statement('competitor_offer', [
        'client_id',
        'deal_id',
        'competitor',
        'offer',
        'price',
        'offered_on',
      ]),
      service_request: this.statement('service_request', [
        'client_id',
        'contact_id',
        'assignee_id',
        'title',
        'status',
        'priority',
        'opened_at',
        'resolved_at',
        'rating',
      ]),
      campaign: this.statement('campaign', ['name', 'sort_name', 'channel', 'starts_on', 'ends_on', 'cost']),
    };
    this.memberInsert = sqlite.prepare(
      `INSERT INTO campaign_member (id, created_at, updated_at, hlc, campaign_id, client_id, status, responded_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // As a first sync writes the team's changes: not this device's to push, nor to undo.
    this.stageChange = sqlite.prepare(
      `INSERT INTO change_log (txn_id, hlc, at, table_name, row_id, field, old_value, new_value, user_id,
         device_id, origin, undone_by, seen_seq, server_seq)
       VALUES (?, ?, ?, 'client', ?, 'stage', ?, ?, ?, 'seed', 'remote', NULL, NULL, NULL)`,
    );
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

  /** Campaigns spread over the history, each a few days to a month long, with what it cost. */
  campaigns(count: number): void {
    const r = this.random;
    for (let i = 0; i < count; i++) {
      const startsMs = this.nowMs - Math.round(((count - i) / count) * 365 * YEARS_OF_HISTORY) * DAY;
      const channel = r.pick(CAMPAIGN_CHANNELS);
      const days = channel === 'Event' ? 3 : channel === 'Webinar' ? 1 : r.int(7, 30);
      const name = `${channel} ${this.iso(startsMs).slice(0, 7)} #${String(i + 1)}`;
      const currency = r.pick(currencies);
      const cost = r.int(5, 300) * (currency === 'KZT' ? 10_000 : currency === 'RUB' ? 1_000 : 100);
      const id = this.write('campaign', this.iso(startsMs - 30 * DAY), [
        name,
        foldText(name),
        channel,
        this.iso(startsMs).slice(0, 10),
        this.iso(startsMs + (days - 1) * DAY).slice(0, 10),
        JSON.stringify({ amount: cost, currency }),
      ]);
      this.campaignList.push({ id, startsMs, days });
    }
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
    const stage = r.weighted([
      ['prospect', 2],
      ['lead', 2],
      ['active', 5],
      ['loyal', 2],
      ['lapsed', 1],
      ['lost', 0.5],
    ] as const);
    const life = scaleLifecycle(r, stage, createdMs, this.nowMs);
    // Lapsed and lost clients went quiet when they lapsed.
    const quietFrom = life.stages.find((change) => change.stage === 'lapsed')?.at ?? this.nowMs;
    const interactions = r.int(SCALE_PER_CLIENT.interactions - 10, SCALE_PER_CLIENT.interactions + 10);
    for (let i = 0; i < interactions; i++) {
      const at = this.interaction(clientId, contactIds, w, createdMs, quietFrom);
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

    this.stageHistory(clientId, owner, life.stages);
    const dealId = this.deals(clientId, w, currency, owner, life);
    if (life.buying) {
      // Three payment rows a client on average: about 1.5 invoices a client, and the payments of those paid.
      const invoices = stage === 'loyal' ? r.int(2, 6) : stage === 'active' ? r.int(1, 3) : r.int(1, 3);
      for (let i = 0; i < invoices; i++)
        this.invoice(clientId, currency, life.buying, i === 0 ? dealId : null);
      if (r.chance(SCALE_PER_CLIENT.serviceRequests))
        for (let i = 0, n = r.int(1, 2); i < n; i++)
          this.serviceRequest(clientId, contactIds, w, life.buying.from);
    }
    if (r.chance(SCALE_PER_CLIENT.campaignMembers)) this.member(clientId, createdMs, life.buying !== null);

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
      stage,
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
    untilMs: number,
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
    const at = createdMs + Math.floor(r.next() * (untilMs - createdMs));
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
      isCall
        ? r.int(20, 1800)
        : kind === 'meeting'
          ? r.int(1800, 5400)
          : kind === 'visit'
            ? r.int(2700, 10_800)
            : null,
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

  /** The stage changes the API would have logged, prospect first (from nothing). */
  private stageHistory(
    clientId: string,
    owner: string,
    stages: readonly { stage: LifecycleStage; at: number }[],
  ): void {
    if (stages.length < 2) return;
    const txnId = this.nextId();
    let previous: string | null = null;
    for (const { stage, at } of stages) {
      const value = JSON.stringify(stage);
      this.stageChange.run(txnId, this.hlc, this.iso(at), clientId, previous, value, owner);
      previous = value;
    }
    this.counts.change_log = (this.counts.change_log ?? 0) + stages.length;
  }

  /**
   * An invoice issued while the client was buying, due 14 to 45 days later; most are paid by then, some
   * late, a few (recent ones) not at all. A paid invoice has its payment, on the day paid; a few payments
   * are partly refunded.
   */
  private invoice(
    clientId: string,
    currency: string,
    buying: { from: number; to: number },
    dealId: string | null,
  ): void {
    const r = this.random;
    const issuedMs = buying.from + Math.floor(r.next() * (buying.to - buying.from));
    const amount = r.int(50, 5000) * 100;
    const cost = Math.round(amount * (0.4 + r.next() * 0.4));
    const terms = r.pick([14, 30, 30, 45]);
    const recent = this.nowMs - issuedMs < 365 * DAY;
    const delay = r.weighted([
      [r.int(0, terms), 78],
      [terms + r.int(1, 90), 17],
      [recent ? Infinity : terms + r.int(1, 30), 5],
    ] as const);
    const paidMs = issuedMs + delay * DAY;
    const paidOn = paidMs < this.nowMs ? this.iso(paidMs).slice(0, 10) : null;
    const money = JSON.stringify({ amount, cost, currency });
    const reference = `INV-${String(++this.invoiceNumber)}`;
    const row = (kind: string, at: number, values: readonly unknown[]) =>
      this.write('payment', this.iso(at), [clientId, dealId, kind, ...values, reference]);
    const amountMinor = toMinorUnits(amount, currency);
    const costMinor = toMinorUnits(cost, currency);
    const issuedOn = this.iso(issuedMs).slice(0, 10);
    const dueOn = this.iso(issuedMs + terms * DAY).slice(0, 10);
    row('invoice', issuedMs, [money, amountMinor, costMinor, currency, issuedOn, dueOn, paidOn]);
    if (paidOn === null) return;
    row('payment', paidMs, [money, amountMinor, costMinor, currency, paidOn, null, paidOn]);
    if (!r.chance(0.03)) return;
    const refundMs = Math.min(this.nowMs - HOUR, paidMs + r.int(3, 30) * DAY);
    const refund = Math.round(amount * (0.1 + r.next() * 0.4));
    const refundOn = this.iso(refundMs).slice(0, 10);
    row('refund', refundMs, [
      JSON.stringify({ amount: refund, cost: null, currency }),
      toMinorUnits(refund, currency),
      null,
      currency,
      refundOn,
      null,
      refundOn,
    ]);
  }

  /**
   * The deals of the client's life: won just before its first purchase (returned, for its first invoice),
   * lost with a reason and often a competitor (by those who stopped buying or never started), or still
   * open for leads and some buyers; competitors' offers beside the lost ones and some open ones.
   */
  private deals(
    clientId: string,
    w: LanguageWords,
    currency: string,
    owner: string,
    life: ReturnType<typeof scaleLifecycle>,
  ): string | null {
    const r = this.random;
    const current = life.stages[life.stages.length - 1]?.stage ?? 'prospect';
    const leadAt = life.stages[1]?.at;
    if (leadAt === undefined) return null;
    const won = life.buying
      ? this.deal(
          clientId,
          w,
          currency,
          owner,
          'won',
          Math.max(leadAt, life.buying.from - r.int(10, 60) * DAY),
          life.buying.from,
        )
      : null;
    if (current === 'lapsed' || current === 'lost') {
      const lastMs = life.buying?.to ?? leadAt;
      if (r.chance(0.7))
        this.deal(
          clientId,
          w,
          currency,
          owner,
          'lost',
          lastMs - r.int(5, 30) * DAY,
          lastMs + r.int(10, 40) * DAY,
        );
    } else if (current === 'lead' || r.chance(0.25)) {
      const openedMs = Math.max(leadAt, this.nowMs - r.int(5, 150) * DAY);
      this.deal(
        clientId,
        w,
        currency,
        owner,
        r.pick(['qualification', 'proposal', 'negotiation'] as const),
        openedMs,
        0,
      );
    }
    return won;
  }

  private deal(
    clientId: string,
    w: LanguageWords,
    currency: string,
    owner: string,
    stage: 'qualification' | 'proposal' | 'negotiation' | 'won' | 'lost',
    openedMs: number,
    closedMs: number,
  ): string {
    const r = this.random;
    const amount = r.int(10, 500) * 1000;
    const closed = stage === 'won' || stage === 'lost';
    const closedOn = closed
      ? this.iso(Math.min(this.nowMs - HOUR, Math.max(openedMs, closedMs))).slice(0, 10)
      : null;
    const reason = stage === 'lost' ? r.pick(LOST_REASONS) : null;
    const competitor =
      reason === 'Price' || reason === 'Chose a competitor' || (reason !== null && r.chance(0.3))
        ? r.pick(competitors)
        : null;
    const expectedMs = closed ? openedMs + r.int(14, 90) * DAY : this.nowMs + r.int(-30, 150) * DAY;
    const id = this.write('deal', this.iso(openedMs), [
      clientId,
      r.pick(w.dealTitles),
      stage,
      JSON.stringify({ amount, currency }),
      toMinorUnits(amount, currency),
      currency,
      closed ? (stage === 'won' ? 100 : 0) : r.pick([10, 25, 50, 75]),
      this.iso(expectedMs).slice(0, 10),
      closedOn,
      reason,
      competitor,
      owner,
    ]);
    if (competitor !== null || (!closed && r.chance(0.25))) {
      const offeredMs = Math.min(this.nowMs - HOUR, openedMs + r.int(1, 20) * DAY);
      const price = Math.round(amount * (stage === 'lost' ? 0.75 + r.next() * 0.2 : 0.85 + r.next() * 0.3));
      this.write('competitor_offer', this.iso(offeredMs), [
        clientId,
        id,
        competitor ?? r.pick(competitors),
        r.pick(w.bodySentences),
        JSON.stringify({ amount: price, currency }),
        this.iso(offeredMs).slice(0, 10),
      ]);
    }
    return id;
  }

  /** A service request opened after the client's first purchase: resolved in hours or days, most rated. */
  private serviceRequest(clientId: string, contactIds: string[], w: LanguageWords, fromMs: number): void {
    const r = this.random;
    const openedMs = fromMs + Math.floor(r.next() * (this.nowMs - fromMs));
    const resolvedMs =
      openedMs +
      r.weighted([
        [r.int(1, 8) * HOUR, 4],
        [r.int(1, 4) * DAY, 4],
        [r.int(5, 20) * DAY, 1.5],
      ] as const);
    const open = resolvedMs >= this.nowMs || (this.nowMs - openedMs < 30 * DAY && r.chance(0.5));
    this.write('service_request', this.iso(openedMs), [
      clientId,
      r.pick(contactIds),
      r.pick(this.members),
      r.pick(w.serviceTitles),
      open ? r.pick(['open', 'in_progress', 'waiting']) : r.chance(0.2) ? 'closed' : 'resolved',
      r.weighted([
        ['low', 2],
        ['normal', 5],
        ['high', 1.5],
        ['urgent', 0.5],
      ] as const),
      this.iso(openedMs),
      open ? null : this.iso(resolvedMs),
      open || !r.chance(0.8)
        ? null
        : r.weighted([
            [5, 40],
            [4, 33],
            [3, 15],
            [2, 8],
            [1, 4],
          ] as const),
    ]);
  }

  /** The client in one campaign of its time: targeted, or responded, or converted (if it buys), with the day. */
  private member(clientId: string, createdMs: number, buys: boolean): void {
    const r = this.random;
    // One of the campaigns since the client was found (or just before): none for the newest clients.
    const since = this.campaignList.filter(
      (c) => c.startsMs > createdMs - 30 * DAY && c.startsMs < this.nowMs,
    );
    if (since.length === 0) return;
    const campaign = r.pick(since);
    const status = r.weighted([
      ['targeted', 60],
      ['responded', 25],
      ['converted', 15],
    ] as const);
    const addedMs = Math.max(createdMs, campaign.startsMs - r.int(1, 10) * DAY);
    const respondedMs = Math.max(addedMs, campaign.startsMs) + r.int(0, campaign.days + 14) * DAY;
    const responded = status !== 'targeted' && respondedMs < this.nowMs;
    const at = this.iso(Math.min(addedMs, this.nowMs - HOUR));
    this.memberInsert.run(
      deterministicId('campaign_member', campaign.id, clientId),
      at,
      at,
      this.hlc,
      campaign.id,
      clientId,
      responded ? (status === 'converted' && !buys ? 'responded' : status) : 'targeted',
      responded ? this.iso(respondedMs).slice(0, 10) : null,
    );
    this.counts.campaign_member = (this.counts.campaign_member ?? 0) + 1;
  }
}
