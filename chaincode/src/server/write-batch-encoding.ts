/**
 * The protobuf encoding of Fabric 3.1's peer.WriteBatchState (fabric-protos peer/chaincode_shim.proto),
 * written here because fabric-shim 2.5.8's protos (fabric-protos 0.2) predate it, and loading a newer
 * fabric-protos beside them in one process corrupts both (they share jspb's global namespace).
 *
 *   message WriteBatchState { repeated WriteRecord rec = 1; }
 *   message WriteRecord { string key = 1; bytes value = 2; string collection = 3;
 *                         StateMetadata metadata = 4; Type type = 5; }
 *   message StateMetadata { string metakey = 1; bytes value = 2; }
 *   WriteRecord.Type: PUT_STATE = 9, DEL_STATE = 10, PUT_STATE_METADATA = 21
 */
import type { StateWrite } from '../ledger/stub';
import { varint } from '@scf/kernel/protobuf-wire';

/** ChaincodeMessage.Type.WRITE_BATCH_STATE. */
export const WRITE_BATCH_STATE = 24;

const RECORD_TYPE = { put: 9, delete: 10, policy: 21 } as const;
const VARINT = 0;
const LENGTH_DELIMITED = 2;
const utf8 = new TextEncoder();

const tag = (field: number, wireType: number): number[] => varint(field * 8 + wireType);

/** A length-delimited field (string, bytes, message); proto3 leaves an empty one out. */
function delimited(field: number, bytes: Uint8Array): Uint8Array[] {
  return bytes.length === 0 ? [] : [Uint8Array.from([...tag(field, LENGTH_DELIMITED), ...varint(bytes.length)]), bytes];
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

function writeRecord(write: StateWrite, metakey: string): Uint8Array {
  const parts = [...delimited(1, utf8.encode(write.key))];
  if (write.kind === 'put') {
    parts.push(...delimited(2, write.value));
  }
  if (write.kind === 'policy') {
    parts.push(...delimited(4, concat([...delimited(1, utf8.encode(metakey)), ...delimited(2, write.policy)])));
  }
  parts.push(Uint8Array.from([...tag(5, VARINT), ...varint(RECORD_TYPE[write.kind])]));
  return concat(parts);
}

/** WriteBatchState of `writes` (public state: no collection), key-level policies under `metakey`. */
export function encodeWriteBatch(writes: readonly StateWrite[], metakey: string): Uint8Array {
  return concat(writes.flatMap((write) => delimited(1, writeRecord(write, metakey))));
}
