/**
 * The part of Fabric's ChaincodeStub the repositories use. fabric-shim's real stub satisfies
 * it structurally, and so does the unit tests' fake (src/testing/fake-stub.ts).
 */
export type SecondsLike = number | { toString(): string };

export interface LedgerTimestamp {
  readonly seconds: SecondsLike;
  readonly nanos: number;
}

export interface StateEntry {
  readonly key: string;
  readonly value: Uint8Array;
}

export interface HistoryEntry {
  readonly txId: string;
  readonly isDelete: boolean;
  readonly value: Uint8Array;
  readonly timestamp: LedgerTimestamp;
}

/** One public-state write of a transaction, as a write batch carries it (Fabric 3.1's WriteBatchState). */
export type StateWrite =
  | { readonly kind: 'put'; readonly key: string; readonly value: Uint8Array }
  | { readonly kind: 'delete'; readonly key: string }
  | { readonly kind: 'policy'; readonly key: string; readonly policy: Uint8Array };

export interface LedgerStub {
  getTxID(): string;
  getTxTimestamp(): LedgerTimestamp;
  getTransient(): Map<string, Uint8Array>;
  getState(key: string): Promise<Uint8Array>;
  putState(key: string, value: Uint8Array): Promise<void>;
  deleteState(key: string): Promise<void>;
  getStateByPartialCompositeKey(objectType: string, attributes: string[]): AsyncIterable<StateEntry>;
  getHistoryForKey(key: string): AsyncIterable<HistoryEntry>;
  createCompositeKey(objectType: string, attributes: string[]): string;
  splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] };
  setStateValidationParameter(key: string, ep: Uint8Array): Promise<void>;
  /** The key's key-level policy; undefined (the real shim) or empty when it has none. */
  getStateValidationParameter(key: string): Promise<Uint8Array | undefined>;
  getPrivateData(collection: string, key: string): Promise<Uint8Array>;
  putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void>;
  getPrivateDataHash(collection: string, key: string): Promise<Uint8Array>;
  setEvent(name: string, payload: Uint8Array): void;
  /**
   * Sends public-state writes to the peer in one round trip, applied in order as the separate
   * calls would be (server/batch-writes.ts adds it to fabric-shim's stub; the fake has it too).
   * Absent, the store writes one call at a time.
   */
  writeBatch?(writes: readonly StateWrite[]): Promise<void>;
}
