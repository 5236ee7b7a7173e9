// Side effect, imported by main.ts before fabric-shim's CLI: gives fabric-shim's ChaincodeStub the
// write batch of Fabric 3.1 (ChaincodeMessage WRITE_BATCH_STATE), which the Go shim sends and
// fabric-shim 2.5.8 does not: the store (ledger/store.ts) then sends a transaction's public
// writes and key-level policies in one round trip to the peer instead of one each.
import { ChaincodeStub } from 'fabric-shim';
import { createRequire } from 'node:module';
import type { StateWrite } from '../ledger/stub';
import { encodeWriteBatch, WRITE_BATCH_STATE } from './write-batch-encoding';

/** What fabric-shim's stub keeps of its handler and transaction (lib/stub.js, 2.5.8). */
interface StubInternals {
  readonly handler: { _askPeerAndListen(message: unknown, method: string): Promise<unknown> };
  readonly channel_id: string;
  readonly txId: string;
  readonly validationParameterMetakey: string;
}

/** fabric-shim's own ChaincodeMessage class: its gRPC stream refuses any other (an instanceof check). */
interface ShimChaincodeMessage {
  setType(type: number): void;
  setPayload(payload: Uint8Array): void;
  setTxid(txId: string): void;
  setChannelId(channelId: string): void;
}
const shimProtos = createRequire(require.resolve('fabric-shim'))('@hyperledger/fabric-protos') as {
  peer: { ChaincodeMessage: new () => ShimChaincodeMessage };
};

/** The Go shim's default batch size; a transaction's writes above it go in several batches. */
const MAX_RECORDS_PER_BATCH = 1000;

async function writeBatch(this: ChaincodeStub, writes: readonly StateWrite[]): Promise<void> {
  const stub = this as unknown as StubInternals;
  for (let start = 0; start < writes.length; start += MAX_RECORDS_PER_BATCH) {
    const message = new shimProtos.peer.ChaincodeMessage();
    message.setType(WRITE_BATCH_STATE);
    message.setPayload(encodeWriteBatch(writes.slice(start, start + MAX_RECORDS_PER_BATCH), stub.validationParameterMetakey));
    message.setTxid(stub.txId);
    message.setChannelId(stub.channel_id);
    await stub.handler._askPeerAndListen(message, 'WriteBatchState');
  }
}

(ChaincodeStub.prototype as unknown as { writeBatch: typeof writeBatch }).writeBatch = writeBatch;
