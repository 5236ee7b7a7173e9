/** Unit tests: LedgerClient's retry, unknown-outcome and risk-gate logic over a scripted fake of fabric-gateway. */
import { Metadata, status as GrpcStatus, type CallOptions, type ServiceError } from '@grpc/grpc-js';
import { CommitStatusError, EndorseError, StatusCode, type Status } from '@hyperledger/fabric-gateway';
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';
import { gateway as gatewayProtos, peer } from '@hyperledger/fabric-protos';
import { fakeNetwork } from '../testing/fakes';
import { CommitOutcomeUnknownError, LedgerRefusal, NetworkUnavailable, ReadConflict, TransactionInvalid } from './errors';
import { LedgerClient, type GatewayPort, type LedgerClientSettings, type LedgerTimeouts } from './ledger-client';
import { call, fcn, tx } from '@scf/kernel/catalogue/catalogue';

const NOW = 1_000_000;
const TIMEOUTS: LedgerTimeouts = {
  evaluateMs: 1,
  endorseMs: 2,
  submitMs: 3,
  commitStatusMs: 400,
  unknownOutcomeCheckMs: 5,
  commitResendAfterMs: 100,
  submitRetryMs: 7,
  endorsementPlanWaitMs: 30,
  endorsementPlanRetryMs: 10,
};
const encoder = new TextEncoder();

function serviceError(code: GrpcStatus): ServiceError {
  return Object.assign(new Error(GrpcStatus[code]), { code, details: GrpcStatus[code], metadata: new Metadata() });
}

type Step =
  | Status['code']
  | 'submit-unavailable'
  | 'submit-stuck'
  | 'status-unknown'
  | 'commit-late'
  | 'commit-wait-cancelled'
  | 'duplicate-of-valid';

/** Records what the client does; each proposal's fate is scripted by `commitOutcomes`. */
class ScriptedFabric {
  readonly proposals: { transactionId: string; name: string; args: readonly (string | Uint8Array)[]; deadlines: number[] }[] = [];
  readonly submits: string[] = [];
  readonly statusQueries: { transactionId: string; deadline: number }[] = [];
  readonly sleeps: number[] = [];
  /** One entry per proposal: the validation code its commit gets, or a submit that fails UNAVAILABLE. */
  commitOutcomes: Step[] = [];
  /** What asking for a transaction's status by id answers: its code, or undefined to time out. */
  statusById = new Map<string, Status['code']>();
  endorseFailure: Error | undefined;
  /** What qscc GetTransactionByID finds: the validation code of each transaction id on the ledger. */
  readonly onLedger = new Map<string, number>();
  /** How many endorsements fail with endorseFailure before they succeed. */
  endorseFailuresLeft = Number.POSITIVE_INFINITY;
  /** Envelopes sent again (newTransaction + submit), by transaction id, and what their commit gets (undefined: the submit fails). */
  readonly resent: string[] = [];
  readonly resendOutcome = new Map<string, Status['code']>();
  /** Told the deadline of every commit-status wait that runs out (a test's clock can jump to it). */
  onWaitExpired: (deadline: number) => void = () => undefined;

