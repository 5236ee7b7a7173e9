import { ChaincodeStub } from 'fabric-shim';
import type { HistoryEntry, LedgerStub, LedgerTimestamp, StateEntry, StateWrite } from '../ledger/stub';
import type { FakeLedger, RangeRead, SimulatedTx } from './fake-ledger';
import { sha256Hex } from '@scf/kernel/canonical-json';

/** Fabric's own composite-key functions (they do not touch `this`). */
const realStub = ChaincodeStub.prototype;
const MAX_UNICODE_RUNE = '\u{10ffff}';

export interface TxInput {
  readonly txId: string;
  readonly seconds: number;
  readonly creatorMsp: string;
  readonly fcn: string;
  readonly args: readonly string[];
  readonly transient?: ReadonlyMap<string, string>;
  readonly endorsingOrgs: readonly string[];
}

/** A Long-like seconds value, as fabric-shim's getTxTimestamp returns. */
function longSeconds(seconds: number): { toString(): string; toNumber(): number } {
  return { toString: () => seconds.toString(), toNumber: () => seconds };
}

/**
 * Simulates one transaction against a FakeLedger with Fabric's semantics: reads return
 * committed state only (never this transaction's own writes), ranges come back in key order,
 * and every read, range, write, private write, event and key-level policy is recorded.
 */
export class FakeStub implements LedgerStub {
  private readonly reads = new Map<string, number | null>();
  private readonly rangeReads: RangeRead[] = [];
  private readonly privateReads = new Map<string, number | null>();
  private readonly writes = new Map<string, Buffer | null>();
  private readonly privateWrites = new Map<string, Map<string, Buffer | null>>();
  private readonly parameters = new Map<string, Buffer>();
  private event?: { name: string; payload: Buffer };
  private eventCount = 0;
  private readonly roundTrips = new Map<string, number>();

  constructor(
    private readonly ledger: FakeLedger,
    private readonly input: TxInput,
  ) {}

  getTxID(): string {
    return this.input.txId;
  }

  getTxTimestamp(): LedgerTimestamp {
    return { seconds: longSeconds(this.input.seconds), nanos: 0 };
  }

  getTransient(): Map<string, Uint8Array> {
    return new Map([...(this.input.transient ?? new Map<string, string>())].map(([k, v]) => [k, Buffer.from(v, 'utf8')]));
  }

  getFunctionAndParameters(): { fcn: string; params: string[] } {
    return { fcn: this.input.fcn, params: [...this.input.args] };
  }

  getState(key: string): Promise<Uint8Array> {
    this.count('getState');
    return settle(() => {
      assertKey(key);
      const entry = this.ledger.read(key);
      if (!this.reads.has(key)) {
        this.reads.set(key, entry?.version ?? null);
      }
      return entry ? Buffer.from(entry.value) : Buffer.alloc(0);
    });
  }

  putState(key: string, value: Uint8Array): Promise<void> {
    this.count('putState');
    return settle(() => {
      this.apply({ kind: 'put', key, value });
    });
  }

  deleteState(key: string): Promise<void> {
    this.count('deleteState');
    return settle(() => {
      this.apply({ kind: 'delete', key });
    });
  }

  /** Fabric 3.1's WriteBatchState: the writes in order, in one round trip; the first the peer refuses fails the batch. */
  writeBatch(writes: readonly StateWrite[]): Promise<void> {
    this.count('writeBatch');
    return settle(() => {
      for (const write of writes) {
        this.apply(write);
      }
    });
  }

  private apply(write: StateWrite): void {
    switch (write.kind) {
      case 'put':
        assertKey(write.key);
        if (write.value.length === 0) {
          throw new Error(`empty value for ${JSON.stringify(write.key)}: Fabric would treat it as a delete`);
        }
        this.writes.set(write.key, Buffer.from(write.value));
        return;
      case 'delete':
        assertKey(write.key);
        this.writes.set(write.key, null);
        return;
      case 'policy':
        this.parameters.set(write.key, Buffer.from(write.policy));
        return;
    }
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): AsyncIterable<StateEntry> {
    this.count('getStateByPartialCompositeKey');
    const start = this.createCompositeKey(objectType, attributes);
    const end = start + MAX_UNICODE_RUNE;
    const results = this.ledger.range(start, end);
    this.rangeReads.push({ start, end, results: results.map(({ key, entry }) => ({ key, version: entry.version })) });
    return iterate(results.map(({ key, entry }) => ({ key, value: Buffer.from(entry.value) })));
  }

