import { isLive } from '@scf/kernel/records/financing';
import { KeyType, parseCompositeKey } from '@scf/kernel/keys';
import { type Breach, type StateEntry, type TxRef, type WorldState } from './world-state';
import type { Financing } from '@scf/kernel/records/financing';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';

interface TrancheRecord {
  readonly lineId: string;
  readonly drawn: string;
}

/** A cap shard key (a slot's limit of a bank's share) and a cap draw key (what the bank drew on it). */
interface CapSlotRecord {
  readonly coreId: string;
  readonly currency: string;
  readonly bankMsp: string;
  readonly index: number;
  readonly limit?: string;
  readonly drawn?: string;
}

interface Written<T> {
  readonly record: T;
  readonly writtenBy: TxRef;
}

/** The chaincode writes the records its domain types describe. */
function recordsOf<T>(state: WorldState, type: string): Written<T>[] {
  return state.records(type) as Written<T>[];
}

const sum = (amounts: readonly string[]): bigint => amounts.reduce((total, amount) => total + BigInt(amount), 0n);

function uniqueRefs(refs: readonly TxRef[]): TxRef[] {
  const seen = new Map<string, TxRef>();
  for (const ref of refs) {
    seen.set(ref.txId, ref);
  }
  return [...seen.values()];
}

function conservation(receivables: ReadonlyMap<string, Written<Receivable>>): Breach[] {
  const breaches: Breach[] = [];
  const tree = (id: string, seen: Set<string>): { total: bigint; refs: TxRef[] } => {
    const node = receivables.get(id);
    if (!node || seen.has(id)) {
      return { total: 0n, refs: [] };
    }
    seen.add(id);
    const own = BigInt(node.record.settled) + BigInt(node.record.diluted) + BigInt(node.record.outstanding);
    return node.record.childIds
      .map((child) => tree(child, seen))
      .reduce((acc, part) => ({ total: acc.total + part.total, refs: [...acc.refs, ...part.refs] }), {
        total: own,
        refs: [node.writtenBy],
      });
  };
  for (const { record: r, writtenBy } of receivables.values()) {
    if (BigInt(r.face) !== BigInt(r.settled) + BigInt(r.diluted) + BigInt(r.outstanding) + BigInt(r.splitOff)) {
      breaches.push({
        invariant: 'conservation',
        message: `receivable ${r.id}: face ${r.face} ≠ settled + diluted + outstanding + splitOff`,
        transactions: [writtenBy],
      });
    }
    if (r.parentId === undefined) {
      const { total, refs } = tree(r.id, new Set());
      if (total !== BigInt(r.face)) {
        breaches.push({
          invariant: 'conservation',
          message: `tree of ${r.id}: face ${r.face} ≠ ${total.toString()} settled + diluted + outstanding over its splits`,
          transactions: uniqueRefs(refs),
        });
      }
    }
  }
  return breaches;
}

function encumbrance(receivables: ReadonlyMap<string, Written<Receivable>>, live: readonly Written<Financing>[]): Breach[] {
  const byReceivable = new Map<string, Written<Financing>[]>();
  for (const financing of live) {
    byReceivable.set(financing.record.receivableId, [...(byReceivable.get(financing.record.receivableId) ?? []), financing]);
  }
  const breaches: Breach[] = [];
  for (const [receivableId, financings] of byReceivable) {
    if (financings.length > 1) {
      breaches.push({
        invariant: 'single-encumbrance',
        message: `receivable ${receivableId} has ${String(financings.length)} live financings: ${financings.map((f) => f.record.id).join(', ')}`,
        transactions: uniqueRefs(financings.map((f) => f.writtenBy)),
      });
    }
  }
  for (const { record: r, writtenBy } of receivables.values()) {
    const holder = r.financingId === undefined ? undefined : live.find((f) => f.record.id === r.financingId);
    if (r.financingId !== undefined && !holder) {
      breaches.push({
        invariant: 'single-encumbrance',
        message: `receivable ${r.id} is encumbered by ${r.financingId}, which is not live`,
        transactions: [writtenBy],
      });
    }
  }
  return breaches;
}

function lineExposure(state: WorldState, live: readonly Written<Financing>[]): Breach[] {
  const drawnByLine = new Map<string, Written<TrancheRecord>[]>();
  for (const tranche of recordsOf<TrancheRecord>(state, KeyType.tranche)) {
    drawnByLine.set(tranche.record.lineId, [...(drawnByLine.get(tranche.record.lineId) ?? []), tranche]);
  }
  const lineIds = new Set([...drawnByLine.keys(), ...live.map((f) => f.record.lineId)]);
  const breaches: Breach[] = [];
  for (const lineId of lineIds) {
    const tranches = drawnByLine.get(lineId) ?? [];
    const financings = live.filter((f) => f.record.lineId === lineId);
    const drawn = sum(tranches.map((t) => t.record.drawn));
    const principal = sum(financings.map((f) => f.record.outstandingPrincipal));
    if (drawn !== principal) {
      breaches.push({
        invariant: 'line-exposure',
        message: `credit line ${lineId}: drawn ${drawn.toString()} ≠ ${principal.toString()} live principal`,
        transactions: uniqueRefs([...tranches.map((t) => t.writtenBy), ...financings.map((f) => f.writtenBy)]),
      });
    }
  }
  return breaches;
}

