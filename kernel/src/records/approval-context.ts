import type { CoreDraws, CreditLineExposure } from './credit-line';
import type { Financing } from './financing';
import type { Receivable } from './receivable';

/** One version of a receivable, as GetReceivableHistory lists it. */
export interface ReceivableHistoryItem {
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly value?: Receivable;
}

/**
 * scf.financing:GetApprovalContext's answer: everything a bank's risk gate reads from the world
 * state before it endorses an approval, in one query (issue 18). The same figures as
 * GetFinancing, GetCreditLine, GetCoreExposure, and GetReceivable plus GetReceivableHistory up the
 * financed receivable's parent chain would give, read in one simulation.
 */
export interface ApprovalContext {
  readonly financing: Financing;
  readonly line: CreditLineExposure;
  readonly core: CoreDraws;
  /** The financed receivable and its parents, root first (at most 64), each with its versions newest first. */
  readonly lineage: readonly { readonly receivable: Receivable; readonly history: readonly ReceivableHistoryItem[] }[];
}
