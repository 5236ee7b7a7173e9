/**
 * Who may call each operation of the REST API, by role: the one table the authorization tests
 * (authorization.test.ts) check every operation × every role against. It states the role-level
 * rule only (the chaincode's access tables, `chaincode/src/contracts/*-contract.ts`, and the
 * gateway's own checks for its risk, audit and read-model routes); rules that depend on the data
 * (only the debtor confirms, only the line's bank changes it) are checked by the BOLA tests.
 * Every operation of /openapi.json must have exactly one row: a new route fails the test until
 * it is given one.
 */

export const ROLES = ['bank', 'core-enterprise', 'supplier', 'warehouse', 'auditor', 'price-oracle', 'org-admin'] as const;
export type Role = (typeof ROLES)[number];

/** The demo credential each role is tested with. */
export const CREDENTIAL_OF: Readonly<Record<Role, string>> = {
  bank: 'bank-a',
  'core-enterprise': 'core',
  supplier: 'supplier-1',
  warehouse: 'warehouse',
  auditor: 'auditor',
  'price-oracle': 'price-oracle',
  'org-admin': 'suppliers-admin',
};

export interface Access {
  /** The roles the operation admits; every other role is refused with 403. */
  readonly allowed: readonly Role[];
  /** True when an admitted call can change the ledger or the gateway's state. */
  readonly writes: boolean;
  /** Answers without an API key. */
  readonly public?: true;
}

const EVERYONE = ROLES;
/** The chaincode's MEMBER rule: any registered participant or an org admin. */
const MEMBER = ROLES;
const read = (allowed: readonly Role[] = MEMBER): Access => ({ allowed, writes: false });

/*
 * The visibility table (kernel/src/visibility.ts) on the run's fixtures: who may read each one by
 * id; every other role is refused 403 'not visible to the caller'. Lists answer every member, each
 * keeping only what the caller may read (object-level.test.ts checks what they keep).
 */
/** The line Bank A granted on core. */
const LINE: readonly Role[] = ['bank', 'core-enterprise', 'auditor'];
/** A receivable supplier-1 holds, core owes and Bank A was asked to finance. */
const FINANCED_RECEIVABLE: readonly Role[] = ['bank', 'core-enterprise', 'supplier', 'auditor'];
/** Bank A's financing of supplier-1, and supplier-1's pledge to Bank A. */
const BANK_AND_BORROWER: readonly Role[] = ['bank', 'supplier', 'auditor'];
/** A payment core recorded on a receivable supplier-1 holds, which no bank finances. */
const UNFINANCED_RECEIVABLE: readonly Role[] = ['core-enterprise', 'supplier', 'auditor'];
/** A receipt the warehouse issued to supplier-1 and offered to Bank A, which values it. */
const RECEIPT: readonly Role[] = ['bank', 'warehouse', 'supplier', 'auditor'];
const write = (...allowed: Role[]): Access => ({ allowed, writes: true });

