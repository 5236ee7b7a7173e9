import {
  CommitError,
  type Commit,
  type Contract,
  type Gateway,
  type ProposalOptions,
  type Status,
  type Transaction,
} from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import type { IdentityFiles } from './org-network';
import { LEDGER_FAILOVER_TIMINGS } from '../config';
import { ledgerResendsTotal, ledgerRetriesTotal, timeLedgerCall } from '../ops/metrics';
import {
  CommitOutcomeUnknownError,
  isDeadlineExceeded,
  isEndorsementDisagreement,
  isNetworkUnavailable,
  isNoEndorsementPlan,
  isOutcomeUnknown,
  isReadConflict,
  toLedgerError,
  validationCodeName,
} from './errors';
import type {
  ChaincodeArgument,
  CommittedTransaction,
  DecideOnEndorsement,
  EvaluateOptions,
  GateDecision,
  GatedTransaction,
  Ledger,
  SubmitOptions,
  TransactionFate,
} from './ledger';
import type { EvaluateCall, SubmitCall } from '@scf/kernel/catalogue/catalogue';
import { type SealedAnswer, openSealed } from '@scf/kernel/sealed-answer';
import { SubmitLatency } from './submit-deadline';
import { readFileSync } from 'node:fs';

/** The part of a fabric-gateway Gateway this client uses. */
export type GatewayPort = Pick<Gateway, 'getNetwork' | 'newCommit' | 'getIdentity' | 'newTransaction'>;

export interface LedgerTimeouts {
  readonly evaluateMs: number;
  readonly endorseMs: number;
  readonly submitMs: number;
  readonly commitStatusMs: number;
  /** How long to ask for the status of a transaction whose submit outcome is unknown. */
  readonly unknownOutcomeCheckMs: number;
  /** A submitted transaction whose commit is not seen within this is sent again (the same envelope). */
  readonly commitResendAfterMs: number;
  /** Pause before sending again an envelope the ordering service refused or did not answer. */
  readonly submitRetryMs: number;
  /**
   * How long a transaction waits for its org's peer to know a set of endorsers again (see
   * isNoEndorsementPlan: seconds after a chaincode upgrade), proposing anew every
   * `endorsementPlanRetryMs`; after it, the request fails as NETWORK_UNAVAILABLE.
   */
  readonly endorsementPlanWaitMs: number;
  readonly endorsementPlanRetryMs: number;
}

export interface LedgerClientSettings {
  readonly channel: string;
  readonly chaincode: string;
  readonly timeouts: LedgerTimeouts;
  /** Proposals per request when commits fail with MVCC / phantom read conflicts. */
  readonly conflictAttempts: number;
  readonly conflictBackoffMs: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /**
   * Read-your-writes: called before every evaluate and endorsement; a promise holds the call until
   * this client's peer has committed the gateway's latest write (bounded), undefined lets it go now.
   */
  readonly untilPeerCaughtUp?: () => Promise<void> | undefined;
  /** Told the block of every transaction this client committed. */
  readonly onCommitted?: (blockNumber: bigint) => void;
}

/**
 * Submit returns once an orderer accepted the envelope (well under a second here); a submit that
 * hangs is usually one sent to a dead orderer, and every second it waits is a second an
 * Idempotency-Key retry of that transaction waits too, so submit and the unknown-outcome check
 * are short while the commit wait stays long. The failover timings (a 2 s submit, resends) are
 * explained with LEDGER_FAILOVER_TIMINGS in config.ts.
 */
export const DEFAULT_LEDGER_TIMEOUTS: LedgerTimeouts = {
  evaluateMs: 30_000,
  endorseMs: 60_000,
  commitStatusMs: 120_000,
  unknownOutcomeCheckMs: 5_000,
  // After an upgrade the other peers commit the new definition within a second or so; a peer
  // that lags further is out of the plan anyway until it catches up.
  endorsementPlanWaitMs: 10_000,
  endorsementPlanRetryMs: 500,
  ...LEDGER_FAILOVER_TIMINGS,
};

const sleepFor = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

