/**
 * Protobuf's base-128 varint, for the few messages written by hand: the chaincode's write batch
 * (fabric-shim's protos predate it) and the gateway tests' block timestamps.
 */
export function varint(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`a varint holds a non-negative safe integer, not ${String(value)}`);
  }
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}
