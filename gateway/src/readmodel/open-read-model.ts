import type { ReadModelConfig } from '../config';
import { openPostgresReadModel } from './postgres-repository';
import type { ReadModelRepository } from './repository';
import { openSqliteReadModel } from './sqlite-repository';

/** The repository READ_MODEL_DRIVER names: SQLite (the gateway's own file) or PostgreSQL. */
export function openReadModel(config: ReadModelConfig): Promise<ReadModelRepository> {
  return config.driver === 'postgres' ? openPostgresReadModel(config.databaseUrl) : openSqliteReadModel(config.sqlitePath);
}
