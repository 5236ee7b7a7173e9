import type Database from 'better-sqlite3';
import { openSqlite, type SqliteDatabase } from '../store/sqlite';
import type { ReadModelRepository } from './repository';
import type { SqlValue } from './row-write';
import { SerialQueue } from './serial';
import { migrate, SqlReadModelRepository } from './sql-repository';
import { driverCodeOf, messageOf, RowRefusedError, type SqlExecutor, type SqlRow, type SqlTransaction } from './sql-executor';

/** SQLite result codes of a row refused for its data (constraint, datatype mismatch, too big): never of a failing disk or connection. */
const REFUSED_ROW = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/;

function refusalOf(error: unknown): unknown {
  const code = driverCodeOf(error);
  return code !== undefined && REFUSED_ROW.test(code) ? new RowRefusedError(messageOf(error), code, error) : error;
}

class StatementCache {
  readonly #db: SqliteDatabase;
  readonly #statements = new Map<string, Database.Statement<SqlValue[]>>();

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  all(sql: string, params: readonly SqlValue[]): SqlRow[] {
    const statement = this.#prepare(sql);
    if (!statement.reader) {
      statement.run(...params);
      return [];
    }
    return statement.all(...params) as SqlRow[];
  }

  run(sql: string, params: readonly SqlValue[]): number {
    return this.#prepare(sql).run(...params).changes;
  }

  #prepare(sql: string): Database.Statement<SqlValue[]> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare<SqlValue[]>(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * better-sqlite3 behind the async executor interface, with two connections on one WAL file: the
 * writer holds the projection's open transaction while the reader, which serves searches and
 * risk features, sees only committed blocks.
 */
export class SqliteExecutor implements SqlExecutor {
  readonly dialect = 'sqlite';
  readonly #writerDb: SqliteDatabase;
  readonly #readerDb: SqliteDatabase;
  readonly #writer: StatementCache;
  readonly #reader: StatementCache;
  readonly #queue = new SerialQueue();

  constructor(file: string) {
    this.#writerDb = openSqlite(file);
    this.#readerDb = openSqlite(file);
    this.#writer = new StatementCache(this.#writerDb);
    this.#reader = new StatementCache(this.#readerDb);
  }

  all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return Promise.resolve(this.#reader.all(sql, params));
  }

  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.#queue.run(async () => {
      const tx: SqlTransaction = {
        all: (sql, params = []) => Promise.resolve(this.#writer.all(sql, params)),
        run: (sql, params = []) => {
          try {
            return Promise.resolve(this.#writer.run(sql, params));
          } catch (error) {
            // Thrown at once (not a rejection): the caller awaits it inside its own try.
            throw refusalOf(error);
          }
        },
      };
      this.#writerDb.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(tx);
        this.#writerDb.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.#writerDb.inTransaction) {
          this.#writerDb.exec('ROLLBACK');
        }
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return this.#queue.run(() => {
      this.#readerDb.close();
      this.#writerDb.close();
      return Promise.resolve();
    });
  }
}

/** The read model in a SQLite file (WAL), migrated on open. */
export async function openSqliteReadModel(file: string): Promise<ReadModelRepository> {
  const executor = new SqliteExecutor(file);
  await migrate(executor);
  return new SqlReadModelRepository(executor);
}
