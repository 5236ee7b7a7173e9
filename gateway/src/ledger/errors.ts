import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
// The package index exports SubmitError as a type only; the class lives here (no "exports" map, pinned version).
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';
import { ApiError, GatewayErrorCode } from '../http/api-error';
import { ErrorCode } from '@scf/kernel/errors';

/** Every chaincode refusal code and its HTTP status. A `Record` over the union: a new code fails type-checking here. */
export const CHAINCODE_ERROR_HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  [ErrorCode.INVALID_ARGUMENT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.NOT_REGISTERED]: 403,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.SUSPENDED]: 403,
  [ErrorCode.ALREADY_EXISTS]: 409,
  [ErrorCode.DUPLICATE_FINGERPRINT]: 409,
  [ErrorCode.ENCUMBERED]: 409,
  [ErrorCode.INVALID_STATE]: 409,
  [ErrorCode.LIMIT_EXCEEDED]: 422,
  [ErrorCode.CAP_EXCEEDED]: 422,
  [ErrorCode.ADVANCE_RATE_EXCEEDED]: 422,
  [ErrorCode.TENOR_EXCEEDED]: 422,
  [ErrorCode.LINE_EXPIRED]: 422,
  [ErrorCode.AMOUNT_EXCEEDS_OUTSTANDING]: 422,
  [ErrorCode.COLLATERAL_INSUFFICIENT]: 422,
  [ErrorCode.RISK_NOT_APPROVED]: 422,
  [ErrorCode.CURRENCY_MISMATCH]: 422,
  [ErrorCode.INTERNAL]: 500,
};

export interface ChaincodeRefusal {
  readonly code: ErrorCode;
  readonly message: string;
}

const CHAINCODE_CODES = new Set<string>(Object.values(ErrorCode));
const JSON_START = '{"code":';

function isChaincodeErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && CHAINCODE_CODES.has(code);
}

/**
 * The chaincode's `{"code":"…","message":"…"}` inside a peer message such as
 * `chaincode response 500, {"code":…}`. Only the JSON is read, never the prose around it.
 */
export function parseChaincodeRefusal(peerMessage: string): ChaincodeRefusal | undefined {
  const start = peerMessage.indexOf(JSON_START);
  if (start < 0) {
    return undefined;
  }
  // The object ends at one of the '}' after its start; the first end that parses is the object.
  for (let end = peerMessage.indexOf('}', start); end >= 0; end = peerMessage.indexOf('}', end + 1)) {
    const refusal = asRefusal(tryParseJson(peerMessage.slice(start, end + 1)));
    if (refusal) {
      return refusal;
    }
  }
  return undefined;
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function asRefusal(value: unknown): ChaincodeRefusal | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { code, message } = value as Record<string, unknown>;
  return isChaincodeErrorCode(code) && typeof message === 'string' ? { code, message } : undefined;
}

/** The first parseable refusal among the endorsers' details: when endorsers disagree, the first one wins. */
export function chaincodeRefusalOf(error: GatewayError): ChaincodeRefusal | undefined {
  for (const detail of error.details) {
    const refusal = parseChaincodeRefusal(detail.message);
    if (refusal) {
      return refusal;
    }
  }
  return undefined;
}

const NETWORK_UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]);

/** The peer sheds load (its gateway concurrency limit): as unavailable to the client, but never retried by us. */
const OVERLOADED_STATUSES: ReadonlySet<number> = new Set([GrpcStatus.RESOURCE_EXHAUSTED]);

export function isNetworkUnavailable(error: unknown): boolean {
  return error instanceof GatewayError && NETWORK_UNAVAILABLE_STATUSES.has(error.code);
}

const STATUS_NAMES = new Map<number, string>(Object.entries(StatusCode).map(([name, code]) => [code, name]));

export function validationCodeName(code: number): string {
  return STATUS_NAMES.get(code) ?? `UNKNOWN_${code}`;
}

/**
 * Endorsers that returned different results ("ProposalResponsePayloads do not match"): under load
 * one peer can be a block behind another. The peer gateway answers ABORTED with no per-endorser
 * details (a chaincode refusal is ABORTED with one detail per endorser). Like a read conflict, a
 * new proposal usually succeeds.
 */
export function isEndorsementDisagreement(error: unknown): boolean {
  return error instanceof EndorseError && error.code === (GrpcStatus.ABORTED as number) && error.details.length === 0;
}

const RETRYABLE_VALIDATION_CODES: ReadonlySet<number> = new Set([StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT]);

export function isReadConflict(code: number): boolean {
  return RETRYABLE_VALIDATION_CODES.has(code);
}

/** Validation codes that say "the ledger moved or disagreed under you", not "the gateway is broken". */
const CONFLICTING_VALIDATION_CODES: ReadonlySet<number> = new Set([
  StatusCode.MVCC_READ_CONFLICT,
  StatusCode.PHANTOM_READ_CONFLICT,
  StatusCode.ENDORSEMENT_POLICY_FAILURE,
  StatusCode.DUPLICATE_TXID,
  StatusCode.EXPIRED_CHAINCODE,
  StatusCode.CHAINCODE_VERSION_CONFLICT,
]);

