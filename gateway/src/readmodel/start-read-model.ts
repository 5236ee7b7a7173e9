import type { Logger } from 'pino';
import { READ_YOUR_WRITES_WAIT_MS, type ReadModelConfig } from '../config';
import { receivablesWritten } from '../events/event-visibility';
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
  const log = logger.child({ component: 'read-model' });
  // Blocks are published in order, each once the split trees of the receivables it wrote about are read.
  let publishing = Promise.resolve();
  const listener = new ReadModelListener({
    repository,
    source,
    chaincode,
    logger: log,
    onBlockProjected: (block) => {
      publishing = publishing.then(async () => {
        const trees = await repository.receivableTrees(receivablesWritten(block.transactions)).catch((error: unknown) => {
          // Without the trees a record's own parties still hear of it: narrower, never wider.
          log.warn({ err: error, block: block.number.toString() }, 'split trees unreadable; the event goes to direct parties only');
          return undefined;
        });
        events.publish(blockEventOf(block, trees));
      });
    },
  });
  listener.start();
  return {
    handle: {
      repository,
      listenerStatus: () => listener.status(),
      events,
      untilProjected: (blockNumber) => listener.untilProjected(blockNumber, READ_YOUR_WRITES_WAIT_MS),
    },
    stop: async () => {
      await listener.stop();
      await publishing;
      source.close();
      await repository.close();
    },
  };
}
