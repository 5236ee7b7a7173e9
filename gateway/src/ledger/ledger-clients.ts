import type * as grpc from '@grpc/grpc-js';
import { READ_YOUR_WRITES_WAIT_MS } from '../config';
import { connectGateway, orgByName, peerConnection, type Gateway, type IdentityFiles, type NetworkDescription } from './org-network';
import type { Ledger, LedgerDirectory } from './ledger';
import { DEFAULT_LEDGER_TIMEOUTS, LedgerClient, type LedgerTimeouts } from './ledger-client';
import { gatewayBlockSource, PeerHeights } from './peer-heights';
import { currentReadFloor, withReadFloor } from './read-floor';

export interface LedgerClientsOptions {
  readonly network: NetworkDescription;
  /** Whose identity `any()` uses when no client is open yet. */
  readonly defaultIdentity: IdentityFiles;
  readonly timeouts?: LedgerTimeouts;
  readonly conflictAttempts?: number;
  readonly conflictBackoffMs?: number;
  /**
   * Read-your-writes: how long an evaluate or endorsement through an org's peer waits for that
   * peer to commit the latest block this gateway's own submits committed in (default 5000 ms;
   * 0 turns the wait off). Past it the call goes ahead anyway.
   */
  readonly readYourWritesWaitMs?: number;
  /** Told when an org peer's block event stream fails (it reconnects by itself). */
  readonly onBlockStreamError?: (org: string, error: unknown) => void;
}

const identityKey = (identity: IdentityFiles): string => `${identity.mspId}/${identity.user}`;

/**
 * One LedgerClient per Fabric identity, created on first use and reused. Identities of the same
 * org share that org peer's single gRPC connection (HTTP/2 multiplexes their calls).
 */
export class LedgerClients implements LedgerDirectory {
  readonly #options: LedgerClientsOptions;
  readonly #connections = new Map<string, grpc.Client>();
  readonly #gateways: Gateway[] = [];
  readonly #clients = new Map<string, LedgerClient>();
  readonly #heights: PeerHeights;
  #closed = false;

  constructor(options: LedgerClientsOptions) {
    this.#options = options;
    this.#heights = new PeerHeights({
      waitMs: options.readYourWritesWaitMs ?? READ_YOUR_WRITES_WAIT_MS,
      onStreamError: options.onBlockStreamError,
    });
  }

  withReadFloor(blockNumber: bigint, next: () => void): void {
    withReadFloor(blockNumber, next);
  }

  readTarget(floor?: bigint): bigint | undefined {
    return this.#heights.target(floor);
  }

  get peerHeights(): PeerHeights {
    return this.#heights;
  }

  forIdentity(identity: IdentityFiles): Ledger {
    if (this.#closed) {
      throw new Error('ledger clients are closed');
    }
    const key = identityKey(identity);
    let client = this.#clients.get(key);
    if (!client) {
      const org = orgByName(this.#options.network, identity.mspId);
      const { gateway } = connectGateway(identity, org.peer, this.#connectionTo(org.name, org.peer));
      this.#gateways.push(gateway);
      // The first identity of an org follows its peer's blocks; the stream shares the connection.
      this.#heights.follow(org.name, gatewayBlockSource(gateway, this.#options.network.channel));
      const heights = this.#heights;
      client = new LedgerClient(identity, gateway, {
        channel: this.#options.network.channel,
        chaincode: this.#options.network.chaincode,
        timeouts: this.#options.timeouts ?? DEFAULT_LEDGER_TIMEOUTS,
        conflictAttempts: this.#options.conflictAttempts ?? 3,
        conflictBackoffMs: this.#options.conflictBackoffMs ?? 50,
        untilPeerCaughtUp: () => heights.waitFor(org.name, currentReadFloor()),
        onCommitted: (blockNumber) => {
          heights.committed(org.name, blockNumber);
        },
      });
      this.#clients.set(key, client);
    }
    return client;
  }

  any(): Ledger {
    const open = this.#clients.values().next();
    return open.done === true ? this.forIdentity(this.#options.defaultIdentity) : open.value;
  }

  close(): void {
    this.#closed = true;
    this.#heights.close();
    for (const gateway of this.#gateways) {
      gateway.close();
    }
    for (const connection of this.#connections.values()) {
      connection.close();
    }
    this.#gateways.length = 0;
    this.#clients.clear();
    this.#connections.clear();
  }

  #connectionTo(org: string, peer: Parameters<typeof peerConnection>[0]): grpc.Client {
    let connection = this.#connections.get(org);
    if (!connection) {
      connection = peerConnection(peer);
      this.#connections.set(org, connection);
    }
    return connection;
  }
}
