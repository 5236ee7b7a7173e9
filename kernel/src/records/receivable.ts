export const RECEIVABLE_STATUSES = ['ISSUED', 'DISPUTED', 'CONFIRMED', 'SPLIT', 'SETTLED'] as const;
export type ReceivableStatus = (typeof RECEIVABLE_STATUSES)[number];

export const DELINQUENCY_LEVELS = ['CURRENT', 'OVERDUE', 'DEFAULTED'] as const;
export type Delinquency = (typeof DELINQUENCY_LEVELS)[number];

/**
 * A claim of a supplier (the holder) on the core enterprise (the debtor), backed by one
 * invoice. Amounts are decimal strings of minor units and always conserve:
 * face = settled + diluted + outstanding + splitOff, where splitOff is the part moved to
 * children by a split (children's faces sum to it exactly).
 * Optional fields are cleared by setting them to undefined; the canonical codec drops them.
 */
export interface Receivable {
  readonly id: string;
  readonly rootId: string;
  readonly parentId?: string;
  readonly childIds: readonly string[];
  readonly invoiceNumber: string;
  readonly invoiceFingerprint: string;
  readonly currency: string;
  readonly issueDate: string;
  readonly dueDate: string;
  /** The supplier that issued the invoice. */
  readonly creditorId: string;
  readonly debtorId: string;
  readonly debtorMsp: string;
  readonly holderId: string;
  readonly holderMsp: string;
  readonly face: string;
  readonly outstanding: string;
  readonly settled: string;
  readonly diluted: string;
  readonly splitOff: string;
  readonly status: ReceivableStatus;
  readonly delinquency: Delinquency;
  /** The single financing encumbering this receivable, while it is active. */
  readonly financingId?: string;
  /** The payment awaiting acknowledgement, and how much of it is not yet applied. */
  readonly pendingPaymentId?: string;
  readonly pendingAmount: string;
  readonly disputeReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const MAX_SPLIT_PARTS = 10;

/** Receivables still owed (a SPLIT parent's claim lives on in its parts; SETTLED is paid or diluted away). */
export const OPEN_RECEIVABLE_STATUSES: readonly ReceivableStatus[] = ['ISSUED', 'DISPUTED', 'CONFIRMED'];

export function isEncumbered(receivable: Receivable): boolean {
  return receivable.financingId !== undefined;
}
