import path from 'node:path';
import type { RiskFeatureSource } from '../readmodel/risk-features';
import { loadPolicy, type RiskPolicy } from '../risk/policy';
import { approvalContextFrom, lineTermsAnswerFrom } from './approval-context';
import type { RecordedCall } from './fakes';
import { issueAndConfirm, ProvenanceWorld } from './provenance-fixtures';
import type { Financing } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { CommodityPrice, Pledge, PledgeValuation, WarehouseReceipt } from '@scf/kernel/records/warehouse';
import { tx } from '@scf/kernel/catalogue/catalogue';

/** Unit tests only: one financing request, one pledge, and what the ledger answers about them, for the risk gates. */
export const GATE_NOW = Date.UTC(2026, 0, 15) / 1000;

export const requestedFinancing: Financing = {
  id: 'f1',
  receivableId: 'r1',
  lineId: 'line1',
  bankMsp: 'BankAMSP',
  borrowerId: 'supplier-1',
  borrowerMsp: 'SuppliersMSP',
  debtorId: 'core',
  currency: 'USD',
  amount: '700000',
  outstandingPrincipal: '0',
  repaidPrincipal: '0',
  status: 'REQUESTED',
  maturityDate: '2026-03-01',
  requestedAt: '2026-01-14T00:00:00Z',
  trancheDraws: [],
  capDraws: [],
  coverageBreach: false,
  termsRecorded: false,
  updatedAt: '2026-01-14T00:00:00Z',
};
export const confirmedReceivable: Receivable = {
  id: 'r1',
  rootId: 'r1',
  childIds: [],
  invoiceNumber: 'INV-1',
  invoiceFingerprint: 'f'.repeat(64),
  currency: 'USD',
  issueDate: '2026-01-10',
  dueDate: '2026-03-01',
  creditorId: 'supplier-1',
  debtorId: 'core',
  debtorMsp: 'CoreMSP',
  holderId: 'supplier-1',
  holderMsp: 'SuppliersMSP',
  face: '1000000',
  outstanding: '1000000',
  settled: '0',
  diluted: '0',
  splitOff: '0',
  status: 'CONFIRMED',
  delinquency: 'CURRENT',
  pendingAmount: '0',
  createdAt: '2026-01-10T00:00:00Z',
  updatedAt: '2026-01-10T00:00:00Z',
};
export const approvedFinancing: Financing = {
  ...requestedFinancing,
  status: 'ACTIVE',
  outstandingPrincipal: '700000',
  trancheDraws: [{ index: 3, amount: '700000' }],
  capDraws: [{ index: 3, amount: '700000' }],
};

export const requestedPledge: Pledge = {
  id: 'p1',
  receiptId: 'w1',
  ownerId: 'supplier-1',
  ownerMsp: 'SuppliersMSP',
  bankMsp: 'BankAMSP',
  loanAmount: '50000000',
  commodity: 'copper',
  grade: 'A',
  unit: 't',
  quantity: '100',
  status: 'REQUESTED',
  termsRecorded: false,
  requestedAt: '2026-01-14T00:00:00Z',
  updatedAt: '2026-01-14T00:00:00Z',
};
export const issuedReceipt: WarehouseReceipt = {
  id: 'w1',
  warehouseId: 'warehouse',
  warehouseMsp: 'WarehouseMSP',
  ownerId: 'supplier-1',
  ownerMsp: 'SuppliersMSP',
  lotId: 'lot-1',
  lotFingerprint: 'a'.repeat(64),
  commodity: 'copper',
  grade: 'A',
  unit: 't',
  quantity: '100',
  location: 'Bay 1',
  status: 'ISSUED',
  pledgeId: 'p1',
  issuedAt: '2026-01-10T00:00:00Z',
  updatedAt: '2026-01-14T00:00:00Z',
};
export const freshPrice: CommodityPrice = {
  commodity: 'copper',
  grade: 'A',
  unit: 't',
  currency: 'USD',
  pricePerUnit: '800000',
  setBy: 'price-oracle',
  setAt: '2026-01-14T23:00:00Z',
};
/** Five days old at GATE_NOW: the pledge policy sends it to review. */
export const stalePrice: CommodityPrice = { ...freshPrice, setAt: '2026-01-10T00:00:00Z' };

/** A seasoned supplier with a clean record: nothing in its history raises the score. */
export const cleanFeatures: RiskFeatureSource = {
  supplierHistory: () =>
    Promise.resolve({
      financedCount: 10,
      onTimeRepaidCount: 10,
      lateRepaidCount: 0,
      defaultedCount: 0,
      totalFace: 50_000_000n,
      totalDiluted: 0n,
      tenureDays: 900,
      monthlyVolumes: [5_000_000n, 5_000_000n, 5_000_000n, 5_000_000n],
    }),
  bankBook: () => Promise.resolve({ exposureBySupplier: {} }),
  recentRequestTimes: () => Promise.resolve([]),
  transfersAround: () => Promise.resolve([]),
  invoiceTwins: () => Promise.resolve({ sameInvoiceIds: [], nearDuplicateIds: [] }),
};

export const policyFor = (msp: string): RiskPolicy => loadPolicy(path.join(__dirname, '..', '..', 'policies'), msp);

export interface GateLedgerState {
  financing?: Financing;
  lineDrawn?: string;
  price?: CommodityPrice;
  /** The blocks and histories behind the receivable; its answers come first. Absent: confirmedWorld(). */
  provenance?: ProvenanceWorld;
}

/** confirmedReceivable, issued by supplier-1 and confirmed by the core enterprise, as the blocks show it. */
export function confirmedWorld(): ProvenanceWorld {
  const world = new ProvenanceWorld();
  issueAndConfirm(world, confirmedReceivable);
  return world;
}

