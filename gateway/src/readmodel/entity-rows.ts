import type { RowWrite, SqlValue } from './row-write';
import { foldInvoiceNumber } from '@scf/kernel/text-fold';
import type { ConsortiumCap, CreditLine } from '@scf/kernel/records/credit-line';
import type { DilutionRequest } from '@scf/kernel/records/dilution';
import type { Financing } from '@scf/kernel/records/financing';
import type { Participant } from '@scf/kernel/records/participant';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { CommodityPrice, Pledge, WarehouseReceipt } from '@scf/kernel/records/warehouse';

/** Where a write happened: kept on every row so the read model can be checked against the ledger. */
export interface TxPosition {
  readonly blockNumber: number;
  readonly txIndex: number;
}

/** A dilution as the chaincode stores it under `scf.receivable.dilution`. */
export interface DilutionRecord {
  readonly id: string;
  readonly receivableId: string;
  readonly kind: string;
  readonly amount: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

type Values = Record<string, SqlValue>;

function row(
  table: string,
  key: readonly string[],
  values: Values,
  at: TxPosition,
  record: string | undefined,
  extra: Partial<RowWrite> = {},
): RowWrite {
  const full: Values = { ...values, block_number: at.blockNumber, tx_index: at.txIndex };
  if (record !== undefined) {
    full.record = record;
  }
  return { table, key, values: full, ...extra };
}

const opt = (value: string | number | undefined): SqlValue => value ?? null;

/** A participant's legal entity, as a column (null if the record has none): the risk gate's twins look it up. */
export const legalEntityOf = (p: Pick<Participant, 'legalEntityId'>): SqlValue =>
  typeof p.legalEntityId === 'string' ? p.legalEntityId : null;

const SUMMABLE = /^(0|[1-9][0-9]{0,17})$/;

/**
 * An amount as an integer column SQL can sum exactly (BIGINT): canonical and at most 18 digits,
 * written as text so no JS number rounds it. Null for anything else, which is summed in JS.
 */
export const summableUnits = (amount: unknown): SqlValue => (typeof amount === 'string' && SUMMABLE.test(amount) ? amount : null);

/** A receivable's invoice number folded as the kernel's invoice fingerprint folds it (null if the record has none). */
export const invoiceFoldOf = (r: Pick<Receivable, 'invoiceNumber'>): SqlValue =>
  typeof r.invoiceNumber === 'string' ? foldInvoiceNumber(r.invoiceNumber) : null;

export function participantRow(p: Participant, record: string, at: TxPosition): RowWrite {
  return row(
    'rm_participants',
    ['id'],
    {
      id: p.id,
      msp_id: p.mspId,
      client_id: p.clientId,
      role: p.role,
      tier: opt(p.tier),
      status: p.status,
      name: p.name,
      legal_entity_id: legalEntityOf(p),
      registered_at: p.registeredAt,
      updated_at: p.updatedAt,
    },
    at,
    record,
  );
}

export function creditLineRow(l: CreditLine, record: string, at: TxPosition): RowWrite {
  return row(
    'rm_credit_lines',
    ['id'],
    {
      id: l.id,
      bank_msp: l.bankMsp,
      core_id: l.coreId,
      currency: l.currency,
      // The line's terms are private (the bank × core collection): the public record the projection reads has none.
      limit_amount: null,
      status: l.status,
      expires_on: null,
      created_at: l.createdAt,
      updated_at: l.updatedAt,
    },
    at,
    record,
  );
}

export function capRow(c: ConsortiumCap, record: string, at: TxPosition): RowWrite {
  return row(
    'rm_consortium_caps',
    ['core_id', 'currency'],
    { core_id: c.coreId, currency: c.currency, cap: c.cap, updated_at: c.updatedAt },
    at,
    record,
  );
}

export function receivableRow(r: Receivable, record: string, at: TxPosition): RowWrite {
  return row(
    'rm_receivables',
    ['id'],
    {
      id: r.id,
      root_id: r.rootId,
      parent_id: opt(r.parentId),
      creditor_id: r.creditorId,
      debtor_id: r.debtorId,
      holder_id: r.holderId,
      holder_msp: r.holderMsp,
      currency: r.currency,
      face: r.face,
      face_units: summableUnits(r.face),
      outstanding: r.outstanding,
      settled: r.settled,
      diluted: r.diluted,
      status: r.status,
      delinquency: r.delinquency,
      issue_date: r.issueDate,
      due_date: r.dueDate,
      invoice_fold: invoiceFoldOf(r),
      financing_id: opt(r.financingId),
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    },
    at,
    record,
  );
}

export function dilutionRow(d: DilutionRecord, record: string, at: TxPosition): RowWrite {
  return row(
    'rm_dilutions',
    ['receivable_id', 'id'],
    { receivable_id: d.receivableId, id: d.id, kind: d.kind, amount: d.amount, recorded_by: d.recordedBy, recorded_at: d.recordedAt },
    at,
    record,
  );
}

/** A debtor's dilution request, for the holder who must act on it (and its expiry). */
export function dilutionRequestRow(d: DilutionRequest, record: string, at: TxPosition): RowWrite {
  return row(
    'rm_dilution_requests',
    ['receivable_id', 'id'],
    {
      receivable_id: d.receivableId,
      id: d.id,
      kind: d.kind,
      amount: d.amount,
      debtor_id: d.debtorId,
      holder_id: d.holderId,
      status: d.status,
      expires_at: d.expiresAt,
      requested_at: d.requestedAt,
      updated_at: d.updatedAt,
    },
    at,
    record,
  );
}

/** A split part given to another holder: the parent's holder passed that claim on. */
export function transferRow(child: Receivable, parent: Receivable, at: TxPosition): RowWrite {
  return row(
    'rm_transfers',
    ['receivable_id'],
    {
      receivable_id: child.id,
      parent_id: parent.id,
      from_id: parent.holderId,
      to_id: child.holderId,
      amount: child.face,
      transferred_at: child.createdAt,
    },
    at,
    undefined,
    { insertOnly: true },
  );
}

export function financingRow(f: Financing, record: string, at: TxPosition): RowWrite {
  return row(
    'rm_financings',
    ['id'],
    {
      id: f.id,
      receivable_id: f.receivableId,
      line_id: f.lineId,
      bank_msp: f.bankMsp,
      borrower_id: f.borrowerId,
      borrower_msp: f.borrowerMsp,
      debtor_id: f.debtorId,
      currency: f.currency,
      amount: f.amount,
      outstanding_principal: f.outstandingPrincipal,
      repaid_principal: f.repaidPrincipal,
      status: f.status,
      maturity_date: f.maturityDate,
      requested_at: f.requestedAt,
      decided_at: opt(f.decidedAt),
      repaid_at: f.status === 'REPAID' ? f.updatedAt : null,
      defaulted_at: f.status === 'DEFAULTED' ? f.updatedAt : null,
      updated_at: f.updatedAt,
    },
    at,
    record,
    { keepFirst: ['repaid_at', 'defaulted_at'] },
  );
}

export function paymentRows(p: Payment, record: string, at: TxPosition): RowWrite[] {
  const payment = row(
    'rm_payments',
    ['id'],
    {
      id: p.id,
      receivable_id: p.receivableId,
      financing_id: opt(p.financingId),
      debtor_id: p.debtorId,
      currency: p.currency,
      amount: p.amount,
      status: p.status,
      recorded_at: p.recordedAt,
      updated_at: p.updatedAt,
    },
    at,
    record,
  );
  const allocations = p.allocations.map((a, seq) =>
    row(
      'rm_payment_allocations',
      ['payment_id', 'seq'],
      {
        payment_id: p.id,
        seq,
        payee_kind: a.payeeKind,
        payee_id: a.payeeId,
        amount: a.amount,
        acknowledged_by: opt(a.acknowledgedBy),
        acknowledged_at: opt(a.acknowledgedAt),
      },
      at,
      undefined,
    ),
  );
  return [payment, ...allocations];
}

export function receiptRow(r: WarehouseReceipt, record: string, at: TxPosition): RowWrite {
  return row(
    'rm_receipts',
    ['id'],
    {
      id: r.id,
      warehouse_id: r.warehouseId,
      owner_id: r.ownerId,
      owner_msp: r.ownerMsp,
      commodity: r.commodity,
      grade: r.grade,
      unit: r.unit,
      quantity: r.quantity,
      status: r.status,
      pledge_id: opt(r.pledgeId),
      issued_at: r.issuedAt,
      updated_at: r.updatedAt,
    },
    at,
    record,
  );
}

export function pledgeRow(p: Pledge, record: string, at: TxPosition): RowWrite {
  return row(
    'rm_pledges',
    ['id'],
    {
      id: p.id,
      receipt_id: p.receiptId,
      owner_id: p.ownerId,
      owner_msp: p.ownerMsp,
      bank_msp: p.bankMsp,
      loan_amount: p.loanAmount,
      currency: opt(p.currency),
      status: p.status,
      requested_at: p.requestedAt,
      updated_at: p.updatedAt,
    },
    at,
    record,
  );
}

export function priceRow(p: CommodityPrice, record: string, at: TxPosition): RowWrite {
  return row(
    'rm_prices',
    ['commodity', 'grade', 'unit'],
    { commodity: p.commodity, grade: p.grade, unit: p.unit, currency: p.currency, price_per_unit: p.pricePerUnit, set_at: p.setAt },
    at,
    record,
  );
}
