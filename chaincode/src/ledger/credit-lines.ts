import type { Store } from './store';
import { KeyType, slotAttribute } from '@scf/kernel/keys';
import { formatAmount, sumOf } from '@scf/kernel/money';
import { headroom } from '../domain/allocation';
import type {
  CapDraw,
  CapShard,
  CapShardLimit,
  CapShareExposure,
  ConsortiumCap,
  CoreDraws,
  CoreExposure,
  CreditLine,
  CreditLineTerms,
  Slot,
  Tranche,
  TrancheDraw,
} from '@scf/kernel/records/credit-line';

export function requireCreditLine(store: Store, lineId: string): Promise<CreditLine> {
  return store.require<CreditLine>(KeyType.creditLine, [lineId], `credit line ${lineId}`);
}

/**
 * A credit line, its indexes and its tranches belong to its bank: only its peer's endorsement
 * changes them. The tranche keys hold what is drawn only; their limits are in the line's private terms.
 */
export async function insertCreditLine(store: Store, line: CreditLine): Promise<void> {
  await store.put(KeyType.creditLine, [line.id], line);
  await store.putIndex(KeyType.linesByBank, [line.bankMsp, line.id]);
  await store.putIndex(KeyType.linesByCore, [line.coreId, line.id]);
  const owners = [line.bankMsp];
  await store.guardCreation(owners);
  await store.protect(
    owners,
    [KeyType.creditLine, [line.id]],
    [KeyType.linesByBank, [line.bankMsp, line.id]],
    [KeyType.linesByCore, [line.coreId, line.id]],
  );
  for (let index = 0; index < line.trancheCount; index++) {
    await saveTranche(store, { lineId: line.id, index, drawn: '0' });
    await store.protect(owners, [KeyType.tranche, [line.id, slotAttribute(index)]]);
  }
}

export async function updateCreditLine(store: Store, line: CreditLine): Promise<void> {
  await store.put(KeyType.creditLine, [line.id], line);
}

/** What was drawn on one tranche of a line (the stored key). */
export function loadTrancheDraw(store: Store, lineId: string, index: number): Promise<TrancheDraw> {
  return store.require<TrancheDraw>(KeyType.tranche, [lineId, slotAttribute(index)], `tranche ${index} of credit line ${lineId}`);
}

/** One tranche with its limit, taken from the line's (verified) terms. */
export async function loadTranche(store: Store, lineId: string, index: number, terms: CreditLineTerms): Promise<Tranche> {
  const draw = await loadTrancheDraw(store, lineId, index);
  return { lineId, index, drawn: draw.drawn, limit: terms.trancheLimits[index] ?? '0' };
}

/** Writes what is drawn on a tranche, and nothing else: a limit passed along is not stored. */
export async function saveTranche(store: Store, tranche: TrancheDraw): Promise<void> {
  const stored: TrancheDraw = { lineId: tranche.lineId, index: tranche.index, drawn: tranche.drawn };
  await store.put(KeyType.tranche, [tranche.lineId, slotAttribute(tranche.index)], stored);
}

export function listTranches(store: Store, lineId: string): Promise<TrancheDraw[]> {
  return store.list<TrancheDraw>(KeyType.tranche, [lineId]);
}

export async function listCreditLines(
  store: Store,
  index: typeof KeyType.linesByBank | typeof KeyType.linesByCore,
  owner: string,
): Promise<CreditLine[]> {
  const ids = await store.listLastAttributes(index, [owner]);
  return Promise.all(ids.map((id) => requireCreditLine(store, id)));
}

export function getCap(store: Store, coreId: string, currency: string): Promise<ConsortiumCap | undefined> {
  return store.get<ConsortiumCap>(KeyType.cap, [coreId, currency]);
}

/**
 * Writes a consortium cap and its shard limits (one per slot of each bank's share). The cap and
 * its shard keys belong to the auditor's org (`auditorMsp`, the org of the auditor setting it):
 * no bank can raise a limit. On creation (`created`) each slot also gets its draw key, drawn 0,
 * owned by that slot's bank: from then on only that bank's peer endorses a change of what it drew,
 * so no other bank (nor any set of orgs without it) can change its share's draws. Creating the draw
 * keys names every bank, so the first SetConsortiumCap needs each bank's peer too (guard).
 */
export async function saveCap(
  store: Store,
  cap: ConsortiumCap,
  auditorMsp: string,
  slots: readonly CapShardLimit[],
  created: boolean,
): Promise<void> {
  await store.put(KeyType.cap, [cap.coreId, cap.currency], cap);
  for (const slot of slots) {
    await store.put(KeyType.capShard, slotKey(slot), slot);
  }
  if (!created) {
    return;
  }
  const banks = [...new Set(slots.map((slot) => slot.bankMsp))];
  await store.guardCreation([auditorMsp, ...banks]);
  await store.protect(
    [auditorMsp],
    [KeyType.cap, [cap.coreId, cap.currency]],
    ...slots.map((slot) => [KeyType.capShard, slotKey(slot)] as const),
  );
  for (const bankMsp of banks) {
    const own = slots.filter((slot) => slot.bankMsp === bankMsp);
    for (const slot of own) {
      await saveDraw(store, { ...slot, limit: '0', drawn: '0' });
    }
    await store.protect([bankMsp], ...own.map((slot) => [KeyType.capDraw, slotKey(slot)] as const));
  }
}