function fromCommitError(error: CommitError): ApiError {
  const details = { transactionId: error.transactionId, validationCode: validationCodeName(error.code) };
  if (isReadConflict(error.code)) {
    return new ApiError(
      409,
      GatewayErrorCode.CONFLICT,
      'the ledger changed while the transaction was in flight; retry the request',
      details,
      { cause: error },
    );
  }
  if (CONFLICTING_VALIDATION_CODES.has(error.code)) {
    return new ApiError(
      409,
      GatewayErrorCode.TRANSACTION_INVALID,
      `the transaction was ordered but not committed (${details.validationCode})`,
      details,
      { cause: error },
    );
  }
  return new ApiError(500, ErrorCode.INTERNAL, 'the transaction was ordered but failed validation', details, { cause: error });
}

function fromRefusal(refusal: ChaincodeRefusal, transactionId: string | undefined, cause: unknown): ApiError {
  const details = transactionId === undefined ? undefined : { transactionId };
  if (refusal.code === ErrorCode.INTERNAL) {
    return new ApiError(500, ErrorCode.INTERNAL, 'the chaincode failed unexpectedly', details, { cause });
  }
  return new ApiError(CHAINCODE_ERROR_HTTP_STATUS[refusal.code], refusal.code, refusal.message, details, { cause });
}

function transactionIdOf(error: GatewayError): string | undefined {
  return error instanceof EndorseError || error instanceof SubmitError || error instanceof CommitStatusError
    ? error.transactionId
    : undefined;
}

/**
 * Maps a fabric-gateway error to the API's error by its type and gRPC / validation status code.
 * Anything else (including an ApiError) is returned untouched or as INTERNAL.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  if (error instanceof CommitError) {
    return fromCommitError(error);
  }
  if (!(error instanceof GatewayError)) {
    return new ApiError(500, ErrorCode.INTERNAL, 'internal error', undefined, { cause: error });
  }
  const transactionId = transactionIdOf(error);
  const txDetails = transactionId === undefined ? undefined : { transactionId };
  if (error instanceof CommitStatusError) {
    return new ApiError(
      503,
      GatewayErrorCode.COMMIT_STATUS_UNKNOWN,
      'the transaction was submitted but its commit status could not be read; query it later by transaction id',
      txDetails,
      {
        cause: error,
      },
    );
  }
  const refusal = chaincodeRefusalOf(error);
  if (refusal) {
    return fromRefusal(refusal, transactionId, error);
  }
  if (isEndorsementDisagreement(error)) {
    return new ApiError(
      409,
      GatewayErrorCode.CONFLICT,
      'the endorsing peers disagreed (the ledger moved under the request); retry the request',
      txDetails,
      { cause: error },
    );
  }
  if (NETWORK_UNAVAILABLE_STATUSES.has(error.code) || OVERLOADED_STATUSES.has(error.code)) {
    return new ApiError(503, GatewayErrorCode.NETWORK_UNAVAILABLE, 'the ledger network did not answer in time', txDetails, {
      cause: error,
    });
  }
  return new ApiError(500, ErrorCode.INTERNAL, 'the ledger network refused the request unexpectedly', txDetails, { cause: error });
}

/**
 * The endorsed transaction was submitted (or may have been) but whether it committed is not
 * known: the commit status could not be read, or the orderer did not answer the submit. Carries
 * the transaction id and the endorsed result, so that a retry asks about THIS transaction (and
 * can answer its success) instead of running a new proposal that could commit a second time.
 */
export class CommitOutcomeUnknownError extends ApiError {
  constructor(
    public readonly transactionId: string,
    /** What the chaincode returned at endorsement: the committed result if it commits. */
    public readonly result: Uint8Array,
    cause: unknown,
    /** The signed transaction as submitted: sending it again can only commit it once. */
    public readonly envelope?: Uint8Array,
  ) {
    super(
      503,
      GatewayErrorCode.COMMIT_STATUS_UNKNOWN,
      'the transaction was submitted but its commit status could not be read; retry with the same Idempotency-Key, or query it later by transaction id',
      { transactionId },
      { cause },
    );
    this.name = 'CommitOutcomeUnknownError';
  }

  /** The success a route would answer if the transaction commits, when it is not the endorsed JSON plus transactionId. */
  answer: { readonly status: number; readonly body: unknown } | undefined;

  /** The same error, carrying the route's success answer for an idempotent retry to give if it committed. */
  withAnswer(status: number, body: unknown): this {
    this.answer = { status, body };
    return this;
  }
}

/** Submitting or awaiting the commit failed in a way that leaves the outcome open (not a refusal). */
export function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof CommitStatusError || isNetworkUnavailable(error);
}
