import type { ErrorCode } from '@scf/kernel/errors';

/**
 * Codes only the gateway produces; the chaincode's own codes (ErrorCode) pass through unchanged.
 * Codes only: which HTTP status answers each is chosen in one place, http/error-table.ts.
 */
export const GatewayErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NETWORK_UNAVAILABLE: 'NETWORK_UNAVAILABLE',
  COMMIT_STATUS_UNKNOWN: 'COMMIT_STATUS_UNKNOWN',
  CONFLICT: 'CONFLICT',
  TRANSACTION_INVALID: 'TRANSACTION_INVALID',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_FLIGHT: 'IDEMPOTENCY_IN_FLIGHT',
  RISK_REJECTED: 'RISK_REJECTED',
  RATE_LIMITED: 'RATE_LIMITED',
  HEAVY_RATE_LIMITED: 'HEAVY_RATE_LIMITED',
  AUTH_RATE_LIMITED: 'AUTH_RATE_LIMITED',
  EVENT_STREAMS_EXCEEDED: 'EVENT_STREAMS_EXCEEDED',
  RISK_GATEWAY_UNAVAILABLE: 'RISK_GATEWAY_UNAVAILABLE',
} as const;

export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];
export type ApiErrorCode = ErrorCode | GatewayErrorCode;
