import type BetterSqlite3 from 'better-sqlite3';
import {
  type Compilable,
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Database } from './schema.ts';

/** A prepared statement that can only be read from. */
export type ReadStatement = Pick<BetterSqlite3.Statement, 'get' | 'all' | 'iterate' | 'raw'>;

/**
 * What reads written as SQL text need of a database, and no more: the lifetime-value fit's worker gives
 * its reads one of these over its own connection without loading the query builder.
 */
export type SqlReads = Pick<ReadDb, 'prepare'>;

/** The read half of {@link Db}: what a read-only method's handler gets (db/handlers/context.ts). */
export interface ReadDb {
  /** Query builder; pass its select queries to `all` or `first`. */
  readonly q: Kysely<Database>;
  all<R>(query: Compilable<R>): R[];
  first<R>(query: Compilable<R>): R | undefined;
  /** A prepared statement for SQL text built in code (never from input), to read with. */
  prepare(sql: string): ReadStatement;
}

/**
 * The database as handlers see it. Kysely only builds queries; better-sqlite3 runs them synchronously,
 * so one API call is one synchronous transaction and nothing can interleave with it.
 */
export interface Db extends ReadDb {
  readonly sqlite: BetterSqlite3.Database;
  run(query: Compilable): BetterSqlite3.RunResult;
  /** A prepared statement for SQL text built in code (never from input), cached like the others. */
  prepare(sql: string): BetterSqlite3.Statement;
}

const builder = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** Wraps an open better-sqlite3 connection with a statement cache. */
export function createDb(sqlite: BetterSqlite3.Database): Db {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepareText = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const prepare = (query: Compilable) => {
    const { sql, parameters } = query.compile();
    return { statement: prepareText(sql), parameters: parameters as unknown[] };
  };
  return {
    sqlite,
    q: builder,
    all<R>(query: Compilable<R>) {
      const { statement, parameters } = prepare(query);
      return statement.all(...parameters) as R[];
    },
    first<R>(query: Compilable<R>) {
      const { statement, parameters } = prepare(query);
      return statement.get(...parameters) as R | undefined;
    },
    run(query) {
      const { statement, parameters } = prepare(query);
      return statement.run(...parameters);
    },
    prepare: prepareText,
  };
}
