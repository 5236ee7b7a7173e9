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

/** Block readers by Fabric identity, as `LedgerDirectory` hands out ledgers. */
export interface BlockReaderDirectory {
  forIdentity(identity: IdentityFiles): BlockReader;
}

/**
 * One `QsccBlockReader` per identity, opened on first use and reused (the audit routes and the
 * block explorer share them); the composition root closes them all on shutdown.
 */
export class QsccBlockReaders implements BlockReaderDirectory {
  readonly #network: NetworkDescription;
  readonly #readers = new Map<string, QsccBlockReader>();

  constructor(network: NetworkDescription) {
    this.#network = network;
  }

  forIdentity(identity: IdentityFiles): BlockReader {
    const key = `${identity.mspId}/${identity.user}`;
    let reader = this.#readers.get(key);
    if (!reader) {
      reader = new QsccBlockReader(this.#network, identity);
      this.#readers.set(key, reader);
    }
    return reader;
  }

  close(): void {
    for (const reader of this.#readers.values()) {
      reader.close();
    }
    this.#readers.clear();
  }
}