  readonly port: GatewayPort = {
    getIdentity: () => ({ mspId: 'BankAMSP', credentials: encoder.encode('cert') }),
    getNetwork: () =>
      ({
        getContract: (_chaincode: string, contract?: string) => ({
          newProposal: (name: string, options?: { arguments?: (string | Uint8Array)[] }) =>
            this.#newProposal(`${contract ?? ''}:${name}`, options?.arguments ?? []),
          evaluate: (name: string, options?: { arguments?: string[] }) => {
            const transactionId = options?.arguments?.[1] ?? '';
            const code = this.onLedger.get(transactionId);
            if (name !== 'GetTransactionByID' || code === undefined) {
              return Promise.reject(
                new EndorseError({ code: GrpcStatus.UNKNOWN, details: [], cause: serviceError(GrpcStatus.UNKNOWN), transactionId: 'qscc' }),
              );
            }
            const processed = new peer.ProcessedTransaction();
            processed.setValidationcode(code);
            return Promise.resolve(processed.serializeBinary());
          },
        }),
      }) as never,
    newTransaction: (bytes: Uint8Array) => {
      const transactionId = text(bytes).replace(/^envelope of /, '');
      return {
        getTransactionId: () => transactionId,
        submit: () => {
          this.resent.push(transactionId);
          const code = this.resendOutcome.get(transactionId);
          if (code === StatusCode.DUPLICATE_TXID) {
            // The first copy reached the ledger meanwhile.
            this.onLedger.set(transactionId, peer.TxValidationCode.VALID);
          }
          return code === undefined
            ? Promise.reject(
                new SubmitError({ code: GrpcStatus.UNAVAILABLE, details: [], cause: serviceError(GrpcStatus.UNAVAILABLE), transactionId }),
              )
            : Promise.resolve({ getStatus: () => Promise.resolve(status(transactionId, code)) });
        },
      } as never;
    },
    newCommit: (bytes: Uint8Array) => {
      const request = gatewayProtos.CommitStatusRequest.deserializeBinary(
        gatewayProtos.SignedCommitStatusRequest.deserializeBinary(bytes).getRequest_asU8(),
      );
      const transactionId = request.getTransactionId();
      return {
        getTransactionId: () => transactionId,
        getStatus: (options?: CallOptions) => {
          this.statusQueries.push({ transactionId, deadline: Number(options?.deadline) });
          const code = this.statusById.get(transactionId);
          return code === undefined
            ? Promise.reject(
                new CommitStatusError({
                  code: GrpcStatus.DEADLINE_EXCEEDED,
                  details: [],
                  cause: serviceError(GrpcStatus.DEADLINE_EXCEEDED),
                  transactionId,
                }),
              )
            : Promise.resolve(status(transactionId, code));
        },
      } as never;
    },
  };

  #newProposal(name: string, args: readonly (string | Uint8Array)[]): unknown {
    const index = this.proposals.length;
    const transactionId = `tx-${index + 1}`;
    const record = { transactionId, name, args, deadlines: [] as number[] };
    this.proposals.push(record);
    const result = encoder.encode(`result of ${transactionId}`);
    const transaction = {
      getTransactionId: () => transactionId,
      getResult: () => result,
      getBytes: () => encoder.encode(`envelope of ${transactionId}`),
      submit: (options?: CallOptions) => {
        record.deadlines.push(Number(options?.deadline));
        this.submits.push(transactionId);
        const outcome = this.commitOutcomes[index] ?? StatusCode.VALID;
        if (
          (outcome === 'submit-unavailable' || outcome === 'submit-stuck') &&
          this.submits.filter((id) => id === transactionId).length === 1
        ) {
          const code = outcome === 'submit-stuck' ? GrpcStatus.DEADLINE_EXCEEDED : GrpcStatus.UNAVAILABLE;
          return Promise.reject(new SubmitError({ code, details: [], cause: serviceError(code), transactionId }));
        }
        const code =
          outcome === 'submit-unavailable' || outcome === 'submit-stuck' || outcome === 'commit-late' || outcome === 'commit-wait-cancelled'
            ? StatusCode.VALID
            : outcome;
        return Promise.resolve({
          getResult: () => result,
          getTransactionId: () => transactionId,
          getStatus: (statusOptions?: CallOptions) => {
            record.deadlines.push(Number(statusOptions?.deadline));
            // 'commit-late': the first wait runs out (the envelope was lost), the wait after a resend sees it.
            // 'commit-wait-cancelled': the same, but the peer ended the wait with RST_STREAM CANCEL.
            const late =
              (outcome === 'commit-late' || outcome === 'commit-wait-cancelled' || outcome === 'duplicate-of-valid') &&
              this.submits.filter((id) => id === transactionId).length === 1;
            if (code === 'status-unknown' || late) {
              this.onWaitExpired(Number(statusOptions?.deadline));
              const grpcCode = outcome === 'commit-wait-cancelled' ? GrpcStatus.CANCELLED : GrpcStatus.DEADLINE_EXCEEDED;
              return Promise.reject(new CommitStatusError({ code: grpcCode, details: [], cause: serviceError(grpcCode), transactionId }));
            }
            if (code === 'duplicate-of-valid') {
              // The status came from the resent copy, ordered after the first one, which committed.
              this.onLedger.set(transactionId, peer.TxValidationCode.VALID);
              return Promise.resolve(status(transactionId, StatusCode.DUPLICATE_TXID));
            }
            return Promise.resolve(status(transactionId, code));
          },
        });
      },
    };
    return {
      getTransactionId: () => transactionId,
      evaluate: (options?: CallOptions) => {
        record.deadlines.push(Number(options?.deadline));
        return Promise.resolve(result);
      },
      endorse: (options?: CallOptions) => {
        record.deadlines.push(Number(options?.deadline));
        if (this.endorseFailure && this.endorseFailuresLeft > 0) {
          this.endorseFailuresLeft--;
          return Promise.reject(this.endorseFailure);
        }
        return Promise.resolve(transaction);
      },
    };
  }
}

