import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { HybridClock, decodeHlc } from '../shared/hlc.ts';
import { wins } from '../shared/sync/merge.ts';
import type {
  Mutation,
  PullResponse,
  PushResponse,
  Restamp,
  SnapshotResponse,
  SnapshotRow,
  SyncInfo,
  Tokens,
} from '../shared/sync/protocol.ts';
import { fromTuple } from '../shared/sync/protocol.ts';
import {
  ACCESS_TOKEN_MS,
  type AccessClaims,
  hashPassword,
  hashToken,
  newRefreshToken,
  signAccessToken,
  verifyAccessToken,
  verifyPassword,
} from './auth.ts';
import type { ServerDatabase } from './schema.ts';
import { checkMutation } from './check-mutation.ts';
import type { ServerStore } from './store.ts';

/** A refused request: its HTTP status and a message a person understands. */
export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Clocks further than this in the server's future are re-stamped (SYNC.md). */
export const MAX_FUTURE_MS = 60_000;

export interface ServiceOptions {
  store: ServerStore;
  now?: () => number;
}

/** What the server does, independent of HTTP: accounts, devices, tokens, push, pull. */
export class SyncService {
  readonly #store: ServerStore;
  readonly #now: () => number;
  readonly #clock: HybridClock;
  #secret: Buffer | null = null;
  readonly #headListeners = new Set<(teamId: string, head: number) => void>();

  constructor(options: ServiceOptions) {
    this.#store = options.store;
    this.#now = options.now ?? Date.now;
    this.#clock = new HybridClock('server', this.#now);
  }

  get db() {
    return this.#store.db;
  }

  /** Calls `listener` after every push that stored something, with the team and its new head. */
  onHeadMoved(listener: (teamId: string, head: number) => void): () => void {
    this.#headListeners.add(listener);
    return () => this.#headListeners.delete(listener);
  }

