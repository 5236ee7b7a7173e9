import { common, ledger, msp, peer } from '@hyperledger/fabric-protos';
import { createHash, verify } from 'node:crypto';
import { parsedCertificate } from './certificates';
import { isAdminCertificate } from '@scf/kernel/x509';

const utf8 = new TextDecoder();

const VALIDATION_CODE_NAMES = new Map<number, string>(Object.entries(peer.TxValidationCode).map(([name, code]) => [code, name]));

export function validationCodeName(code: number): string {
  return VALIDATION_CODE_NAMES.get(code) ?? `UNKNOWN_${code}`;
}

/** One public key written (or deleted) by a transaction, in one chaincode namespace. */
export interface KvWrite {
  readonly namespace: string;
  readonly key: string;
  readonly isDelete: boolean;
  /** UTF-8 text of the value; empty for a delete. */
  readonly value: string;
}

/** A key whose metadata (its key-level endorsement policy) a transaction set, in one chaincode namespace. */
export interface KvMetadataWrite {
  readonly namespace: string;
  readonly key: string;
}

/**
 * A private data collection a transaction wrote in (puts, deletes or key-level policies). The block
 * carries only the hashes of private keys and values, so the collection is what can be named.
 */
export interface PrivateCollectionWrite {
  readonly namespace: string;
  readonly collection: string;
  /** Hashed writes plus hashed metadata writes in that collection. */
  readonly count: number;
}

/**
 * One endorsement carried by a transaction: which identity says it endorsed, and whether its
 * signature over the endorsed proposal response verifies with that identity's certificate.
 * Fabric's validation drops (without failing the transaction) endorsements whose signature or
 * certificate does not check out, so a VALID transaction can carry any number of them: whoever
 * relies on an endorsement must check `signatureValid` and chain the certificate to the org's CAs
 * (audit/msp-trust.ts).
 */
export interface DecodedEndorsement {
  readonly mspId: string;
  /** The endorser's certificate as PEM text; '' if the identity carries none. */
  readonly certificate: string;
  /** Checked when first read, then kept: the read model's projection decodes every block and never reads it. */
  readonly signatureValid: boolean;
}

export interface DecodedTransaction {
  /** Position in the block: with the block number, the transaction's identity in the read model. */
  readonly index: number;
  readonly txId: string;
  readonly headerType: number;
  readonly validationCode: number;
  readonly validationName: string;
  /** The proposal timestamp (what the chaincode saw as "now"), ISO 8601. */
  readonly timestamp: string;
  readonly creatorMsp: string;
  /** `x509::<subject>::<issuer>`, as the chaincode's `getID()` computes it; '' if unreadable. */
  readonly creatorId: string;
  /** SHA-256 hex of the creator's certificate bytes. */
  readonly creatorCertHash: string;
  /** The creator's certificate carries OU=admin (an org admin), read as the chaincode reads it. */
  readonly creatorIsAdmin: boolean;
  /** The creator's certificate as PEM text. */
  readonly creatorCertificate: string;
  readonly chaincode: string;
  /** `contract:transaction` as invoked, e.g. `scf.receivable:IssueReceivable`. */
  readonly fn: string;
  readonly args: readonly string[];
  readonly event: { readonly name: string; readonly payload: string } | undefined;
  readonly response: { readonly status: number; readonly payload: string } | undefined;
  readonly writes: readonly KvWrite[];
  readonly metadataWrites: readonly KvMetadataWrite[];
  /** The private data collections it wrote in (the keys are hashed in the block). */
  readonly privateWrites: readonly PrivateCollectionWrite[];
  /** The endorsements of the chaincode action, in envelope order; none for a non-endorser transaction. */
  readonly endorsements: readonly DecodedEndorsement[];
  /** Set when the envelope could not be decoded: every other field is then empty (the read model skips it with this error). */
  readonly decodeError?: string;
}

export interface DecodedBlock {
  readonly number: bigint;
  readonly transactions: readonly DecodedTransaction[];
}

