import type { Gateway } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { peerBlockHeight, readYourWritesWaitsTotal, highestCommittedBlock } from '../ops/metrics';

/** Block numbers as a peer commits them; close() ends the iteration. */
export interface BlockNumberStream extends AsyncIterable<bigint> {
  close(): void;
}

/** What the tracker needs from one peer. */
export interface PeerBlockSource {
  /** The peer's ledger height now (blocks on the channel). */
  height(): Promise<bigint>;
  /** The numbers of the blocks the peer commits, from `startBlock` on. */
  blocks(startBlock: bigint): Promise<BlockNumberStream>;
}

export interface PeerHeightsOptions {
  /** Longest wait for a peer to catch up before a call goes ahead anyway. */
  readonly waitMs: number;
  /** Reconnect backoff: first delay, doubled per failure up to the maximum. */
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  /** Told about a broken or failed stream (the loop reconnects by itself). */
  readonly onStreamError?: (peer: string, error: unknown) => void;
}

interface Waiter {
  readonly target: bigint;
  readonly release: (outcome: 'caught_up' | 'timeout' | 'closed') => void;
}

/**
 * Read-your-writes across the org peers this gateway talks to. It knows the highest block any of
 * this gateway's own submits committed in, and each peer's committed height (from a block event
 * stream per peer, reconnected with backoff because event streams don't recover by themselves).
 * `waitFor(peer)` answers undefined when that peer already holds that block (no cost), else a
 * promise that resolves when it does or after `waitMs`, whichever comes first: a peer that is
 * down or slow delays a call, it never hangs it.
 */
export class PeerHeights {
  readonly #options: Required<Omit<PeerHeightsOptions, 'onStreamError'>> & Pick<PeerHeightsOptions, 'onStreamError'>;
  readonly #heights = new Map<string, bigint>();
  readonly #waiters = new Map<string, Set<Waiter>>();
  readonly #followed = new Set<string>();
  readonly #streams = new Set<BlockNumberStream>();
  readonly #wakeSleepers = new Set<() => void>();
  /** Highest block number a submit through this gateway committed in. */
  #highestCommitted: bigint | undefined;
  #closed = false;

  constructor(options: PeerHeightsOptions) {
    this.#options = { reconnectMinMs: 250, reconnectMaxMs: 10_000, ...options };
  }

  /** A peer's committed height as last seen, or undefined before its stream delivered a block. */
  height(peer: string): bigint | undefined {
    return this.#heights.get(peer);
  }

  get highestCommitted(): bigint | undefined {
    return this.#highestCommitted;
  }

  /** The block a call must find on the peer: this gateway's highest commit, or the call's own floor if higher. */
  target(floor?: bigint): bigint | undefined {
    if (floor === undefined) {
      return this.#highestCommitted;
    }
    return this.#highestCommitted === undefined || floor > this.#highestCommitted ? floor : this.#highestCommitted;
  }

  /** A submit through `peer` committed in `blockNumber`: that peer holds it, the others must catch up. */
  committed(peer: string, blockNumber: bigint): void {
    if (this.#highestCommitted === undefined || blockNumber > this.#highestCommitted) {
      this.#highestCommitted = blockNumber;
      highestCommittedBlock.set(Number(blockNumber));
    }
    // The commit status came from this peer's own ledger: it has committed the block.
    this.observe(peer, blockNumber + 1n);
  }

  /** `peer` has committed blocks up to `height - 1`. Heights never go down. */
  observe(peer: string, height: bigint): void {
    const known = this.#heights.get(peer);
    if (known !== undefined && height <= known) {
      return;
    }
    this.#heights.set(peer, height);
    peerBlockHeight.set({ peer }, Number(height));
    const waiters = this.#waiters.get(peer);
    if (!waiters) {
      return;
    }
    for (const waiter of waiters) {
      if (height > waiter.target) {
        waiter.release('caught_up');
      }
    }
  }

  /**
   * True when `peer` holds every block this gateway's submits committed in, and `floor` (a block
   * the caller saw commit elsewhere: X-SCF-Min-Block, for its own request only).
   */
  caughtUp(peer: string, floor?: bigint): boolean {
    const target = this.target(floor);
    if (target === undefined) {
      return true;
    }
    const height = this.#heights.get(peer);
    return height !== undefined && height > target;
  }

