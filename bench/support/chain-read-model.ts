import { isoDay, type ChainSnapshot } from '../../gateway/src/chain/snapshot';
import type { ReadModelRepository } from '../../gateway/src/readmodel/repository';
import { openSqliteReadModel } from '../../gateway/src/readmodel/sqlite-repository';
import { openSqlite } from '../../gateway/src/store/sqlite';

/**
 * A SQLite read model (the gateway's repository, migrated) holding a generated chain's
 * participants, receivables and financings, written in one transaction straight into the
 * tables (projecting 100k receivables block by block would take far longer than the queries).
 * Records are `{}`: the benchmarks time the columns the queries read.
 */
export async function chainReadModel(file: string, snapshot: ChainSnapshot): Promise<ReadModelRepository> {
  const repository = await openSqliteReadModel(file);
  const db = openSqlite(file);
  const day = (d: number): string => isoDay(d);
  const at = `${day(snapshot.asOfDay)}T00:00:00Z`;
  db.transaction(() => {
    const receivable = db.prepare(
      `INSERT INTO rm_receivables (id, root_id, parent_id, creditor_id, debtor_id, holder_id, holder_msp, currency, face, outstanding, settled, diluted, status, delinquency, issue_date, due_date, financing_id, created_at, updated_at, record, block_number, tx_index)
       VALUES (?, ?, ?, ?, ?, ?, 'SuppliersMSP', ?, ?, ?, '0', ?, ?, ?, ?, ?, ?, ?, ?, '{}', 1, 0)`,
    );
    for (const r of snapshot.receivables) {
      receivable.run(
        r.id,
        r.rootId,
        r.parentId ?? null,
        r.creditorId,
        r.debtorId,
        r.holderId,
        r.currency,
        String(r.face),
        String(r.outstanding),
        String(r.diluted),
        r.status,
        r.delinquency,
        day(r.issueDay),
        day(r.dueDay),
        r.financingId ?? null,
        at,
        at,
      );
    }
    const financing = db.prepare(
      `INSERT INTO rm_financings (id, receivable_id, line_id, bank_msp, borrower_id, borrower_msp, debtor_id, currency, amount, outstanding_principal, repaid_principal, status, maturity_date, requested_at, updated_at, record, block_number, tx_index)
       VALUES (?, ?, 'line', ?, ?, 'SuppliersMSP', ?, ?, ?, ?, '0', ?, ?, ?, ?, '{}', 1, 0)`,
    );
    for (const f of snapshot.financings) {
      financing.run(
        f.id,
        f.receivableId,
        f.bankMsp,
        f.borrowerId,
        f.debtorId,
        f.currency,
        String(f.amount),
        String(f.outstandingPrincipal),
        f.status,
        day(f.requestedDay + 60),
        `${day(f.requestedDay)}T00:00:00Z`,
        at,
      );
    }
    const participant = db.prepare(
      `INSERT INTO rm_participants (id, msp_id, client_id, role, tier, status, name, registered_at, updated_at, record, block_number, tx_index) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, '{}', 0, 0)`,
    );
    for (const p of snapshot.participants) {
      participant.run(p.id, p.mspId, p.id, p.role, p.tier ?? null, p.name, at, at);
    }
    db.prepare(
      `INSERT INTO rm_transactions VALUES (1, 0, 'tx', 3, 0, 'VALID', ?, 'SuppliersMSP', 'x', 'h', 'scf', 'f', '[]', NULL, NULL, 200, NULL)`,
    ).run(at);
    db.prepare('UPDATE rm_checkpoint SET next_block = 2').run();
  })();
  db.close();
  return repository;
}
