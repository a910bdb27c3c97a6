import { z } from 'zod';

/**
 * The sync protocol of SYNC.md, as both the server and the devices validate it. Every change is one
 * field of one row: `{table, rowId, field, value, hlc}`; `value` is the field's stored value as JSON text.
 */

/** Longest push body the server accepts, in bytes (SYNC.md: ≤ 1 MB). */
export const PUSH_MAX_BYTES = 1024 * 1024;
/** Most mutations (local transactions) in one push. */
export const PUSH_MAX_MUTATIONS = 1000;
/** Most changes in one pull page. */
export const PULL_MAX = 5000;

const HlcText = z.string().regex(/^[0-9a-z]{12}-[0-9a-z]{5}-[0-9a-z]{1,64}$/, 'not a clock');
const Name = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'not a table or field name');

export const ChangeOp = z.strictObject({
  table: Name,
  rowId: z.uuid(),
  field: Name,
  /** The stored value as JSON text (null, a string, a number). */
  value: z.string().max(200_000),
  hlc: HlcText,
});
export type ChangeOp = z.infer<typeof ChangeOp>;

/**
 * A change as pushed: `[table, rowId, field, value, hlc]`. A tuple rather than an object keeps one
 * changed field within SYNC.md's 200 bytes on the wire.
 */
export const ChangeTuple = z.tuple([
  ChangeOp.shape.table,
  ChangeOp.shape.rowId,
  ChangeOp.shape.field,
  ChangeOp.shape.value,
  ChangeOp.shape.hlc,
]);
export type ChangeTuple = z.infer<typeof ChangeTuple>;

/** The op as it travels in a push (see {@link ChangeTuple}). */
export function toTuple(op: ChangeOp): ChangeTuple {
  return [op.table, op.rowId, op.field, op.value, op.hlc];
}

/** The op of a pushed tuple. */
export function fromTuple([table, rowId, field, value, hlc]: ChangeTuple): ChangeOp {
  return { table, rowId, field, value, hlc };
}

/** One local transaction (or a piece of a very big one): its changes, numbered by the device's counter. */
export const Mutation = z.strictObject({
  counter: z.number().int().positive(),
  /**
   * The device's pull cursor when the edit was made: every change up to it had been seen. Two edits of a
   * text are concurrent (a conflict to show) only when the newer one had not seen the older (0: unknown,
   * taken as seen nothing).
   */
  seen: z.number().int().nonnegative().default(0),
  ops: z.array(ChangeTuple).min(1).max(10_000),
});
export type Mutation = z.infer<typeof Mutation>;

/** The device pushing is the one its access token names. */
export const PushRequest = z.strictObject({
  mutations: z.array(Mutation).max(PUSH_MAX_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const Restamp = z.object({ counter: z.number().int(), index: z.number().int(), hlc: HlcText });
export type Restamp = z.infer<typeof Restamp>;

export const PushResponse = z.object({
  /** Every mutation up to this counter is stored (including ones stored by an earlier, retried push). */
  ackedCounter: z.number().int(),
  /** Ops whose clock was too far in the server's future, with the clock the server gave them. */
  restamps: z.array(Restamp),
  /** Ops refused (unknown table), with why; the rest of their mutation is kept. */
  rejected: z.array(z.object({ counter: z.number().int(), index: z.number().int(), reason: z.string() })),
  /** The server sequence of the last change of each stored mutation (a pull never splits a mutation). */
  stored: z.array(z.object({ counter: z.number().int(), seq: z.number().int() })),
  headSeq: z.number().int(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PulledChange = ChangeOp.extend({
  seq: z.number().int(),
  deviceId: z.string(),
  /** The writer's pull cursor when it made the change (see Mutation.seen). */
  seen: z.number().int().default(0),
});
export type PulledChange = z.infer<typeof PulledChange>;

export const PullResponse = z.object({
  changes: z.array(PulledChange),
  /** The cursor to ask from next: the seq of the last change of this page. */
  cursor: z.number().int(),
  headSeq: z.number().int(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const SyncInfo = z.object({
  serverTime: z.string(),
  headSeq: z.number().int(),
  schemaVersions: z.array(z.number().int()),
});
export type SyncInfo = z.infer<typeof SyncInfo>;

export const LoginRequest = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  password: z.string().min(1).max(1000),
  /** The device logging in (made once, kept in the device's database); a new one is registered. */
  deviceId: z.uuid(),
  deviceName: z.string().trim().min(1).max(200),
});
export const Tokens = z.object({
  accessToken: z.string(),
  /** When the access token stops working (15 minutes after it was made). */
  accessExpiresAt: z.string(),
  refreshToken: z.string(),
  teamId: z.string(),
  userId: z.string(),
});
export type Tokens = z.infer<typeof Tokens>;
export const RefreshRequest = z.strictObject({
  deviceId: z.uuid(),
  refreshToken: z.string().min(1).max(200),
});

/** Rows per snapshot page. */
export const SNAPSHOT_ROWS = 2000;

/** A page of the team's current rows, for the first sync of a new device (SYNC.md). */
/**
 * One row of a snapshot: its id, and each field's stored value (JSON text) with the clock that wrote it.
 * Field names and clocks are checked where they are used (unknown fields wait in quarantine, a clock
 * that is not one fails the page), not here: a first sync carries close to a million of them.
 */
export const SnapshotRow = z.tuple([
  z.uuid(),
  z.record(z.string().max(64), z.tuple([z.string().max(200_000), z.string().max(100)])),
]);
export type SnapshotRow = z.infer<typeof SnapshotRow>;

export const SnapshotResponse = z.object({
  /**
   * The page's rows by table, every current field of each. Rows rather than one change per field: a
   * first sync of 100k clients is a third of the bytes, and is parsed and applied that much faster.
   */
  tables: z.record(Name, z.array(SnapshotRow)),
  /** Where the next page starts; null after the last. */
  after: z.object({ table: z.string(), rowId: z.string() }).nullable(),
  /** The head when this page was read: pull from the first page's head once the snapshot is applied. */
  headSeq: z.number().int(),
});
export type SnapshotResponse = z.infer<typeof SnapshotResponse>;

/** The team's devices, as the server lists them. */
export const DeviceList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      lastSeenAt: z.string(),
      revoked: z.boolean(),
      /** The caller may revoke it: a team admin any laptop, anyone their own. */
      canRevoke: z.boolean(),
    }),
  ),
});
