import {
  type LocalMethod,
  type MethodInput,
  type MethodOutput,
  type ReadOnlyMethod,
  contract,
  isMethod,
  isJobMethod,
  isNetworkMethod,
  isReadOnlyMethod,
} from '../shared/api/contract.ts';
import { type Envelope, fail, ok } from '../shared/api/envelope.ts';
import { AppError } from '../shared/api/errors.ts';
import type { BackendEvent } from '../shared/api/events.ts';
import type { HandlerContext, Handlers, ReadContext } from './handlers/context.ts';
import type { Logger } from './logger.ts';
import { parseMethodInput } from './parse-method-input.ts';
import { type RowCache, createRecordWriter, createRowReader } from './records/record-writer.ts';
import type { StoredRow } from './records/synced-tables.ts';
import { storageErrorOf } from './storage-errors.ts';
import type { ChangeOrigin } from './schema.ts';
import type { Db } from './sql.ts';

/** Everything a call needs except its input; `emit` is supplied per call by dispatch. */
export type DispatchContext = Omit<
  HandlerContext,
  'emit' | 'writer' | 'writerFor' | 'call' | 'callAsOf' | 'rows'
>;

export interface DispatcherOptions {
  handlers: Handlers;
  context: DispatchContext;
  logger: Logger;
  /** Receives the events of a call after its transaction committed. */
  publish(event: BackendEvent): void;
}

/**
 * The one entry point of every transport: validates the input against the contract, runs the handler in
 * one transaction, validates the output, and answers with an envelope. Never throws.
 */
export function createDispatcher(
  options: DispatcherOptions,
): (method: string, rawInput: unknown) => Envelope<unknown> {
  return (method, rawInput) => {
    if (!isMethod(method)) {
      return fail({
        code: 'not_found',
        message: `Rapport has no API method “${method}”.`,
        details: { method },
      });
    }
    if (isNetworkMethod(method) || isJobMethod(method)) {
      return fail({
        code: 'unavailable',
        message: `${method} is a long job served beside the dispatcher (sync engine, imports), not here.`,
        details: { method },
      });
    }
    const parsed = parseMethodInput(method, rawInput);
    if (!parsed.ok) return fail(parsed.error.toInfo());
    try {
      return ok(runInTransaction(options, method, parsed.input));
    } catch (error) {
      return fail(toAppError(error, method, options).toInfo());
    }
  };
}

function runInTransaction(options: DispatcherOptions, method: LocalMethod, input: unknown): unknown {
  const queued: BackendEvent[] = [];
  const value = isReadOnlyMethod(method)
    ? readOnly(options.context.db, () =>
        readHandlerOf(options.handlers, method)(input, readContext(options.context)),
      )
    : options.context.db.sqlite
        .transaction(() => handlerOf(options.handlers, method)(input, writeContext(options, queued)))
        .immediate();
  const output = contract[method].output.safeParse(value);
  if (!output.success) {
    throw new Error(`Output of ${method} does not match the contract: ${output.error.message}`);
  }
  for (const event of coalesce(queued)) options.publish(event);
  return output.data;
}

/**
 * Runs `work` in one immediate transaction with a writer logging under `txnId`, as a call would run: its
 * events are delivered (coalesced) once the transaction commits. A long job (an import) calls it once
 * per batch of rows, so other calls run between batches and the whole job is still one undo step.
 */
export function runWriteBatch<R>(
  options: DispatcherOptions,
  txnId: string,
  work: (ctx: HandlerContext, rows: RowCache) => R,
): R {
  const queued: BackendEvent[] = [];
  const rows: RowCache = new Map();
  const ctx = writeContext(options, queued, { txnId, rows });
  const value = options.context.db.sqlite.transaction(() => work(ctx, rows)).immediate();
  for (const event of coalesce(queued)) options.publish(event);
  return value;
}

/** What a read-only method gets: no writer, no events, the database's read half. */
export function readContext(base: DispatchContext): ReadContext {
  const { db, now, dataDir, schemaVersion, actor } = base;
  return { db, now, dataDir, schemaVersion, actor, rows: createRowReader(db, new Map()) };
}