function status(transactionId: string, code: Status['code']): Status {
  return { transactionId, code, successful: code === StatusCode.VALID, blockNumber: 42n };
}

function clientOver(fabric: ScriptedFabric, extra: Partial<LedgerClientSettings> = {}): LedgerClient {
  const identity = fakeNetwork().orgs[0]?.users[0];
  if (!identity) {
    throw new Error('no identity');
  }
  return new LedgerClient(identity, fabric.port, {
    channel: 'scf',
    chaincode: 'scf',
    timeouts: TIMEOUTS,
    conflictAttempts: 3,
    conflictBackoffMs: 40,
    now: () => NOW,
    random: () => 0.75,
    sleep: (ms) => {
      fabric.sleeps.push(ms);
      return Promise.resolve();
    },
    ...extra,
  });
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function noEndorsementPlan(): EndorseError {
  return new EndorseError({
    code: GrpcStatus.FAILED_PRECONDITION,
    details: [],
    cause: serviceError(GrpcStatus.FAILED_PRECONDITION),
    transactionId: 'tx-1',
  });
}

describe('LedgerClient.submit', () => {
  it('endorses, submits and waits for commit, with a deadline on every call', async () => {
    const fabric = new ScriptedFabric();
    const committed = await clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'label-1' }));
    expect(committed).toEqual({ transactionId: 'tx-1', blockNumber: 42n, result: encoder.encode('result of tx-1') });
    expect(fabric.proposals.map((p) => [p.name, p.args])).toEqual([[fcn(tx.system.Heartbeat), ['label-1']]]);
    expect(fabric.proposals[0]?.deadlines).toEqual([NOW + TIMEOUTS.endorseMs, NOW + TIMEOUTS.submitMs, NOW + TIMEOUTS.commitResendAfterMs]);
  });

  it('retries an MVCC read conflict with a NEW proposal after a jittered backoff', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = [StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT, StatusCode.VALID];
    const committed = await clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'x' }));
    expect(committed.transactionId).toBe('tx-3');
    expect(fabric.submits).toEqual(['tx-1', 'tx-2', 'tx-3']);
    // 40 ms × 2^(attempt-1) × (0.5 + 0.75)
    expect(fabric.sleeps).toEqual([50, 100]);
  });

  it('gives up after 3 proposals with a ReadConflict (CONFLICT) naming the last transaction', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = [StatusCode.MVCC_READ_CONFLICT, StatusCode.MVCC_READ_CONFLICT, StatusCode.MVCC_READ_CONFLICT, StatusCode.VALID];
    const failure = await clientOver(fabric)
      .submit(call(tx.system.Heartbeat, { label: 'x' }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ReadConflict);
    expect(failure).toMatchObject({
      code: 'CONFLICT',
      details: { transactionId: 'tx-3', validationCode: 'MVCC_READ_CONFLICT' },
    });
    expect(fabric.proposals).toHaveLength(3);
  });

  it('does not retry a validation failure other than a read conflict', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = [StatusCode.ENDORSEMENT_POLICY_FAILURE];
    const failure = await clientOver(fabric)
      .submit(call(tx.system.Heartbeat, { label: 'x' }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransactionInvalid);
    expect(failure).toMatchObject({ code: 'TRANSACTION_INVALID' });
    expect(fabric.proposals).toHaveLength(1);
  });

  it('after an UNAVAILABLE submit (no Raft leader, a dead orderer), sends the SAME envelope again after submitRetryMs', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = ['submit-unavailable'];
    const committed = await clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'x' }));
    expect(committed.transactionId).toBe('tx-1');
    expect(fabric.submits).toEqual(['tx-1', 'tx-1']);
    expect(fabric.sleeps).toEqual([TIMEOUTS.submitRetryMs]);
    expect(fabric.proposals).toHaveLength(1);
  });

  it('sends again at once a submit that ran out its deadline (an orderer holding it), without the refusal pause', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = ['submit-stuck'];
    const committed = await clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'x' }));
    expect(committed.transactionId).toBe('tx-1');
    expect(fabric.submits).toEqual(['tx-1', 'tx-1']);
    expect(fabric.sleeps).toEqual([]);
  });

  it('when the commit is not seen within commitResendAfterMs, sends the same envelope again and waits on (never a new proposal)', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = ['commit-late'];
    const committed = await clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'x' }));
    expect(committed).toMatchObject({ transactionId: 'tx-1', blockNumber: 42n });
    expect(fabric.submits).toEqual(['tx-1', 'tx-1']);
    expect(fabric.proposals).toHaveLength(1);
    const { endorseMs, submitMs, commitResendAfterMs } = TIMEOUTS;
    expect(fabric.proposals[0]?.deadlines).toEqual([
      NOW + endorseMs,
      NOW + submitMs,
      NOW + commitResendAfterMs,
      NOW + submitMs,
      NOW + commitResendAfterMs,
    ]);
  });

  it('treats a commit wait the peer ended as CANCELLED (its copy of the deadline ran out first) as not seen: sends again', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = ['commit-wait-cancelled'];
    const committed = await clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'x' }));
    expect(committed).toMatchObject({ transactionId: 'tx-1', blockNumber: 42n });
    expect(fabric.submits).toEqual(['tx-1', 'tx-1']);
    expect(fabric.proposals).toHaveLength(1);
  });

  it('after a resend, answers a copy invalidated as DUPLICATE_TXID with the validation code of the copy on the ledger', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = ['duplicate-of-valid'];
    const committed = await clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'x' }));
    expect(committed).toMatchObject({ transactionId: 'tx-1' });
    expect(fabric.submits).toEqual(['tx-1', 'tx-1']);
    expect(fabric.proposals).toHaveLength(1);
  });

  it('resends every commitResendAfterMs until commitStatusMs has passed, then reports the unknown outcome', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = ['status-unknown'];
    let clock = NOW;
    fabric.onWaitExpired = (deadline) => {
      clock = deadline;
    };
    const failure = await clientOver(fabric, { now: () => clock })
      .submit(call(tx.system.Heartbeat, { label: 'x' }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommitOutcomeUnknownError);
    // 400 ms of commit wait, a resend every 100 ms: sent at 0, 100, 200 and 300 ms.
    expect(fabric.submits).toEqual(['tx-1', 'tx-1', 'tx-1', 'tx-1']);
    expect(clock - NOW).toBe(TIMEOUTS.commitStatusMs);
    expect(fabric.proposals).toHaveLength(1);
  });

  it('sends nothing again once the decision it carries expired (sendUntilMs), and hands that time on with the unknown outcome', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = ['status-unknown'];
    let clock = NOW;
    fabric.onWaitExpired = (deadline) => {
      clock = deadline;
    };
    const sendUntilMs = NOW + 150;
    const failure = await clientOver(fabric, { now: () => clock })
      .submit(call(tx.system.Heartbeat, { label: 'x' }), { sendUntilMs })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommitOutcomeUnknownError);
    // Sent at 0 and 100 ms; the resend due at 200 ms is past the decision's expiry (150 ms).
    expect(fabric.submits).toEqual(['tx-1', 'tx-1']);
    expect(clock).toBe(sendUntilMs);
    expect((failure as CommitOutcomeUnknownError).sendUntilMs).toBe(sendUntilMs);
  });

  it('when the commit status cannot be read, reports THAT transaction and its endorsed result (COMMIT_STATUS_UNKNOWN), and proposes nothing new', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = ['status-unknown'];
    const failure = await clientOver(fabric)
      .submit(call(tx.system.Heartbeat, { label: 'x' }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommitOutcomeUnknownError);
    expect(failure).toMatchObject({
      code: 'COMMIT_STATUS_UNKNOWN',
      transactionId: 'tx-1',
      details: { transactionId: 'tx-1' },
    });
    expect(new TextDecoder().decode((failure as CommitOutcomeUnknownError).result)).toBe('result of tx-1');
    expect(fabric.proposals).toHaveLength(1);
  });

  it("tells a transaction's fate from qscc GetTransactionByID: committed, invalidated, or unknown when not found", async () => {
    const fabric = new ScriptedFabric();
    fabric.onLedger.set('tx-valid', peer.TxValidationCode.VALID);
    fabric.onLedger.set('tx-mvcc', peer.TxValidationCode.MVCC_READ_CONFLICT);
    const client = clientOver(fabric);
    expect(await client.transactionFate('tx-valid')).toEqual({ state: 'committed', blockNumber: undefined });
    expect(await client.transactionFate('tx-mvcc')).toEqual({ state: 'invalid', validationCode: 'MVCC_READ_CONFLICT' });
    expect(await client.transactionFate('tx-nowhere')).toEqual({ state: 'unknown' });
    expect(fabric.submits).toEqual([]);
    expect(fabric.resent).toEqual([]);
  });

  it('given the signed envelope, sends a transaction qscc does not know again (same transaction id) and awaits it', async () => {
    const fabric = new ScriptedFabric();
    const client = clientOver(fabric);
    const envelope = (transactionId: string): Uint8Array => encoder.encode(`envelope of ${transactionId}`);
    fabric.resendOutcome.set('tx-lost', StatusCode.VALID);
    expect(await client.transactionFate('tx-lost', envelope('tx-lost'))).toEqual({ state: 'committed', blockNumber: 42n });
    fabric.resendOutcome.set('tx-conflict', StatusCode.MVCC_READ_CONFLICT);
    expect(await client.transactionFate('tx-conflict', envelope('tx-conflict'))).toEqual({
      state: 'invalid',
      validationCode: 'MVCC_READ_CONFLICT',
    });
    // The first copy committed meanwhile: the second is a duplicate, and the first one's code is the answer.
    fabric.resendOutcome.set('tx-late', StatusCode.DUPLICATE_TXID);
    expect(await client.transactionFate('tx-late', envelope('tx-late'))).toEqual({ state: 'committed', blockNumber: undefined });
    // The orderer still unreachable: unknown, and nothing else was sent.
    expect(await client.transactionFate('tx-stuck', envelope('tx-stuck'))).toEqual({ state: 'unknown' });
    // An envelope of another transaction is not sent.
    expect(await client.transactionFate('tx-other', envelope('tx-elsewhere'))).toEqual({ state: 'unknown' });
    expect(fabric.resent).toEqual(['tx-lost', 'tx-conflict', 'tx-late', 'tx-stuck']);
    expect(fabric.proposals).toEqual([]);
  });

  it('a submit with an unknown outcome carries its signed envelope, for a retry to send again', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = ['status-unknown'];
    const failure = await clientOver(fabric)
      .submit(call(tx.system.Heartbeat, { label: 'x' }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommitOutcomeUnknownError);
    expect(text((failure as CommitOutcomeUnknownError).envelope ?? new Uint8Array())).toBe('envelope of tx-1');
  });

  it('retries endorsers that disagreed (ABORTED, no details) with a new proposal', async () => {
    const fabric = new ScriptedFabric();
    fabric.endorseFailure = new EndorseError({
      code: GrpcStatus.ABORTED,
      details: [],
      cause: serviceError(GrpcStatus.ABORTED),
      transactionId: 'tx-1',
    });
    fabric.endorseFailuresLeft = 1;
    const committed = await clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'x' }));
    expect(committed.transactionId).toBe('tx-2');
    expect(fabric.submits).toEqual(['tx-2']);
  });

  it('retries endorsers that disagreed with the detail Fabric 3.1 attaches (ProposalResponsePayloads do not match)', async () => {
    const fabric = new ScriptedFabric();
    fabric.endorseFailure = new EndorseError({
      code: GrpcStatus.ABORTED,
      details: [{ address: 'peer0.auditor', mspId: 'AuditorMSP', message: 'ProposalResponsePayloads do not match' }],
      cause: serviceError(GrpcStatus.ABORTED),
      transactionId: 'tx-1',
    });
    fabric.endorseFailuresLeft = 1;
    const committed = await clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'x' }));
    expect(committed.transactionId).toBe('tx-2');
    expect(fabric.submits).toEqual(['tx-2']);
  });

  it('waits for an endorsement plan (FAILED_PRECONDITION) with new proposals, without spending its conflict attempts', async () => {
    const fabric = new ScriptedFabric();
    fabric.endorseFailure = noEndorsementPlan();
    fabric.endorseFailuresLeft = 3;
    // One entry per proposal: the first three never reach a commit.
    fabric.commitOutcomes = [
      StatusCode.VALID,
      StatusCode.VALID,
      StatusCode.VALID,
      StatusCode.MVCC_READ_CONFLICT,
      StatusCode.MVCC_READ_CONFLICT,
    ];
    const committed = await clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'x' }));
    expect(committed.transactionId).toBe('tx-6');
    expect(fabric.submits).toEqual(['tx-4', 'tx-5', 'tx-6']);
    expect(fabric.sleeps).toEqual([10, 10, 10, 50, 100]);
  });

  it('gives up waiting for an endorsement plan after endorsementPlanWaitMs: NETWORK_UNAVAILABLE, nothing submitted', async () => {
    const fabric = new ScriptedFabric();
    fabric.endorseFailure = noEndorsementPlan();
    const failure = clientOver(fabric).submit(call(tx.system.Heartbeat, { label: 'x' }));
    await expect(failure).rejects.toBeInstanceOf(NetworkUnavailable);
    // 30 ms in rounds of 10 (the clock stands still): the first proposal and three more.
    expect(fabric.proposals).toHaveLength(4);
    expect(fabric.submits).toEqual([]);
  });

  it('maps an endorsement refusal to the chaincode code', async () => {
    const fabric = new ScriptedFabric();
    fabric.endorseFailure = new EndorseError({
      code: GrpcStatus.ABORTED,
      details: [
        {
          address: 'peer',
          mspId: 'BankAMSP',
          message: 'chaincode response 500, {"code":"LIMIT_EXCEEDED","message":"line cl-1 exhausted"}',
        },
      ],
      cause: serviceError(GrpcStatus.ABORTED),
      transactionId: 'tx-1',
    });
    const failure = clientOver(fabric).submit(call(tx.creditLine.SetCreditLineLimit, { lineId: 'cl-1' }));
    await expect(failure).rejects.toBeInstanceOf(LedgerRefusal);
    await expect(failure).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: 'line cl-1 exhausted',
    });
    expect(fabric.submits).toEqual([]);
  });
});

