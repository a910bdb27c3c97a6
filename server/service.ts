import { HybridClock } from '../shared/hlc.ts';
import type {
  Mutation,
  PullResponse,
  PushResponse,
  SnapshotResponse,
  SyncInfo,
  Tokens,
} from '../shared/sync/protocol.ts';
import { addUser, createTeam, disableUser } from './accounts.ts';
import type { AccessClaims } from './auth.ts';
import { listDevices, revokeDevice, revokeTeamDevice, teamDevices } from './devices.ts';
import { pullChanges } from './pull.ts';
import { type PushContext, pushMutations } from './push.ts';
import { type ServerContext, isoNow } from './server-context.ts';
import { LOGIN_LIMITS, type LoginLimits } from './login-limits.ts';
import { type LoginContext, authenticate, login, refresh, tokenSecret } from './sessions.ts';
import { type SnapshotAfter, snapshotPage } from './snapshot.ts';
import type { ServerStore } from './store.ts';
import { teamHead } from './team-head.ts';

export interface ServiceOptions {
  store: ServerStore;
  now?: () => number;
  /** Limits on sign-in attempts (login-limits.ts); tests that sign in often raise them. */
  loginLimits?: Partial<LoginLimits>;
}

/** Who hears a team's head moving: the event streams of this process. */
export interface HeadWatcher {
  /** A push (of this process, or of another sharing the database) moved the team's head. */
  moved(teamId: string, head: number): void;
  /** Heads may have moved unheard (the database connection that listens was lost): look again. */
  missed(): void;
  /** The listening connection failed (it is retried). */
  failed(error: unknown): void;
}

/**
 * What the server does, independent of HTTP, as one object for the HTTP layer and the admin commands:
 * each method hands over to the module that does it (accounts, devices, sessions, push, pull,
 * snapshot). It keeps only what those share: the database, the time, the token secret, the server's
 * clock, the sign-in limits, and who watches a team's head moving.
 */
export class SyncService {
  readonly #ctx: ServerContext & LoginContext & PushContext;
  readonly #store: ServerStore;
  readonly #watchers = new Set<HeadWatcher>();
  #listening: { close(): Promise<void> } | null = null;

  constructor(options: ServiceOptions) {
    const now = options.now ?? Date.now;
    const { db, dialect } = options.store;
    this.#store = options.store;
    this.#ctx = {
      db,
      dialect,
      now,
      secret: tokenSecret(db),
      clock: new HybridClock('server', now),
      loginLimits: { ...LOGIN_LIMITS, ...options.loginLimits },
    };
  }

  get db() {
    return this.#ctx.db;
  }

  /**
   * Tells `watcher` of every push that stored something, with the team and its new head: this process's
   * own pushes at once, and on PostgreSQL every other process's too, heard on one listening connection
   * opened for the first watcher and closed after the last. Returns the way to stop watching.
   */
  watchHeads(watcher: HeadWatcher): () => Promise<void> {
    this.#watchers.add(watcher);
    this.#listening ??=
      this.#store.listenForHeads?.({
        onHead: (teamId, head) => {
          for (const each of this.#watchers) each.moved(teamId, head);
        },
        onResumed: () => {
          for (const each of this.#watchers) each.missed();
        },
        onError: (error) => {
          for (const each of this.#watchers) each.failed(error);
        },
      }) ?? null;
    return async () => {
      this.#watchers.delete(watcher);
      if (this.#watchers.size > 0 || !this.#listening) return;
      const listening = this.#listening;
      this.#listening = null;
      await listening.close();
    };
  }

  /** The sequence number of the team's newest change. */
  head(teamId: string): Promise<number> {
    return teamHead(this.db, teamId);
  }

  /** The secret that signs access tokens (sessions.ts). */
  secret(): Promise<Buffer> {
    return this.#ctx.secret();
  }

  createTeam(input: Parameters<typeof createTeam>[1]) {
    return createTeam(this.#ctx, input);
  }

  addUser(input: Parameters<typeof addUser>[1]) {
    return addUser(this.#ctx, input);
  }

  disableUser(email: string) {
    return disableUser(this.#ctx, email);
  }

  revokeDevice(deviceId: string) {
    return revokeDevice(this.#ctx, deviceId);
  }

  devices(teamName?: string) {
    return listDevices(this.#ctx, teamName);
  }

  teamDevices(claims: AccessClaims) {
    return teamDevices(this.#ctx, claims);
  }

  revokeTeamDevice(claims: AccessClaims, deviceId: string) {
    return revokeTeamDevice(this.#ctx, claims, deviceId);
  }

  /** Signs in on a device; `address` is where the request came from (limits, login-limits.ts). */
  login(input: Parameters<typeof login>[1]): Promise<Tokens> {
    return login(this.#ctx, input);
  }

  refresh(input: Parameters<typeof refresh>[1]): Promise<Tokens> {
    return refresh(this.#ctx, input);
  }

  authenticate(authorization: string | undefined): Promise<AccessClaims> {
    return authenticate(this.#ctx, authorization);
  }

  async info(claims: AccessClaims): Promise<SyncInfo> {
    return {
      serverTime: isoNow(this.#ctx),
      headSeq: await teamHead(this.db, claims.teamId),
      schemaVersions: [8],
    };
  }

  /** Stores a push (push.ts), then tells this process's watchers where the team's head is now. */
  async push(claims: AccessClaims, mutations: readonly Mutation[]): Promise<PushResponse> {
    const { movedTo, ...outcome } = await pushMutations(this.#ctx, claims, mutations);
    if (movedTo !== null) for (const watcher of this.#watchers) watcher.moved(claims.teamId, movedTo);
    return { ...outcome, headSeq: movedTo ?? (await teamHead(this.db, claims.teamId)) };
  }

  pull(claims: AccessClaims, cursor: number, limit: number): Promise<PullResponse> {
    return pullChanges(this.db, claims.teamId, cursor, limit);
  }

  snapshot(claims: AccessClaims, after: SnapshotAfter | null, limit: number): Promise<SnapshotResponse> {
    return snapshotPage(this.db, claims.teamId, after, limit);
  }
}
