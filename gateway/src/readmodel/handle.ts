import type { LedgerEvents } from '../events/ledger-events';
import type { ListenerStatus } from './listener';
import type { ReadModelRepository } from './repository';

/** What the routes get of the read model (GatewayStores.readModel). */
export interface ReadModelHandle {
  readonly repository: ReadModelRepository;
  /** The block listener's state; undefined when this process runs none. */
  listenerStatus(): ListenerStatus | undefined;
  /** Each block once it is projected (GET /v1/events); absent when this process runs no listener. */
  readonly events?: LedgerEvents;
  /**
   * Undefined when block `blockNumber` is projected; else resolves once it is, or after the
   * read-your-writes wait. Absent when this process runs no listener.
   */
  untilProjected?(blockNumber: bigint): Promise<void> | undefined;
}
