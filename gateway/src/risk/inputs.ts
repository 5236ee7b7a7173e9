import { parseAmount } from '@scf/kernel/money';
import { type Delinquency, type Receivable, type ReceivableStatus, isEncumbered } from '@scf/kernel/records/receivable';
import type { ReceiptStatus } from '@scf/kernel/records/warehouse';

/**
 * Everything the risk engine looks at, as one plain data snapshot gathered by the gateway
 * (from the endorsed result and its read model) before calling `assess`. The engine does no
 * I/O and reads no clock: `now` is an input, so the same inputs always give the same output.
 *
 * Money is integer minor units as bigint, in the request's currency; counts, days and
 * timestamps (epoch seconds) are safe integers.
 */
export type RiskInputs = FinancingRiskInputs | PledgeRiskInputs;

interface CommonInputs {
  /** Evaluation time, epoch seconds (UTC). */
  readonly now: number;
  readonly request: RequestInput;
  /** The bank's book before this request. */
  readonly book: BankBook;
  readonly supplier: SupplierHistory;
  /** Epoch seconds of the borrower's earlier requests to this bank (this one excluded); older ones may be included. */
  readonly recentRequestTimes: readonly number[];
  /** Receivable transfers seen on the ledger: `from` passed a receivable on to `to`. */
  readonly transfers: readonly TransferEdge[];
  /** The chain around the borrower's core enterprise (early-warning figures); absent, the chain checks pass. */
  readonly chain?: ChainFigures;
}

/** A rate's numerator and base over a set of receivables. */
export interface RateSample {
  readonly count: number;
  readonly amount: bigint;
  readonly base: bigint;
}

/**
 * Chain-level figures, computed from the read model by gateway/src/chain/signals.ts for the
 * financing's core enterprise, bank and borrower's tier. Windows are the policy's `chain.windowDays`.
 */
export interface ChainFigures {
  readonly coreId: string;
  /** Overdue outstanding / face, of the core's receivables due in the last window and of those due before it. */
  readonly overdue: { readonly recent: RateSample; readonly history: RateSample };
  /** Diluted / face, of the core's receivables issued in the last window and of those issued before it. */
  readonly dilution: { readonly recent: RateSample; readonly history: RateSample };
  /** This bank's live principal on the core's chain and on all chains, counting this request. */
  readonly bankOnChain: { readonly chainExposureAfter: bigint; readonly bookAfter: bigint };
  /** The chain's live pledges: goods at today's price against their loans. */
  readonly pledgeCoverage: { readonly pledges: number; readonly value: bigint; readonly loans: bigint };
  /** Financing requested by suppliers of the borrower's tier on this chain: the last window (with this request) and the windows before it, oldest first. */
  readonly tierVolume: { readonly tier: number; readonly recent: bigint; readonly prior: readonly bigint[] };
}

/** A receivable financing: an advance against one confirmed receivable, drawn on a credit line. */
export interface FinancingRiskInputs extends CommonInputs {
  readonly kind: 'financing';
  readonly receivable: ReceivableCollateral;
  readonly line: LineExposure;
  readonly consortium: ConsortiumExposure;
}

/** A loan against a pledged warehouse receipt. */
export interface PledgeRiskInputs extends CommonInputs {
  readonly kind: 'pledge';
  readonly pledge: PledgeCollateral;
}

export interface RequestInput {
  readonly id: string;
  /** The participant asking for money (the receivable's holder or the receipt's owner). */
  readonly borrowerId: string;
  readonly amount: bigint;
  readonly currency: string;
}

/** What the read model knows of other receivables that may be the same invoice (readmodel/invoice-twins.ts). */
export interface InvoiceTwins {
  /** Root receivables of other trees with the same invoice (same entities, same folded number). */
  readonly sameInvoiceIds: readonly string[];
  /** Root receivables of other trees with the same entities, currency, face and dates, another number. */
  readonly nearDuplicateIds: readonly string[];
}