interface TimestampLike {
  getSeconds(): number;
  getNanos(): number;
}

function isTimestamp(value: unknown): value is TimestampLike {
  return typeof value === 'object' && value !== null && 'getSeconds' in value && 'getNanos' in value;
}

function timestampIso(header: common.ChannelHeader): string {
  // google-protobuf ships no typings, so the Timestamp class is narrowed by shape.
  const ts: unknown = header.getTimestamp();
  if (!isTimestamp(ts)) {
    return new Date(0).toISOString();
  }
  return new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1_000_000)).toISOString();
}

/** The chaincode's `ClientIdentity.getID()` for a PEM certificate: `/`-joined RDNs of subject and issuer. */
export function clientIdOf(pem: string): string {
  const cert = parsedCertificate(pem)?.certificate;
  if (cert === undefined) {
    return '';
  }
  const dn = (name: string): string =>
    name
      .split('\n')
      .filter((part) => part.length > 0)
      .map((part) => `/${part.replace('/', '\\/')}`)
      .join('');
  return `x509::${dn(cert.subject)}::${dn(cert.issuer)}`;
}

/** The collections a namespace's hashed read-write sets write in (reads alone are not writes). */
function privateWritesOf(ns: ledger.rwset.NsReadWriteSet): PrivateCollectionWrite[] {
  return ns
    .getCollectionHashedRwsetList()
    .map((collection) => {
      const hashed = ledger.rwset.kvrwset.HashedRWSet.deserializeBinary(collection.getHashedRwset_asU8());
      return {
        namespace: ns.getNamespace(),
        collection: collection.getCollectionName(),
        count: hashed.getHashedWritesList().length + hashed.getMetadataWritesList().length,
      };
    })
    .filter((write) => write.count > 0);
}

function decodeWrites(resultsBytes: Uint8Array): Pick<EndorserPart, 'writes' | 'metadataWrites' | 'privateWrites'> {
  if (resultsBytes.length === 0) {
    return { writes: [], metadataWrites: [], privateWrites: [] };
  }
  const nsRwsets = ledger.rwset.TxReadWriteSet.deserializeBinary(resultsBytes).getNsRwsetList();
  const namespaces = nsRwsets.map((ns) => ({
    namespace: ns.getNamespace(),
    kv: ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8()),
  }));
  return {
    privateWrites: nsRwsets.flatMap(privateWritesOf),
    writes: namespaces.flatMap(({ namespace, kv }) =>
      kv.getWritesList().map((write) => ({
        namespace,
        key: write.getKey(),
        isDelete: write.getIsDelete(),
        value: write.getIsDelete() ? '' : utf8.decode(write.getValue_asU8()),
      })),
    ),
    metadataWrites: namespaces.flatMap(({ namespace, kv }) =>
      kv.getMetadataWritesList().map((write) => ({ namespace, key: write.getKey() })),
    ),
  };
}

interface EndorserPart {
  chaincode: string;
  fn: string;
  args: readonly string[];
  event: DecodedTransaction['event'];
  response: DecodedTransaction['response'];
  writes: readonly KvWrite[];
  metadataWrites: readonly KvMetadataWrite[];
  privateWrites: readonly PrivateCollectionWrite[];
  endorsements: readonly DecodedEndorsement[];
}

/** The first (and, for Fabric Gateway submissions, only) chaincode action of an endorser transaction. */
function decodeEndorserAction(data: Uint8Array): EndorserPart | undefined {
  const action = peer.Transaction.deserializeBinary(data).getActionsList()[0];
  if (!action) {
    return undefined;
  }
  const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
  const invocation = decodeInvocation(actionPayload);
  const chaincodeAction = decodeChaincodeAction(actionPayload);
  return {
    ...invocation,
    event: eventOf(chaincodeAction),
    response: responseOf(chaincodeAction),
    ...decodeWrites(chaincodeAction?.getResults_asU8() ?? new Uint8Array()),
    endorsements: decodeEndorsements(actionPayload.getAction()),
  };
}

