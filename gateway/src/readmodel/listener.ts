import type { CloseableAsyncIterable } from '@hyperledger/fabric-gateway';
import type { common } from '@hyperledger/fabric-protos';
import type { Logger } from 'pino';
import type { BlockSource } from '../ledger/block-source';
import { ReadModelCheckpointer } from './checkpointer';
import { decodeBlock, type DecodedBlock } from './decode-block';
import { readModelBlocksTotal, readModelNextBlock, readModelReconnectsTotal, readModelSkippedTransactionsTotal } from './metrics';
import { projectBlock } from './projection';
import { ProjectedHeight } from './projected-height';
import type { ReadModelRepository } from './repository';

export interface ListenerOptions {
  readonly repository: ReadModelRepository;
  readonly source: BlockSource;
  /** The chaincode (namespace) whose writes are projected. */
  readonly chaincode: string;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Called after each block is committed to the read model (never for a redelivered one); must not throw. */
  readonly onBlockProjected?: (block: DecodedBlock) => void;
}

export interface ListenerStatus {
  readonly running: boolean;
  readonly connected: boolean;
  readonly reconnects: number;
  readonly lastError: string | undefined;
}

/**
 * Projects every committed block into the read model. Each block is applied together with the
 * checkpoint in one database transaction; the stream is (re)opened at the stored checkpoint,
 * so after a crash, a peer restart or a dropped stream nothing is missed and nothing applied
 * twice. Streams do not recover by themselves: a failed one is reopened with capped
 * exponential backoff until `stop()`.
 */
export class ReadModelListener {
  readonly #options: ListenerOptions;
  #events: CloseableAsyncIterable<common.Block> | undefined;
  #loop: Promise<void> | undefined;
  #stopped = false;
  #connected = false;
  #reconnects = 0;
  #lastError: string | undefined;
  #wake: (() => void) | undefined;
  readonly #projected = new ProjectedHeight();

  constructor(options: ListenerOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#loop) {
      return;
    }
    this.#stopped = false;
    this.#loop = this.#run();
  }

  /** Closes the stream and waits for the block in progress to commit or roll back. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#projected.close();
    this.#events?.close();
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }

  /**
   * Resolves once every block up to `blockNumber` is projected, or after `waitMs`, or at stop();
   * never rejects. Undefined when it already is (no await needed).
   */
  untilProjected(blockNumber: bigint, waitMs: number): Promise<void> | undefined {
    return this.#projected.until(blockNumber, waitMs);
  }

  status(): ListenerStatus {
    return {
      running: this.#loop !== undefined && !this.#stopped,
      connected: this.#connected,
      reconnects: this.#reconnects,
      lastError: this.#lastError,
    };
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      try {
        await this.#consume(() => {
          failures = 0;
        });
      } catch (error) {
        if (this.#isStopped()) {
          break;
        }
        this.#lastError = error instanceof Error ? error.message : String(error);
        this.#options.logger.warn({ err: error }, 'read model block stream failed; reopening from the checkpoint');
      } finally {
        this.#connected = false;
        this.#events?.close();
        this.#events = undefined;
      }
      if (this.#isStopped()) {
        break;
      }
      this.#reconnects += 1;
      readModelReconnectsTotal.inc();
      await this.#sleep(this.#backoffMs(failures++));
    }
  }

  async #consume(onBlock: () => void): Promise<void> {
    const { repository, source, chaincode, logger } = this.#options;
    const checkpointer = await ReadModelCheckpointer.load(repository);
    readModelNextBlock.set(Number(checkpointer.getBlockNumber()));
    this.#projected.advance(checkpointer.getBlockNumber());
    this.#events = await source.blocks(checkpointer);
    this.#connected = true;
    logger.info({ fromBlock: String(checkpointer.getBlockNumber()) }, 'read model listening for blocks');
    for await (const block of this.#events) {
      const decoded = decodeBlock(block);
      const projection = projectBlock(decoded, chaincode);
      const { applied, skipped } = await repository.applyBlock(projection);
      readModelBlocksTotal.inc({ outcome: applied ? 'applied' : 'skipped' });
      for (const transaction of skipped) {
        readModelSkippedTransactionsTotal.inc();
        logger.error(
          { block: String(transaction.blockNumber), txIndex: transaction.txIndex, txId: transaction.txId, fn: transaction.fn },
          `read model skipped a transaction: ${transaction.error}`,
        );
      }
      if (applied) {
        await checkpointer.checkpointBlock(projection.blockNumber);
        readModelNextBlock.set(Number(checkpointer.getBlockNumber()));
        this.#projected.advance(checkpointer.getBlockNumber());
        this.#options.onBlockProjected?.(decoded);
      }
      onBlock();
      if (this.#stopped) {
        break;
      }
    }
  }

  /** Read through a method: `stop()` flips it while the loop awaits. */
  #isStopped(): boolean {
    return this.#stopped;
  }

  #backoffMs(failures: number): number {
    const initial = this.#options.initialBackoffMs ?? 500;
    const max = this.#options.maxBackoffMs ?? 30_000;
    const capped = Math.min(max, initial * 2 ** Math.min(failures, 16));
    return capped / 2 + Math.random() * (capped / 2);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
