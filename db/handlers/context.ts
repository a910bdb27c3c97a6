import type {
  LocalMethod,
  Method,
  MethodOutput,
  ParsedInput,
  ReadOnlyMethod,
} from '../../shared/api/contract.ts';
import type { EventName, EventPayload } from '../../shared/api/events.ts';
import type { HybridClock } from '../../shared/hlc.ts';
import type { Actor, RecordWriter, RowReader } from '../records/record-writer.ts';
import type { SyncCall } from '../seed/demo.ts';
import type { ChangeOrigin } from '../schema.ts';
import type { Db, ReadDb } from '../sql.ts';

/**
 * What a method that only reads gets besides its input: the database's read half and the call's rows.
 * It has no writer, no events and no `db.run`, so a read handler that tries to write does not compile;
 * dispatch also runs it with SQLite's `query_only` on, so a write through raw SQL fails at run time.
 */
export interface ReadContext {
  db: ReadDb;
  /** The current time; tests pass a fake clock. */
  now(): Date;
  dataDir: string;
  schemaVersion: number;
  /** This device and its user. */
  actor: Actor;
  /** Stored rows by id, each read once per call (the writers share these rows). */
  rows: RowReader;
}

/** What every handler of a method that writes gets besides its input. */
export interface HandlerContext extends ReadContext {
  db: Db;
  /** Stamps local changes (SYNC.md). */
  clock: HybridClock;
  /** Queues an event; it is delivered only if the call's transaction commits. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Writes synced rows with their change log; one per call, so the call is one undo step. */
  writer: RecordWriter;
  /** A writer whose changes are marked with another origin (an undo). */
  writerFor(origin: ChangeOrigin): RecordWriter;
  /**
   * Calls another local method inside this call's transaction, its input validated as dispatch would:
   * a method made of other methods (the demo) is still one all-or-nothing transaction.
   */
  call: SyncCall;
  /**
   * Like `call`, as if made at `at`: the records it writes are created or changed at `at`, and their
   * change log (the history view, and the stage history the Insights read) says so. Only the demo uses
   * it, to replay a company's past honestly through the same methods a person uses; no API input can
   * reach it. Still this call's transaction and undo step; the sync clock (HLC) still ticks now, since
   * it orders this device's changes, not the business events they describe.
   */
  callAsOf: (at: Date) => SyncCall;
}

/** Implements one API method: validated input in, domain value out, synchronously inside a transaction. */
export type Handler<M extends Method> = (input: ParsedInput<M>, ctx: HandlerContext) => MethodOutput<M>;

/** Implements a method that only reads; it cannot be given anything that writes. */
export type ReadHandler<M extends Method> = (input: ParsedInput<M>, ctx: ReadContext) => MethodOutput<M>;

/**
 * Every local method of the contract; a missing one is a compile error where the map is assembled. The
 * network methods (sync.connect, …) are served by the sync engine (db/sync/engine.ts).
 */
export type Handlers = { [M in LocalMethod]: M extends ReadOnlyMethod ? ReadHandler<M> : Handler<M> };