/**
 * Each endorser's identity, with its signature over proposal response payload ‖ endorser bytes (as
 * peers sign) checked on first use: a signature check per endorsement of every transaction was a
 * tenth of the gateway's CPU under load (issue 18's profile), spent by the projection, which never
 * looks at it; the provenance check reads it for the few transactions it asks about.
 */
function decodeEndorsements(endorsed: peer.ChaincodeEndorsedAction | undefined): DecodedEndorsement[] {
  const payload = endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array();
  return (endorsed?.getEndorsementsList() ?? []).map((endorsement) => {
    const endorserBytes = endorsement.getEndorser_asU8();
    const endorser = msp.SerializedIdentity.deserializeBinary(endorserBytes);
    const certificate = utf8.decode(endorser.getIdBytes_asU8());
    let verified: boolean | undefined;
    return {
      mspId: endorser.getMspid(),
      certificate,
      get signatureValid(): boolean {
        verified ??= signatureVerifies(certificate, Buffer.concat([payload, endorserBytes]), endorsement.getSignature_asU8());
        return verified;
      },
    };
  });
}

/** An ECDSA (or other X.509 key) signature over `data` with SHA-256; false for anything unreadable. */
function signatureVerifies(certificatePem: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const publicKey = parsedCertificate(certificatePem)?.publicKey;
    return publicKey !== undefined && signature.length > 0 && verify('sha256', data, publicKey, signature);
  } catch {
    return false;
  }
}

/** What the client invoked: chaincode name, function and arguments. */
function decodeInvocation(actionPayload: peer.ChaincodeActionPayload): Pick<EndorserPart, 'chaincode' | 'fn' | 'args'> {
  const proposalPayload = peer.ChaincodeProposalPayload.deserializeBinary(actionPayload.getChaincodeProposalPayload_asU8());
  const spec = peer.ChaincodeInvocationSpec.deserializeBinary(proposalPayload.getInput_asU8()).getChaincodeSpec();
  const [fn = new Uint8Array(), ...args] = spec?.getInput()?.getArgsList_asU8() ?? [];
  return {
    chaincode: spec?.getChaincodeId()?.getName() ?? '',
    fn: utf8.decode(fn),
    args: args.map((arg) => utf8.decode(arg)),
  };
}

/** What the endorsers simulated: the chaincode's event, response and read-write set. */
function decodeChaincodeAction(actionPayload: peer.ChaincodeActionPayload): peer.ChaincodeAction | undefined {
  const endorsed = actionPayload.getAction();
  const responsePayload = endorsed ? peer.ProposalResponsePayload.deserializeBinary(endorsed.getProposalResponsePayload_asU8()) : undefined;
  return responsePayload ? peer.ChaincodeAction.deserializeBinary(responsePayload.getExtension_asU8()) : undefined;
}

function eventOf(chaincodeAction: peer.ChaincodeAction | undefined): EndorserPart['event'] {
  const eventBytes = chaincodeAction?.getEvents_asU8() ?? new Uint8Array();
  const event = eventBytes.length > 0 ? peer.ChaincodeEvent.deserializeBinary(eventBytes) : undefined;
  return event && event.getEventName() !== '' ? { name: event.getEventName(), payload: utf8.decode(event.getPayload_asU8()) } : undefined;
}

function responseOf(chaincodeAction: peer.ChaincodeAction | undefined): EndorserPart['response'] {
  const response = chaincodeAction?.getResponse();
  return response ? { status: response.getStatus(), payload: utf8.decode(response.getPayload_asU8()) } : undefined;
}

