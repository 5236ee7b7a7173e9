import { parseCompositeKey } from '@scf/kernel/keys';
import type { KvWrite } from '../readmodel/decode-block';

/** Where a transaction sits on the chain: what a breach points at. */
export interface TxRef {
  readonly txId: string;
  readonly blockNumber: string;
}

export interface StateEntry {
  readonly value: string;
  readonly writtenBy: TxRef;
}

export interface Breach {
  readonly invariant: string;
  readonly message: string;
  readonly transactions: readonly TxRef[];
}

/** Public world state rebuilt from valid write sets: key → last value and the transaction that wrote it. */
export class WorldState {
  readonly #entries = new Map<string, StateEntry>();

  apply(
    namespace: string,
    writes: readonly KvWrite[],
    at: TxRef,
    observe?: (key: string, before: StateEntry | undefined, after: StateEntry | undefined) => void,
  ): void {
    for (const write of writes) {
      if (write.namespace !== namespace) {
        continue;
      }
      const before = this.#entries.get(write.key);
      const after = write.isDelete ? undefined : { value: write.value, writtenBy: at };
      if (after) {
        this.#entries.set(write.key, after);
      } else {
        this.#entries.delete(write.key);
      }
      observe?.(write.key, before, after);
    }
  }

  /** The value under `key` now, as written (canonical JSON text); undefined if absent. */
  value(key: string): string | undefined {
    return this.#entries.get(key)?.value;
  }

  set(key: string, value: string, at: TxRef): void {
    this.#entries.set(key, { value, writtenBy: at });
  }

  /** Decoded records (canonical JSON) of one object type, each with its writer. */
  records(type: string): { record: unknown; writtenBy: TxRef }[] {
    const found: { record: unknown; writtenBy: TxRef }[] = [];
    for (const [key, entry] of this.#entries) {
      if (parseCompositeKey(key)?.objectType === type) {
        found.push({ record: JSON.parse(entry.value), writtenBy: entry.writtenBy });
      }
    }
    return found;
  }
}