describe('LedgerClient.endorseThenDecide', () => {
  const REQUEST = call(tx.financing.RequestFinancing, { financingId: 'f-1', receivableId: 'r-1', lineId: 'l-1', amount: '100' });

  it('on reject, hands decide the endorsed result and submits nothing', async () => {
    const fabric = new ScriptedFabric();
    const seen: [string, string][] = [];
    const outcome = await clientOver(fabric).endorseThenDecide(REQUEST, (result, transactionId) => {
      seen.push([text(result), transactionId]);
      return Promise.resolve({ proceed: false as const, reason: 'SCORE_TOO_HIGH' });
    });
    expect(seen).toEqual([['result of tx-1', 'tx-1']]);
    expect(outcome).toEqual({
      submitted: false,
      decision: { proceed: false, reason: 'SCORE_TOO_HIGH' },
      transactionId: 'tx-1',
      result: encoder.encode('result of tx-1'),
    });
    expect(fabric.submits).toEqual([]);
  });

  it('on proceed, submits the very transaction that was decided on', async () => {
    const fabric = new ScriptedFabric();
    const decided: string[] = [];
    const outcome = await clientOver(fabric).endorseThenDecide(REQUEST, (_result, transactionId) => {
      decided.push(transactionId);
      return Promise.resolve({ proceed: true as const });
    });
    expect(outcome).toMatchObject({ submitted: true, transactionId: 'tx-1', blockNumber: 42n });
    expect(fabric.submits).toEqual(decided);
  });

  it('on a read conflict, decides again on the new endorsement before submitting it', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = [StatusCode.MVCC_READ_CONFLICT, StatusCode.VALID];
    const decided: string[] = [];
    await clientOver(fabric).endorseThenDecide(REQUEST, (result) => {
      decided.push(text(result));
      return Promise.resolve({ proceed: true as const });
    });
    expect(decided).toEqual(['result of tx-1', 'result of tx-2']);
    expect(fabric.submits).toEqual(['tx-1', 'tx-2']);
  });
});

