import { readFileSync } from 'fs';
import { join } from 'path';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { sha256Hex } from '@scf/kernel/canonical-json';

/** A committed value and the sequence number of the transaction that wrote it (Fabric's version). */
export interface Versioned {
  readonly value: Buffer;
  readonly version: number;
}

export interface HistoryRecord {
  readonly txId: string;
  readonly seconds: number;
  readonly value: Buffer;
  readonly isDelete: boolean;
}

export interface RangeRead {
  readonly start: string;
  readonly end: string;
  readonly results: readonly { key: string; version: number }[];
}

/** What simulating one transaction produced: its read/write sets, as a Fabric endorser would sign them. */
export interface SimulatedTx {
  readonly txId: string;
  readonly seconds: number;
  readonly creatorMsp: string;
  readonly fcn: string;
  readonly args: readonly string[];
  readonly reads: ReadonlyMap<string, number | null>;
  readonly rangeReads: readonly RangeRead[];
  readonly privateReads: ReadonlyMap<string, number | null>;
  readonly writes: ReadonlyMap<string, Buffer | null>;
  readonly privateWrites: ReadonlyMap<string, ReadonlyMap<string, Buffer | null>>;
  readonly validationParameters: ReadonlyMap<string, Buffer>;
  readonly event?: { readonly name: string; readonly payload: Buffer };
  readonly eventCount: number;
  /**
   * The simulation's calls that cost a chaincode-to-peer round trip in fabric-shim (every state,
   * range, history, private-data and validation-parameter call; not setEvent), by stub method.
   */
  readonly roundTrips: ReadonlyMap<string, number>;
  readonly response: string;
  /** The orgs whose peers endorsed, for checking key-level endorsement policies at commit. */
  readonly endorsingOrgs: readonly string[];
}

export type ValidationCode = 'VALID' | 'MVCC_READ_CONFLICT' | 'PHANTOM_READ_CONFLICT' | 'ENDORSEMENT_POLICY_FAILURE';

export interface Collection {
  readonly name: string;
  readonly members: readonly string[];
  /** The orgs whose peers must all endorse a write to the collection (its endorsementPolicy, an AND). */
  readonly endorsers: readonly string[];
}

/** Fabric orders keys by their UTF-8 bytes. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function loadCollections(): Map<string, Collection> {
  const config = JSON.parse(readFileSync(join(__dirname, '..', '..', 'collections_config.json'), 'utf8')) as {
    name: string;
    policy: string;
    endorsementPolicy?: { signaturePolicy?: string };
  }[];
  return new Map(
    config.map((c) => {
      const endorsement = c.endorsementPolicy?.signaturePolicy ?? '';
      if (!endorsement.startsWith('AND(')) {
        throw new Error(`the fake ledger only models AND collection endorsement policies, not ${c.name}: "${endorsement}"`);
      }
      return [
        c.name,
        {
          name: c.name,
          members: [...c.policy.matchAll(/'([A-Za-z0-9.-]+)\.member'/g)].map((m) => m[1] ?? ''),
          endorsers: [...endorsement.matchAll(/'([A-Za-z0-9.-]+)\.peer'/g)].map((m) => m[1] ?? ''),
        },
      ];
    }),
  );
}

/**
 * World state, private state, history and a log of committed transactions ("blocks"),
 * validated the way a Fabric peer validates them: MVCC on every read version, phantom
 * check on every range, key-level endorsement policies on every written key.
 */
export class FakeLedger {
  private readonly state = new Map<string, Versioned>();
  private readonly privateState = new Map<string, Map<string, Versioned>>();
  private readonly histories = new Map<string, HistoryRecord[]>();
  private readonly parameters = new Map<string, Buffer>();
  readonly collections = loadCollections();
  readonly blocks: { readonly tx: SimulatedTx; readonly code: ValidationCode }[] = [];
  private sequence = 0;

  /** An independent copy with the same committed state (records are immutable, so sharing them is safe). */
  clone(): FakeLedger {
    const copy = new FakeLedger();
    for (const [key, value] of this.state) {
      copy.state.set(key, value);
    }
    for (const [collection, entries] of this.privateState) {
      copy.privateState.set(collection, new Map(entries));
    }
    for (const [key, list] of this.histories) {
      copy.histories.set(key, [...list]);
    }
    for (const [key, value] of this.parameters) {
      copy.parameters.set(key, value);
    }
    copy.blocks.push(...this.blocks);
    copy.sequence = this.sequence;
    return copy;
  }

  read(key: string): Versioned | undefined {
    return this.state.get(key);
  }

  readPrivate(collection: string, key: string): Versioned | undefined {
    return this.privateState.get(collection)?.get(key);
  }

  validationParameter(key: string): Buffer | undefined {
    return this.parameters.get(key);
  }

