import { canonicalJson } from '@scf/kernel/canonical-json';

/**
 * Ledger values are canonical JSON (keys sorted recursively, no whitespace): the same record
 * always encodes to the same bytes on every endorsing peer, so their write sets match.
 */
export function encode(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** Decodes a value this chaincode wrote; the type is trusted because only this codec writes it. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the record type it stored
export function decode<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}
