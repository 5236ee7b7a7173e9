import { Context } from 'fabric-contract-api';
import { encode } from '../ledger/codec';
import { Store } from '../ledger/store';
import type { Caller } from './caller';
import type { EventName } from './events';
import { canonicalJson } from '@scf/kernel/canonical-json';
import { type TxTime, txTimeFromSeconds } from '@scf/kernel/dates';
import { ErrorCode, fail } from '@scf/kernel/errors';
import type { Participant } from '@scf/kernel/records/participant';

/**
 * The per-transaction context: fabric-contract-api creates a fresh one for every
 * invocation, so this is where the authorised caller and the event live. Contract objects
 * keep nothing between calls.
 */
export class ScfContext extends Context {
  private authorizedCaller?: Caller;
  private eventEmitted?: EventName;
  /** One store per transaction: it holds the transaction's writes until flushWrites(). */
  #store?: Store;

  authorize(caller: Caller): void {
    this.authorizedCaller = caller;
  }

  get caller(): Caller {
    return this.authorizedCaller ?? fail(ErrorCode.INTERNAL, 'transaction ran without authorisation');
  }

  /** The caller's participant record; role-restricted transactions always have one. */
  get participant(): Participant {
    return this.caller.participant ?? fail(ErrorCode.INTERNAL, 'transaction needs a registered caller');
  }

  get store(): Store {
    this.#store ??= new Store(this.stub);
    return this.#store;
  }

  /** Sends the writes the store held back (one round trip); the contract calls it after the transaction ran. */
  async flushWrites(): Promise<void> {
    await this.#store?.flush();
  }

  get now(): TxTime {
    return txTimeFromSeconds(BigInt(this.stub.getTxTimestamp().seconds.toString()));
  }

  get txId(): string {
    return this.stub.getTxID();
  }

  /** Fabric keeps only one event per transaction, so a second one is a bug. */
  emit(name: EventName, payload: Readonly<Record<string, unknown>>): void {
    if (this.eventEmitted !== undefined) {
      fail(ErrorCode.INTERNAL, `event ${name} after ${this.eventEmitted}`);
    }
    this.eventEmitted = name;
    this.stub.setEvent(name, encode({ ...payload, txId: this.txId }));
  }
}

/** Transaction results are canonical JSON text. */
export function toJson(value: unknown): string {
  return canonicalJson(value);
}
