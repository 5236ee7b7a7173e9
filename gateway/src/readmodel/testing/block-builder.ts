import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import { createHash, sign } from 'node:crypto';
import { varint } from '@scf/kernel/protobuf-wire';
import { compositeKey } from '@scf/kernel/keys';
import { CLIENT_CERT } from '@scf/kernel/testing/certificates';

const utf8 = new TextEncoder();

/** A cryptogen-like client certificate (P-256, throwaway CA) for creator fields: the chaincode tests' own. */
export const TEST_CLIENT_CERT = CLIENT_CERT;

export const TEST_CLIENT_ID =
  'x509::/C=US/ST=California/L=San Francisco/OU=client/CN=Test-client@banka.scf.local::/C=US/ST=California/L=San Francisco/O=banka.scf.local/CN=ca.banka.scf.local';

export interface TestWrite {
  readonly objectType: string;
  readonly attributes: readonly string[];
  readonly value: unknown;
  /** A delete of the key (value ignored). */
  readonly isDelete?: boolean;
}

/** A key whose key-level endorsement policy the transaction sets. */
export interface TestMetadataWrite {
  readonly objectType: string;
  readonly attributes: readonly string[];
}

/** An endorsement to sign into the envelope: an identity of `mspId` with its key (or a junk signature). */
export interface TestEndorsement {
  readonly mspId: string;
  readonly certificate: string;
  readonly privateKey: string;
  /** Sign something else, so that the signature does not verify. */
  readonly badSignature?: boolean;
}

export interface TestTransaction {
  readonly txId: string;
  readonly fn: string;
  readonly args?: readonly string[];
  readonly mspId?: string;
  /** The creator's certificate (PEM); TEST_CLIENT_CERT when absent. */
  readonly creatorCert?: string;
  readonly endorsements?: readonly TestEndorsement[];
  /** Epoch milliseconds. */
  readonly timestampMs?: number;
  readonly validationCode?: number;
  readonly event?: { readonly name: string; readonly payload: unknown };
  readonly response?: unknown;
  readonly writes?: readonly TestWrite[];
  readonly metadataWrites?: readonly TestMetadataWrite[];
  /** Private data writes: a hashed key and value per write, in the named collection. */
  readonly privateWrites?: readonly { readonly collection: string; readonly key: string; readonly value: string }[];
  readonly chaincode?: string;
  /** The namespace the write set is in; the invoked chaincode's by default. */
  readonly namespace?: string;
  /** The header type; an endorser transaction by default. */
  readonly headerType?: number;
}

/** ChannelHeader.timestamp (field 3) appended by hand: google-protobuf's Timestamp class ships no typings. */
function withTimestamp(header: common.ChannelHeader, ms: number): Uint8Array {
  const timestamp = [0x08, ...varint(Math.floor(ms / 1000)), 0x10, ...varint((ms % 1000) * 1_000_000)];
  return new Uint8Array([...header.serializeBinary(), 0x1a, ...varint(timestamp.length), ...timestamp]);
}

/** The collection hashed read-write sets of private writes, one per collection, as Fabric puts them in the block. */
function collectionHashedRwsets(privateWrites: NonNullable<TestTransaction['privateWrites']>): ledger.rwset.CollectionHashedReadWriteSet[] {
  const collections = [...new Set(privateWrites.map((w) => w.collection))];
  const sha256 = (text: string): Uint8Array => createHash('sha256').update(text).digest();
  return collections.map((name) => {
    const hashed = new ledger.rwset.kvrwset.HashedRWSet();
    hashed.setHashedWritesList(
      privateWrites
        .filter((w) => w.collection === name)
        .map((w) => {
          const write = new ledger.rwset.kvrwset.KVWriteHash();
          write.setKeyHash(sha256(w.key));
          write.setValueHash(sha256(w.value));
          return write;
        }),
    );
    const collection = new ledger.rwset.CollectionHashedReadWriteSet();
    collection.setCollectionName(name);
    collection.setHashedRwset(hashed.serializeBinary());
    return collection;
  });
}

function readWriteSet(
  chaincode: string,
  writes: readonly TestWrite[],
  metadataWrites: readonly TestMetadataWrite[],
  privateWrites: NonNullable<TestTransaction['privateWrites']> = [],
): Uint8Array {
  const kv = new ledger.rwset.kvrwset.KVRWSet();
  kv.setWritesList(
    writes.map((w) => {
      const write = new ledger.rwset.kvrwset.KVWrite();
      write.setKey(compositeKey(w.objectType, w.attributes));
      if (w.isDelete) {
        write.setIsDelete(true);
      } else {
        write.setValue(utf8.encode(JSON.stringify(w.value)));
      }
      return write;
    }),
  );
  kv.setMetadataWritesList(
    metadataWrites.map((m) => {
      const write = new ledger.rwset.kvrwset.KVMetadataWrite();
      write.setKey(compositeKey(m.objectType, m.attributes));
      const entry = new ledger.rwset.kvrwset.KVMetadataEntry();
      entry.setName('VALIDATION_PARAMETER');
      entry.setValue(utf8.encode('policy'));
      write.setEntriesList([entry]);
      return write;
    }),
  );
  const ns = new ledger.rwset.NsReadWriteSet();
  ns.setNamespace(chaincode);
  ns.setRwset(kv.serializeBinary());
  ns.setCollectionHashedRwsetList(collectionHashedRwsets(privateWrites));
  const set = new ledger.rwset.TxReadWriteSet();
  set.setNsRwsetList([ns]);
  return set.serializeBinary();
}

