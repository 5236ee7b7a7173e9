/** Unit tests: fabric-gateway errors built as the client library builds them, mapped to the API's errors. */
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError, StatusCode, type ErrorDetail } from '@hyperledger/fabric-gateway';
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';
import { ApiError } from '../http/api-error';
import { parseChaincodeRefusal, toApiError } from './errors';
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

describe('chaincode refusals in an EndorseError', () => {
  const expectedStatus: Record<ErrorCode, number> = {
    INVALID_ARGUMENT: 400,
    NOT_FOUND: 404,
    NOT_REGISTERED: 403,
    FORBIDDEN: 403,
    SUSPENDED: 403,
    ALREADY_EXISTS: 409,
    DUPLICATE_FINGERPRINT: 409,
    ENCUMBERED: 409,
    INVALID_STATE: 409,
    LIMIT_EXCEEDED: 422,
    CAP_EXCEEDED: 422,
    ADVANCE_RATE_EXCEEDED: 422,
    TENOR_EXCEEDED: 422,
    LINE_EXPIRED: 422,
    AMOUNT_EXCEEDS_OUTSTANDING: 422,
    COLLATERAL_INSUFFICIENT: 422,
    RISK_NOT_APPROVED: 422,
    CURRENCY_MISMATCH: 422,
    INTERNAL: 500,
  };

  it.each(Object.entries(expectedStatus))('%s → HTTP %i with the transaction id', (code, status) => {
    const mapped = toApiError(endorseError([peerDetail(chaincodeSays(code, 'receivable r-1 is pledged'))]));
    expect(mapped.httpStatus).toBe(status);
    expect(mapped.code).toBe(code);
    expect(mapped.details).toEqual({ transactionId: TX_ID });
  });

  it('passes the chaincode message through, except for INTERNAL whose text stays in the log', () => {
    expect(toApiError(endorseError([peerDetail(chaincodeSays('LIMIT_EXCEEDED', 'credit line cl-9 has 100 left'))])).message).toBe(
      'credit line cl-9 has 100 left',
    );
    const internal = toApiError(endorseError([peerDetail(chaincodeSays('INTERNAL', 'TypeError at /srv/chaincode/x.js:10'))]));
    expect(internal.message).not.toContain('TypeError');
    expect(internal.cause).toBeInstanceOf(EndorseError);
  });

  it('takes the first parseable refusal when endorsers disagree', () => {
    const mapped = toApiError(
      endorseError([
        peerDetail('chaincode response 500, not json at all', 'CoreMSP'),
        peerDetail(chaincodeSays('ENCUMBERED', 'pledged'), 'BankAMSP'),
        peerDetail(chaincodeSays('NOT_FOUND', 'missing'), 'BankBMSP'),
      ]),
    );
    expect(mapped.code).toBe('ENCUMBERED');
    expect(mapped.httpStatus).toBe(409);
  });

  it('never reads a code out of prose: a refusal without the JSON object is a 500', () => {
    const mapped = toApiError(endorseError([peerDetail('chaincode response 500, LIMIT_EXCEEDED: over the limit')]));
    expect(mapped.httpStatus).toBe(500);
    expect(mapped.code).toBe(ErrorCode.INTERNAL);
  });

  it('maps an evaluate GatewayError (gRPC UNKNOWN with details) the same way', () => {
    const message = `evaluate call to endorser returned error: ${chaincodeSays('NOT_FOUND', 'no receivable r-404')}`;
    const error = new GatewayError({
      code: GrpcStatus.UNKNOWN,
      details: [peerDetail(chaincodeSays('NOT_FOUND', 'no receivable r-404'))],
      cause: serviceError(GrpcStatus.UNKNOWN, message),
    });
    const mapped = toApiError(error);
    expect([mapped.httpStatus, mapped.code, mapped.message, mapped.details]).toEqual([404, 'NOT_FOUND', 'no receivable r-404', undefined]);
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
  ])('%s → 503 NETWORK_UNAVAILABLE', (_name, error, transactionId) => {
    const mapped = toApiError(error);
    expect(mapped.httpStatus).toBe(503);
    expect(mapped.code).toBe('NETWORK_UNAVAILABLE');
    expect(mapped.details).toEqual(transactionId === undefined ? undefined : { transactionId });
  });

  it('CommitStatusError → 503 COMMIT_STATUS_UNKNOWN with the transaction id', () => {
    const error = new CommitStatusError({
      code: GrpcStatus.DEADLINE_EXCEEDED,
      details: [],
      cause: serviceError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded'),
      transactionId: TX_ID,
    });
    const mapped = toApiError(error);
    expect([mapped.httpStatus, mapped.code, mapped.details]).toEqual([503, 'COMMIT_STATUS_UNKNOWN', { transactionId: TX_ID }]);
  });

  it('endorsers that disagree (ABORTED without per-endorser details) → 409 CONFLICT, to be retried', () => {
    const mapped = toApiError(endorseError([]));
    expect([mapped.httpStatus, mapped.code, mapped.details]).toEqual([409, 'CONFLICT', { transactionId: TX_ID }]);
  });

  it('an unexpected gRPC status is a 500 that says nothing of the peer', () => {
    const error = new GatewayError({
      code: GrpcStatus.PERMISSION_DENIED,
      details: [],
      cause: serviceError(GrpcStatus.PERMISSION_DENIED, 'access denied: channel [scf] creator org [X]'),
    });
    const mapped = toApiError(error);
    expect(mapped.httpStatus).toBe(500);
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
    ['MVCC_READ_CONFLICT', StatusCode.MVCC_READ_CONFLICT, 409, 'CONFLICT'],
    ['PHANTOM_READ_CONFLICT', StatusCode.PHANTOM_READ_CONFLICT, 409, 'CONFLICT'],
    ['ENDORSEMENT_POLICY_FAILURE', StatusCode.ENDORSEMENT_POLICY_FAILURE, 409, 'TRANSACTION_INVALID'],
    ['DUPLICATE_TXID', StatusCode.DUPLICATE_TXID, 409, 'TRANSACTION_INVALID'],
    ['BAD_PAYLOAD', StatusCode.BAD_PAYLOAD, 500, 'INTERNAL'],
  ])('%s (validation code %i) → HTTP %i %s, with the transaction id', (name, code, status, apiCode) => {
    const mapped = toApiError(commitError(code));
    expect([mapped.httpStatus, mapped.code, mapped.details]).toEqual([status, apiCode, { transactionId: TX_ID, validationCode: name }]);
  });
});

describe('anything else', () => {
  it('an ApiError passes through; any other error becomes a bare 500', () => {
    const apiError = new ApiError(422, ErrorCode.LIMIT_EXCEEDED, 'over');
    expect(toApiError(apiError)).toBe(apiError);
    const mapped = toApiError(new Error('ENOENT /etc/secret'));
    expect(mapped.toBody()).toEqual({ code: 'INTERNAL', message: 'internal error' });
  });
});
