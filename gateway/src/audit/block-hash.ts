import { createHash } from 'node:crypto';

function derLength(length: number): Buffer {
  if (length < 0x80) {
    return Buffer.from([length]);
  }
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest % 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function derTlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

/** Minimal two's-complement big-endian bytes of a non-negative integer, as DER INTEGER wants them. */
function derIntegerContent(value: bigint): Buffer {
  if (value < 0n) {
    throw new Error('block numbers are never negative');
  }
  let hex = value.toString(16);
  if (hex.length % 2 === 1) {
    hex = `0${hex}`;
  }
  const bytes = Buffer.from(hex, 'hex');
  const first = bytes[0] ?? 0;
  // A set high bit would read as negative: DER prepends a zero byte.
  return first >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

/** Fabric's block header encoding (protoutil.BlockHeaderBytes): DER SEQUENCE { INTEGER, OCTET STRING, OCTET STRING }. */
export function blockHeaderDer(number: bigint, previousHash: Uint8Array, dataHash: Uint8Array): Buffer {
  const content = Buffer.concat([derTlv(0x02, derIntegerContent(number)), derTlv(0x04, previousHash), derTlv(0x04, dataHash)]);
  return derTlv(0x30, content);
}

/** What the next block's header must carry as previous_hash. */
export function blockHeaderHash(number: bigint, previousHash: Uint8Array, dataHash: Uint8Array): Buffer {
  return createHash('sha256')
    .update(blockHeaderDer(number, previousHash, dataHash))
    .digest();
}

/** A block's data_hash: SHA-256 over its envelopes' bytes, concatenated. */
export function blockDataHash(envelopes: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const envelope of envelopes) {
    hash.update(envelope);
  }
  return hash.digest();
}
