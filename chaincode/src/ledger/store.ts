import { decode, encode } from './codec';
import { owningOrgs, peersOfAllOrgs } from './endorsement';
import type { LedgerStub, StateWrite } from './stub';
import { txTimeFromSeconds } from '@scf/kernel/dates';
import { ErrorCode, fail } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';

/** Marker value of index keys (Fabric treats an empty value as a delete). */
const INDEX_MARKER = encode(1);

export interface HistoryItem<T> {
  readonly txId: string;
  readonly timestamp: string;
  readonly isDelete: boolean;
  readonly value?: T;
}

/**
 * Typed access to world state under composite keys, for one transaction. Remember Fabric's
 * rule: reads return committed state, never this transaction's own writes.
 *
 * When the stub can batch writes, the public-state writes (values, deletes, key-level policies)
 * are kept here in order and sent in one round trip by `flush()`, which the contract calls once
 * the transaction has run (scf-contract.ts): since no read sees this transaction's writes, holding
 * them back changes nothing but the number of round trips. Private data is written at once.
 */
export class Store {
  readonly #pending: StateWrite[] | undefined;

  constructor(public readonly stub: LedgerStub) {
    this.#pending = stub.writeBatch === undefined ? undefined : [];
  }

  /** Sends the writes held back, if any, in one batch. */
  async flush(): Promise<void> {
    const pending = this.#pending;
    if (pending === undefined || pending.length === 0 || this.stub.writeBatch === undefined) {
      return;
    }
    const writes = pending.splice(0, pending.length);
    await this.stub.writeBatch(writes);
  }

  private async write(write: StateWrite): Promise<void> {
    if (this.#pending !== undefined) {
      this.#pending.push(write);
      return;
    }
    switch (write.kind) {
      case 'put':
        return this.stub.putState(write.key, write.value);
      case 'delete':
        return this.stub.deleteState(write.key);
      case 'policy':
        return this.stub.setStateValidationParameter(write.key, write.policy);
    }
  }

  key(type: KeyType, attributes: readonly string[]): string {
    return this.stub.createCompositeKey(type, [...attributes]);
  }

  async get<T>(type: KeyType, attributes: readonly string[]): Promise<T | undefined> {
    const bytes = await this.stub.getState(this.key(type, attributes));
    return bytes.length === 0 ? undefined : decode<T>(bytes);
  }

  async require<T>(type: KeyType, attributes: readonly string[], what: string): Promise<T> {
    return (await this.get<T>(type, attributes)) ?? fail(ErrorCode.NOT_FOUND, `${what} does not exist`);
  }

  async exists(type: KeyType, attributes: readonly string[]): Promise<boolean> {
    return (await this.stub.getState(this.key(type, attributes))).length > 0;
  }

  async ensureAbsent(type: KeyType, attributes: readonly string[], what: string): Promise<void> {
    if (await this.exists(type, attributes)) {
      fail(ErrorCode.ALREADY_EXISTS, `${what} already exists`);
    }
  }

  async put(type: KeyType, attributes: readonly string[], value: unknown): Promise<void> {
    await this.write({ kind: 'put', key: this.key(type, attributes), value: encode(value) });
  }

  async putIndex(type: KeyType, attributes: readonly string[]): Promise<void> {
    await this.write({ kind: 'put', key: this.key(type, attributes), value: INDEX_MARKER });
  }

  async delete(type: KeyType, attributes: readonly string[]): Promise<void> {
    await this.write({ kind: 'delete', key: this.key(type, attributes) });
  }

  /** Values under a partial key, in key order. */
  async list<T>(type: KeyType, prefix: readonly string[]): Promise<T[]> {
    const values: T[] = [];
    for await (const entry of this.stub.getStateByPartialCompositeKey(type, [...prefix])) {
      values.push(decode<T>(entry.value));
    }
    return values;
  }

  /** The last attribute of each key under a partial key (index lookups), in key order. */
  async listLastAttributes(type: KeyType, prefix: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    for await (const entry of this.stub.getStateByPartialCompositeKey(type, [...prefix])) {
      const { attributes } = this.stub.splitCompositeKey(entry.key);
      ids.push(attributes[attributes.length - 1] ?? fail(ErrorCode.INTERNAL, `malformed index key under ${type}`));
    }
    return ids;
  }

  /** The attributes of each key under a partial key (multi-attribute index lookups), in key order. */
  async listAttributes(type: KeyType, prefix: readonly string[]): Promise<string[][]> {
    const found: string[][] = [];
    for await (const entry of this.stub.getStateByPartialCompositeKey(type, [...prefix])) {
      found.push(this.stub.splitCompositeKey(entry.key).attributes);
    }
    return found;
  }

  /** Every committed version of one key, as Fabric returns them (newest first). */
  async history<T>(type: KeyType, attributes: readonly string[]): Promise<HistoryItem<T>[]> {
    const items: HistoryItem<T>[] = [];
    for await (const entry of this.stub.getHistoryForKey(this.key(type, attributes))) {
      items.push({
        txId: entry.txId,
        timestamp: txTimeFromSeconds(BigInt(entry.timestamp.seconds.toString())).iso,
        isDelete: entry.isDelete,
        value: entry.isDelete || entry.value.length === 0 ? undefined : decode<T>(entry.value),
      });
    }
    return items;
  }

  async setValidationParameter(type: KeyType, attributes: readonly string[], policy: Uint8Array): Promise<void> {
    await this.write({ kind: 'policy', key: this.key(type, attributes), policy });
  }

  /** Sets the key-level policy of each key to "a peer of every owner org" (the ownership table). */
  async protect(owners: readonly string[], ...keys: (readonly [KeyType, readonly string[]])[]): Promise<void> {
    const policy = peersOfAllOrgs(owners);
    for (const [type, attributes] of keys) {
      await this.setValidationParameter(type, attributes, policy);
    }
  }

  /**
   * The creation guard: blind-writes (no read, so no MVCC conflict) the guard key of each owner
   * org, whose key-level policy is that org's peer. A creation naming an org thus cannot commit
   * without that org's peer, even though the new record key itself is only checked against the
   * chaincode-level policy. It never sets the guard's policy: a transaction writing a key whose
   * policy an earlier transaction of the same block changed is invalidated by Fabric, so
   * concurrent creations would invalidate each other (measured). ensureGuard sets it, once.
   */
  async guardCreation(owners: readonly string[]): Promise<void> {
    for (const mspId of owningOrgs(owners)) {
      await this.put(KeyType.guard, [mspId], { mspId });
    }
  }

  /** Writes an org's guard and gives it its policy (that org's peer) unless it has it already; true if it set it. */
  async ensureGuard(mspId: string): Promise<boolean> {
    const key = this.key(KeyType.guard, [mspId]);
    const expected = peersOfAllOrgs([mspId]);
    const current = await this.stub.getStateValidationParameter(key);
    await this.put(KeyType.guard, [mspId], { mspId });
    if (current !== undefined && Buffer.from(current).equals(Buffer.from(expected))) {
      return false;
    }
    await this.write({ kind: 'policy', key, policy: expected });
    return true;
  }
}
