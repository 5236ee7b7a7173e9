export const PAYEE_KINDS = ['BANK', 'HOLDER'] as const;
export type PayeeKind = (typeof PAYEE_KINDS)[number];

/** One payee's share of a payment; it counts once that payee acknowledges receipt. */
export interface Allocation {
  readonly payeeKind: PayeeKind;
  /** The bank's MSP id, or the holder's participant id. */
  readonly payeeId: string;
  readonly amount: string;
  readonly acknowledgedBy?: string;
  readonly acknowledgedAt?: string;
}

/**
 * PENDING until every payee acknowledged (SETTLED). A payment a payee disputes (the money never
 * came) ends CANCELLED by the debtor or REJECTED by a payee: its unacknowledged shares are void
 * and the receivable is free again (acknowledged shares stay settled).
 */
export const PAYMENT_STATUSES = ['PENDING', 'SETTLED', 'CANCELLED', 'REJECTED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface Payment {
  readonly id: string;
  readonly receivableId: string;
  readonly financingId?: string;
  readonly debtorId: string;
  readonly currency: string;
  readonly amount: string;
  readonly reference: string;
  readonly allocations: readonly Allocation[];
  readonly status: PaymentStatus;
  /** Who cancelled (the debtor) or rejected (a payee) it, when and why. */
  readonly closedBy?: string;
  readonly closedAt?: string;
  readonly closeReason?: string;
  readonly recordedAt: string;
  readonly updatedAt: string;
}
