import { ErrorCode } from '@scf/kernel/errors';
import { GatewayErrorCode, type ApiErrorCode } from '../error-codes';

/**
 * THE error table: the HTTP status of every error code, the chaincode's and the gateway's own.
 * The only place an error status is chosen; a `Record` over the union, so a new code does not
 * compile until it has a status. gateway/README.md's error table is kept equal to it by a test.
 */
export const HTTP_STATUS_OF_CODE: Readonly<Record<ApiErrorCode, number>> = {
  [ErrorCode.INVALID_ARGUMENT]: 400,
  [GatewayErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.NOT_REGISTERED]: 403,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.SUSPENDED]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.INVITATION_UNKNOWN]: 404,
  [GatewayErrorCode.ROUTE_NOT_FOUND]: 404,
  [GatewayErrorCode.METHOD_NOT_ALLOWED]: 405,
  [ErrorCode.ALREADY_EXISTS]: 409,
  [ErrorCode.DUPLICATE_FINGERPRINT]: 409,
  [ErrorCode.ENTITY_CLAIMED]: 409,
  [ErrorCode.ENCUMBERED]: 409,
  [ErrorCode.INVALID_STATE]: 409,
  [ErrorCode.CONSENT_EXPIRED]: 409,
  [ErrorCode.INVITATION_USED]: 409,
  [ErrorCode.INVITATION_EXPIRED]: 409,
  [GatewayErrorCode.CONFLICT]: 409,
  [GatewayErrorCode.TRANSACTION_INVALID]: 409,
  [GatewayErrorCode.IDEMPOTENCY_IN_FLIGHT]: 409,
  [GatewayErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.LIMIT_EXCEEDED]: 422,
  [ErrorCode.CAP_EXCEEDED]: 422,
  [ErrorCode.ADVANCE_RATE_EXCEEDED]: 422,
  [ErrorCode.TENOR_EXCEEDED]: 422,
  [ErrorCode.LINE_EXPIRED]: 422,
  [ErrorCode.AMOUNT_EXCEEDS_OUTSTANDING]: 422,
  [ErrorCode.COLLATERAL_INSUFFICIENT]: 422,
  [ErrorCode.RISK_NOT_APPROVED]: 422,
  [ErrorCode.DECISION_UNSIGNED]: 422,
  [ErrorCode.DECISION_SIGNATURE_INVALID]: 422,
  [ErrorCode.DECISION_EXPIRED]: 409,
  [ErrorCode.DECISION_MISMATCH]: 422,
  [ErrorCode.TERMS_MISMATCH]: 422,
  [ErrorCode.CURRENCY_MISMATCH]: 422,
  [GatewayErrorCode.IDEMPOTENCY_KEY_REUSED]: 422,
  [GatewayErrorCode.RISK_REJECTED]: 422,
  [GatewayErrorCode.RATE_LIMITED]: 429,
  [GatewayErrorCode.HEAVY_RATE_LIMITED]: 429,
  [GatewayErrorCode.AUTH_RATE_LIMITED]: 429,
  [GatewayErrorCode.EVENT_STREAMS_EXCEEDED]: 429,
  [ErrorCode.INTERNAL]: 500,
  [GatewayErrorCode.NETWORK_UNAVAILABLE]: 503,
  [GatewayErrorCode.COMMIT_STATUS_UNKNOWN]: 503,
  [GatewayErrorCode.RISK_GATEWAY_UNAVAILABLE]: 503,
};

/** The HTTP status that answers `code`. */
export function httpStatusOf(code: ApiErrorCode): number {
  return HTTP_STATUS_OF_CODE[code];
}