/** The line (10 000 000) in 4 tranches, the cap (50 000 000) in 4 shards; approvedFinancing draws on slot 3 of each. */
export const TRANCHE_LIMIT = 2_500_000n;
export const SHARD_LIMIT = 12_500_000n;
export const DRAWN_SLOT = 3;

/** `total` drawn over 4 slots of `limit`, filling the slots other than the approval's first. */
export function spread(total: bigint, limit: bigint): bigint[] {
  const drawn = [0n, 0n, 0n, 0n];
  let left = total;
  for (const i of [0, 1, 2, DRAWN_SLOT]) {
    const take = left < limit ? left : limit;
    drawn[i] = take;
    left -= take;
  }
  if (left > 0n) {
    throw new Error(`${total.toString()} does not fit`);
  }
  return drawn;
}

/** AcceptPledge's valuation as the chaincode computes it: quantity × price, less the offered haircut. */
export function pledgeValuation(receipt: WarehouseReceipt, price: CommodityPrice, haircutBps: string, loanAmount: string): PledgeValuation {
  const value = BigInt(receipt.quantity) * BigInt(price.pricePerUnit);
  return {
    receiptId: receipt.id,
    quantity: receipt.quantity,
    currency: price.currency,
    pricePerUnit: price.pricePerUnit,
    priceSetAt: price.setAt,
    value: value.toString(),
    haircutBps,
    maxLoan: ((value * (10_000n - BigInt(haircutBps))) / 10_000n).toString(),
    loanAmount,
  };
}

const encoder = new TextEncoder();
const json = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

type Answer = (state: GateLedgerState, call: RecordedCall) => unknown;

const creditLine: Answer = (state) => ({
  line: { id: 'line1', limit: '10000000' },
  drawn: state.lineDrawn ?? '0',
  tranches: spread(BigInt(state.lineDrawn ?? '0'), TRANCHE_LIMIT).map((drawn, index) => ({
    lineId: 'line1',
    index,
    limit: TRANCHE_LIMIT.toString(),
    drawn: drawn.toString(),
  })),
});

const coreExposure: Answer = () => ({
  cap: '50000000',
  drawn: '0',
  shards: spread(0n, SHARD_LIMIT).map((drawn, index) => ({
    coreId: 'core',
    currency: 'USD',
    bankMsp: 'BankAMSP',
    index,
    limit: SHARD_LIMIT.toString(),
    drawn: drawn.toString(),
  })),
});

const approveFinancing: Answer = (state) => {
  const trancheBefore = spread(BigInt(state.lineDrawn ?? '0'), TRANCHE_LIMIT)[DRAWN_SLOT] ?? 0n;
  const slot = (limit: bigint, before: bigint) => ({
    index: DRAWN_SLOT,
    limit: limit.toString(),
    drawnAfter: (before + 700_000n).toString(),
  });
  return {
    financing: approvedFinancing,
    exposureAfter: {
      lineId: 'line1',
      // No line term in the result (it lands in the block): the tranche's limit is not reported.
      tranches: [{ index: DRAWN_SLOT, drawnAfter: (trancheBefore + 700_000n).toString() }],
      coreId: 'core',
      currency: 'USD',
      consortiumCap: '50000000',
      shards: [slot(SHARD_LIMIT, 0n)],
    },
  };
};

const acceptPledge: Answer = (state, call) => {
  const haircutBps = String(call.args[1]);
  const valuation = pledgeValuation(issuedReceipt, state.price ?? freshPrice, haircutBps, requestedPledge.loanAmount);
  return { pledge: { ...requestedPledge, status: 'ACTIVE', haircutBps }, valuation };
};

/** What each transaction the gates call answers. */
const GATE_LEDGER_ANSWERS = new Map<string, Answer>([
  [tx.financing.GetFinancing.name, (state) => state.financing ?? requestedFinancing],
  [tx.receivable.GetReceivable.name, () => confirmedReceivable],
  [tx.creditLine.GetCreditLine.name, creditLine],
  [tx.creditLine.GetCoreExposure.name, coreExposure],
  [tx.financing.ApproveFinancing.name, approveFinancing],
  [tx.financing.RejectFinancing.name, (state) => ({ ...(state.financing ?? requestedFinancing), status: 'REJECTED' })],
  [tx.warehouse.GetPledge.name, () => requestedPledge],
  [tx.warehouse.GetReceipt.name, () => issuedReceipt],
  [tx.warehouse.GetPrice.name, (state) => state.price ?? freshPrice],
  [tx.warehouse.AcceptPledge.name, acceptPledge],
]);

/** The chaincode's answers to what the gates read and endorse, from a mutable state. */
export function gateLedgerAnswers(state: GateLedgerState): (call: RecordedCall) => Uint8Array {
  const fallback = confirmedWorld();
  const single = (call: RecordedCall): Uint8Array => {
    const fromWorld = (state.provenance ?? fallback).answer(call);
    if (fromWorld !== undefined) {
      return json(fromWorld);
    }
    const answer = GATE_LEDGER_ANSWERS.get(call.transaction);
    if (answer === undefined) {
      throw new Error(`unexpected ${call.transaction}`);
    }
    return json(answer(state, call));
  };
  return (call) => {
    switch (call.transaction) {
      case tx.financing.GetApprovalContext.name:
        return json(approvalContextFrom(call, single));
      case tx.creditLine.GetCreditLineTerms.name:
        return json(lineTermsAnswerFrom(call, single));
      default:
        return single(call);
    }
  };
}