  /**
   * Undefined when `peer` is caught up (check it synchronously, skip the await); otherwise resolves
   * once it is, or after waitMs. Never rejects.
   */
  waitFor(peer: string, floor?: bigint): Promise<void> | undefined {
    const target = this.target(floor);
    if (this.#closed || this.caughtUp(peer, floor) || target === undefined || this.#options.waitMs <= 0) {
      return undefined;
    }
    return new Promise<void>((resolve) => {
      let waiters = this.#waiters.get(peer);
      if (!waiters) {
        waiters = new Set();
        this.#waiters.set(peer, waiters);
      }
      const waiter: Waiter = {
        target,
        release: (outcome) => {
          clearTimeout(timer);
          waiters.delete(waiter);
          readYourWritesWaitsTotal.inc({ peer, outcome });
          resolve();
        },
      };
      const timer = setTimeout(() => {
        waiter.release('timeout');
      }, this.#options.waitMs);
      timer.unref();
      waiters.add(waiter);
    });
  }

  /**
   * Follows `peer`'s committed blocks from its current height until close(), reconnecting with
   * backoff whenever the stream fails or ends. A second call for the same peer does nothing.
   */
  follow(peer: string, source: PeerBlockSource): void {
    if (this.#closed || this.#followed.has(peer)) {
      return;
    }
    this.#followed.add(peer);
    void this.#followLoop(peer, source);
  }

  /** Ends every stream and reconnect loop and lets every waiting call go ahead. */
  close(): void {
    this.#closed = true;
    for (const stream of this.#streams) {
      stream.close();
    }
    this.#streams.clear();
    for (const wake of this.#wakeSleepers) {
      wake();
    }
    for (const waiters of this.#waiters.values()) {
      for (const waiter of waiters) {
        waiter.release('closed');
      }
    }
  }

  async #followLoop(peer: string, source: PeerBlockSource): Promise<void> {
    let failures = 0;
    while (!this.#isClosed()) {
      if (await this.#followStream(peer, source)) {
        failures = 0;
      }
      if (this.#isClosed()) {
        break;
      }
      await this.#sleep(Math.min(this.#options.reconnectMinMs * 2 ** failures, this.#options.reconnectMaxMs));
      failures++;
    }
  }

  /** Follows one block stream of `peer` until it fails or ends (or close()); true when it delivered a block. */
  async #followStream(peer: string, source: PeerBlockSource): Promise<boolean> {
    let delivered = false;
    let stream: BlockNumberStream | undefined;
    try {
      // Resume from the last block seen; the first time, from the peer's own height. Starting at
      // the newest committed block (height - 1) makes the peer confirm that height at once.
      const height = this.#heights.get(peer) ?? (await source.height());
      if (this.#isClosed()) {
        return delivered;
      }
      stream = await source.blocks(height > 0n ? height - 1n : 0n);
      if (this.#isClosed()) {
        stream.close();
        return delivered;
      }
      this.#streams.add(stream);
      for await (const blockNumber of stream) {
        delivered = true;
        this.observe(peer, blockNumber + 1n);
      }
      if (!this.#isClosed()) {
        this.#options.onStreamError?.(peer, new Error('block event stream ended'));
      }
    } catch (error) {
      if (!this.#isClosed()) {
        this.#options.onStreamError?.(peer, error);
      }
    } finally {
      if (stream) {
        this.#streams.delete(stream);
        stream.close();
      }
    }
    return delivered;
  }

  /** A method, not the field, so the checks after each await are not narrowed away. */
  #isClosed(): boolean {
    return this.#closed;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#wakeSleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      this.#wakeSleepers.add(wake);
    });
  }
}

/**
 * A peer's blocks through fabric-gateway: its height from qscc GetChainInfo, its blocks as filtered
 * block events (numbers and transaction codes only, no payloads).
 */
export function gatewayBlockSource(gateway: Pick<Gateway, 'getNetwork'>, channel: string, callTimeoutMs = 10_000): PeerBlockSource {
  const network = gateway.getNetwork(channel);
  return {
    height: async () => {
      const proposal = network.getContract('qscc').newProposal('GetChainInfo', { arguments: [channel] });
      const bytes = await proposal.evaluate({ deadline: Date.now() + callTimeoutMs });
      return BigInt(common.BlockchainInfo.deserializeBinary(bytes).getHeight());
    },
    blocks: async (startBlock) => {
      const events = await network.getFilteredBlockEvents({ startBlock });
      return {
        close: () => {
          events.close();
        },
        async *[Symbol.asyncIterator]() {
          for await (const block of events) {
            yield BigInt(block.getNumber());
          }
        },
      };
    },
  };
}
