import { Pool, type PoolClient } from 'pg';
import type { ReadModelRepository } from './repository';
import type { SqlValue } from './row-write';
import { SerialQueue } from './serial';
import { toPostgresPlaceholders } from './sql';
import { migrate, SqlReadModelRepository } from './sql-repository';
import { driverCodeOf, messageOf, RowRefusedError, type SqlExecutor, type SqlRow, type SqlTransaction } from './sql-executor';

/** SQLSTATE classes of a row refused for its data: 22 data exception, 23 integrity constraint violation. */
const REFUSED_ROW = /^2[23][0-9A-Z]{3}$/;

function refusalOf(error: unknown): unknown {
  const code = driverCodeOf(error);
  return code !== undefined && REFUSED_ROW.test(code) ? new RowRefusedError(messageOf(error), code, error) : error;
}

// node-postgres returns BIGINT (block numbers, COUNT) as text; the repository converts with BigInt/Number.
async function query(client: Pool | PoolClient, sql: string, params: readonly SqlValue[]): Promise<{ rows: SqlRow[]; rowCount: number }> {
  const result = await client.query<SqlRow>({ text: toPostgresPlaceholders(sql), values: [...params] });
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}

/** node-postgres behind the executor interface: reads on any pooled client, writes in a transaction on one. */
export class PostgresExecutor implements SqlExecutor {
  readonly dialect = 'postgres';
  readonly #pool: Pool;
  readonly #queue = new SerialQueue();

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async all(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return (await query(this.#pool, sql, params)).rows;
  }

  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.#queue.run(async () => {
      const client = await this.#pool.connect();
      try {
        await client.query('BEGIN');
        const tx: SqlTransaction = {
          all: async (sql, params = []) => (await query(client, sql, params)).rows,
          run: async (sql, params = []) => {
            try {
              return (await query(client, sql, params)).rowCount;
            } catch (error) {
              throw refusalOf(error);
            }
          },
        };
        const result = await work(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }

  close(): Promise<void> {
    return this.#queue.run(() => this.#pool.end());
  }
}

/** The read model in PostgreSQL, migrated on open. */
export async function openPostgresReadModel(databaseUrl: string, options: { max?: number } = {}): Promise<ReadModelRepository> {
  const pool = new Pool({ connectionString: databaseUrl, max: options.max ?? 5 });
  const executor = new PostgresExecutor(pool);
  try {
    await migrate(executor);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new SqlReadModelRepository(executor);
}
