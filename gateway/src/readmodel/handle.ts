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
}
