export const DILUTION_KINDS = ['CREDIT_NOTE', 'RETURN'] as const;
export type DilutionKind = (typeof DILUTION_KINDS)[number];

/**
 * A credit note or return that took effect: it reduced the receivable's outstanding amount.
 * Recorded in one step by the holder, or by the holder's acceptance of the debtor's request
 * (then `requestedBy` names the debtor and `recordedBy` the accepting holder).
 */
export interface Dilution {
  readonly id: string;
  readonly receivableId: string;
  readonly kind: DilutionKind;
  readonly amount: string;
  readonly reference: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
  /** The debtor whose request the holder accepted; absent for the holder's own dilution. */
  readonly requestedBy?: string;
}

export const DILUTION_REQUEST_STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const;
export type DilutionRequestStatus = (typeof DILUTION_REQUEST_STATUSES)[number];

/** How long a consent request may stay open at most. */
export const MAX_CONSENT_DAYS = 90;

/**
 * The debtor's request to dilute a receivable (issue 16, consent): nothing changes until the
 * holder accepts it, before `expiresAt`. The holder may reject it, the debtor withdraw it; an
 * expired request can no longer be accepted (still rejected or withdrawn, to clear it).
 */
export interface DilutionRequest {
  /** The id the dilution gets when accepted. */
  readonly id: string;
  readonly receivableId: string;
  readonly kind: DilutionKind;
  readonly amount: string;
  readonly reference: string;
  readonly debtorId: string;
  readonly debtorMsp: string;
  /** The holder who must act, as of the request (a receivable's holder never changes in place). */
  readonly holderId: string;
  readonly holderMsp: string;
  readonly status: DilutionRequestStatus;
  /** 'YYYY-MM-DDTHH:MM:SSZ': the last moment the holder can accept. */
  readonly expiresAt: string;
  readonly requestedAt: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  /** Why the holder rejected it (or the debtor withdrew it). */
  readonly reason?: string;
  readonly updatedAt: string;
}

/** Whether a request can no longer be accepted at `nowIso` (ledger timestamps compare as text). */
export function isExpired(request: Pick<DilutionRequest, 'expiresAt'>, nowIso: string): boolean {
  return nowIso > request.expiresAt;
}
