import type { DecodedBlock } from '../readmodel/decode-block';
import type { BlockEvent } from './block-event';
import { type ReceivableTrees, recordAudiences } from './event-visibility';

const TX_VALID = 0;

export type { BlockEvent } from './block-event';

export type BlockEventListener = (event: BlockEvent) => void;

/** The subscriber's side of the publisher (what the routes get). */
export interface LedgerEvents {
  /** Returns the function that unsubscribes. */
  subscribe(listener: BlockEventListener): () => void;
}

/** The event for `block`; `trees`: the split-tree readers of the receivables it wrote about (event-visibility.ts). */
export function blockEventOf(block: DecodedBlock, trees?: ReceivableTrees): BlockEvent {
  const event: BlockEvent = {
    blockNumber: block.number.toString(),
    transactions: block.transactions.map((tx) => ({
      txId: tx.txId,
      fn: tx.fn,
      chaincode: tx.chaincode,
      valid: tx.validationCode === TX_VALID,
    })),
  };
  recordAudiences(event, block.transactions, trees);
  return event;
}

/**
 * In-process fan-out of projected blocks to live subscribers (the SSE streams). Publishing never
 * throws and never waits: a subscriber that fails is dropped, so the read model's listener is
 * never held up or broken by a client.
 */
export class LedgerEventPublisher implements LedgerEvents {
  readonly #listeners = new Set<BlockEventListener>();

  subscribe(listener: BlockEventListener): () => void {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const entry: BlockEventListener = (event) => {
      listener(event);
    };
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  publish(event: BlockEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        this.#listeners.delete(listener);
      }
    }
  }

  get subscriberCount(): number {
    return this.#listeners.size;
  }
}