function writeContext(
  options: DispatcherOptions,
  queued: BackendEvent[],
  batch: { txnId?: string; rows?: RowCache } = {},
): HandlerContext {
  const base = options.context;
  const rows: RowCache = batch.rows ?? new Map<string, StoredRow | undefined>();
  const writerFor = (origin: ChangeOrigin) =>
    createRecordWriter({
      db: base.db,
      now: base.now,
      clock: base.clock,
      actor: base.actor,
      origin,
      rows,
      ...(batch.txnId !== undefined && origin === 'local' ? { txnId: batch.txnId } : {}),
    });
  const writer = writerFor('local');
  const ctx: HandlerContext = {
    ...base,
    rows: writer,
    writer,
    writerFor,
    // `E` pairs the name with its payload; TypeScript cannot carry that pairing into the union.
    emit: (event, payload) => queued.push({ event, payload } as BackendEvent),
    call: (inner, innerInput) => callWithin(options.handlers, ctx, inner, innerInput),
    // A writer of its own (its clock stamp is taken once), logging under this call's transaction id.
    callAsOf: (at) => {
      const then = new Date(at.getTime());
      const past = writeContext({ ...options, context: { ...base, now: () => then } }, queued, {
        txnId: writer.txnId,
        rows,
      });
      return past.call;
    },
  };
  return ctx;
}

/**
 * Runs a read in one deferred transaction with SQLite's `query_only` on: a read handler that writes
 * through raw SQL fails ("attempt to write a readonly database") instead of writing.
 */
function readOnly<R>(db: Db, read: () => R): R {
  db.sqlite.pragma('query_only = ON');
  try {
    return db.sqlite.transaction(read).deferred();
  } finally {
    db.sqlite.pragma('query_only = OFF');
  }
}

/** The handler of `method`, typed for the one generic call site that cannot see the pairing. */
function handlerOf<M extends LocalMethod>(
  handlers: Handlers,
  method: M,
): (input: unknown, ctx: HandlerContext) => MethodOutput<M> {
  // A read handler takes the narrower ReadContext, which every HandlerContext is.
  return handlers[method] as (input: unknown, ctx: HandlerContext) => MethodOutput<M>;
}

/** The handler of read-only `method`: it takes a context that cannot write. */
function readHandlerOf<M extends ReadOnlyMethod>(
  handlers: Handlers,
  method: M,
): (input: unknown, ctx: ReadContext) => MethodOutput<M> {
  return handlers[method] as (input: unknown, ctx: ReadContext) => MethodOutput<M>;
}

/** Runs another method in the current call's transaction, with its input validated like any call. */
function callWithin<M extends LocalMethod>(
  handlers: Handlers,
  ctx: HandlerContext,
  method: M,
  input: MethodInput<M>,
): MethodOutput<M> {
  const parsed = parseMethodInput(method, input);
  if (!parsed.ok) throw parsed.error;
  return handlerOf(handlers, method)(parsed.input, ctx);
}

/**
 * One `data.changed` per entity for a whole call, with every id: a call made of many (a bulk load, the
 * demo) must not send each UI hundreds of refetch signals. Other events keep their order.
 */
function coalesce(events: readonly BackendEvent[]): BackendEvent[] {
  const changed = new Map<string, Set<string>>();
  const others: BackendEvent[] = [];
  for (const event of events) {
    if (event.event !== 'data.changed') {
      others.push(event);
      continue;
    }
    const ids = changed.get(event.payload.entity) ?? new Set<string>();
    for (const id of event.payload.ids) ids.add(id);
    changed.set(event.payload.entity, ids);
  }
  return [
    ...[...changed].map(([entity, ids]): BackendEvent => ({
      event: 'data.changed',
      payload: { entity, ids: [...ids] },
    })),
    ...others,
  ];
}

function toAppError(error: unknown, method: string, { context, logger }: DispatcherOptions): AppError {
  if (error instanceof AppError) return error;
  // A full disk or a database gone read-only: the transaction rolled back, and the user can act on it.
  // (A method that only reads and still writes is refused by `query_only`: a bug here, not the disk's.)
  const writeInRead =
    isMethod(method) && !isNetworkMethod(method) && !isJobMethod(method) && isReadOnlyMethod(method);
  const storage = writeInRead
    ? null
    : storageErrorOf(error, 'writing', {
        file: context.db.sqlite.name,
        dataDir: context.dataDir,
      });
  if (storage !== null) {
    logger.warn('API call failed on storage', { method, code: storage.code, error: String(error) });
    return storage;
  }
  const stack = error instanceof Error ? error.stack : String(error);
  logger.error('API call failed unexpectedly', { method, stack });
  return new AppError(
    'internal',
    'Something went wrong inside Rapport and nothing was saved. Try again; if it keeps happening, restart the app.',
  );
}
