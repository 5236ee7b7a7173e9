import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type SqliteDatabase = Database.Database;

/** Opens (creating if needed) a SQLite file in WAL mode, so readers never block the writer. */
export function openSqlite(file: string): SqliteDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Other processes (a second gateway on the same file, sqlite3 by hand) may hold the lock briefly.
  db.pragma('busy_timeout = 15000');
  return db;
}
