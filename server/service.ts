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
import { type SessionContext, authenticate, login, refresh, tokenSecret } from './sessions.ts';
import { type SnapshotAfter, snapshotPage } from './snapshot.ts';
import type { ServerStore } from './store.ts';
import { teamHead } from './team-head.ts';

export interface ServiceOptions {
  store: ServerStore;
  now?: () => number;
}

/**
 * What the server does, independent of HTTP, as one object for the HTTP layer and the admin commands:
 * each method hands over to the module that does it (accounts, devices, sessions, push, pull,
 * snapshot). It keeps only what those share: the database, the time, the token secret, the server's
 * clock, and who listens for a team's head moving.
 */
export class SyncService {
  readonly #ctx: ServerContext & SessionContext & PushContext;
  readonly #headListeners = new Set<(teamId: string, head: number) => void>();

  constructor(options: ServiceOptions) {
    const now = options.now ?? Date.now;
    const { db, dialect } = options.store;
    this.#ctx = { db, dialect, now, secret: tokenSecret(db), clock: new HybridClock('server', now) };
  }

  get db() {
    return this.#ctx.db;
  }

  /** Calls `listener` after every push that stored something, with the team and its new head. */
  onHeadMoved(listener: (teamId: string, head: number) => void): () => void {
    this.#headListeners.add(listener);
    return () => this.#headListeners.delete(listener);
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

  /** Stores a push (push.ts), then tells the team's listeners where its head is now. */
  async push(claims: AccessClaims, mutations: readonly Mutation[]): Promise<PushResponse> {
    const outcome = await pushMutations(this.#ctx, claims, mutations);
    const headSeq = await teamHead(this.db, claims.teamId);
    if (mutations.length > 0) for (const listener of this.#headListeners) listener(claims.teamId, headSeq);
    return { ...outcome, headSeq };
  }

  pull(claims: AccessClaims, cursor: number, limit: number): Promise<PullResponse> {
    return pullChanges(this.db, claims.teamId, cursor, limit);
  }

  snapshot(claims: AccessClaims, after: SnapshotAfter | null, limit: number): Promise<SnapshotResponse> {
    return snapshotPage(this.db, claims.teamId, after, limit);
  }
}
