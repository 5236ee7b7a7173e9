import type { IdentityFiles } from './org-network';
import type { EvaluateCall, SubmitCall } from '@scf/kernel/catalogue/catalogue';
import type { SealedAnswer } from '@scf/kernel/sealed-answer';

export type ChaincodeArgument = string | Uint8Array;

export interface EvaluateOptions {
  /** Private inputs: reach the endorsers, never the ledger. */
  readonly transient?: Readonly<Record<string, string | Uint8Array>>;
}

export interface SubmitOptions extends EvaluateOptions {
  /** MSP ids whose peers must endorse (e.g. for private data); otherwise the peer gateway plans it. */
  readonly endorsingOrganizations?: readonly string[];
  /**
   * When the transaction carries a signed decision that expires (epoch ms): its envelope is not
   * sent, nor sent again, from then on — neither by this call nor by a later Idempotency-Key retry
   * of a commit whose outcome was unknown — so an old approval can never commit long after it.
   */
  readonly sendUntilMs?: number;
}

export interface CommittedTransaction {
  readonly transactionId: string;
  /** The block the transaction committed in, when the peer reported it. */
  readonly blockNumber: bigint | undefined;
  /** What the chaincode returned at endorsement. */
  readonly result: Uint8Array;
}

/** What a risk gate answers about an endorsed transaction; extra fields travel back to the caller. */
export type GateDecision = { readonly proceed: true } | { readonly proceed: false };

export type DecideOnEndorsement<D extends GateDecision> = (endorsedResult: Uint8Array, transactionId: string) => Promise<D>;

export type GatedTransaction<D extends GateDecision> =
  | (CommittedTransaction & { readonly submitted: true; readonly decision: D })
  | { readonly submitted: false; readonly decision: D; readonly transactionId: string; readonly result: Uint8Array };

/** What the ledger says of one transaction id: committed valid, committed invalid, or not known (yet). */
export type TransactionFate =
  | { readonly state: 'committed'; readonly blockNumber: bigint | undefined }
  | { readonly state: 'invalid'; readonly validationCode: string }
  | { readonly state: 'unknown' };

/**
 * The ledger as one caller identity sees it. Every method throws a typed LedgerError (see
 * ledger/errors.ts) for what the ledger did, so a route can let failures propagate to the error handler.
 */
export interface Ledger {
  readonly identity: IdentityFiles;
  /** A query (`call(tx.financing.GetFinancing, { financingId })`): evaluated on one peer, never ordered. */
  evaluate(call: EvaluateCall, options?: EvaluateOptions): Promise<Uint8Array>;
  /** A transaction (`call(tx.financing.CancelFinancing, { financingId })`): endorsed, ordered, committed. */
  submit(call: SubmitCall, options?: SubmitOptions): Promise<CommittedTransaction>;
  endorseThenDecide<D extends GateDecision>(
    call: SubmitCall,
    decide: DecideOnEndorsement<D>,
    options?: SubmitOptions,
  ): Promise<GatedTransaction<D>>;
  /** Blocks on the channel, from qscc GetChainInfo. */
  blockHeight(): Promise<bigint>;
  /**
   * The fate of a transaction submitted earlier (qscc GetTransactionByID); never throws. Given its
   * signed envelope, a transaction the ledger does not know is submitted again and awaited: the
   * same envelope cannot commit twice (a second copy is invalidated as DUPLICATE_TXID).
   */
  transactionFate(transactionId: string, envelope?: Uint8Array): Promise<TransactionFate>;
  /** Opens an answer the chaincode sealed to this identity's certificate (private terms) with its private key; throws if it can't. */
  unseal(sealed: SealedAnswer): Uint8Array;
}

/** Hands out one Ledger per Fabric identity; routes get theirs from the caller's credential. */
export interface LedgerDirectory {
  forIdentity(identity: IdentityFiles): Ledger;
  /** Any open ledger (or the default identity's) for identity-independent reads such as readiness. */
  any(): Ledger;
  /**
   * Runs `next` (a request's handling) with a read floor: its ledger calls wait (boundedly) until the
   * peer holds block `blockNumber`, which the caller saw commit elsewhere. Other requests are unaffected.
   */
  withReadFloor?(blockNumber: bigint, next: () => void): void;
  /** The block a read must find: the highest this gateway committed in, or `floor` if higher; undefined before any. */
  readTarget?(floor?: bigint): bigint | undefined;
  close(): void;
}