  /** Committed keys in [start, end), in Fabric's key order. */
  range(start: string, end: string): { key: string; entry: Versioned }[] {
    return [...this.state.entries()]
      .filter(([key]) => compareKeys(key, start) >= 0 && compareKeys(key, end) < 0)
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, entry]) => ({ key, entry }));
  }

  /** Newest first, as Fabric 2.x returns history. */
  history(key: string): HistoryRecord[] {
    return [...(this.histories.get(key) ?? [])].reverse();
  }

  /** Validates and, if valid, applies a transaction; either way it is appended to the block log. */
  commit(tx: SimulatedTx): ValidationCode {
    const code = this.validate(tx);
    this.blocks.push({ tx, code });
    if (code === 'VALID') {
      this.apply(tx);
    }
    return code;
  }

  /** The first failing check, in order: read versions, range phantoms, key-level endorsement policies. */
  private validate(tx: SimulatedTx): ValidationCode {
    if (this.hasStaleRead(tx)) {
      return 'MVCC_READ_CONFLICT';
    }
    if (this.hasPhantom(tx)) {
      return 'PHANTOM_READ_CONFLICT';
    }
    if (this.breaksKeyPolicy(tx)) {
      return 'ENDORSEMENT_POLICY_FAILURE';
    }
    return 'VALID';
  }

  /** A public or private key read at a version that is no longer the committed one. */
  private hasStaleRead(tx: SimulatedTx): boolean {
    for (const [key, version] of tx.reads) {
      if ((this.state.get(key)?.version ?? null) !== version) {
        return true;
      }
    }
    for (const [compound, version] of tx.privateReads) {
      const [collection = '', key = ''] = compound.split('\u0000\u0000');
      if ((this.readPrivate(collection, key)?.version ?? null) !== version) {
        return true;
      }
    }
    return false;
  }

  /** A range read whose keys or versions differ now. */
  private hasPhantom(tx: SimulatedTx): boolean {
    return tx.rangeReads.some((range) => {
      const now = this.range(range.start, range.end).map(({ key, entry }) => `${key}@${entry.version}`);
      return now.join('\n') !== range.results.map((r) => `${r.key}@${r.version}`).join('\n');
    });
  }

  /**
   * A written key (or key whose policy is set) whose key-level policy names an org that did not
   * endorse, or a private write to a collection whose endorsement policy names one.
   */
  private breaksKeyPolicy(tx: SimulatedTx): boolean {
    const endorsedByAll = (orgs: readonly string[]): boolean => orgs.every((org) => tx.endorsingOrgs.includes(org));
    const publicBroken = [...tx.writes.keys(), ...tx.validationParameters.keys()].some((key) => {
      const policy = this.parameters.get(key);
      return policy !== undefined && !endorsedByAll(new KeyEndorsementPolicy(policy).listOrgs());
    });
    return publicBroken || [...tx.privateWrites.keys()].some((name) => !endorsedByAll(this.collections.get(name)?.endorsers ?? []));
  }

  private apply(tx: SimulatedTx): void {
    this.sequence += 1;
    for (const [key, value] of tx.writes) {
      if (value === null) {
        this.state.delete(key);
      } else {
        this.state.set(key, { value, version: this.sequence });
      }
      const list = this.histories.get(key) ?? [];
      list.push({ txId: tx.txId, seconds: tx.seconds, value: value ?? Buffer.alloc(0), isDelete: value === null });
      this.histories.set(key, list);
    }
    for (const [collection, writes] of tx.privateWrites) {
      const store = this.privateState.get(collection) ?? new Map<string, Versioned>();
      for (const [key, value] of writes) {
        if (value === null) {
          store.delete(key);
        } else {
          store.set(key, { value, version: this.sequence });
        }
      }
      this.privateState.set(collection, store);
    }
    for (const [key, policy] of tx.validationParameters) {
      this.parameters.set(key, policy);
    }
  }

  /** Every committed public entry, for invariant checks in tests. */
  entries(): { key: string; value: Buffer }[] {
    return this.range('', '\u{10ffff}'.repeat(2)).map(({ key, entry }) => ({ key, value: entry.value }));
  }

  /**
   * What the blocks would carry: proposal args (never the transient map), public reads and
   * writes, hashes of private keys and values, events, key-level policies and the response.
   */
  blockBytes(): string {
    return this.blocks
      .map(({ tx }) =>
        JSON.stringify({
          txId: tx.txId,
          fcn: tx.fcn,
          args: tx.args,
          reads: [...tx.reads.keys()],
          writes: [...tx.writes].map(([key, value]) => [key, value?.toString('utf8') ?? null]),
          privateWriteHashes: [...tx.privateWrites].map(([collection, writes]) => [
            collection,
            [...writes].map(([key, value]) => [sha256Hex(key), value === null ? null : sha256Hex(value)]),
          ]),
          event: tx.event ? [tx.event.name, tx.event.payload.toString('utf8')] : null,
          validationParameters: [...tx.validationParameters].map(([key, value]) => [key, value.toString('base64')]),
          response: tx.response,
        }),
      )
      .join('\n');
  }
}
