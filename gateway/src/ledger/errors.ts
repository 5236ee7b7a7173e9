import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
// The package index exports SubmitError as a type only; the class lives here (no "exports" map, pinned version).
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';
import { GatewayErrorCode } from '../error-codes';
import { ErrorCode } from '@scf/kernel/errors';

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

/**
 * No answer: the peer or orderer is unreachable, the call's deadline ran out, or the call was
 * ended without a status. The last is CANCELLED (an HTTP/2 RST_STREAM CANCEL): we never cancel a
 * call ourselves, but the peer resets the stream when its copy of our deadline expires a moment
 * before ours does (seen on a short commit-status wait in CI).
 */
const NETWORK_UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.CANCELLED,
]);

/** The peer sheds load (its gateway concurrency limit): as unavailable to the client, but never retried by us. */
const OVERLOADED_STATUSES: ReadonlySet<number> = new Set([GrpcStatus.RESOURCE_EXHAUSTED]);

/** The call's own deadline ran out (the other side may still be working on it). */
export function isDeadlineExceeded(error: unknown): boolean {
  return error instanceof GatewayError && error.code === (GrpcStatus.DEADLINE_EXCEEDED as number);
}

export function isNetworkUnavailable(error: unknown): boolean {
  return error instanceof GatewayError && NETWORK_UNAVAILABLE_STATUSES.has(error.code);
}

const STATUS_NAMES = new Map<number, string>(Object.entries(StatusCode).map(([name, code]) => [code, name]));

export function validationCodeName(code: number): string {
  return STATUS_NAMES.get(code) ?? `UNKNOWN_${code}`;
}

/**
 * The fixed prefix the peer gateway gives a per-endorser detail when that endorser's chaincode
 * answered an error status (`chaincode response 500, …`): a refusal, not a disagreement.
 */
const CHAINCODE_RESPONSE_PREFIX = 'chaincode response ';

/**
 * Endorsers that returned different results ("ProposalResponsePayloads do not match"): under load
 * one peer can be blocks behind another, and an approval, which needs four orgs' endorsements
 * (key-level policies), reads the cap shard it draws on at the height each endorser has committed
 * (issue 18: the auditor's peer read a shard 15 blocks older than the bank's). The peer gateway
 * answers ABORTED with a detail for the endorser that disagreed (Fabric 3.1), or with none; a
 * chaincode refusal is ABORTED too, but each of its details is a chaincode response. So: ABORTED,
 * and no endorser's chaincode answered an error. Like a read conflict, a new proposal usually
 * succeeds.
 */
export function isEndorsementDisagreement(error: unknown): boolean {
  return (
    error instanceof EndorseError &&
    error.code === (GrpcStatus.ABORTED as number) &&
    error.details.every((detail) => !detail.message.startsWith(CHAINCODE_RESPONSE_PREFIX))
  );
}

/**
 * The org's peer could not derive a set of endorsers that satisfies the endorsement policy: the
 * peer gateway answers FAILED_PRECONDITION to Endorse for that alone, and keeps no endorsement.
 * On a running network it passes: each peer advertises (gossip) its chaincodes with the sequence
 * of the definition it has committed, and discovery counts only the peers that advertise the
 * sequence the org's own peer has, so right after a chaincode upgrade commits there, until the
 * other peers have committed that block too (a moment; over a second seen on a busy CI machine),
 * no set of peers satisfies the policy. A peer (re)joining is the same. A new proposal a moment
 * later finds the endorsers.
 */
