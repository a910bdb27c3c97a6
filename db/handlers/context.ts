import type { LocalMethod, Method, MethodOutput, ParsedInput } from '../../shared/api/contract.ts';
import type { EventName, EventPayload } from '../../shared/api/events.ts';
import type { HybridClock } from '../../shared/hlc.ts';
import type { Actor, RecordWriter } from '../records/record-writer.ts';
import type { SyncCall } from '../seed/demo.ts';
import type { ChangeOrigin } from '../schema.ts';
import type { Db } from '../sql.ts';

/** What every handler gets besides its input. */
export interface HandlerContext {
  db: Db;
  /** The current time; tests pass a fake clock. */
  now(): Date;
  /** Stamps local changes (SYNC.md). */
  clock: HybridClock;
  /** Queues an event; it is delivered only if the call's transaction commits. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  dataDir: string;
  schemaVersion: number;
  /** This device and its user: the author of every change. */
  actor: Actor;
  /** Writes synced rows with their change log; one per call, so the call is one undo step. */
  writer: RecordWriter;
  /** A writer whose changes are marked with another origin (an undo). */
  writerFor(origin: ChangeOrigin): RecordWriter;
  /**
   * Calls another local method inside this call's transaction, its input validated as dispatch would:
   * a method made of other methods (the demo) is still one all-or-nothing transaction.
   */
  call: SyncCall;
}

/** Implements one API method: validated input in, domain value out, synchronously inside a transaction. */
export type Handler<M extends Method> = (input: ParsedInput<M>, ctx: HandlerContext) => MethodOutput<M>;

/**
 * Every local method of the contract; a missing one is a compile error where the map is assembled. The
 * network methods (sync.connect, …) are served by the sync engine (db/sync/engine.ts).
 */
export type Handlers = { [M in LocalMethod]: Handler<M> };