const PROCEED: GateDecision = { proceed: true };
const alwaysProceed = (): Promise<GateDecision> => Promise.resolve(PROCEED);

type Outcome<D extends GateDecision> = GatedTransaction<D>;

/**
 * fabric-gateway for one caller identity: evaluate, submit (with read-conflict retries and
 * at-most-once commit when the submit outcome is unknown), and the risk gate's
 * endorse → decide → submit-the-same-transaction primitive.
 */
export class LedgerClient implements Ledger {
  readonly #gateway: GatewayPort;
  readonly #settings: LedgerClientSettings;
  readonly #contracts = new Map<string, Contract>();
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  #privateKey: Buffer | undefined;
  readonly #submitLatency: SubmitLatency;

  constructor(
    public readonly identity: IdentityFiles,
    gateway: GatewayPort,
    settings: LedgerClientSettings,
  ) {
    this.#gateway = gateway;
    this.#settings = settings;
    this.#now = settings.now ?? Date.now;
    this.#sleep = settings.sleep ?? sleepFor;
    this.#random = settings.random ?? Math.random;
    this.#submitLatency = new SubmitLatency(settings.timeouts.submitMs);
  }

  unseal(sealed: SealedAnswer): Uint8Array {
    this.#privateKey ??= readFileSync(this.identity.keyPath);
    return openSealed(sealed, this.#privateKey);
  }

  async evaluate({ contract, transaction, args }: EvaluateCall, options: EvaluateOptions = {}): Promise<Uint8Array> {
    try {
      await this.#settings.untilPeerCaughtUp?.();
      const proposal = this.#contract(contract).newProposal(transaction, proposalOptions(args, options));
      return await timeLedgerCall('evaluate', contract, transaction, () =>
        proposal.evaluate({ deadline: this.#deadline(this.#settings.timeouts.evaluateMs) }),
      );
    } catch (error) {
      throw toLedgerError(error);
    }
  }

  async submit(call: SubmitCall, options: SubmitOptions = {}): Promise<CommittedTransaction> {
    const outcome = await this.endorseThenDecide(call, alwaysProceed, options);
    if (!outcome.submitted) {
      throw new Error('unreachable: a transaction that always proceeds was not submitted');
    }
    return { transactionId: outcome.transactionId, blockNumber: outcome.blockNumber, result: outcome.result };
  }

  /**
   * Endorses, hands the endorsed result to `decide`, and submits that same endorsed transaction
   * only if it says proceed; otherwise nothing reaches the orderer. On a read conflict at commit
   * the whole cycle (new proposal, new endorsement, `decide` again on the new result) is retried.
   */
  async endorseThenDecide<D extends GateDecision>(
    { contract, transaction, args }: SubmitCall,
    decide: DecideOnEndorsement<D>,
    options: SubmitOptions = {},
  ): Promise<GatedTransaction<D>> {
    try {
      const planWait = this.#planWait();
      for (let attempt = 1; ;) {
        const outcome = await this.#attempt(contract, transaction, args, decide, options, attempt, planWait);
        if (outcome === 'no-plan') {
          await this.#sleep(this.#settings.timeouts.endorsementPlanRetryMs);
        } else if (outcome === 'retry') {
          await this.#sleep(this.#backoffMs(attempt));
          attempt++;
        } else {
          return outcome;
        }
      }
    } catch (error) {
      throw toLedgerError(error);
    }
  }

  async blockHeight(): Promise<bigint> {
    try {
      const qscc = this.#gateway.getNetwork(this.#settings.channel).getContract('qscc');
      const bytes = await timeLedgerCall('evaluate', 'qscc', 'GetChainInfo', () =>
        qscc.evaluate('GetChainInfo', { arguments: [this.#settings.channel] }),
      );
      return BigInt(common.BlockchainInfo.deserializeBinary(bytes).getHeight());
    } catch (error) {
      throw toLedgerError(error);
    }
  }

  /**
   * The fate of a transaction submitted earlier, from qscc GetTransactionByID on the peer: found
   * with its validation code, or unknown (not found — not ordered or not yet committed — or the
   * peer did not answer). Never submits anything.
   */
  async transactionFate(transactionId: string, envelope?: Uint8Array): Promise<TransactionFate> {
    const known = await this.#lookUpTransaction(transactionId);
    return known.state === 'unknown' && envelope !== undefined ? this.#sendAgain(transactionId, envelope) : known;
  }

  /** Submits a stored signed envelope again and awaits its commit; any failure leaves the fate unknown. */
  async #sendAgain(transactionId: string, envelope: Uint8Array): Promise<TransactionFate> {
    let status: Status;
    try {
      const again = this.#gateway.newTransaction(envelope);
      if (again.getTransactionId() !== transactionId) {
        return { state: 'unknown' };
      }
      const commit = await timeLedgerCall('submit', 'resubmit', 'envelope', () =>
        again.submit({ deadline: this.#deadline(this.#settings.timeouts.submitMs) }),
      );
      status = await timeLedgerCall('commit', 'resubmit', 'envelope', () =>
        commit.getStatus({ deadline: this.#deadline(this.#settings.timeouts.unknownOutcomeCheckMs) }),
      );
    } catch {
      return { state: 'unknown' };
    }
    if (status.successful) {
      this.#settings.onCommitted?.(status.blockNumber);
      return { state: 'committed', blockNumber: status.blockNumber };
    }
    // The first copy got there after all: its own validation code is the answer.
    return status.code === (peer.TxValidationCode.DUPLICATE_TXID as number)
      ? this.#lookUpTransaction(transactionId)
      : { state: 'invalid', validationCode: validationCodeName(status.code) };
  }

  async #lookUpTransaction(transactionId: string): Promise<TransactionFate> {
    const code = await this.#validationCodeOf(transactionId);
    if (code === undefined) {
      return { state: 'unknown' };
    }
    return code === (peer.TxValidationCode.VALID as number)
      ? { state: 'committed', blockNumber: undefined }
      : { state: 'invalid', validationCode: validationCodeName(code) };
  }

  /** The validation code qscc GetTransactionByID reports for `transactionId`, or undefined (not found, no answer). */
  async #validationCodeOf(transactionId: string): Promise<number | undefined> {
    let bytes: Uint8Array;
    try {
      const qscc = this.#gateway.getNetwork(this.#settings.channel).getContract('qscc');
      bytes = await timeLedgerCall('evaluate', 'qscc', 'GetTransactionByID', () =>
        qscc.evaluate('GetTransactionByID', { arguments: [this.#settings.channel, transactionId] }),
      );
    } catch {
      return undefined;
    }
    return peer.ProcessedTransaction.deserializeBinary(bytes).getValidationcode();
  }

  async #attempt<D extends GateDecision>(
    contract: string,
    transaction: string,
    args: readonly ChaincodeArgument[],
    decide: DecideOnEndorsement<D>,
    options: SubmitOptions,
    attempt: number,
    planWait: () => boolean,
  ): Promise<Outcome<D> | 'retry' | 'no-plan'> {
    const endorsed = await this.#endorse(contract, transaction, args, options, attempt, planWait);
    if (typeof endorsed === 'string') {
      return endorsed;
    }
    const transactionId = endorsed.getTransactionId();
    const result = endorsed.getResult();
    const decision = await decide(result, transactionId);
    if (!decision.proceed) {
      return { submitted: false, decision, transactionId, result };
    }
    let status: Status;
    try {
      status = await this.#submitAndAwaitCommit(endorsed, contract, transaction, options.sendUntilMs);
    } catch (error) {
      // Submitted, or maybe: a new proposal could commit a second time. Report THIS transaction.
      if (isOutcomeUnknown(error)) {
        throw new CommitOutcomeUnknownError(transactionId, result, error, endorsed.getBytes(), options.sendUntilMs);
      }
      throw error;
    }
    if (status.successful) {
      this.#settings.onCommitted?.(status.blockNumber);
      return { submitted: true, decision, transactionId, result, blockNumber: status.blockNumber };
    }
    if (isReadConflict(status.code) && attempt < this.#settings.conflictAttempts) {
      ledgerRetriesTotal.inc({ contract, transaction, validation_code: validationCodeName(status.code) });
      return 'retry';
    }
    throw new CommitError({
      code: status.code,
      transactionId,
      message: `transaction ${transactionId} failed validation: ${validationCodeName(status.code)}`,
    });
  }

  /** A new proposal, endorsed; or why to propose again: endorsers that disagreed, or no endorsers known yet. */
  async #endorse(
    contract: string,
    transaction: string,
    args: readonly ChaincodeArgument[],
    options: SubmitOptions,
    attempt: number,
    planWait: () => boolean,
  ): Promise<Transaction | 'retry' | 'no-plan'> {
    const proposal = this.#contract(contract).newProposal(transaction, proposalOptions(args, options));
    try {
      await this.#settings.untilPeerCaughtUp?.();
      return await timeLedgerCall('endorse', contract, transaction, () =>
        proposal.endorse({ deadline: this.#deadline(this.#settings.timeouts.endorseMs) }),
      );
    } catch (error) {
      if (isEndorsementDisagreement(error) && attempt < this.#settings.conflictAttempts) {
        ledgerRetriesTotal.inc({ contract, transaction, validation_code: 'ENDORSEMENT_MISMATCH' });
        return 'retry';
      }
      if (isNoEndorsementPlan(error) && planWait()) {
        ledgerRetriesTotal.inc({ contract, transaction, validation_code: 'NO_ENDORSEMENT_PLAN' });
        return 'no-plan';
      }
      throw error;
    }
  }

  /**
   * Submits the endorsed transaction and waits for its commit, riding out an orderer failover:
   * a submit the ordering service refuses or does not answer (no Raft leader yet, a dead orderer)
   * is sent again after `submitRetryMs`; a commit not seen within `commitResendAfterMs` of a send
   * (the envelope went to a leader that died before ordering it) is sent again, and again every
   * `commitResendAfterMs`, until `commitStatusMs` has passed. Every send is the SAME signed
   * envelope, which the peer gateway hands to one of the channel's orderers at random: a
   * transaction id commits at most once (a later copy is invalidated as DUPLICATE_TXID), so a
   * resend can never commit twice. Never a new proposal. Nothing is sent again from `sendUntilMs`
   * on (the signed decision the transaction carries expired): the outcome is then unknown.
   */
  async #submitAndAwaitCommit(endorsed: Transaction, contract: string, transaction: string, sendUntilMs?: number): Promise<Status> {
    const { commitStatusMs, commitResendAfterMs, submitRetryMs } = this.#settings.timeouts;
    const giveUpAt = Math.min(this.#now() + commitStatusMs, sendUntilMs ?? Number.POSITIVE_INFINITY);
    // With a clock that stands still (tests) the loop still ends: at most this many rounds.
    const maxRounds = Math.ceil(commitStatusMs / Math.max(1, Math.min(commitResendAfterMs, submitRetryMs))) + 1;
    let commit: Commit | undefined;
    let lastError: unknown;
    for (let round = 1; ; round++) {
      const sent = await this.#send(endorsed, contract, transaction, giveUpAt);
      if (sent.ok) {
        commit ??= sent.commit;
      } else {
        lastError = sent.error;
      }
      if (commit !== undefined) {
        const seen = await this.#awaitCommit(commit, contract, transaction, giveUpAt);
        if (seen.ok) {
          // With more than one copy ordered, the status may be a later copy's (DUPLICATE_TXID, or
          // ENDORSEMENT_POLICY_FAILURE seen for a copy in the same block as the valid one): the
          // copy qscc indexes under the id, the first, is the answer.
          return seen.status.successful || round === 1 ? seen.status : this.#firstCopysStatus(seen.status);
        }
        lastError = seen.error;
      } else {
        await this.#pauseBeforeResend(lastError, giveUpAt);
      }
      if (this.#now() >= giveUpAt || round >= maxRounds) {
        throw lastError;
      }
      ledgerResendsTotal.inc({ contract, transaction, reason: commit === undefined ? 'submit_failed' : 'commit_not_seen' });
    }
  }

  /**
   * Refused at once (no leader yet): give the election `submitRetryMs`. A send that ran out its
   * deadline (held by an orderer still forwarding to a dead leader) has waited already.
   */
  async #pauseBeforeResend(failure: unknown, giveUpAt: number): Promise<void> {
    if (!isDeadlineExceeded(failure)) {
      await this.#sleep(Math.min(this.#settings.timeouts.submitRetryMs, Math.max(0, giveUpAt - this.#now())));
    }
  }

  /** One send of the signed envelope; a refusal (e.g. a malformed envelope) is thrown, no answer is returned. */
  async #send(
    endorsed: Transaction,
    contract: string,
    transaction: string,
    giveUpAt: number,
  ): Promise<{ readonly ok: true; readonly commit: Commit } | { readonly ok: false; readonly error: unknown }> {
    try {
      const started = this.#now();
      const commit = await timeLedgerCall('submit', contract, transaction, () =>
        endorsed.submit({ deadline: this.#deadline(Math.min(this.#submitLatency.deadlineMs(), Math.max(1, giveUpAt - this.#now()))) }),
      );
      this.#submitLatency.observe(this.#now() - started);
      return { ok: true, commit };
    } catch (error) {
      if (!isNetworkUnavailable(error)) {
        throw error;
      }
      return { ok: false, error };
    }
  }

  /** The commit status, if the peer sees the commit within `commitResendAfterMs` (and before `giveUpAt`). */
  async #awaitCommit(
    commit: Commit,
    contract: string,
    transaction: string,
    giveUpAt: number,
  ): Promise<{ readonly ok: true; readonly status: Status } | { readonly ok: false; readonly error: unknown }> {
    const waitMs = Math.max(1, Math.min(this.#settings.timeouts.commitResendAfterMs, giveUpAt - this.#now()));
    try {
      const status = await timeLedgerCall('commit', contract, transaction, () => commit.getStatus({ deadline: this.#deadline(waitMs) }));
      return { ok: true, status };
    } catch (error) {
      if (!isNetworkUnavailable(error)) {
        throw error;
      }
      return { ok: false, error };
    }
  }

  /** The validation code of the copy of this transaction id on the ledger, when a copy came back invalid. */
  async #firstCopysStatus(duplicate: Status): Promise<Status> {
    const code = await this.#validationCodeOf(duplicate.transactionId);
    return code === undefined
      ? duplicate
      : { ...duplicate, code: code as Status['code'], successful: code === (peer.TxValidationCode.VALID as number) };
  }

  #contract(name: string): Contract {
    let contract = this.#contracts.get(name);
    if (!contract) {
      contract = this.#gateway.getNetwork(this.#settings.channel).getContract(this.#settings.chaincode, name);
      this.#contracts.set(name, contract);
    }
    return contract;
  }

  /**
   * Whether one more proposal may wait for an endorsement plan: until `endorsementPlanWaitMs` from
   * now and, with a clock that stands still (tests), for as many rounds as fit in it.
   */
  #planWait(): () => boolean {
    const { endorsementPlanWaitMs, endorsementPlanRetryMs } = this.#settings.timeouts;
    const until = this.#now() + endorsementPlanWaitMs;
    let roundsLeft = Math.ceil(endorsementPlanWaitMs / Math.max(1, endorsementPlanRetryMs));
    return () => roundsLeft-- > 0 && this.#now() < until;
  }

  #deadline(ms: number): number {
    return this.#now() + ms;
  }

  /** Exponential with jitter in [0.5, 1.5) so that conflicting clients do not retry in lockstep. */
  #backoffMs(attempt: number): number {
    return Math.round(this.#settings.conflictBackoffMs * 2 ** (attempt - 1) * (0.5 + this.#random()));
  }
}

function proposalOptions(args: readonly ChaincodeArgument[], options: SubmitOptions): ProposalOptions {
  return {
    arguments: [...args],
    ...(options.transient ? { transientData: { ...options.transient } } : {}),
    ...(options.endorsingOrganizations ? { endorsingOrganizations: [...options.endorsingOrganizations] } : {}),
  };
}
