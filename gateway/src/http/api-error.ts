import { Type, type Static } from 'typebox';
import type { ApiErrorCode } from '../error-codes';
import { httpStatusOf } from './error-table';

export { GatewayErrorCode, type ApiErrorCode } from '../error-codes';

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

/**
 * An error answered to the client as `{ code, message, details? }`. Any layer may throw it with a
 * code; its HTTP status is never chosen by the thrower but read from the one table (error-table.ts).
 */
export class ApiError extends Error {
  public readonly code: ApiErrorCode;
  /** From HTTP_STATUS_OF_CODE, by code. */
  public readonly httpStatus: number;
  public readonly details: unknown;
  /** The underlying error, for the log only (the ES2021 lib has no Error.cause). */
  public readonly cause: unknown;

  constructor(code: ApiErrorCode, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message);
    this.cause = options?.cause;
    this.name = 'ApiError';
    this.code = code;
    this.httpStatus = httpStatusOf(code);
    this.details = details;
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