const shareOf = (r: { readonly coreId: string; readonly currency: string; readonly bankMsp: string }): string =>
  `${r.coreId}/${r.currency}/${r.bankMsp}`;

/** The draws of one bank's share above their slot's limit (or on a slot without one). */
function drawsOverLimit(
  share: string,
  draws: readonly Written<CapSlotRecord>[],
  limits: ReadonlyMap<string, Written<CapSlotRecord>>,
): Breach[] {
  return draws.flatMap(({ record, writtenBy }) => {
    const limit = limits.get(`${share}/${String(record.index)}`);
    const drawn = record.drawn ?? '0';
    const allowed = limit?.record.limit;
    if (allowed !== undefined && BigInt(drawn) <= BigInt(allowed)) {
      return [];
    }
    return [
      {
        invariant: 'cap-share-exposure',
        message: `cap share ${share}: slot ${String(record.index)} drawn ${drawn} above its limit ${allowed ?? 'none'}`,
        transactions: uniqueRefs([writtenBy, ...(limit ? [limit.writtenBy] : [])]),
      },
    ];
  });
}

/**
 * Each bank's share of a consortium cap: the bank's draw keys sum to the live principal of its
 * financings on that core enterprise in that currency, and no draw is above its slot's limit (the
 * auditor's shard key). A bank that lowered its own draws (its keys, so its peer alone can) to
 * over-draw its share breaks the first; the chaincode refuses the second, a forged draw does not.
 */
function capShareExposure(state: WorldState, live: readonly Written<Financing>[]): Breach[] {
  const limits = new Map(
    recordsOf<CapSlotRecord>(state, KeyType.capShard).map((l) => [`${shareOf(l.record)}/${String(l.record.index)}`, l]),
  );
  const drawsByShare = new Map<string, Written<CapSlotRecord>[]>();
  for (const draw of recordsOf<CapSlotRecord>(state, KeyType.capDraw)) {
    drawsByShare.set(shareOf(draw.record), [...(drawsByShare.get(shareOf(draw.record)) ?? []), draw]);
  }
  const ofShare = (f: Financing): string => shareOf({ coreId: f.debtorId, currency: f.currency, bankMsp: f.bankMsp });
  const breaches: Breach[] = [];
  for (const share of new Set([...drawsByShare.keys(), ...live.map((f) => ofShare(f.record))])) {
    const draws = drawsByShare.get(share) ?? [];
    const financings = live.filter((f) => ofShare(f.record) === share);
    const drawn = sum(draws.map((d) => d.record.drawn ?? '0'));
    const principal = sum(financings.map((f) => f.record.outstandingPrincipal));
    if (drawn !== principal) {
      breaches.push({
        invariant: 'cap-share-exposure',
        message: `cap share ${share}: drawn ${drawn.toString()} ≠ ${principal.toString()} live principal`,
        transactions: uniqueRefs([...draws.map((d) => d.writtenBy), ...financings.map((f) => f.writtenBy)]),
      });
    }
    breaches.push(...drawsOverLimit(share, draws, limits));
  }
  return breaches;
}

/** Every acknowledged allocation settles its share once: a receivable's settled is their sum. */
function settlement(receivables: ReadonlyMap<string, Written<Receivable>>, payments: readonly Written<Payment>[]): Breach[] {
  const breaches: Breach[] = [];
  for (const { record: r, writtenBy } of receivables.values()) {
    const own = payments.filter((p) => p.record.receivableId === r.id);
    const acknowledged = sum(own.flatMap((p) => p.record.allocations.filter((a) => a.acknowledgedAt !== undefined).map((a) => a.amount)));
    if (acknowledged !== BigInt(r.settled)) {
      breaches.push({
        invariant: 'settled-once',
        message: `receivable ${r.id}: settled ${r.settled} ≠ ${acknowledged.toString()} acknowledged by its payments`,
        transactions: uniqueRefs([writtenBy, ...own.map((p) => p.writtenBy)]),
      });
    }
  }
  return breaches;
}

/** The ledger-wide invariants over a replayed final state. */
export function checkInvariants(state: WorldState): Breach[] {
  const receivables = new Map(recordsOf<Receivable>(state, KeyType.receivable).map((r) => [r.record.id, r]));
  const live = recordsOf<Financing>(state, KeyType.financing).filter((f) => isLive(f.record));
  const payments = recordsOf<Payment>(state, KeyType.payment);
  return [
    ...conservation(receivables),
    ...encumbrance(receivables, live),
    ...lineExposure(state, live),
    ...capShareExposure(state, live),
    ...settlement(receivables, payments),
  ];
}

/** Watches payment writes during the replay: an allocation acknowledged a second time is a breach. */
export function doubleAcknowledgement(key: string, before: StateEntry | undefined, after: StateEntry | undefined): Breach | undefined {
  if (parseCompositeKey(key)?.objectType !== KeyType.payment || !before || !after) {
    return undefined;
  }
  const old = (JSON.parse(before.value) as Payment).allocations;
  const next = JSON.parse(after.value) as Payment;
  const again = next.allocations.findIndex((allocation, i) => {
    const previous = old[i]?.acknowledgedAt;
    return previous !== undefined && allocation.acknowledgedAt !== previous;
  });
  return again < 0
    ? undefined
    : {
        invariant: 'acknowledged-once',
        message: `payment ${next.id}: allocation ${String(again)} acknowledged twice`,
        transactions: uniqueRefs([before.writtenBy, after.writtenBy]),
      };
}