describe('LedgerClient.evaluate', () => {
  it('evaluates with the evaluate deadline and never submits', async () => {
    const fabric = new ScriptedFabric();
    const result = await clientOver(fabric).evaluate(call(tx.system.Version));
    expect(text(result)).toBe('result of tx-1');
    expect(fabric.proposals[0]?.deadlines).toEqual([NOW + TIMEOUTS.evaluateMs]);
    expect(fabric.submits).toEqual([]);
  });
});

describe('LedgerClient read-your-writes hooks', () => {
  /** A client whose untilPeerCaughtUp hook logs each call and holds it until the test releases it. */
  function hookedClient(fabric: ScriptedFabric, log: string[]): { client: LedgerClient; release: () => void } {
    let release = (): void => undefined;
    const client = clientOver(fabric, {
      untilPeerCaughtUp: () => {
        log.push(`wait (${String(fabric.proposals.length)} proposals so far)`);
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      onCommitted: (blockNumber) => log.push(`committed in ${String(blockNumber)}`),
    });
    return {
      client,
      release: () => {
        release();
      },
    };
  }

  it('holds an evaluate until the peer has caught up', async () => {
    const fabric = new ScriptedFabric();
    const log: string[] = [];
    const { client, release } = hookedClient(fabric, log);
    const evaluated = client.evaluate(call(tx.receivable.GetReceivable, { receivableId: 'r-1' }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['wait (0 proposals so far)']);
    expect(fabric.proposals).toHaveLength(0);
    release();
    await evaluated;
    expect(fabric.proposals).toHaveLength(1);
  });

  it('holds each endorsement until the peer has caught up, and reports the commit block', async () => {
    const fabric = new ScriptedFabric();
    fabric.commitOutcomes = [StatusCode.MVCC_READ_CONFLICT, StatusCode.VALID];
    const log: string[] = [];
    const { client, release } = hookedClient(fabric, log);
    const submitted = client.submit(call(tx.receivable.ConfirmReceivable, { receivableId: 'r-1' }));
    for (let i = 0; i < 2; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      expect(fabric.submits).toHaveLength(i);
      release();
    }
    await submitted;
    // The conflicted first attempt committed (invalid) too, but only a valid commit is a write to read.
    expect(log).toEqual(['wait (1 proposals so far)', 'wait (2 proposals so far)', 'committed in 42']);
  });
});
