/** Unit tests: fabric-gateway errors built as the client library builds them, mapped to typed ledger errors (their HTTP statuses: http/errors.test.ts). */
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError, StatusCode, type ErrorDetail } from '@hyperledger/fabric-gateway';
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';
import {
  CommitUnknown,
  LedgerFailure,
  LedgerRefusal,
  NetworkUnavailable,
  ReadConflict,
  TransactionInvalid,
  parseChaincodeRefusal,
  toLedgerError,
  LedgerError,
} from './errors';
import { ErrorCode } from '@scf/kernel/errors';

const TX_ID = '91869c5f318897ec0bafc0b4e092e88e1d54a308d3850c26b18470676ac5f078';

function serviceError(code: GrpcStatus, message: string): ServiceError {
  return Object.assign(new Error(`${code} ${GrpcStatus[code]}: ${message}`), { code, details: message, metadata: new Metadata() });
}

function peerDetail(message: string, mspId = 'BankAMSP'): ErrorDetail {
  return { address: '127.0.0.1:7061', mspId, message };
}

const chaincodeSays = (code: string, message: string): string => `chaincode response 500, ${JSON.stringify({ code, message })}`;

function endorseError(details: ErrorDetail[], code: GrpcStatus = GrpcStatus.ABORTED): EndorseError {
  const message = 'failed to endorse transaction, see attached details for more info';
  return new EndorseError({
    code,
    details,
    cause: serviceError(code, message),
    transactionId: TX_ID,
    message: `${code} ${GrpcStatus[code]}: ${message}`,
  });
}

/** The ledger error a fabric-gateway error becomes; fails the test when it stays something else. */
function ledgerErrorOf(error: unknown): LedgerError {
  const mapped = toLedgerError(error);
  expect(mapped).toBeInstanceOf(LedgerError);
  return mapped as LedgerError;
}

describe('chaincode refusals in an EndorseError', () => {
  const refusals = Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL);

  it.each(refusals)('%s → a LedgerRefusal with that code and the transaction id', (code) => {
    const mapped = ledgerErrorOf(endorseError([peerDetail(chaincodeSays(code, 'receivable r-1 is pledged'))]));
    expect(mapped).toBeInstanceOf(LedgerRefusal);
    expect(mapped.code).toBe(code);
    expect(mapped.details).toEqual({ transactionId: TX_ID });
  });

  it('INTERNAL → a LedgerFailure with the transaction id', () => {
    const mapped = ledgerErrorOf(endorseError([peerDetail(chaincodeSays('INTERNAL', 'receivable r-1 is pledged'))]));
    expect([mapped instanceof LedgerFailure, mapped.code, mapped.details]).toEqual([true, 'INTERNAL', { transactionId: TX_ID }]);
  });

  it('passes the chaincode message through, except for INTERNAL whose text stays in the log', () => {
    expect(ledgerErrorOf(endorseError([peerDetail(chaincodeSays('LIMIT_EXCEEDED', 'credit line cl-9 has 100 left'))])).message).toBe(
      'credit line cl-9 has 100 left',
    );
    const internal = ledgerErrorOf(endorseError([peerDetail(chaincodeSays('INTERNAL', 'TypeError at /srv/chaincode/x.js:10'))]));
    expect(internal.message).not.toContain('TypeError');
    expect(internal.cause).toBeInstanceOf(EndorseError);
  });

  it('takes the first parseable refusal when endorsers disagree', () => {
    const mapped = ledgerErrorOf(
      endorseError([
        peerDetail('chaincode response 500, not json at all', 'CoreMSP'),
        peerDetail(chaincodeSays('ENCUMBERED', 'pledged'), 'BankAMSP'),
        peerDetail(chaincodeSays('NOT_FOUND', 'missing'), 'BankBMSP'),
      ]),
    );
    expect(mapped).toBeInstanceOf(LedgerRefusal);
    expect(mapped.code).toBe('ENCUMBERED');
  });

  it('never reads a code out of prose: a refusal without the JSON object is an INTERNAL failure', () => {
    const mapped = ledgerErrorOf(endorseError([peerDetail('chaincode response 500, LIMIT_EXCEEDED: over the limit')]));
    expect(mapped).toBeInstanceOf(LedgerFailure);
    expect(mapped.code).toBe(ErrorCode.INTERNAL);
  });

  it('maps an evaluate GatewayError (gRPC UNKNOWN with details) the same way', () => {
    const message = `evaluate call to endorser returned error: ${chaincodeSays('NOT_FOUND', 'no receivable r-404')}`;
    const error = new GatewayError({
      code: GrpcStatus.UNKNOWN,
      details: [peerDetail(chaincodeSays('NOT_FOUND', 'no receivable r-404'))],
      cause: serviceError(GrpcStatus.UNKNOWN, message),
    });
    const mapped = ledgerErrorOf(error);
    expect([mapped instanceof LedgerRefusal, mapped.code, mapped.message, mapped.details]).toEqual([
      true,
      'NOT_FOUND',
      'no receivable r-404',
      undefined,
    ]);
  });
});

