/**
 * Every reason code the risk engine can give. Codes are stored on the ledger, so each must
 * match the chaincode's /^[A-Z0-9_]{1,32}$/ (see risk-assessment.ts); a unit test holds them to it.
 */
export const CHECK_CODES = [
  'COLLATERAL_NOT_CONFIRMED',
  'COLLATERAL_ENCUMBERED',
  'COLLATERAL_DISPUTED',
  'COLLATERAL_OVERDUE',
  'PROVENANCE_UNVERIFIED',
  'INVOICE_NOT_UNIQUE',
  'INVOICE_NEAR_DUPLICATE',
  'ADVANCE_RATE_ABOVE_POLICY',
  'TENOR_ABOVE_POLICY',
  'LINE_LIMIT_EXCEEDED',
  'LINE_HEADROOM_LOW',
  'CONSORTIUM_CAP_EXCEEDED',
  'SUPPLIER_CONCENTRATION_HIGH',
  'LOW_ON_TIME_SHARE',
  'HIGH_DILUTION',
  'SHORT_TENURE',
  'VOLATILE_VOLUME',
  'VELOCITY_SPIKE',
  'CIRCULAR_TRADE',
  'PLEDGE_VALUE_INSUFFICIENT',
  'PRICE_STALE',
  'CHAIN_OVERDUE_RISING',
  'CHAIN_DILUTION_RISING',
  'CHAIN_CONCENTRATION_HIGH',
  'CHAIN_PLEDGE_COVERAGE_LOW',
  'CHAIN_TIER_VOLUME_JUMP',
] as const;

/** Codes a check can raise; each carries the points the bank's policy gives it. */
export type CheckCode = (typeof CHECK_CODES)[number];

/** Codes the engine adds from the total score, so that every non-APPROVE decision names a reason. */
export const SCORE_CODES = ['RISK_SCORE_ELEVATED', 'RISK_SCORE_HIGH'] as const;
export type ScoreCode = (typeof SCORE_CODES)[number];

/**
 * Raised only by the post-endorsement re-check: the endorsed amount is not the assessed one; the
 * endorsed result is not the shape the chaincode promises; or its post-state is about another
 * line, cap, receipt or haircut than the one assessed (or does not add up).
 */
export const POST_STATE_CODES = ['POST_STATE_AMOUNT_CHANGED', 'POST_STATE_UNREADABLE', 'POST_STATE_MISMATCH'] as const;
export type PostStateCode = (typeof POST_STATE_CODES)[number];

export type ReasonCode = CheckCode | ScoreCode | PostStateCode;

export const ALL_REASON_CODES: readonly ReasonCode[] = [...CHECK_CODES, ...SCORE_CODES, ...POST_STATE_CODES];
