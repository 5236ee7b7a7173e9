import type { Gateway } from '@hyperledger/fabric-gateway';
import { common, peer } from '@hyperledger/fabric-protos';
import { connectGateway, orgByName, type IdentityFiles, type NetworkDescription } from './org-network';
import type * as grpc from '@grpc/grpc-js';
import { toLedgerError } from './errors';

/** The channel's blocks as a peer's block store holds them (qscc), read as one member identity. */
export interface BlockReader {
  height(): Promise<bigint>;
  blockByNumber(number: bigint): Promise<common.Block>;
  blockByTxId(txId: string): Promise<common.Block>;
  close(): void;
}

/** Single transactions as the peer committed them (qscc GetTransactionByID): envelope and validation code. */
export interface TransactionReader {
  transactionById(txId: string): Promise<peer.ProcessedTransaction>;
}

/** qscc through the identity's own org peer, on its own gRPC connection. */
export class QsccBlockReader implements BlockReader, TransactionReader {
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

  /** A ledger error of its kind (ledger/errors.ts) when the peer cannot answer. */
  async transactionById(txId: string): Promise<peer.ProcessedTransaction> {
    try {
      return peer.ProcessedTransaction.deserializeBinary(await this.#evaluate('GetTransactionByID', txId));
    } catch (error) {
      throw toLedgerError(error);
    }
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

  forIdentity(identity: IdentityFiles): QsccBlockReader {
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