function chaincodeAction(tx: TestTransaction, chaincode: string): Uint8Array {
  const action = new peer.ChaincodeAction();
  action.setResults(readWriteSet(tx.namespace ?? chaincode, tx.writes ?? [], tx.metadataWrites ?? [], tx.privateWrites ?? []));
  if (tx.event) {
    const event = new peer.ChaincodeEvent();
    event.setChaincodeId(chaincode);
    event.setTxId(tx.txId);
    event.setEventName(tx.event.name);
    event.setPayload(utf8.encode(JSON.stringify(tx.event.payload)));
    action.setEvents(event.serializeBinary());
  }
  const response = new peer.Response();
  response.setStatus(200);
  response.setPayload(utf8.encode(tx.response === undefined ? '' : JSON.stringify(tx.response)));
  action.setResponse(response);
  return action.serializeBinary();
}

/** Signed as a peer signs: proposal response payload ‖ serialised endorser identity, ECDSA over SHA-256. */
function endorsementOf(e: TestEndorsement, responseBytes: Uint8Array): peer.Endorsement {
  const identity = new msp.SerializedIdentity();
  identity.setMspid(e.mspId);
  identity.setIdBytes(utf8.encode(e.certificate));
  const endorserBytes = identity.serializeBinary();
  const signed = e.badSignature ? utf8.encode('something else') : Buffer.concat([responseBytes, endorserBytes]);
  const endorsement = new peer.Endorsement();
  endorsement.setEndorser(endorserBytes);
  endorsement.setSignature(sign('sha256', signed, e.privateKey));
  return endorsement;
}

export function envelopeOf(tx: TestTransaction): Uint8Array {
  const chaincode = tx.chaincode ?? 'scf';
  const spec = new peer.ChaincodeSpec();
  const id = new peer.ChaincodeID();
  id.setName(chaincode);
  spec.setChaincodeId(id);
  const input = new peer.ChaincodeInput();
  input.setArgsList([tx.fn, ...(tx.args ?? [])].map((a) => utf8.encode(a)));
  spec.setInput(input);
  const invocation = new peer.ChaincodeInvocationSpec();
  invocation.setChaincodeSpec(spec);
  const proposalPayload = new peer.ChaincodeProposalPayload();
  proposalPayload.setInput(invocation.serializeBinary());

  const responsePayload = new peer.ProposalResponsePayload();
  responsePayload.setExtension$(chaincodeAction(tx, chaincode));
  const endorsed = new peer.ChaincodeEndorsedAction();
  const responseBytes = responsePayload.serializeBinary();
  endorsed.setProposalResponsePayload(responseBytes);
  endorsed.setEndorsementsList((tx.endorsements ?? []).map((e) => endorsementOf(e, responseBytes)));
  const actionPayload = new peer.ChaincodeActionPayload();
  actionPayload.setChaincodeProposalPayload(proposalPayload.serializeBinary());
  actionPayload.setAction(endorsed);
  const action = new peer.TransactionAction();
  action.setPayload(actionPayload.serializeBinary());
  const transaction = new peer.Transaction();
  transaction.setActionsList([action]);

  const channelHeader = new common.ChannelHeader();
  channelHeader.setType(tx.headerType ?? common.HeaderType.ENDORSER_TRANSACTION);
  channelHeader.setTxId(tx.txId);
  channelHeader.setChannelId('scf');
  const creator = new msp.SerializedIdentity();
  creator.setMspid(tx.mspId ?? 'BankAMSP');
  creator.setIdBytes(utf8.encode(tx.creatorCert ?? TEST_CLIENT_CERT));
  const signatureHeader = new common.SignatureHeader();
  signatureHeader.setCreator(creator.serializeBinary());
  const header = new common.Header();
  header.setChannelHeader(withTimestamp(channelHeader, tx.timestampMs ?? Date.UTC(2025, 0, 1)));
  header.setSignatureHeader(signatureHeader.serializeBinary());
  const payload = new common.Payload();
  payload.setHeader(header);
  payload.setData(transaction.serializeBinary());
  const envelope = new common.Envelope();
  envelope.setPayload(payload.serializeBinary());
  return envelope.serializeBinary();
}

/** A full block as the peer delivers it, with the validation codes in TRANSACTIONS_FILTER. */
export function buildBlock(number: number, transactions: readonly TestTransaction[]): common.Block {
  const header = new common.BlockHeader();
  header.setNumber(number);
  const data = new common.BlockData();
  data.setDataList(transactions.map(envelopeOf));
  const metadata = new common.BlockMetadata();
  const entries: Uint8Array[] = [
    new Uint8Array(),
    new Uint8Array(),
    new Uint8Array(transactions.map((t) => t.validationCode ?? 0)),
    new Uint8Array(),
    new Uint8Array(),
  ];
  metadata.setMetadataList(entries);
  const block = new common.Block();
  block.setHeader(header);
  block.setData(data);
  block.setMetadata(metadata);
  return block;
}

/** Serialised and parsed again, as a block off the wire. */
export function roundTrip(block: common.Block): common.Block {
  return common.Block.deserializeBinary(block.serializeBinary());
}

/** One transaction as qscc's GetTransactionByID returns it: its envelope and validation code. */
export function processedTransactionOf(tx: TestTransaction): peer.ProcessedTransaction {
  const processed = new peer.ProcessedTransaction();
  processed.setTransactionenvelope(common.Envelope.deserializeBinary(envelopeOf(tx)));
  processed.setValidationcode(tx.validationCode ?? 0);
  return peer.ProcessedTransaction.deserializeBinary(processed.serializeBinary());
}
