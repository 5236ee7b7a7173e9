import { leiFromLabel } from '@scf/kernel/legal-entity';
import { isoDay } from '../../support/ledger';
import type { Role } from './access-matrix';

/** Objects of one test run, each owned by the credential that the matrix admits for it. */
export interface Fixtures {
  /** In every id of the run; a write carrying it in a block means a refused call reached the ledger. */
  readonly token: string;
  /** A consortium cap no one else sets: the marker of the cap writes. */
  readonly cap: string;
  readonly lineId: string;
  /** ISSUED, held by supplier-1, owed by core. */
  readonly issuedId: string;
  /** CONFIRMED, held by supplier-1, with financingId requested on it at Bank A. */
  readonly receivableId: string;
  readonly financingId: string;
  /** CONFIRMED, held by supplier-1, with paymentId recorded on it by core. */
  readonly paidId: string;
  readonly paymentId: string;
  /** Issued by the warehouse to supplier-1, offered to Bank A as pledgeId. */
  readonly receiptId: string;
  readonly pledgeId: string;
  readonly commodity: string;
  /** A participant of the Suppliers org registered for this run (suspend/reinstate target). */
  readonly memberId: string;
}

export interface ApiRequest {
  readonly path: string;
  readonly body?: unknown;
}

const SALT = 'ab'.repeat(16);
const TERMS = { salt: SALT, rateKind: 'INTEREST', rateBps: '450' };

