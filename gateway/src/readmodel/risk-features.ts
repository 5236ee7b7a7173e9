import type { BankBook, InvoiceTwins, SupplierHistory, TransferEdge } from '../risk/inputs';
import type { Receivable } from '@scf/kernel/records/receivable';

/**
 * What the risk gate asks the read model about a borrower and a bank's book. Implemented by the
 * read model's repositories (SQLite by default, PostgreSQL by config); the risk engine itself
 * stays pure and receives the answers as inputs.
 */
export interface RiskFeatureSource {
  /** The borrower's track record from committed ledger history. */
  supplierHistory(supplierId: string, nowSeconds: number): Promise<SupplierHistory>;
  /** Outstanding principal per supplier in one bank's book. */
  bankBook(bankMsp: string): Promise<BankBook>;
  /**
   * Epoch seconds of the borrower's earlier financing requests to this bank, oldest first.
   * The financing being assessed is itself on the ledger (REQUESTED) by then: pass its id to leave it out.
   */
  recentRequestTimes(bankMsp: string, borrowerId: string, excludeFinancingId?: string): Promise<number[]>;
  /** Receivable transfer edges within `maxDepth` hops of the participant, either direction. */
  transfersAround(participantId: string, maxDepth: number): Promise<TransferEdge[]>;
  /** Receivables of other trees that are, or may be, the same invoice as this one (readmodel/invoice-twins.ts). */
  invoiceTwins(receivable: Receivable): Promise<InvoiceTwins>;
}

/** One of a borrower's financing requests to a bank: its id and when it was asked (epoch seconds). */
export interface RequestTime {
  readonly id: string;
  readonly at: number;
}

/** The risk features, and the borrower's requests with their ids (recentRequestTimes without the exclusion). */
export interface RiskFeatureReads extends RiskFeatureSource {
  /** Every request of the borrower to the bank, oldest first (by time, then id): recentRequestTimes is these without the excluded id. */
  requestTimesById(bankMsp: string, borrowerId: string): Promise<readonly RequestTime[]>;
}