describe('parseChaincodeRefusal', () => {
  it('finds the object after a prefix, with braces inside its message and text after it', () => {
    expect(parseChaincodeRefusal('chaincode response 500, {"code":"INVALID_ARGUMENT","message":"terms {a} are bad"} (peer note)')).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'terms {a} are bad',
    });
  });

  it('rejects codes the chaincode does not have, and non-string messages', () => {
    expect(parseChaincodeRefusal('{"code":"TEAPOT","message":"x"}')).toBeUndefined();
    expect(parseChaincodeRefusal('{"code":"NOT_FOUND","message":1}')).toBeUndefined();
    expect(parseChaincodeRefusal('{"code":"NOT_FOUND","message":"cut')).toBeUndefined();
  });
});

describe('network failures', () => {
  it.each([
    ['endorse UNAVAILABLE', endorseError([], GrpcStatus.UNAVAILABLE), TX_ID],
    ['endorse DEADLINE_EXCEEDED', endorseError([], GrpcStatus.DEADLINE_EXCEEDED), TX_ID],
    [
      'submit UNAVAILABLE',
      new SubmitError({
        code: GrpcStatus.UNAVAILABLE,
        details: [],
        cause: serviceError(GrpcStatus.UNAVAILABLE, 'no orderer'),
        transactionId: TX_ID,
        message: 'no orderer',
      }),
      TX_ID,
    ],
    [
      'evaluate DEADLINE_EXCEEDED',
      new GatewayError({
        code: GrpcStatus.DEADLINE_EXCEEDED,
        details: [],
        cause: serviceError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'),
      }),
      undefined,
    ],
    [
      'commit status CANCELLED (the peer reset the stream as its copy of the deadline expired)',
      new GatewayError({
        code: GrpcStatus.CANCELLED,
        details: [],
        cause: serviceError(GrpcStatus.CANCELLED, 'Call cancelled'),
      }),
      undefined,
    ],
  ])('%s → NetworkUnavailable (NETWORK_UNAVAILABLE)', (_name, error, transactionId) => {
    const mapped = ledgerErrorOf(error);
    expect(mapped).toBeInstanceOf(NetworkUnavailable);
    expect(mapped.code).toBe('NETWORK_UNAVAILABLE');
    expect(mapped.details).toEqual(transactionId === undefined ? undefined : { transactionId });
  });

  it('no endorsement plan (endorse FAILED_PRECONDITION, as after a chaincode upgrade) → NetworkUnavailable that says so', () => {
    const mapped = ledgerErrorOf(endorseError([], GrpcStatus.FAILED_PRECONDITION));
    expect([mapped instanceof NetworkUnavailable, mapped.code, mapped.details]).toEqual([
      true,
      'NETWORK_UNAVAILABLE',
      { transactionId: TX_ID },
    ]);
    expect(mapped.message).toContain('knows no set of peers that can endorse');
  });

  it('CommitStatusError → CommitUnknown (COMMIT_STATUS_UNKNOWN) with the transaction id', () => {
    const error = new CommitStatusError({
      code: GrpcStatus.DEADLINE_EXCEEDED,
      details: [],
      cause: serviceError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'),
      transactionId: TX_ID,
    });
    const mapped = ledgerErrorOf(error);
    expect([mapped instanceof CommitUnknown, mapped.code, mapped.details]).toEqual([
      true,
      'COMMIT_STATUS_UNKNOWN',
      { transactionId: TX_ID },
    ]);
  });

  it('endorsers that disagree (ABORTED without per-endorser details) → ReadConflict (CONFLICT), to be retried', () => {
    const mapped = ledgerErrorOf(endorseError([]));
    expect([mapped instanceof ReadConflict, mapped.code, mapped.details]).toEqual([true, 'CONFLICT', { transactionId: TX_ID }]);
  });

  it('endorsers that disagree, with the detail Fabric 3.1 attaches for the one that disagreed → ReadConflict (CONFLICT)', () => {
    const mapped = ledgerErrorOf(endorseError([peerDetail('ProposalResponsePayloads do not match', 'AuditorMSP')]));
    expect([mapped instanceof ReadConflict, mapped.code]).toEqual([true, 'CONFLICT']);
  });

  it('a chaincode that answered an error without our JSON is not a disagreement (INTERNAL, not retried as a conflict)', () => {
    const mapped = ledgerErrorOf(endorseError([peerDetail('chaincode response 500, unknown function Nope')]));
    expect([mapped instanceof LedgerFailure, mapped.code]).toEqual([true, 'INTERNAL']);
  });

  it('an unexpected gRPC status is an INTERNAL failure that says nothing of the peer', () => {
    const error = new GatewayError({
      code: GrpcStatus.PERMISSION_DENIED,
      details: [],
      cause: serviceError(GrpcStatus.PERMISSION_DENIED, 'access denied: channel [scf] creator org [X]'),
    });
    const mapped = ledgerErrorOf(error);
    expect([mapped instanceof LedgerFailure, mapped.code]).toEqual([true, 'INTERNAL']);
    expect(mapped.message).not.toContain('creator org');
  });
});