  getHistoryForKey(key: string): AsyncIterable<HistoryEntry> {
    this.count('getHistoryForKey');
    return iterate(
      this.ledger
        .history(key)
        .map((h) => ({ txId: h.txId, isDelete: h.isDelete, value: h.value, timestamp: { seconds: h.seconds, nanos: 0 } })),
    );
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    return realStub.createCompositeKey(objectType, attributes);
  }

  splitCompositeKey(compositeKey: string): { objectType: string; attributes: string[] } {
    return realStub.splitCompositeKey(compositeKey);
  }

  /** Like Fabric's, reading a key's metadata reads the key (its version joins the read set); undefined without a policy, as the shim answers. */
  getStateValidationParameter(key: string): Promise<Uint8Array | undefined> {
    this.count('getStateValidationParameter');
    return settle(() => {
      assertKey(key);
      if (!this.reads.has(key)) {
        this.reads.set(key, this.ledger.read(key)?.version ?? null);
      }
      return this.ledger.validationParameter(key);
    });
  }

  setStateValidationParameter(key: string, ep: Uint8Array): Promise<void> {
    this.count('setStateValidationParameter');
    return settle(() => {
      this.apply({ kind: 'policy', key, policy: ep });
    });
  }

  getPrivateData(collection: string, key: string): Promise<Uint8Array> {
    this.count('getPrivateData');
    return settle(() => {
      this.assertMember(collection, 'read');
      const entry = this.ledger.readPrivate(collection, key);
      this.privateReads.set(`${collection}\u0000\u0000${key}`, entry?.version ?? null);
      return entry ? Buffer.from(entry.value) : Buffer.alloc(0);
    });
  }

  putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void> {
    this.count('putPrivateData');
    return settle(() => {
      this.assertMember(collection, 'write');
      if (value.length === 0) {
        throw new Error('empty private value');
      }
      const writes = this.privateWrites.get(collection) ?? new Map<string, Buffer | null>();
      writes.set(key, Buffer.from(value));
      this.privateWrites.set(collection, writes);
    });
  }

  /** Any org may read the hash (it is on every peer); the read is versioned like any other. */
  getPrivateDataHash(collection: string, key: string): Promise<Uint8Array> {
    this.count('getPrivateDataHash');
    return settle(() => {
      this.assertCollection(collection);
      const entry = this.ledger.readPrivate(collection, key);
      this.privateReads.set(`${collection}\u0000\u0000${key}`, entry?.version ?? null);
      return entry ? Buffer.from(sha256Hex(entry.value), 'hex') : Buffer.alloc(0);
    });
  }

  /** Fabric keeps one event per transaction: a later call replaces an earlier one. */
  setEvent(name: string, payload: Uint8Array): void {
    if (name.length === 0) {
      throw new Error('event name must not be empty');
    }
    this.event = { name, payload: Buffer.from(payload) };
    this.eventCount += 1;
  }

  /** The read/write sets this simulation produced, as an endorser would sign them. */
  result(response: string): SimulatedTx {
    return {
      txId: this.input.txId,
      seconds: this.input.seconds,
      creatorMsp: this.input.creatorMsp,
      fcn: this.input.fcn,
      args: [...this.input.args],
      reads: new Map(this.reads),
      rangeReads: [...this.rangeReads],
      privateReads: new Map(this.privateReads),
      writes: new Map(this.writes),
      privateWrites: new Map([...this.privateWrites].map(([c, w]) => [c, new Map(w)])),
      validationParameters: new Map(this.parameters),
      event: this.event,
      eventCount: this.eventCount,
      roundTrips: new Map(this.roundTrips),
      response,
      endorsingOrgs: [...this.input.endorsingOrgs],
    };
  }

  private count(method: string): void {
    this.roundTrips.set(method, (this.roundTrips.get(method) ?? 0) + 1);
  }

  private assertCollection(collection: string): string[] {
    const found = this.ledger.collections.get(collection);
    if (!found) {
      throw new Error(`collection ${collection} is not defined in collections_config.json`);
    }
    return [...found.members];
  }

  /** memberOnlyRead / memberOnlyWrite: the client's org must be a member of the collection. */
  private assertMember(collection: string, access: 'read' | 'write'): void {
    if (!this.assertCollection(collection).includes(this.input.creatorMsp)) {
      throw new Error(`tx creator does not have ${access} access permission on privatedata in collection ${collection}`);
    }
  }
}

/** Runs `fn` so that a throw becomes a rejected promise, as from the real (async) stub. */
function settle<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function assertKey(key: string): void {
  if (key.length === 0) {
    throw new Error('key must not be empty');
  }
}

function iterate<T>(items: readonly T[]): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: async function* () {
      for (const item of items) {
        await Promise.resolve();
        yield item;
      }
    },
  };
}
