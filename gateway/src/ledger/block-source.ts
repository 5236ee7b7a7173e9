import type { Checkpoint, CloseableAsyncIterable, Gateway } from '@hyperledger/fabric-gateway';
import type { common } from '@hyperledger/fabric-protos';
import { connectGateway, orgByName, type IdentityFiles, type NetworkDescription } from './org-network';
import type * as grpc from '@grpc/grpc-js';

/** Where the listener gets full blocks: the channel's block events, or a fake in tests. */
export interface BlockSource {
  /** Blocks from the checkpoint's block on, in order, until closed or the stream fails. */
  blocks(checkpoint: Checkpoint): Promise<CloseableAsyncIterable<common.Block>>;
  close(): void;
}

/**
 * Full block events (validation codes, write sets and responses are only in full blocks)
 * from one org's peer, signed by `identity`: any channel member may read the channel's blocks.
 * Its own gRPC connection, so a long-lived stream never shares fate with request traffic.
 */
export class FabricBlockSource implements BlockSource {
  readonly #network: NetworkDescription;
  readonly #identity: IdentityFiles;
  #connection: { gateway: Gateway; client: grpc.Client } | undefined;

  constructor(network: NetworkDescription, identity: IdentityFiles) {
    this.#network = network;
    this.#identity = identity;
  }

  blocks(checkpoint: Checkpoint): Promise<CloseableAsyncIterable<common.Block>> {
    if (!this.#connection) {
      this.#connection = connectGateway(this.#identity, orgByName(this.#network, this.#identity.mspId).peer);
    }
    return this.#connection.gateway.getNetwork(this.#network.channel).getBlockEvents({ checkpoint });
  }

  close(): void {
    this.#connection?.gateway.close();
    this.#connection?.client.close();
    this.#connection = undefined;
  }
}