  /** The secret that signs access tokens: made once, kept in the database, shared by every process. */
  async secret(): Promise<Buffer> {
    if (this.#secret) return this.#secret;
    const made = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('server_meta')
      .values({ key: 'token_secret', value: made })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('server_meta')
      .select('value')
      .where('key', '=', 'token_secret')
      .executeTakeFirstOrThrow();
    this.#secret = Buffer.from(row.value, 'base64url');
    return this.#secret;
  }

  // --- Accounts (the admin commands) ---

  async createTeam(input: {
    name: string;
    adminEmail: string;
    adminPassword: string;
  }): Promise<{ teamId: string; userId: string }> {
    const existing = await this.db
      .selectFrom('team')
      .select('id')
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (existing) throw new ServiceError(409, 'conflict', `A team named “${input.name}” already exists.`);
    const teamId = randomUUID();
    await this.db
      .insertInto('team')
      .values({ id: teamId, name: input.name, created_at: this.#iso() })
      .execute();
    const userId = await this.addUser({
      team: input.name,
      email: input.adminEmail,
      password: input.adminPassword,
      role: 'admin',
    });
    return { teamId, userId };
  }

  async addUser(input: {
    team: string;
    email: string;
    password: string;
    role: 'admin' | 'member';
  }): Promise<string> {
    const team = await this.db
      .selectFrom('team')
      .select('id')
      .where('name', '=', input.team)
      .executeTakeFirst();
    if (!team) throw new ServiceError(404, 'not_found', `There is no team named “${input.team}”.`);
    const email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new ServiceError(400, 'validation', `“${input.email}” is not an email address.`);
    if (input.password.length < 8)
      throw new ServiceError(400, 'validation', 'A password needs at least 8 characters.');
    const taken = await this.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (taken) throw new ServiceError(409, 'conflict', `${email} already has an account.`);
    const id = randomUUID();
    await this.db
      .insertInto('app_user')
      .values({
        id,
        team_id: team.id,
        email,
        password_hash: await hashPassword(input.password),
        role: input.role,
        disabled_at: null,
        created_at: this.#iso(),
      })
      .execute();
    return id;
  }

  async disableUser(email: string): Promise<void> {
    const result = await this.db
      .updateTable('app_user')
      .set({ disabled_at: this.#iso() })
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new ServiceError(404, 'not_found', `There is no user ${email}.`);
  }

  async revokeDevice(deviceId: string): Promise<void> {
    const result = await this.db
      .updateTable('device')
      .set({ revoked_at: this.#iso() })
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n)
      throw new ServiceError(404, 'not_found', `There is no device ${deviceId}.`);
  }

  async devices(teamName?: string) {
    let query = this.db
      .selectFrom('device')
      .innerJoin('app_user', 'app_user.id', 'device.user_id')
      .innerJoin('team', 'team.id', 'device.team_id')
      .select([
        'device.id',
        'device.name',
        'app_user.email',
        'team.name as team',
        'device.created_at',
        'device.last_seen_at',
        'device.revoked_at',
      ]);
    if (teamName) query = query.where('team.name', '=', teamName);
    return query.orderBy('device.created_at').execute();
  }

  /** The laptops of the caller's team, for Settings → Sync. */
  async teamDevices(claims: AccessClaims) {
    const admin = await this.#isAdmin(claims);
    const rows = await this.db
      .selectFrom('device')
      .innerJoin('app_user', 'app_user.id', 'device.user_id')
      .select([
        'device.id',
        'device.name',
        'device.user_id',
        'app_user.email',
        'device.last_seen_at',
        'device.revoked_at',
      ])
      .where('device.team_id', '=', claims.teamId)
      .orderBy('device.last_seen_at', 'desc')
      .execute();
    return {
      items: rows.map((row) => ({
        id: row.id,
        name: row.name,
        email: row.email,
        lastSeenAt: row.last_seen_at,
        revoked: row.revoked_at !== null,
        canRevoke: row.revoked_at === null && (admin || row.user_id === claims.userId),
      })),
    };
  }

  /**
   * Revokes a laptop of the caller's team from the app: a team admin may revoke any, anyone their own
   * (a lost laptop). A laptop of another team does not exist as far as the caller can tell.
   */
  async revokeTeamDevice(claims: AccessClaims, deviceId: string) {
    const device = await this.db
      .selectFrom('device')
      .select(['user_id', 'revoked_at'])
      .where('id', '=', deviceId)
      .where('team_id', '=', claims.teamId)
      .executeTakeFirst();
    if (!device) throw new ServiceError(404, 'not_found', 'There is no such laptop in your team.');
    if (device.user_id !== claims.userId && !(await this.#isAdmin(claims)))
      throw new ServiceError(403, 'forbidden', 'Only a team admin can revoke another person’s laptop.');
    if (device.revoked_at === null) await this.revokeDevice(deviceId);
    return this.teamDevices(claims);
  }

  async #isAdmin(claims: AccessClaims): Promise<boolean> {
    const user = await this.db
      .selectFrom('app_user')
      .select('role')
      .where('id', '=', claims.userId)
      .where('team_id', '=', claims.teamId)
      .executeTakeFirst();
    return user?.role === 'admin';
  }

  // --- Tokens ---

  async login(input: {
    email: string;
    password: string;
    deviceId: string;
    deviceName: string;
  }): Promise<Tokens> {
    const user = await this.db
      .selectFrom('app_user')
      .selectAll()
      .where('email', '=', input.email)
      .executeTakeFirst();
    // The same answer for a wrong email and a wrong password: no probing which accounts exist.
    if (!user || !(await verifyPassword(input.password, user.password_hash))) {
      throw new ServiceError(401, 'wrong_password', 'The email or the password is wrong.');
    }
    if (user.disabled_at)
      throw new ServiceError(403, 'disabled', 'This account is disabled. Ask your team admin.');
    const device = await this.db
      .selectFrom('device')
      .selectAll()
      .where('id', '=', input.deviceId)
      .executeTakeFirst();
    if (device?.revoked_at) {
      throw new ServiceError(403, 'revoked', 'This laptop was disconnected from the team by an admin.');
    }
    if (device && (device.user_id !== user.id || device.team_id !== user.team_id)) {
      throw new ServiceError(403, 'forbidden', 'This laptop is registered to another account.');
    }
    const refreshToken = newRefreshToken();
    if (device) {
      await this.db
        .updateTable('device')
        .set({ refresh_hash: hashToken(refreshToken), last_seen_at: this.#iso(), name: input.deviceName })
        .where('id', '=', device.id)
        .execute();
    } else {
      await this.db
        .insertInto('device')
        .values({
          id: input.deviceId,
          team_id: user.team_id,
          user_id: user.id,
          name: input.deviceName,
          refresh_hash: hashToken(refreshToken),
          created_at: this.#iso(),
          last_seen_at: this.#iso(),
          revoked_at: null,
          last_counter: 0,
        })
        .execute();
    }
    return this.#tokens({ userId: user.id, teamId: user.team_id, deviceId: input.deviceId }, refreshToken);
  }

  async refresh(input: { deviceId: string; refreshToken: string }): Promise<Tokens> {
    const device = await this.db
      .selectFrom('device')
      .selectAll()
      .where('id', '=', input.deviceId)
      .executeTakeFirst();
    if (!device || device.refresh_hash !== hashToken(input.refreshToken)) {
      throw new ServiceError(401, 'unauthorized', 'Sign in again: this session is not valid any more.');
    }
    if (device.revoked_at)
      throw new ServiceError(403, 'revoked', 'This laptop was disconnected from the team by an admin.');
    const user = await this.db
      .selectFrom('app_user')
      .selectAll()
      .where('id', '=', device.user_id)
      .executeTakeFirstOrThrow();
    if (user.disabled_at)
      throw new ServiceError(403, 'disabled', 'This account is disabled. Ask your team admin.');
    const refreshToken = newRefreshToken();
    await this.db
      .updateTable('device')
      .set({ refresh_hash: hashToken(refreshToken), last_seen_at: this.#iso() })
      .where('id', '=', device.id)
      .execute();
    return this.#tokens({ userId: user.id, teamId: user.team_id, deviceId: device.id }, refreshToken);
  }

  /** The caller of a request: a valid token of a device that is not revoked and a user not disabled. */
  async authenticate(authorization: string | undefined): Promise<AccessClaims> {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    const claims = verifyAccessToken(token, await this.secret(), this.#now());
    if (!claims)
      throw new ServiceError(
        401,
        'unauthorized',
        'Sign in again: the access token is missing, expired or not genuine.',
      );
    const device = await this.db
      .selectFrom('device')
      .innerJoin('app_user', 'app_user.id', 'device.user_id')
      .select(['device.revoked_at', 'app_user.disabled_at', 'device.team_id'])
      .where('device.id', '=', claims.deviceId)
      .executeTakeFirst();
    if (!device || device.team_id !== claims.teamId)
      throw new ServiceError(401, 'unauthorized', 'Sign in again.');
    if (device.revoked_at)
      throw new ServiceError(403, 'revoked', 'This laptop was disconnected from the team by an admin.');
    if (device.disabled_at)
      throw new ServiceError(403, 'disabled', 'This account is disabled. Ask your team admin.');
    return claims;
  }

  // --- Sync ---

  async info(claims: AccessClaims): Promise<SyncInfo> {
    return { serverTime: this.#iso(), headSeq: await this.#head(claims.teamId), schemaVersions: [8] };
  }

  /**
   * Stores a device's mutations in one transaction: skips counters already stored (a retried push),
   * refuses ops on unknown tables, re-stamps clocks too far in the future, appends every op to the team's
   * change log and merges it into the current field states.
   */
  async push(claims: AccessClaims, mutations: readonly Mutation[]): Promise<PushResponse> {
    const { deviceId } = claims;
    const restamps: Restamp[] = [];
    const rejected: PushResponse['rejected'] = [];
    const stored: PushResponse['stored'] = [];
    const received = this.#iso();
    const acked = await this.db.transaction().execute(async (trx) => {
      if (this.#store.dialect === 'postgres') {
        // One push per team at a time: sequence numbers then commit in order (SYNC.md).
        await sql`SELECT pg_advisory_xact_lock(hashtext(${claims.teamId}))`.execute(trx);
      }
      const device = await trx
        .selectFrom('device')
        .select('last_counter')
        .where('id', '=', deviceId)
        .executeTakeFirstOrThrow();
      let last = device.last_counter;
      for (const mutation of [...mutations].sort((a, b) => a.counter - b.counter)) {
        if (mutation.counter <= last) {
          // Stored before, its reply lost: the device gets the same answer again.
          const outcome = await this.#storedOutcome(trx, deviceId, mutation);
          restamps.push(...outcome.restamps);
          rejected.push(...outcome.rejected);
          stored.push(...outcome.stored);
          continue;
        }
        const check = checkMutation(mutation);
        rejected.push(...check.rejected);
        if (check.refusedWhole) {
          last = mutation.counter;
          continue;
        }
        const refusedOps = new Set(check.rejected.map((entry) => entry.index));
        for (const [index, tuple] of mutation.ops.entries()) {
          const op = fromTuple(tuple);
          if (refusedOps.has(index)) continue;
          let hlc = op.hlc;
          this.#clock.receive(this.#bounded(hlc));
          if (decodeHlc(hlc).ms > this.#now() + MAX_FUTURE_MS) {
            hlc = this.#clock.tick();
            restamps.push({ counter: mutation.counter, index, hlc });
          }
          await trx
            .insertInto('change')
            .values({
              team_id: claims.teamId,
              table_name: op.table,
              row_id: op.rowId,
              field: op.field,
              value: op.value,
              hlc,
              device_id: deviceId,
              counter: mutation.counter,
              seen_seq: mutation.seen,
              received_at: received,
            })
            .execute();
          const current = await trx
            .selectFrom('field_state')
            .select('hlc')
            .where('team_id', '=', claims.teamId)
            .where('table_name', '=', op.table)
            .where('row_id', '=', op.rowId)
            .where('field', '=', op.field)
            .executeTakeFirst();
          if (!current) {
            await trx
              .insertInto('field_state')
              .values({
                team_id: claims.teamId,
                table_name: op.table,
                row_id: op.rowId,
                field: op.field,
                value: op.value,
                hlc,
              })
              .execute();
          } else if (wins(hlc, current.hlc)) {
            await trx
              .updateTable('field_state')
              .set({ value: op.value, hlc })
              .where('team_id', '=', claims.teamId)
              .where('table_name', '=', op.table)
              .where('row_id', '=', op.rowId)
              .where('field', '=', op.field)
              .execute();
          }
        }
        last = mutation.counter;
        const seq = await this.#lastSeqOf(trx, deviceId, mutation.counter);
        if (seq !== null) stored.push({ counter: mutation.counter, seq });
      }
      await trx
        .updateTable('device')
        .set({ last_counter: last, last_seen_at: received })
        .where('id', '=', deviceId)
        .execute();
      return last;
    });
    const headSeq = await this.#head(claims.teamId);
    if (mutations.length > 0) for (const listener of this.#headListeners) listener(claims.teamId, headSeq);
    return { ackedCounter: acked, restamps, rejected, stored, headSeq };
  }

  /** The server sequence of a stored mutation's last change (null if all its ops were refused). */
  async #lastSeqOf(trx: Kysely<ServerDatabase>, deviceId: string, counter: number): Promise<number | null> {
    const row = await trx
      .selectFrom('change')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('device_id', '=', deviceId)
      .where('counter', '=', counter)
      .executeTakeFirst();
    return row?.seq ?? null;
  }

  /**
   * What the push of a stored mutation answered, recovered from the change log: its ops were stored in
   * order (those on unknown tables refused), so the n-th stored change is the n-th accepted op.
   */
  async #storedOutcome(
    trx: Kysely<ServerDatabase>,
    deviceId: string,
    mutation: Mutation,
  ): Promise<Pick<PushResponse, 'restamps' | 'rejected' | 'stored'>> {
    const stored = await trx
      .selectFrom('change')
      .select(['hlc', 'seq'])
      .where('device_id', '=', deviceId)
      .where('counter', '=', mutation.counter)
      .orderBy('seq')
      .execute();
    const outcome: Pick<PushResponse, 'restamps' | 'rejected' | 'stored'> = {
      restamps: [],
      rejected: [],
      stored: [],
    };
    let next = 0;
    const check = checkMutation(mutation);
    outcome.rejected.push(...check.rejected);
    if (check.refusedWhole) return outcome;
    const refusedOps = new Set(check.rejected.map((entry) => entry.index));
    for (const [index, tuple] of mutation.ops.entries()) {
      const op = fromTuple(tuple);
      if (refusedOps.has(index)) continue;
      const hlc = stored[next++]?.hlc;
      if (hlc !== undefined && hlc !== op.hlc)
        outcome.restamps.push({ counter: mutation.counter, index, hlc });
    }
    const seq = stored.at(-1)?.seq;
    if (seq !== undefined) outcome.stored.push({ counter: mutation.counter, seq });
    return outcome;
  }

  /**
   * The team's changes after `cursor`, in sequence order. A page never ends inside a mutation, so a row
   * and its first fields always arrive together.
   */
  async pull(claims: AccessClaims, cursor: number, limit: number): Promise<PullResponse> {
    const rows = await this.db
      .selectFrom('change')
      .select(['seq', 'table_name', 'row_id', 'field', 'value', 'hlc', 'device_id', 'counter', 'seen_seq'])
      .where('team_id', '=', claims.teamId)
      .where('seq', '>', cursor)
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    let page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows[limit];
    if (last && next && next.device_id === last.device_id && next.counter === last.counter) {
      // Finish the mutation the limit cut.
      const rest = await this.db
        .selectFrom('change')
        .select(['seq', 'table_name', 'row_id', 'field', 'value', 'hlc', 'device_id', 'counter', 'seen_seq'])
        .where('team_id', '=', claims.teamId)
        .where('seq', '>', last.seq)
        .where('device_id', '=', last.device_id)
        .where('counter', '=', last.counter)
        .orderBy('seq')
        .execute();
      page = [...page, ...rest];
    }
    const headSeq = await this.#head(claims.teamId);
    const end = page.at(-1)?.seq ?? cursor;
    return {
      changes: page.map((row) => ({
        seq: row.seq,
        table: row.table_name,
        rowId: row.row_id,
        field: row.field,
        value: row.value,
        hlc: row.hlc,
        deviceId: row.device_id,
        seen: row.seen_seq,
      })),
      cursor: end,
      headSeq,
      hasMore: end < headSeq,
    };
  }

  /**
   * A page of the team's current rows (their merged field states), in (table, row) order after `after`:
   * a new device starts from this instead of replaying the whole change log.
   */
  async snapshot(
    claims: AccessClaims,
    after: { table: string; rowId: string } | null,
    limit: number,
  ): Promise<SnapshotResponse> {
    const headSeq = await this.#head(claims.teamId);
    let rowsQuery = this.db
      .selectFrom('field_state')
      .select(['table_name', 'row_id'])
      .distinct()
      .where('team_id', '=', claims.teamId);
    if (after) {
      // A row-value comparison: one range of the primary key, however far into the team's rows.
      rowsQuery = rowsQuery.where(sql<boolean>`(table_name, row_id) > (${after.table}, ${after.rowId})`);
    }
    const rows = await rowsQuery.orderBy('table_name').orderBy('row_id').limit(limit).execute();
    const last = rows.at(-1);
    if (!last) return { tables: {}, after: null, headSeq };
    // The page's rows by table (a page spans at most a few tables): each table's part is one range of
    // the primary key, from its first row to its last.
    const ranges = new Map<string, { first: string; last: string }>();
    for (const row of rows) {
      const range = ranges.get(row.table_name);
      if (range) range.last = row.row_id;
      else ranges.set(row.table_name, { first: row.row_id, last: row.row_id });
    }
    const tables: SnapshotResponse['tables'] = {};
    for (const [table, { first, last: lastRow }] of ranges) {
      const fields = await this.db
        .selectFrom('field_state')
        .select(['row_id', 'field', 'value', 'hlc'])
        .where('team_id', '=', claims.teamId)
        .where('table_name', '=', table)
        .where('row_id', '>=', first)
        .where('row_id', '<=', lastRow)
        .orderBy('row_id')
        .execute();
      const out: SnapshotRow[] = (tables[table] = []);
      let current: SnapshotRow | undefined;
      for (const field of fields) {
        if (current?.[0] !== field.row_id) {
          current = [field.row_id, {}];
          out.push(current);
        }
        current[1][field.field] = [field.value, field.hlc];
      }
    }
    return {
      tables,
      after: rows.length < limit ? null : { table: last.table_name, rowId: last.row_id },
      headSeq,
    };
  }

  async #head(teamId: string): Promise<number> {
    const row = await this.db
      .selectFrom('change')
      .select(sql<number>`cast(coalesce(max(seq), 0) as integer)`.as('head'))
      .where('team_id', '=', teamId)
      .executeTakeFirst();
    return row?.head ?? 0;
  }

  async #tokens(claims: Omit<AccessClaims, 'exp'>, refreshToken: string): Promise<Tokens> {
    const exp = this.#now() + ACCESS_TOKEN_MS;
    return {
      accessToken: signAccessToken({ ...claims, exp }, await this.secret()),
      accessExpiresAt: new Date(exp).toISOString(),
      refreshToken,
      teamId: claims.teamId,
      userId: claims.userId,
    };
  }

  /** A clock no further ahead than the limit, so one bad laptop cannot drag the server's clock forward. */
  #bounded(hlc: string): string {
    return decodeHlc(hlc).ms > this.#now() + MAX_FUTURE_MS ? '000000000000-00000-server' : hlc;
  }

  #iso(): string {
    return new Date(this.#now()).toISOString();
  }
}