function slotKey(slot: { readonly coreId: string; readonly currency: string; readonly bankMsp: string; readonly index: number }): string[] {
  return [slot.coreId, slot.currency, slot.bankMsp, slotAttribute(slot.index)];
}

/** One slot of a bank's share: the auditor's limit joined with the bank's draw. */
export async function loadShard(store: Store, coreId: string, currency: string, bankMsp: string, index: number): Promise<CapShard> {
  const attributes = slotKey({ coreId, currency, bankMsp, index });
  const what = `cap shard ${index} of ${bankMsp}'s share of ${coreId}/${currency}`;
  const limit = await store.require<CapShardLimit>(KeyType.capShard, attributes, what);
  const draw = await store.require<CapDraw>(KeyType.capDraw, attributes, `the draw on ${what}`);
  return { coreId, currency, bankMsp, index, limit: limit.limit, drawn: draw.drawn };
}

/** Writes what a bank drew on one slot of its share: its draw key only (the limit is the auditor's). */
export async function saveDraw(store: Store, shard: CapShard): Promise<void> {
  const draw: CapDraw = { coreId: shard.coreId, currency: shard.currency, bankMsp: shard.bankMsp, index: shard.index, drawn: shard.drawn };
  await store.put(KeyType.capDraw, slotKey(shard), draw);
}

/** The shards of a cap (of one bank's share when `bankMsp` is given), limits joined with draws, in key order. */
export async function listShards(store: Store, coreId: string, currency: string, bankMsp?: string): Promise<CapShard[]> {
  const prefix = bankMsp === undefined ? [coreId, currency] : [coreId, currency, bankMsp];
  const limits = await store.list<CapShardLimit>(KeyType.capShard, prefix);
  const draws = await store.list<CapDraw>(KeyType.capDraw, prefix);
  const drawn = new Map(draws.map((d) => [`${d.bankMsp}/${String(d.index)}`, d.drawn]));
  return limits.map((l) => ({ ...l, drawn: drawn.get(`${l.bankMsp}/${String(l.index)}`) ?? '0' }));
}

/**
 * A core enterprise's exposure in one currency: the cap, the totals over every bank's slots, each
 * bank's share (from the cap record, with what it drew) and every shard.
 */
export async function coreExposure(store: Store, coreId: string, currency: string): Promise<CoreExposure> {
  const cap = await getCap(store, coreId, currency);
  const shards = await listShards(store, coreId, currency);
  const shares = (cap?.shares ?? []).map((share): CapShareExposure => {
    const own = shards.filter((s) => s.bankMsp === share.bankMsp);
    return {
      bankMsp: share.bankMsp,
      limit: share.limit,
      drawn: formatAmount(totalDrawn(own)),
      headroom: formatAmount(sumOf(own.map(headroom))),
    };
  });
  return {
    coreId,
    currency,
    cap: cap?.cap ?? null,
    drawn: formatAmount(totalDrawn(shards)),
    headroom: formatAmount(sumOf(shards.map(headroom))),
    shares,
    shards,
  };
}

/**
 * The approval context's view of a cap (CoreDraws): the cap, the total drawn over every bank and
 * the draws of `bankMsp`'s share, from the draw keys alone (one range read, not the slot limits).
 */
export async function coreDraws(store: Store, coreId: string, currency: string, bankMsp: string): Promise<CoreDraws> {
  const cap = await getCap(store, coreId, currency);
  const draws = await store.list<CapDraw>(KeyType.capDraw, [coreId, currency]);
  return {
    coreId,
    currency,
    cap: cap?.cap ?? null,
    drawn: formatAmount(totalDrawn(draws)),
    draws: draws.filter((draw) => draw.bankMsp === bankMsp),
  };
}

/** What each bank drew on each slot of its share of a cap, by bank, in slot order. */
export async function drawnBySlot(store: Store, coreId: string, currency: string): Promise<Map<string, bigint[]>> {
  const byBank = new Map<string, bigint[]>();
  for (const shard of await listShards(store, coreId, currency)) {
    byBank.set(shard.bankMsp, [...(byBank.get(shard.bankMsp) ?? []), BigInt(shard.drawn)]);
  }
  return byBank;
}

export function totalDrawn(slots: readonly Pick<Slot, 'drawn'>[]): bigint {
  return sumOf(slots.map((slot) => BigInt(slot.drawn)));
}
