import { parseCreditLineTermsJson } from '@scf/kernel/records/line-terms';
import type { CreditLineTerms } from '@scf/kernel/records/credit-line';
import { openSqlite, type SqliteDatabase } from './sqlite';

const SCHEMA = `CREATE TABLE IF NOT EXISTS pending_line_terms (
  bank_msp TEXT NOT NULL,
  line_id TEXT NOT NULL,
  terms TEXT NOT NULL,
  kept_at TEXT NOT NULL,
  PRIMARY KEY (bank_msp, line_id)
)`;

/**
 * A line's salted terms between GrantCreditLine (the ledger commits to their hash) and
 * RecordCreditLineTerms (the bank × core collection holds them). Only the bank's gateway ever
 * has the salt: kept here, in the gateway's own SQLite file, before the commitment is sent, a
 * grant cut between its two transactions (a crash, a lost answer) is finished by granting the
 * same line again instead of leaving a line no terms can ever match. Forgotten once recorded.
 */
export class LineTermsKeeper {
  readonly #find;
  readonly #keep;
  readonly #forget;

  constructor(db: SqliteDatabase) {
    db.exec(SCHEMA);
    this.#find = db.prepare<[string, string], { terms: string }>('SELECT terms FROM pending_line_terms WHERE bank_msp = ? AND line_id = ?');
    this.#keep = db.prepare<[string, string, string, string]>(
      `INSERT INTO pending_line_terms (bank_msp, line_id, terms, kept_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (bank_msp, line_id) DO UPDATE SET terms = excluded.terms, kept_at = excluded.kept_at`,
    );
    this.#forget = db.prepare<[string, string]>('DELETE FROM pending_line_terms WHERE bank_msp = ? AND line_id = ?');
  }

  static open(file: string): LineTermsKeeper {
    return new LineTermsKeeper(openSqlite(file));
  }

  /** The terms kept for `lineId` of `bankMsp`, if a grant of it has not finished. */
  kept(bankMsp: string, lineId: string): CreditLineTerms | undefined {
    const row = this.#find.get(bankMsp, lineId);
    return row === undefined ? undefined : parseCreditLineTermsJson(row.terms);
  }

  keep(bankMsp: string, lineId: string, terms: CreditLineTerms): void {
    this.#keep.run(bankMsp, lineId, JSON.stringify(terms), new Date().toISOString());
  }

  forget(bankMsp: string, lineId: string): void {
    this.#forget.run(bankMsp, lineId);
  }
}