/** A well-formed request for `operation` (`METHOD /path/{param}`) on the run's fixtures, sent as `role`. */
export function requestFor(operation: string, f: Fixtures, role: Role): ApiRequest | undefined {
  // New ids differ per role, so that admitted calls do not collide with each other.
  const fresh = (kind: string): string => `${f.token}-${kind}-${role.replace(/[^a-z]/g, '').slice(0, 6)}`;
  const requests: Readonly<Record<string, ApiRequest>> = {
    'GET /healthz': { path: '/healthz' },
    'GET /readyz': { path: '/readyz' },
    'GET /metrics': { path: '/metrics' },
    'GET /v1/system/version': { path: '/v1/system/version' },
    'POST /v1/system/heartbeats': { path: '/v1/system/heartbeats', body: { label: fresh('hb') } },
    'GET /v1/system/heartbeats/{mspId}/{label}': { path: '/v1/system/heartbeats/BankAMSP/never-written' },
    'GET /v1/me': { path: '/v1/me' },

    'POST /v1/participants': {
      path: '/v1/participants',
      body: {
        participantId: fresh('member'),
        clientId: `x509::/OU=client/CN=${fresh('member')}@suppliers.scf.local::/O=suppliers.scf.local/CN=ca.suppliers.scf.local`,
        name: 'Reliability test supplier',
        role: 'supplier',
        tier: 2,
        legalEntityId: leiFromLabel(fresh('member')),
      },
    },
    'POST /v1/participants/{participantId}/suspend': { path: `/v1/participants/${f.memberId}/suspend` },
    'POST /v1/participants/{participantId}/reinstate': { path: `/v1/participants/${f.memberId}/reinstate` },
    'GET /v1/participants/me': { path: '/v1/participants/me' },
    'GET /v1/participants/{participantId}': { path: '/v1/participants/supplier-1' },
    'GET /v1/participants/{participantId}/history': { path: '/v1/participants/supplier-1/history' },
    'GET /v1/orgs/{mspId}/participants': { path: '/v1/orgs/SuppliersMSP/participants' },
    // The run's marker rides in the query (ignored by the route): an invitation's arguments are a random code's hash, a tier and a lifetime.
    'POST /v1/invitations': { path: `/v1/invitations?run=${fresh('invite')}`, body: { tier: 2, ttlSeconds: 60 } },

    'POST /v1/credit-lines': {
      path: '/v1/credit-lines',
      body: {
        lineId: fresh('line'),
        coreId: 'core',
        currency: 'USD',
        limit: '1000000',
        expiresOn: isoDay(365),
        maxAdvanceRateBps: '9000',
        maxTenorDays: 180,
        graceDays: 10,
      },
    },
    'PUT /v1/credit-lines/{lineId}/limit': { path: `/v1/credit-lines/${f.lineId}/limit`, body: { limit: '2000000000' } },
    'POST /v1/credit-lines/{lineId}/close': { path: `/v1/credit-lines/${f.lineId}/close` },
    'GET /v1/credit-lines/{lineId}': { path: `/v1/credit-lines/${f.lineId}` },
    'GET /v1/credit-lines/{lineId}/history': { path: `/v1/credit-lines/${f.lineId}/history` },
    'GET /v1/orgs/{mspId}/credit-lines': { path: '/v1/orgs/BankAMSP/credit-lines' },
    'GET /v1/participants/{participantId}/credit-lines': { path: '/v1/participants/core/credit-lines' },
    'PUT /v1/consortium-caps/{coreId}/{currency}': { path: '/v1/consortium-caps/core/USD', body: { cap: f.cap } },
    'GET /v1/consortium-caps/{coreId}/{currency}': { path: '/v1/consortium-caps/core/USD' },

    'POST /v1/receivables': {
      path: '/v1/receivables',
      body: {
        receivableId: fresh('rcv'),
        debtorId: 'core',
        invoiceNumber: `INV-${fresh('rcv')}`,
        currency: 'USD',
        amount: '1000',
        issueDate: isoDay(-1),
        dueDate: isoDay(30),
      },
    },
    'POST /v1/receivables/{receivableId}/confirm': { path: `/v1/receivables/${f.issuedId}/confirm` },
    'POST /v1/receivables/{receivableId}/dispute': {
      path: `/v1/receivables/${f.issuedId}/dispute`,
      body: { reason: 'goods not received' },
    },
    'POST /v1/receivables/{receivableId}/split': {
      path: `/v1/receivables/${f.receivableId}/split`,
      body: {
        parts: [
          { id: fresh('part1'), amount: '600000', holderId: 'supplier-1' },
          { id: fresh('part2'), amount: '400000', holderId: 'supplier-2' },
        ],
      },
    },
    'POST /v1/receivables/{receivableId}/transfer': {
      path: `/v1/receivables/${f.receivableId}/transfer`,
      body: { newReceivableId: fresh('moved'), holderId: 'supplier-2' },
    },
    'POST /v1/receivables/{receivableId}/dilutions': {
      path: `/v1/receivables/${f.receivableId}/dilutions`,
      body: { dilutionId: fresh('dil'), kind: 'CREDIT_NOTE', amount: '10', reference: fresh('cn') },
    },
    'GET /v1/receivables/{receivableId}/dilutions': { path: `/v1/receivables/${f.receivableId}/dilutions` },
    'POST /v1/receivables/{receivableId}/dilution-requests': {
      path: `/v1/receivables/${f.receivableId}/dilution-requests`,
      body: {
        dilutionId: fresh('dreq'),
        kind: 'CREDIT_NOTE',
        amount: '10',
        reference: fresh('cn'),
        expiresAt: new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    },
    'GET /v1/receivables/{receivableId}/dilution-requests': { path: `/v1/receivables/${f.receivableId}/dilution-requests` },
    'POST /v1/receivables/{receivableId}/dilution-requests/{dilutionId}/accept': {
      path: `/v1/receivables/${f.receivableId}/dilution-requests/${fresh('dreq')}/accept`,
    },
    'POST /v1/receivables/{receivableId}/dilution-requests/{dilutionId}/reject': {
      path: `/v1/receivables/${f.receivableId}/dilution-requests/${fresh('dreq')}/reject`,
      body: { reason: 'not ours' },
    },
    'POST /v1/receivables/{receivableId}/dilution-requests/{dilutionId}/withdraw': {
      path: `/v1/receivables/${f.receivableId}/dilution-requests/${fresh('dreq')}/withdraw`,
    },
    'GET /v1/me/pending-dilutions': { path: '/v1/me/pending-dilutions' },
    'GET /v1/receivables/{receivableId}': { path: `/v1/receivables/${f.receivableId}` },
    'GET /v1/receivables/{receivableId}/history': { path: `/v1/receivables/${f.receivableId}/history` },
    'GET /v1/participants/{participantId}/receivables': { path: '/v1/participants/supplier-1/receivables?as=holder' },

    'POST /v1/financings': {
      path: '/v1/financings',
      body: { financingId: fresh('fin'), receivableId: f.receivableId, lineId: f.lineId, amount: '400000' },
    },
    'POST /v1/financings/{financingId}/cancel': { path: `/v1/financings/${f.financingId}/cancel` },
    'POST /v1/financings/{financingId}/terms': { path: `/v1/financings/${f.financingId}/terms`, body: TERMS },
    'GET /v1/financings/{financingId}/terms': { path: `/v1/financings/${f.financingId}/terms` },
    'POST /v1/financings/{financingId}/terms/verification': { path: `/v1/financings/${f.financingId}/terms/verification`, body: TERMS },
    'GET /v1/financings/{financingId}': { path: `/v1/financings/${f.financingId}` },
    'GET /v1/financings/{financingId}/history': { path: `/v1/financings/${f.financingId}/history` },
    'GET /v1/orgs/{mspId}/financings': { path: '/v1/orgs/BankAMSP/financings' },
    'GET /v1/participants/{participantId}/financings': { path: '/v1/participants/supplier-1/financings' },
    'GET /v1/receivables/{receivableId}/financings': { path: `/v1/receivables/${f.receivableId}/financings` },

    'POST /v1/warehouse-receipts': {
      path: '/v1/warehouse-receipts',
      body: {
        receiptId: fresh('wr'),
        ownerId: 'supplier-1',
        lotId: fresh('lot'),
        commodity: f.commodity,
        grade: 'A',
        unit: 't',
        quantity: '10',
        location: 'Bay 1',
      },
    },
    'POST /v1/warehouse-receipts/{receiptId}/redeem': { path: `/v1/warehouse-receipts/${f.receiptId}/redeem` },
    'GET /v1/warehouse-receipts/{receiptId}': { path: `/v1/warehouse-receipts/${f.receiptId}` },
    'GET /v1/warehouse-receipts/{receiptId}/history': { path: `/v1/warehouse-receipts/${f.receiptId}/history` },
    'GET /v1/participants/{participantId}/warehouse-receipts': { path: '/v1/participants/supplier-1/warehouse-receipts' },
    'PUT /v1/prices/{commodity}/{grade}/{unit}': {
      path: `/v1/prices/${f.commodity}/A/t`,
      body: { currency: 'USD', pricePerUnit: '810000' },
    },
    'GET /v1/prices/{commodity}/{grade}/{unit}': { path: `/v1/prices/${f.commodity}/A/t` },
    'POST /v1/pledges': {
      path: '/v1/pledges',
      body: { pledgeId: fresh('pl'), receiptId: f.receiptId, bankMsp: 'BankAMSP', loanAmount: '1000' },
    },
    'POST /v1/pledges/{pledgeId}/cancel': { path: `/v1/pledges/${f.pledgeId}/cancel` },
    'POST /v1/pledges/{pledgeId}/accept': {
      path: `/v1/pledges/${f.pledgeId}/accept`,
      body: { haircutBps: '3000', maintenanceRatioBps: '12000' },
    },
    'POST /v1/pledges/{pledgeId}/release': { path: `/v1/pledges/${f.pledgeId}/release` },
    'POST /v1/pledges/{pledgeId}/terms': { path: `/v1/pledges/${f.pledgeId}/terms`, body: TERMS },
    'GET /v1/pledges/{pledgeId}/terms': { path: `/v1/pledges/${f.pledgeId}/terms` },
    'GET /v1/pledges/{pledgeId}': { path: `/v1/pledges/${f.pledgeId}` },
    'GET /v1/pledges/{pledgeId}/history': { path: `/v1/pledges/${f.pledgeId}/history` },

    'POST /v1/payments': {
      path: '/v1/payments',
      body: { paymentId: fresh('pay'), receivableId: f.paidId, amount: '10', reference: fresh('wire') },
    },
    'POST /v1/payments/{paymentId}/acknowledge': { path: `/v1/payments/${f.paymentId}/acknowledge` },
    'POST /v1/payments/{paymentId}/cancel': { path: `/v1/payments/${fresh('pay')}/cancel`, body: { reason: 'never sent' } },
    'POST /v1/payments/{paymentId}/reject': { path: `/v1/payments/${fresh('pay')}/reject`, body: { reason: 'never arrived' } },
    'POST /v1/receivables/{receivableId}/delinquency': { path: `/v1/receivables/${f.receivableId}/delinquency` },
    'GET /v1/payments/{paymentId}': { path: `/v1/payments/${f.paymentId}` },
    'GET /v1/payments/{paymentId}/history': { path: `/v1/payments/${f.paymentId}/history` },
    'GET /v1/receivables/{receivableId}/payments': { path: `/v1/receivables/${f.paidId}/payments` },

    'GET /v1/search/receivables': { path: `/v1/search/receivables?rootId=${f.receivableId}` },
    'GET /v1/search/financings': { path: `/v1/search/financings?receivableId=${f.receivableId}` },
    'GET /v1/search/credit-lines': { path: '/v1/search/credit-lines?coreId=core&limit=5' },
    'GET /v1/search/payments': { path: `/v1/search/payments?receivableId=${f.paidId}` },
    'GET /v1/search/dilution-requests': { path: `/v1/search/dilution-requests?receivableId=${f.paidId}` },
    'GET /v1/search/transactions': { path: '/v1/search/transactions?limit=5' },
    'GET /v1/readmodel/status': { path: '/v1/readmodel/status' },

    'GET /v1/audit/receivables/{id}/history': { path: `/v1/audit/receivables/${f.receivableId}/history` },
    'GET /v1/audit/financings/{id}/history': { path: `/v1/audit/financings/${f.financingId}/history` },
    'GET /v1/audit/credit-lines/{id}/history': { path: `/v1/audit/credit-lines/${f.lineId}/history` },
    'GET /v1/audit/warehouse-receipts/{id}/history': { path: `/v1/audit/warehouse-receipts/${f.receiptId}/history` },
    'POST /v1/audit/verify': { path: '/v1/audit/verify' },
    'GET /v1/audit/skipped-transactions': { path: '/v1/audit/skipped-transactions' },
    'GET /v1/audit/blocks': { path: '/v1/audit/blocks?limit=2' },
    'GET /v1/audit/blocks/{number}': { path: '/v1/audit/blocks/1' },
    'GET /v1/events': { path: '/v1/events' },
    'GET /v1/chain/graph': { path: '/v1/chain/graph?coreId=core' },
    'GET /v1/chain/cores': { path: '/v1/chain/cores' },
    'POST /v1/chain/stress': { path: '/v1/chain/stress', body: { scenario: { kind: 'core-late', coreId: 'core', days: 1 } } },
    'GET /v1/chain/stress/{scenarioHash}/{height}': { path: `/v1/chain/stress/${'0'.repeat(64)}/1` },

    'GET /v1/reports/exposure': { path: '/v1/reports/exposure' },
    'GET /v1/reports/overdue-aging': { path: '/v1/reports/overdue-aging' },
    'GET /v1/reports/risk-decisions': { path: '/v1/reports/risk-decisions' },
    'GET /v1/reports/concentration': { path: '/v1/reports/concentration' },

    'POST /v1/financings/{financingId}/assess': { path: `/v1/financings/${f.financingId}/assess` },
    'GET /v1/risk/reviews': { path: '/v1/risk/reviews' },
    'POST /v1/risk/reviews/{reviewId}/decision': {
      path: `/v1/risk/reviews/${f.financingId}/decision`,
      body: { decision: 'REJECT', note: 'authorization test' },
    },
    // Admitted, it would decline the run's financing on the ledger: sent to a financing that does not exist.
    'POST /v1/financings/{financingId}/reject': { path: `/v1/financings/${f.token}-nofin/reject`, body: { note: 'authorization test' } },
    'GET /v1/risk/decisions': { path: `/v1/risk/decisions?financingId=${f.financingId}` },
    'GET /v1/risk/inputs/{inputsHash}': { path: `/v1/risk/inputs/${'0'.repeat(64)}` },
  };
  return requests[operation];
}