/** `METHOD /path/{param}` as in /openapi.json → who may call it. */
export const ACCESS_MATRIX: Readonly<Record<string, Access>> = {
  'GET /healthz': { allowed: EVERYONE, writes: false, public: true },
  'GET /readyz': { allowed: EVERYONE, writes: false, public: true },
  // Request volumes, outcomes and ledger timings are not public (issue 16): the auditor's scrape, and
  // on an org's admin listener that org's admins (its gateway's operators).
  'GET /metrics': read(['auditor', 'org-admin']),
  'GET /v1/system/version': read(EVERYONE),
  // The chaincode's rule for the heartbeat write and read is ANYONE.
  'POST /v1/system/heartbeats': write(...EVERYONE),
  'GET /v1/system/heartbeats/{mspId}/{label}': read(EVERYONE),
  'GET /v1/me': read(EVERYONE),
  'GET /v1/participants/me': read(EVERYONE),
  'GET /v1/participants/{participantId}': read(),
  'GET /v1/participants/{participantId}/history': read(),
  'GET /v1/orgs/{mspId}/participants': read(),
  // An invitation code for a supplier (issue 17): the chaincode's IssueInvitation rule.
  'POST /v1/invitations': write('core-enterprise', 'supplier'),

  'POST /v1/credit-lines': write('bank'),
  'PUT /v1/credit-lines/{lineId}/limit': write('bank'),
  'POST /v1/credit-lines/{lineId}/close': write('bank'),
  'GET /v1/credit-lines/{lineId}': read(LINE),
  'GET /v1/credit-lines/{lineId}/history': read(LINE),
  'GET /v1/orgs/{mspId}/credit-lines': read(),
  'GET /v1/participants/{participantId}/credit-lines': read(),
  'PUT /v1/consortium-caps/{coreId}/{currency}': write('auditor'),
  'GET /v1/consortium-caps/{coreId}/{currency}': read(),

  'POST /v1/receivables': write('supplier'),
  'POST /v1/receivables/{receivableId}/confirm': write('core-enterprise'),
  'POST /v1/receivables/{receivableId}/dispute': write('core-enterprise'),
  'POST /v1/receivables/{receivableId}/split': write('supplier'),
  'POST /v1/receivables/{receivableId}/transfer': write('supplier'),
  'POST /v1/receivables/{receivableId}/dilutions': write('supplier'),
  'POST /v1/receivables/{receivableId}/dilution-requests': write('core-enterprise'),
  'GET /v1/receivables/{receivableId}/dilution-requests': read(FINANCED_RECEIVABLE),
  'POST /v1/receivables/{receivableId}/dilution-requests/{dilutionId}/accept': write('supplier'),
  'POST /v1/receivables/{receivableId}/dilution-requests/{dilutionId}/reject': write('supplier'),
  'POST /v1/receivables/{receivableId}/dilution-requests/{dilutionId}/withdraw': write('core-enterprise'),
  'GET /v1/me/pending-dilutions': read(),
  'GET /v1/receivables/{receivableId}/dilutions': read(FINANCED_RECEIVABLE),
  'GET /v1/receivables/{receivableId}': read(FINANCED_RECEIVABLE),
  'GET /v1/receivables/{receivableId}/history': read(FINANCED_RECEIVABLE),
  'GET /v1/participants/{participantId}/receivables': read(),

  'POST /v1/financings': write('supplier'),
  'POST /v1/financings/{financingId}/cancel': write('supplier'),
  'POST /v1/financings/{financingId}/terms': write('bank'),
  // Private terms: the bank and the borrower only (and the bank's risk gateway, which has no API key).
  'GET /v1/financings/{financingId}/terms': read(['bank', 'supplier']),
  // The auditor checks disclosed terms against the ledger's hash: a query, nothing is written.
  'POST /v1/financings/{financingId}/terms/verification': read(['auditor']),
  'GET /v1/financings/{financingId}': read(BANK_AND_BORROWER),
  'GET /v1/financings/{financingId}/history': read(BANK_AND_BORROWER),
  'GET /v1/orgs/{mspId}/financings': read(),
  'GET /v1/participants/{participantId}/financings': read(),
  'GET /v1/receivables/{receivableId}/financings': read(),

  'POST /v1/warehouse-receipts': write('warehouse'),
  'POST /v1/warehouse-receipts/{receiptId}/redeem': write('warehouse'),
  'GET /v1/warehouse-receipts/{receiptId}': read(RECEIPT),
  'GET /v1/warehouse-receipts/{receiptId}/history': read(RECEIPT),
  'GET /v1/participants/{participantId}/warehouse-receipts': read(),
  'PUT /v1/prices/{commodity}/{grade}/{unit}': write('price-oracle'),
  'GET /v1/prices/{commodity}/{grade}/{unit}': read(),
  'POST /v1/pledges': write('supplier', 'core-enterprise'),
  'POST /v1/pledges/{pledgeId}/cancel': write('supplier', 'core-enterprise'),
  'POST /v1/pledges/{pledgeId}/accept': write('bank'),
  'POST /v1/pledges/{pledgeId}/release': write('bank'),
  'POST /v1/pledges/{pledgeId}/terms': write('bank'),
  'GET /v1/pledges/{pledgeId}/terms': read(['bank', 'supplier', 'core-enterprise']),
  'GET /v1/pledges/{pledgeId}': read(BANK_AND_BORROWER),
  'GET /v1/pledges/{pledgeId}/history': read(BANK_AND_BORROWER),

  'POST /v1/payments': write('core-enterprise'),
  'POST /v1/payments/{paymentId}/acknowledge': write('bank', 'supplier'),
  'POST /v1/payments/{paymentId}/cancel': write('core-enterprise'),
  'POST /v1/payments/{paymentId}/reject': write('bank', 'supplier'),
  // Marking what the dates already imply is open to every party with a stake, and to the auditor.
  'POST /v1/receivables/{receivableId}/delinquency': write('core-enterprise', 'supplier', 'bank', 'auditor'),
  'GET /v1/payments/{paymentId}': read(UNFINANCED_RECEIVABLE),
  'GET /v1/payments/{paymentId}/history': read(UNFINANCED_RECEIVABLE),
  'GET /v1/receivables/{receivableId}/payments': read(UNFINANCED_RECEIVABLE),

  // The read model answers everyone, each caller seeing only its own (viewer scope).
  'GET /v1/search/receivables': read(EVERYONE),
  'GET /v1/search/financings': read(EVERYONE),
  'GET /v1/search/credit-lines': read(EVERYONE),
  'GET /v1/search/payments': read(EVERYONE),
  'GET /v1/search/dilution-requests': read(EVERYONE),
  'GET /v1/search/transactions': read(EVERYONE),
  'GET /v1/readmodel/status': read(EVERYONE),

  'GET /v1/audit/receivables/{id}/history': read(FINANCED_RECEIVABLE),
  'GET /v1/audit/financings/{id}/history': read(BANK_AND_BORROWER),
  'GET /v1/audit/credit-lines/{id}/history': read(LINE),
  'GET /v1/audit/warehouse-receipts/{id}/history': read(RECEIPT),
  'POST /v1/audit/verify': read(['auditor']),
  'GET /v1/audit/skipped-transactions': read(['auditor']),
  'GET /v1/audit/blocks': read(['auditor']),
  'GET /v1/audit/blocks/{number}': read(['auditor']),
  // Server-sent events of projected blocks (tx ids and functions) for any authenticated caller.
  'GET /v1/events': read(EVERYONE),

  // Reports: a bank its own positions and consortium totals, the auditor all (gateway/src/reports).
  'GET /v1/reports/exposure': read(['bank', 'auditor']),
  'GET /v1/reports/overdue-aging': read(['bank', 'auditor']),
  'GET /v1/reports/risk-decisions': read(['bank', 'auditor']),
  'GET /v1/reports/concentration': read(['bank', 'auditor']),

  'POST /v1/financings/{financingId}/assess': write('bank'),
  // The bank officer declines; the gateway signs RejectFinancing with the bank's risk-gateway identity.
  'POST /v1/financings/{financingId}/reject': write('bank'),
  'GET /v1/risk/reviews': read(['bank', 'auditor']),
  'POST /v1/risk/reviews/{reviewId}/decision': write('bank'),
  'GET /v1/risk/decisions': read(['bank', 'auditor']),
  // The inputs behind a decision's inputs hash: its bank (which hands them to the auditor).
  'GET /v1/risk/inputs/{inputsHash}': read(['bank', 'auditor']),

  // The chain view: a bank its own positions and consortium aggregates, the auditor everything.
  // Running a stress scenario stores only its result (no ledger or business state): a read.
  'GET /v1/chain/graph': read(['bank', 'auditor']),
  'GET /v1/chain/cores': read(['bank', 'auditor']),
  'POST /v1/chain/stress': read(['bank', 'auditor']),
  'GET /v1/chain/stress/{scenarioHash}/{height}': read(['bank', 'auditor']),
};

/**
 * The auditor's writes, by design: the consortium cap is its regulatory role; delinquency only
 * records what the dates imply; the heartbeat (any caller, the chaincode's ANYONE) only its own liveness probe.
 */
export const AUDITOR_WRITES = [
  'PUT /v1/consortium-caps/{coreId}/{currency}',
  'POST /v1/receivables/{receivableId}/delinquency',
  'POST /v1/system/heartbeats',
];