function decodeEnvelope(bytes: Uint8Array, index: number, validationCode: number): DecodedTransaction {
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(bytes).getPayload_asU8());
  const header = payload.getHeader();
  const channelHeader = common.ChannelHeader.deserializeBinary(header?.getChannelHeader_asU8() ?? new Uint8Array());
  const creator = decodeCreator(header);
  const headerType = channelHeader.getType();
  const endorser = headerType === common.HeaderType.ENDORSER_TRANSACTION ? decodeEndorserAction(payload.getData_asU8()) : undefined;
  return {
    index,
    txId: channelHeader.getTxId(),
    headerType,
    validationCode,
    validationName: validationCodeName(validationCode),
    timestamp: timestampIso(channelHeader),
    ...creator,
    ...endorserFields(endorser),
  };
}

/** Who signed the transaction proposal. */
function decodeCreator(
  header: common.Header | undefined,
): Pick<DecodedTransaction, 'creatorMsp' | 'creatorId' | 'creatorCertHash' | 'creatorIsAdmin' | 'creatorCertificate'> {
  const signatureHeader = common.SignatureHeader.deserializeBinary(header?.getSignatureHeader_asU8() ?? new Uint8Array());
  const creator = msp.SerializedIdentity.deserializeBinary(signatureHeader.getCreator_asU8());
  const certBytes = creator.getIdBytes_asU8();
  return {
    creatorMsp: creator.getMspid(),
    creatorId: certBytes.length > 0 ? clientIdOf(utf8.decode(certBytes)) : '',
    creatorCertHash: createHash('sha256').update(certBytes).digest('hex'),
    creatorIsAdmin: isAdminCertificate(certBytes),
    creatorCertificate: utf8.decode(certBytes),
  };
}

/** The chaincode action's fields, empty for a transaction without one (a config block, say). */
const NO_ENDORSER_ACTION: EndorserPart = Object.freeze({
  chaincode: '',
  fn: '',
  args: [],
  event: undefined,
  response: undefined,
  writes: [],
  metadataWrites: [],
  privateWrites: [],
  endorsements: [],
});

function endorserFields(endorser: EndorserPart | undefined): EndorserPart {
  return endorser ?? NO_ENDORSER_ACTION;
}

/** A chaincode invocation (not a config or other system envelope). */
export function isEndorserTransaction(tx: Pick<DecodedTransaction, 'headerType'>): boolean {
  return tx.headerType === common.HeaderType.ENDORSER_TRANSACTION;
}

/**
 * Decodes a full block (as delivered by block events or qscc) into its transactions, each with
 * its validation code from the block metadata's TRANSACTIONS_FILTER.
 */
export function decodeBlock(block: common.Block): DecodedBlock {
  const header = block.getHeader();
  if (!header) {
    throw new Error('block has no header');
  }
  const filter = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
  const envelopes = block.getData()?.getDataList_asU8() ?? [];
  return {
    number: BigInt(header.getNumber()),
    transactions: envelopes.map((bytes, index) => decodeOrKeep(bytes, index, filter[index] ?? peer.TxValidationCode.NOT_VALIDATED)),
  };
}

/** One envelope decoded; one that cannot be is kept, empty, with its error, so that the rest of its block still decodes. */
function decodeOrKeep(bytes: Uint8Array, index: number, validationCode: number): DecodedTransaction {
  try {
    return decodeEnvelope(bytes, index, validationCode);
  } catch (error) {
    return {
      index,
      txId: '',
      headerType: -1,
      validationCode,
      validationName: validationCodeName(validationCode),
      timestamp: '',
      creatorMsp: '',
      creatorId: '',
      creatorCertHash: '',
      creatorIsAdmin: false,
      creatorCertificate: '',
      ...NO_ENDORSER_ACTION,
      decodeError: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * One transaction as qscc's GetTransactionByID returns it (a ProcessedTransaction: the envelope
 * and the validation code the committing peer gave it); `index` is unknown there and left -1.
 */
export function decodeProcessedTransaction(processed: peer.ProcessedTransaction): DecodedTransaction {
  const envelope = processed.getTransactionenvelope();
  if (!envelope) {
    throw new Error('the processed transaction carries no envelope');
  }
  return decodeEnvelope(envelope.serializeBinary(), -1, processed.getValidationcode());
}
