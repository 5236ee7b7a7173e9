/** The read model's columns, each as the ledger record field (or derivation) it must equal. */
export type Ledger = Record<string, unknown>;
export type Columns = Readonly<Record<string, (l: Ledger) => unknown>>;

export const field =
  (name: string) =>
  (l: Ledger): unknown =>
    l[name];

export const PARTICIPANT: Columns = {
  id: field('id'),
  msp_id: field('mspId'),
  client_id: field('clientId'),
  role: field('role'),
  tier: field('tier'),
  status: field('status'),
  name: field('name'),
  registered_at: field('registeredAt'),
  updated_at: field('updatedAt'),
};

export const CREDIT_LINE: Columns = {
  id: field('id'),
  bank_msp: field('bankMsp'),
  core_id: field('coreId'),
  currency: field('currency'),
  // A line's terms are private (the bank × core collection): the public record, and so the read model, has none.
  limit_amount: () => null,
  status: field('status'),
  expires_on: () => null,
  created_at: field('createdAt'),
  updated_at: field('updatedAt'),
};

export const RECEIVABLE: Columns = {
  id: field('id'),
  root_id: field('rootId'),
  parent_id: field('parentId'),
  creditor_id: field('creditorId'),
  debtor_id: field('debtorId'),
  holder_id: field('holderId'),
  holder_msp: field('holderMsp'),
  currency: field('currency'),
  face: field('face'),
  outstanding: field('outstanding'),
  settled: field('settled'),
  diluted: field('diluted'),
  status: field('status'),
  delinquency: field('delinquency'),
  issue_date: field('issueDate'),
  due_date: field('dueDate'),
  financing_id: field('financingId'),
  created_at: field('createdAt'),
  updated_at: field('updatedAt'),
};

export const DILUTION: Columns = {
  receivable_id: field('receivableId'),
  id: field('id'),
  kind: field('kind'),
  amount: field('amount'),
  recorded_by: field('recordedBy'),
  recorded_at: field('recordedAt'),
};

/** `repaidAt`/`defaultedAt` are not on the ledger record: the comparison adds them from the financing's history. */
export const FINANCING: Columns = {
  id: field('id'),
  receivable_id: field('receivableId'),
  line_id: field('lineId'),
  bank_msp: field('bankMsp'),
  borrower_id: field('borrowerId'),
  borrower_msp: field('borrowerMsp'),
  debtor_id: field('debtorId'),
  currency: field('currency'),
  amount: field('amount'),
  outstanding_principal: field('outstandingPrincipal'),
  repaid_principal: field('repaidPrincipal'),
  status: field('status'),
  maturity_date: field('maturityDate'),
  requested_at: field('requestedAt'),
  decided_at: field('decidedAt'),
  repaid_at: field('repaidAt'),
  defaulted_at: field('defaultedAt'),
  updated_at: field('updatedAt'),
};

export const PAYMENT: Columns = {
  id: field('id'),
  receivable_id: field('receivableId'),
  financing_id: field('financingId'),
  debtor_id: field('debtorId'),
  currency: field('currency'),
  amount: field('amount'),
  status: field('status'),
  recorded_at: field('recordedAt'),
  updated_at: field('updatedAt'),
};

/** An allocation with its payment id and index added by the comparison. */
export const ALLOCATION: Columns = {
  payment_id: field('paymentId'),
  seq: field('seq'),
  payee_kind: field('payeeKind'),
  payee_id: field('payeeId'),
  amount: field('amount'),
  acknowledged_by: field('acknowledgedBy'),
  acknowledged_at: field('acknowledgedAt'),
};

/** A split part held by someone else than its parent's holder, as the comparison derives it from the two receivables. */
export const TRANSFER: Columns = {
  receivable_id: field('receivableId'),
  parent_id: field('parentId'),
  from_id: field('fromId'),
  to_id: field('toId'),
  amount: field('amount'),
  transferred_at: field('transferredAt'),
};

export const RECEIPT: Columns = {
  id: field('id'),
  warehouse_id: field('warehouseId'),
  owner_id: field('ownerId'),
  owner_msp: field('ownerMsp'),
  commodity: field('commodity'),
  grade: field('grade'),
  unit: field('unit'),
  quantity: field('quantity'),
  status: field('status'),
  pledge_id: field('pledgeId'),
  issued_at: field('issuedAt'),
  updated_at: field('updatedAt'),
};

export const PLEDGE: Columns = {
  id: field('id'),
  receipt_id: field('receiptId'),
  owner_id: field('ownerId'),
  owner_msp: field('ownerMsp'),
  bank_msp: field('bankMsp'),
  loan_amount: field('loanAmount'),
  currency: field('currency'),
  status: field('status'),
  requested_at: field('requestedAt'),
  updated_at: field('updatedAt'),
};

export const PRICE: Columns = {
  commodity: field('commodity'),
  grade: field('grade'),
  unit: field('unit'),
  currency: field('currency'),
  price_per_unit: field('pricePerUnit'),
  set_at: field('setAt'),
};

/** GetCoreExposure gives a cap's amount only; the rest of the cap record has no query. */
export const CAP: Columns = { core_id: field('coreId'), currency: field('currency'), cap: field('cap') };