describe('CommitError', () => {
  const commitError = (code: number): CommitError =>
    new CommitError({
      code: code as CommitError['code'],
      transactionId: TX_ID,
      message: `Transaction ${TX_ID} failed to commit with status code ${code}`,
    });

  it.each([
    ['MVCC_READ_CONFLICT', StatusCode.MVCC_READ_CONFLICT, ReadConflict, 'CONFLICT'],
    ['PHANTOM_READ_CONFLICT', StatusCode.PHANTOM_READ_CONFLICT, ReadConflict, 'CONFLICT'],
    ['ENDORSEMENT_POLICY_FAILURE', StatusCode.ENDORSEMENT_POLICY_FAILURE, TransactionInvalid, 'TRANSACTION_INVALID'],
    ['DUPLICATE_TXID', StatusCode.DUPLICATE_TXID, TransactionInvalid, 'TRANSACTION_INVALID'],
    ['BAD_PAYLOAD', StatusCode.BAD_PAYLOAD, LedgerFailure, 'INTERNAL'],
  ])('%s (validation code %i) → %p %s, with the transaction id', (name, code, kind, ledgerCode) => {
    const mapped = ledgerErrorOf(commitError(code));
    expect(mapped).toBeInstanceOf(kind);
    expect([mapped.code, mapped.details]).toEqual([ledgerCode, { transactionId: TX_ID, validationCode: name }]);
  });
});

describe('anything else', () => {
  it("is not the ledger's to classify: returned untouched", () => {
    const gateRefusal = new Error('the gate said no');
    expect(toLedgerError(gateRefusal)).toBe(gateRefusal);
    const ledgerError = new NetworkUnavailable('down', undefined, undefined);
    expect(toLedgerError(ledgerError)).toBe(ledgerError);
  });
});
