import type { Logger } from 'pino';
import type { ReadModelConfig } from '../config';
import { blockEventOf, LedgerEventPublisher } from '../events/ledger-events';
import type { BlockSource } from '../ledger/block-source';
import type { ReadModelHandle } from './handle';
import { ReadModelListener } from './listener';
import { openReadModel } from './open-read-model';

export interface RunningReadModel {
  readonly handle: ReadModelHandle;
  /** Stops the listener (the block in progress commits or rolls back), then closes the database. */
  stop(): Promise<void>;
}

/**
 * Opens the configured repository and starts projecting the channel's blocks from `source` (the
 * block stream the composition root opened; closed by `stop`). `chaincode`: the chaincode's name.
 */
export async function startReadModel(
  config: ReadModelConfig,
  source: BlockSource,
  chaincode: string,
  logger: Logger,
): Promise<RunningReadModel> {
  const repository = await openReadModel(config);
  const events = new LedgerEventPublisher();
  const listener = new ReadModelListener({
    repository,
    source,
    chaincode,
    logger: logger.child({ component: 'read-model' }),
    onBlockProjected: (block) => {
      events.publish(blockEventOf(block));
    },
  });
  listener.start();
  return {
    handle: { repository, listenerStatus: () => listener.status(), events },
    stop: async () => {
      await listener.stop();
      source.close();
      await repository.close();
    },
  };
}
