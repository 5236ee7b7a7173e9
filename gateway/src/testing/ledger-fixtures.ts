import type { ConsortiumCap, CreditLine } from '@scf/kernel/records/credit-line';
import type { Financing } from '@scf/kernel/records/financing';
import type { Participant } from '@scf/kernel/records/participant';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { CommodityPrice, Pledge, WarehouseReceipt } from '@scf/kernel/records/warehouse';

/**
 * Unit tests only: ledger records as the chaincode returns them, typed by the chaincode's own
 * domain types (so a field the chaincode adds must be added here too), including optional fields.
 */
const at = '2025-01-02T03:04:05Z';

export const participantFixture: Participant = {
  id: 'supplier-1',
  clientId: 'x509::/C=US/CN=User1@suppliers.scf::/C=US/CN=ca.suppliers.scf',
  mspId: 'SuppliersMSP',
  name: 'Tier-1 Seats Co',
  legalEntityId: '7LTWFZYICNSX8D621K86',
  role: 'supplier',
  tier: 1,
  status: 'ACTIVE',
  registeredAt: at,
  updatedAt: at,
};

export const creditLineFixture: CreditLine = {
  id: 'line-1',
  bankMsp: 'BankAMSP',
  grantedBy: 'bank-a',
  coreId: 'core',
  currency: 'USD',
  termsHash: 'a1'.repeat(32),
  termsRecorded: true,
  trancheCount: 32,
  status: 'ACTIVE',
  createdAt: at,
  updatedAt: at,
};

export const capFixture: ConsortiumCap = {
  coreId: 'core',
  currency: 'USD',
  cap: '5000000',
  shares: [
    { bankMsp: 'BankAMSP', limit: '2500000' },
    { bankMsp: 'BankBMSP', limit: '2500000' },
  ],
  shardCount: 32,
  setBy: 'auditor',
  updatedAt: at,
};

export const receivableFixture: Receivable = {
  id: 'rcv-1',
  rootId: 'rcv-1',
  parentId: 'rcv-0',
  childIds: ['rcv-1a'],
  invoiceNumber: 'INV 001',
  invoiceFingerprint: 'ab'.repeat(32),
  currency: 'USD',
  issueDate: '2025-01-02',
  dueDate: '2025-04-02',
  creditorId: 'supplier-1',
  debtorId: 'core',
  debtorMsp: 'CoreMSP',
  holderId: 'supplier-1',
  holderMsp: 'SuppliersMSP',
  face: '123456789012345678901234567890',
  outstanding: '1000',
  settled: '0',
  diluted: '0',
  splitOff: '0',
  status: 'CONFIRMED',
  delinquency: 'CURRENT',
  financingId: 'fin-1',
  pendingPaymentId: 'pay-1',
  pendingAmount: '0',
  disputeReason: 'short delivery',
  createdAt: at,
  updatedAt: at,
};

export const financingFixture: Financing = {
  id: 'fin-1',
  receivableId: 'rcv-1',
  lineId: 'line-1',
  bankMsp: 'BankAMSP',
  borrowerId: 'supplier-1',
  borrowerMsp: 'SuppliersMSP',
  debtorId: 'core',
  currency: 'USD',
  amount: '800',
  outstandingPrincipal: '800',
  repaidPrincipal: '0',
  status: 'ACTIVE',
  maturityDate: '2025-04-02',
  requestedAt: at,
  decidedAt: at,
  assessment: {
    decision: 'APPROVE',
    policyVersion: 'bank-a-1',
    inputsHash: 'cd'.repeat(32),
    assessedBy: 'bank-a-risk',
    assessedAt: at,
  },
  advancedAgainst: '1000',
  defaultsAfter: '2025-04-12',
  trancheDraws: [{ index: 3, amount: '800' }],
  capDraws: [{ index: 3, amount: '800' }],
  coverageBreach: false,
  termsRecorded: true,
  updatedAt: at,
};

export const paymentFixture: Payment = {
  id: 'pay-1',
  receivableId: 'rcv-1',
  financingId: 'fin-1',
  debtorId: 'core',
  currency: 'USD',
  amount: '1000',
  reference: 'WIRE 42',
  allocations: [
    { payeeKind: 'BANK', payeeId: 'BankAMSP', amount: '800', acknowledgedBy: 'bank-a', acknowledgedAt: at },
    { payeeKind: 'HOLDER', payeeId: 'supplier-1', amount: '200' },
  ],
  status: 'PENDING',
  recordedAt: at,
  updatedAt: at,
};

export const receiptFixture: WarehouseReceipt = {
  id: 'wr-1',
  warehouseId: 'warehouse',
  warehouseMsp: 'WarehouseMSP',
  ownerId: 'supplier-1',
  ownerMsp: 'SuppliersMSP',
  lotId: 'lot-7',
  lotFingerprint: 'ef'.repeat(32),
  commodity: 'copper',
  grade: 'A',
  unit: 'kg',
  quantity: '5000',
  location: 'Bay 4',
  status: 'ISSUED',
  pledgeId: 'pl-1',
  issuedAt: at,
  updatedAt: at,
};

export const pledgeFixture: Pledge = {
  id: 'pl-1',
  receiptId: 'wr-1',
  ownerId: 'supplier-1',
  ownerMsp: 'SuppliersMSP',
  bankMsp: 'BankAMSP',
  loanAmount: '3000',
  commodity: 'copper',
  grade: 'A',
  unit: 'kg',
  quantity: '5000',
  currency: 'USD',
  haircutBps: '2000',
  maintenanceRatioBps: '12000',
  status: 'ACTIVE',
  termsRecorded: false,
  requestedAt: at,
  updatedAt: at,
};

export const priceFixture: CommodityPrice = {
  commodity: 'copper',
  grade: 'A',
  unit: 'kg',
  currency: 'USD',
  pricePerUnit: '9',
  setBy: 'price-oracle',
  setAt: at,
};

export function historyOf(value: unknown): unknown[] {
  return [
    { txId: 'tx-b', timestamp: at, isDelete: false, value },
    { txId: 'tx-a', timestamp: at, isDelete: true },
  ];
}
