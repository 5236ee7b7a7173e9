import type { AccessRule } from '@scf/kernel/catalogue/access-rules';
import type { SimulatedTx } from '../../testing/fake-ledger';
import { type Outcome, TestNetwork } from '../../testing/harness';
import { callerOf, type CallerKind, matrixWorld, SCENARIOS } from '../../testing/scenarios';
import { declaredTransactions } from '../../testing/transactions';
import type { World } from '../../testing/world';

/** Everything an endorser signs, as bytes: writes, private writes, key-level policies, event, response. */
function signedBytes(tx: SimulatedTx): Buffer {
  const parts: Buffer[] = [];
  const add = (label: string, value: Buffer | string | null): void => {
    parts.push(Buffer.from(`${label}\u0000`), value === null ? Buffer.from('<delete>') : Buffer.from(value), Buffer.from('\u0000'));
  };
  for (const [key, value] of tx.writes) {
    add(`w:${key}`, value);
  }
  for (const [collection, writes] of tx.privateWrites) {
    for (const [key, value] of writes) {
      add(`p:${collection}:${key}`, value);
    }
  }
  for (const [key, value] of tx.validationParameters) {
    add(`v:${key}`, value);
  }
  add('event', tx.event ? Buffer.concat([Buffer.from(tx.event.name), tx.event.payload]) : null);
  add('response', tx.response);
  return Buffer.concat(parts);
}

/** Makes clock and randomness reads fail loudly while chaincode runs. */
function forbidNondeterminism(): () => void {
  const RealDate = Date;
  const realRandom = Math.random.bind(Math);
  class GuardedDate extends RealDate {
    constructor(...args: [] | [string | number | Date]) {
      if (args.length === 0) {
        throw new Error('new Date() read the clock');
      }
      super(args[0]);
    }

    static override now(): number {
      throw new Error('Date.now() read the clock');
    }
  }
  globalThis.Date = GuardedDate as DateConstructor;
  Math.random = () => {
    throw new Error('Math.random() used');
  };
  return () => {
    globalThis.Date = RealDate;
    Math.random = realRandom;
  };
}

/** A caller the access rule admits: its first role, an org admin, or (open to members or anyone) the auditor. */
function callerKindFor(rule: AccessRule | undefined): CallerKind {
  if (rule?.kind === 'roles') {
    return rule.roles[0] as CallerKind;
  }
  return rule?.kind === 'org-admin' ? 'org-admin' : 'auditor';
}

const failureOf = (outcome: Outcome): string => (outcome.ok ? '' : outcome.raw);

const TRANSACTIONS = declaredTransactions(new TestNetwork());

describe('determinism: every transaction twice on equal state gives byte-identical write sets (and one event per change)', () => {
  let world: World;

  beforeAll(async () => {
    world = await matrixWorld();
  }, 30_000);

  it('the guard really catches clock and randomness reads', () => {
    const restore = forbidNondeterminism();
    try {
      expect(() => Date.now()).toThrow(/clock/);
      expect(() => new Date()).toThrow(/clock/);
      expect(() => Math.random()).toThrow(/random/);
      expect(new Date(0).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    } finally {
      restore();
    }
  });

  it.each(TRANSACTIONS.map((tx) => [tx.fcn] as const))('%s', async (fcn) => {
    const tx = TRANSACTIONS.find((t) => t.fcn === fcn);
    const kind = callerKindFor(tx?.rule);
    const call = SCENARIOS[fcn]?.(kind) ?? { args: [] };
    const run = async (): Promise<Outcome> => {
      const restore = forbidNondeterminism();
      try {
        return await world.net.fork().simulate(callerOf(kind, call), fcn, call.args, { ...call, txId: 'determinism-tx' });
      } finally {
        restore();
      }
    };
    const first = await run();
    const second = await run();
    if (!first.ok || !second.ok) {
      throw new Error(`${fcn} failed: ${failureOf(first)} ${failureOf(second)}`);
    }
    expect(signedBytes(first.tx).equals(signedBytes(second.tx))).toBe(true);
    expect(first.tx.response.length).toBeGreaterThan(0);
    // One chaincode event per state-changing transaction, none for queries (which write nothing).
    expect([first.tx.eventCount, first.tx.writes.size > 0]).toEqual(tx?.submit ? [1, true] : [0, false]);
  });
});
