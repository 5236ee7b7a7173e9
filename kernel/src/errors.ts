/**
 * Every refusal the chaincode makes is a ScfError. Its message is the JSON text
 * {"code":"…","message":"…"} so that the gateway (which only sees the message string,
 * prefixed by the peer with "chaincode response 500, ") can map it without parsing prose.
 * Messages name fields and ids, never private values.
 */
export const ErrorCode = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  DUPLICATE_FINGERPRINT: 'DUPLICATE_FINGERPRINT',
  ENTITY_CLAIMED: 'ENTITY_CLAIMED',
  NOT_REGISTERED: 'NOT_REGISTERED',
  SUSPENDED: 'SUSPENDED',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_STATE: 'INVALID_STATE',
  /** A consent request (a debtor's dilution) acted on after its expiry. */
  CONSENT_EXPIRED: 'CONSENT_EXPIRED',
  /** An onboarding invitation code that was never issued (or was mistyped). */
  INVITATION_UNKNOWN: 'INVITATION_UNKNOWN',
  /** An onboarding invitation code already redeemed: each code onboards one newcomer. */
  INVITATION_USED: 'INVITATION_USED',
  /** An onboarding invitation code presented after its expiry. */
  INVITATION_EXPIRED: 'INVITATION_EXPIRED',
  CURRENCY_MISMATCH: 'CURRENCY_MISMATCH',
  AMOUNT_EXCEEDS_OUTSTANDING: 'AMOUNT_EXCEEDS_OUTSTANDING',
  ENCUMBERED: 'ENCUMBERED',
  RISK_NOT_APPROVED: 'RISK_NOT_APPROVED',
  ADVANCE_RATE_EXCEEDED: 'ADVANCE_RATE_EXCEEDED',
  TENOR_EXCEEDED: 'TENOR_EXCEEDED',
  LINE_EXPIRED: 'LINE_EXPIRED',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  CAP_EXCEEDED: 'CAP_EXCEEDED',
  COLLATERAL_INSUFFICIENT: 'COLLATERAL_INSUFFICIENT',
  /** A risk-gate decision is missing, or carries no signature. */
  DECISION_UNSIGNED: 'DECISION_UNSIGNED',
  /** A risk-gate decision's signature does not verify with the key its bank registered (or none is registered). */
  DECISION_SIGNATURE_INVALID: 'DECISION_SIGNATURE_INVALID',
  /** A risk-gate decision used at or after its expiry (transaction timestamp). */
  DECISION_EXPIRED: 'DECISION_EXPIRED',
  /** A risk-gate decision signed for another financing, pledge, amount, policy or inputs. */
  DECISION_MISMATCH: 'DECISION_MISMATCH',
  /** Private terms passed in the transient map that do not hash to the commitment on the public record. */
  TERMS_MISMATCH: 'TERMS_MISMATCH',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class ScfError extends Error {
  public readonly code: ErrorCode;
  public readonly detail: string;

  constructor(code: ErrorCode, detail: string) {
    super(JSON.stringify({ code, message: detail }));
    this.name = 'ScfError';
    this.code = code;
    this.detail = detail;
  }
}

/** Throws; typed `never` so it can end an expression. */
export function fail(code: ErrorCode, detail: string): never {
  throw new ScfError(code, detail);
}

/** Throws `code` unless `condition` holds. */
export function ensure(condition: boolean, code: ErrorCode, detail: string): asserts condition {
  if (!condition) {
    fail(code, detail);
  }
}