/** The collateral receivable as the endorsed result reported it. */
export interface ReceivableCollateral {
  readonly id: string;
  readonly status: ReceivableStatus;
  readonly delinquency: Delinquency;
  readonly face: bigint;
  readonly outstanding: bigint;
  /** 'YYYY-MM-DD'; the financing matures on it, so it also sets the tenor. */
  readonly dueDate: string;
  /** Already encumbered by another financing. */
  readonly encumbered: boolean;
  /**
   * No receivable of another tree has the same invoice: the same seller and debtor legal
   * entities and the same folded invoice number (kernel/src/fingerprints.ts), as the read
   * model has them. The chaincode refuses such a second receivable; this catches what it could not.
   */
  readonly fingerprintUnique: boolean;
  /**
   * Other root receivables of the same seller and debtor legal entities with the same currency,
   * face, issue and due dates but another invoice number: possibly one invoice issued twice
   * under numbers that do not fold alike. Sorted ids; empty when there are none.
   */
  readonly nearDuplicateIds: readonly string[];
  /**
   * Why the blocks do not bear out how it became collateral (its root's confirmation by the
   * debtor's identity and peer, each split by the then-holder's), one line per failed hop; empty
   * when they do (risk-gate/provenance.ts).
   */
  readonly provenanceFaults: readonly string[];
}

/** The credit line after this financing would be drawn. */
export interface LineExposure {
  readonly lineId: string;
  readonly limit: bigint;
  readonly exposureAfter: bigint;
}

/** The consortium cap on the debtor (all banks together) after this financing. */
export interface ConsortiumExposure {
  readonly cap: bigint;
  readonly aggregateAfter: bigint;
}

export interface BankBook {
  /** Outstanding principal per supplier id (suppliers with none may be left out). */
  readonly exposureBySupplier: Readonly<Record<string, bigint>>;
}

/** The borrower's track record, as features computed from the ledger history. */
export interface SupplierHistory {
  readonly financedCount: number;
  readonly onTimeRepaidCount: number;
  readonly lateRepaidCount: number;
  readonly defaultedCount: number;
  /** Sum of the faces of its receivables, and of the dilutions (credit notes, returns) on them. */
  readonly totalFace: bigint;
  readonly totalDiluted: bigint;
  /** Days since its first receivable. */
  readonly tenureDays: number;
  /** Receivable volume per calendar month, oldest first. */
  readonly monthlyVolumes: readonly bigint[];
}

export interface TransferEdge {
  readonly from: string;
  readonly to: string;
}

export interface PledgeCollateral {
  readonly receiptId: string;
  readonly receiptStatus: ReceiptStatus;
  /** Already pledged under another pledge. */
  readonly encumbered: boolean;
  /** quantity × price per unit, from the price oracle. */
  readonly value: bigint;
  /** When the oracle set that price, epoch seconds. */
  readonly priceSetAt: number;
  /** The haircut the bank offers; the policy's minimum applies if it is higher. */
  readonly haircutBps: number;
  readonly tenorDays: number;
}

/**
 * The collateral snapshot for a receivable the chaincode returned (state strings are parsed
 * here, once). `financingId` is the financing being assessed: being encumbered by it is not a fault.
 */
export function receivableCollateral(
  receivable: Receivable,
  financingId: string,
  twins: InvoiceTwins,
  provenanceFaults: readonly string[],
): ReceivableCollateral {
  return {
    id: receivable.id,
    status: receivable.status,
    delinquency: receivable.delinquency,
    face: parseAmount(receivable.face, 'receivable.face'),
    outstanding: parseAmount(receivable.outstanding, 'receivable.outstanding'),
    dueDate: receivable.dueDate,
    encumbered: isEncumbered(receivable) && receivable.financingId !== financingId,
    fingerprintUnique: twins.sameInvoiceIds.length === 0,
    nearDuplicateIds: twins.nearDuplicateIds,
    provenanceFaults,
  };
}
