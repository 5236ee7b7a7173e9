import type { Gateway } from '@hyperledger/fabric-gateway';
import { common } from '@hyperledger/fabric-protos';
import { connectGateway, orgByName, type IdentityFiles, type NetworkDescription } from '@scf/network';
import type * as grpc from '@grpc/grpc-js';

/** The channel's blocks as a peer's block store holds them (qscc), read as one member identity. */
export interface BlockReader {
  height(): Promise<bigint>;
  blockByNumber(number: bigint): Promise<common.Block>;
  blockByTxId(txId: string): Promise<common.Block>;
  close(): void;
}

/** qscc through the identity's own org peer, on its own gRPC connection. */
export class QsccBlockReader implements BlockReader {
  readonly #channel: string;
  readonly #connection: { gateway: Gateway; client: grpc.Client };

  constructor(network: NetworkDescription, identity: IdentityFiles) {
    this.#channel = network.channel;
    this.#connection = connectGateway(identity, orgByName(network, identity.mspId).peer);
  }

  async #evaluate(fn: string, ...args: string[]): Promise<Uint8Array> {
    const qscc = this.#connection.gateway.getNetwork(this.#channel).getContract('qscc');
    return qscc.evaluate(fn, { arguments: [this.#channel, ...args] });
  }

  async height(): Promise<bigint> {
    return BigInt(common.BlockchainInfo.deserializeBinary(await this.#evaluate('GetChainInfo')).getHeight());
  }

  async blockByNumber(number: bigint): Promise<common.Block> {
    return common.Block.deserializeBinary(await this.#evaluate('GetBlockByNumber', number.toString()));
  }

  async blockByTxId(txId: string): Promise<common.Block> {
    return common.Block.deserializeBinary(await this.#evaluate('GetBlockByTxID', txId));
  }

  close(): void {
    this.#connection.gateway.close();
    this.#connection.client.close();
  }
}
