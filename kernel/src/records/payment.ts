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

export const PAYMENT_STATUSES = ['PENDING', 'SETTLED'] as const;
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
  readonly recordedAt: string;
  readonly updatedAt: string;
}
