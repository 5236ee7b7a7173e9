import { Type, type Static } from 'typebox';
import { ErrorCode } from '@scf/kernel/errors';

/** Codes only the gateway produces; the chaincode's own codes pass through unchanged. */
export const GatewayErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
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
  RISK_GATEWAY_UNAVAILABLE: 'RISK_GATEWAY_UNAVAILABLE',
} as const;

export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];
export type ApiErrorCode = ErrorCode | GatewayErrorCode;

/** The one body of every non-2xx response. */
export const ErrorBody = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable code, e.g. INVALID_ARGUMENT, LIMIT_EXCEEDED' }),
    message: Type.String({ description: 'Human-readable explanation; never contains stack traces or internal text' }),
    details: Type.Optional(Type.Unknown({ description: 'Code-specific structured details, e.g. failing paths or a transaction id' })),
  },
  { additionalProperties: false },
);
export type ErrorBody = Static<typeof ErrorBody>;

export class ApiError extends Error {
  public readonly code: ApiErrorCode;
  public readonly httpStatus: number;
  public readonly details: unknown;
  /** The underlying error, for the log only (the ES2021 lib has no Error.cause). */
  public readonly cause: unknown;

  constructor(httpStatus: number, code: ApiErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message);
    this.cause = options?.cause;
    this.name = 'ApiError';
    this.code = code;
    this.httpStatus = httpStatus;
    this.details = details;
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
