import type { EntityName } from '../../shared/domain/entities.ts';
import type { HandlerContext } from '../handlers/context.ts';
import type { NewRecord } from '../records/record-writer.ts';

/** A record a row buffers, with the entity its change is announced as. */
export type BatchRecord = NewRecord & { entity: EntityName };

/** Rows buffered before they are written: small enough that a batch still yields on time. */
const BUFFERED_RECORDS = 128;

/**
 * The rows of one import batch on their way to the database. A row that only creates records (a new
 * client, its contact and tags), checked in full beforehand, is buffered and written with the others in
 * statements of many rows (RecordWriter.insertMany): the same rows, change log and search documents as
 * its handlers would write one by one, without a statement per field. Any other row is written
 * `alone`, through the handlers, after what is buffered, in a savepoint of its own.
 */
export class RowBatch {
  readonly #ctx: HandlerContext;
  #records: NewRecord[] = [];
  /** Ids of the buffered records, so a later row of the batch knows they exist. */
  readonly #buffered = new Set<string>();

  /** False: every row is written alone, through the handlers (tests compare both ways). */
  readonly buffers: boolean;

  constructor(ctx: HandlerContext, options: { buffers: boolean }) {
    this.#ctx = ctx;
    this.buffers = options.buffers;
  }

  /** Buffers a row's new records (in the order its handlers would insert them) and announces them. */
  add(records: readonly BatchRecord[]): void {
    for (const { entity, ...record } of records) {
      this.#records.push(record);
      this.#buffered.add(record.id);
      this.#ctx.emit('data.changed', { entity, ids: [record.id] });
    }
    if (this.#records.length >= BUFFERED_RECORDS) this.write();
  }

  /** True when the record was buffered and is not written yet. */
  holds(id: string): boolean {
    return this.#buffered.has(id);
  }

  /** Writes what is buffered. */
  write(): void {
    if (this.#records.length === 0) return;
    this.#ctx.writer.insertMany(this.#records);
    this.#records = [];
    this.#buffered.clear();
  }

  /**
   * Runs a row that writes through the handlers: after the buffered rows (which it may read or
   * change), all or nothing: an error rolls back what the row wrote, and only that.
   */
  alone<R>(work: () => R): R {
    this.write();
    return this.#ctx.db.sqlite.transaction(work)();
  }
}