export function isNoEndorsementPlan(error: unknown): boolean {
  return error instanceof EndorseError && error.code === (GrpcStatus.FAILED_PRECONDITION as number);
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

/** What a ledger error adds to the client's answer: the transaction it is about, and for a commit failure its validation code. */
export interface LedgerErrorDetails {
  readonly transactionId: string;
  readonly validationCode?: string;
}

/**
 * What the ledger client throws when the ledger does not do what was asked, by kind (as
 * fabric-gateway's own errors are typed): a code and a message fit for the client, no HTTP status
 * (the HTTP layer maps the code through its one table). `cause` is the fabric-gateway error, for the log.
 */
export abstract class LedgerError extends Error {
  abstract readonly code: ErrorCode | GatewayErrorCode;

  constructor(
    message: string,
    public readonly details: LedgerErrorDetails | undefined,
    /** The underlying error, for the log only (the ES2021 lib has no Error.cause). */
    public readonly cause: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The chaincode refused: its own `{code, message}`, the message meant for the caller. */
export class LedgerRefusal extends LedgerError {
  constructor(
    public readonly code: Exclude<ErrorCode, typeof ErrorCode.INTERNAL>,
    message: string,
    details: LedgerErrorDetails | undefined,
    cause: unknown,
  ) {
    super(message, details, cause);
  }
}

/** Whether the chaincode refused with `code` (NOT_FOUND, ALREADY_EXISTS, …). */
export function isRefusal(error: unknown, code: ErrorCode): boolean {
  return error instanceof LedgerRefusal && error.code === code;
}

/** The ledger moved under the request (a read conflict at commit, or endorsers that disagreed): a retry usually succeeds. */
export class ReadConflict extends LedgerError {
  readonly code = GatewayErrorCode.CONFLICT;
}

/** Ordered but invalidated for a reason other than a read conflict (endorsement policy, duplicate id, chaincode upgraded in flight). */
export class TransactionInvalid extends LedgerError {
  readonly code = GatewayErrorCode.TRANSACTION_INVALID;
}

/** Submitted, but whether it committed could not be read. */
export class CommitUnknown extends LedgerError {
  readonly code = GatewayErrorCode.COMMIT_STATUS_UNKNOWN;
}

/** A peer or orderer did not answer in time, or shed load. */
export class NetworkUnavailable extends LedgerError {
  readonly code = GatewayErrorCode.NETWORK_UNAVAILABLE;
}

/** Anything else the ledger did unexpectedly (the chaincode's INTERNAL, an unexpected gRPC or validation status): its text stays in the log. */
export class LedgerFailure extends LedgerError {
  readonly code = ErrorCode.INTERNAL;
}

function fromCommitError(error: CommitError): LedgerError {
  const details = { transactionId: error.transactionId, validationCode: validationCodeName(error.code) };
  if (isReadConflict(error.code)) {
    return new ReadConflict('the ledger changed while the transaction was in flight; retry the request', details, error);
  }
  if (CONFLICTING_VALIDATION_CODES.has(error.code)) {
    return new TransactionInvalid(`the transaction was ordered but not committed (${details.validationCode})`, details, error);
  }
  return new LedgerFailure('the transaction was ordered but failed validation', details, error);
}

function fromRefusal(refusal: ChaincodeRefusal, transactionId: string | undefined, cause: unknown): LedgerError {
  const details = transactionId === undefined ? undefined : { transactionId };
  if (refusal.code === ErrorCode.INTERNAL) {
    return new LedgerFailure('the chaincode failed unexpectedly', details, cause);
  }
  return new LedgerRefusal(refusal.code, refusal.message, details, cause);
}

function transactionIdOf(error: GatewayError): string | undefined {
  return error instanceof EndorseError || error instanceof SubmitError || error instanceof CommitStatusError
    ? error.transactionId
    : undefined;
}

function fromGatewayError(error: GatewayError): LedgerError {
  const transactionId = transactionIdOf(error);
  const txDetails = transactionId === undefined ? undefined : { transactionId };
  if (error instanceof CommitStatusError) {
    return new CommitUnknown(
      'the transaction was submitted but its commit status could not be read; query it later by transaction id',
      txDetails,
      error,
    );
  }
  const refusal = chaincodeRefusalOf(error);
  if (refusal) {
    return fromRefusal(refusal, transactionId, error);
  }
  if (isEndorsementDisagreement(error)) {
    return new ReadConflict('the endorsing peers disagreed (the ledger moved under the request); retry the request', txDetails, error);
  }
  if (isNoEndorsementPlan(error)) {
    return new NetworkUnavailable(
      "the org's peer knows no set of peers that can endorse this transaction yet (a chaincode upgrade or a peer joining); retry later",
      txDetails,
      error,
    );
  }
  if (NETWORK_UNAVAILABLE_STATUSES.has(error.code) || OVERLOADED_STATUSES.has(error.code)) {
    return new NetworkUnavailable('the ledger network did not answer in time', txDetails, error);
  }
  return new LedgerFailure('the ledger network refused the request unexpectedly', txDetails, error);
}

/**
 * A fabric-gateway error as the ledger error of its kind, by its type and gRPC / validation
 * status code, never by message text. Anything else (a gate's own refusal, a bug) is returned
 * untouched: it is not the ledger's to classify.
 */
export function toLedgerError(error: unknown): unknown {
  if (error instanceof CommitError) {
    return fromCommitError(error);
  }
  return error instanceof GatewayError ? fromGatewayError(error) : error;
}

/**
 * The endorsed transaction was submitted (or may have been) but whether it committed is not
 * known: the commit status could not be read, or the orderer did not answer the submit. Carries
 * the transaction id and the endorsed result, so that a retry asks about THIS transaction (and
 * can answer its success) instead of running a new proposal that could commit a second time.
 */
export class CommitOutcomeUnknownError extends CommitUnknown {
  constructor(
    public readonly transactionId: string,
    /** What the chaincode returned at endorsement: the committed result if it commits. */
    public readonly result: Uint8Array,
    cause: unknown,
    /** The signed transaction as submitted: sending it again can only commit it once. */
    public readonly envelope?: Uint8Array,
    /** Epoch ms from which the envelope must not be sent again (the signed decision in it expired). */
    public readonly sendUntilMs?: number,
  ) {
    super(
      'the transaction was submitted but its commit status could not be read; retry with the same Idempotency-Key, or query it later by transaction id',
      { transactionId },
      cause,
    );
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
