import type { Checkpointer } from '@hyperledger/fabric-gateway';
import type { ReadModelRepository } from './repository';

/**
 * A fabric-gateway Checkpointer whose state is the read model's own checkpoint row. The row is
 * written by `applyBlock` in the same database transaction as the block's projection, so what
 * this reports can never run ahead of (event missed) or behind (event applied twice) the data.
 * `checkpointBlock` only mirrors the committed row in memory for the next reconnect.
 */
export class ReadModelCheckpointer implements Checkpointer {
  #nextBlock: bigint;

  private constructor(nextBlock: bigint) {
    this.#nextBlock = nextBlock;
  }

  static async load(repository: ReadModelRepository): Promise<ReadModelCheckpointer> {
    return new ReadModelCheckpointer(await repository.nextBlock());
  }

  getBlockNumber(): bigint {
    return this.#nextBlock;
  }

  getTransactionId(): undefined {
    return undefined;
  }

  checkpointBlock(blockNumber: bigint): Promise<void> {
    this.#nextBlock = blockNumber + 1n;
    return Promise.resolve();
  }

  /** Blocks are the unit of the read model: a block is projected whole or not at all. */
  checkpointTransaction(): Promise<void> {
    return Promise.reject(new Error('the read model checkpoints whole blocks only'));
  }

  checkpointChaincodeEvent(): Promise<void> {
    return this.checkpointTransaction();
  }
}
