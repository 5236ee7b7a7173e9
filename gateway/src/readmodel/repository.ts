import type { ChainSource } from './chain-source';
import type { ReportSource } from './report-source';
import type { RiskFeatureReads } from './risk-features';
import type { BlockProjection, SkippedTransaction } from './row-write';
import type { Statement } from './sql';
import type { SqlRow } from './sql-executor';
import type { Parties } from '@scf/kernel/visibility';

/** A search compiled by search.ts from whitelisted fields: every fragment is code, every value a parameter. */
export interface CompiledSearch {
  readonly table: string;
  /** ANDed conditions. */
  readonly where: readonly Statement[];
  /** e.g. `length(face) DESC, face DESC, id ASC` (always ends with a unique tie-breaker). */
  readonly orderBy: string;
  readonly limit: number;
  readonly offset: number;
}

export interface ParticipantRef {
  readonly id: string;
  readonly role: string;
  readonly mspId: string;
  readonly status: string;
}

/** What applying a block did: nothing when it was applied before; else the transactions it skipped. */
export interface BlockApplication {
  readonly applied: boolean;
  readonly skipped: readonly SkippedTransaction[];
}

/** A skipped transaction as the auditor reads it. */
export interface SkippedTransactionRow {
  readonly blockNumber: string;
  readonly txIndex: number;
  readonly txId: string;
  readonly fn: string;
  readonly error: string;
  readonly skippedAt: string;
}

export interface ReadModelStatus {
  /** The next block the listener will project; blocks 0 … nextBlock-1 are in the read model. */
  readonly nextBlock: bigint;
  readonly transactionCount: number;
  /** Transactions whose writes the read model could not store (see skippedTransactions). */
  readonly skippedCount: number;
}

/**
 * The read model: ledger state and history projected block by block, queried by the search
 * routes, the risk gate and the reports. SQLite and PostgreSQL implement it with the same SQL.
 */
export interface ReadModelRepository extends RiskFeatureReads, ReportSource, ChainSource {
  readonly driver: 'sqlite' | 'postgres';
  /** The block to project next: 0 on an empty read model. Also the listener's checkpoint. */
  nextBlock(): Promise<bigint>;
  /**
   * Writes a block's rows and advances the checkpoint to block + 1 in one database transaction.
   * Changes nothing (applied: false) when the block was already applied; throws on a gap. A
   * transaction whose rows cannot be stored is skipped (recorded with its error), not the block.
   */
  applyBlock(projection: BlockProjection): Promise<BlockApplication>;
  /** The transactions the projection skipped, in chain order. */
  skippedTransactions(limit: number, offset: number): Promise<SkippedTransactionRow[]>;
  search(query: CompiledSearch): Promise<SqlRow[]>;
  /** The registered participant behind a certificate (`getID()`), once its registration is projected. */
  participantByIdentity(mspId: string, clientId: string): Promise<ParticipantRef | undefined>;
  /** The ledger record (canonical JSON) of one receivable, as last projected. */
  receivableRecord(id: string): Promise<string | undefined>;
  /** The readers each receivable's split tree gives it (creditor, debtor, holders along the tree, financing banks): receivable-trees.ts. */
  receivableTrees(ids: readonly string[]): Promise<Map<string, Parties>>;
  status(): Promise<ReadModelStatus>;
  close(): Promise<void>;
}
