import type { Store } from './store';
import { KeyType, slotAttribute } from '@scf/kernel/keys';
import { sumOf } from '@scf/kernel/money';
import type { CapShard, ConsortiumCap, CreditLine, Slot, Tranche } from '@scf/kernel/records/credit-line';

export function requireCreditLine(store: Store, lineId: string): Promise<CreditLine> {
  return store.require<CreditLine>(KeyType.creditLine, [lineId], `credit line ${lineId}`);
}

/** A credit line, its indexes and its tranches belong to its bank: only its peer's endorsement changes them. */
export async function insertCreditLine(store: Store, line: CreditLine, trancheLimits: readonly string[]): Promise<void> {
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
  for (const [index, limit] of trancheLimits.entries()) {
    await saveTranche(store, { lineId: line.id, index, limit, drawn: '0' });
    await store.protect(owners, [KeyType.tranche, [line.id, slotAttribute(index)]]);
  }
}

export async function updateCreditLine(store: Store, line: CreditLine): Promise<void> {
  await store.put(KeyType.creditLine, [line.id], line);
}

export function loadTranche(store: Store, lineId: string, index: number): Promise<Tranche> {
  return store.require<Tranche>(KeyType.tranche, [lineId, slotAttribute(index)], `tranche ${index} of credit line ${lineId}`);
}

export async function saveTranche(store: Store, tranche: Tranche): Promise<void> {
  await store.put(KeyType.tranche, [tranche.lineId, slotAttribute(tranche.index)], tranche);
}

export function listTranches(store: Store, lineId: string): Promise<Tranche[]> {
  return store.list<Tranche>(KeyType.tranche, [lineId]);
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
 * The cap and its shards belong to the auditor's org (`auditorMsp`, the org of the auditor
 * setting it): no bank draws on or releases a shard without the auditor's peer endorsing.
 */
export async function saveCap(store: Store, cap: ConsortiumCap, auditorMsp: string, newShards: readonly number[]): Promise<void> {
  await store.put(KeyType.cap, [cap.coreId, cap.currency], cap);
  if (newShards.length > 0) {
    await store.guardCreation([auditorMsp]);
  }
  await store.protect(
    [auditorMsp],
    [KeyType.cap, [cap.coreId, cap.currency]],
    ...newShards.map((index) => [KeyType.capShard, [cap.coreId, cap.currency, slotAttribute(index)]] as const),
  );
}

export function loadShard(store: Store, coreId: string, currency: string, index: number): Promise<CapShard> {
  return store.require<CapShard>(KeyType.capShard, [coreId, currency, slotAttribute(index)], `cap shard ${index} of ${coreId}/${currency}`);
}

export async function saveShard(store: Store, shard: CapShard): Promise<void> {
  await store.put(KeyType.capShard, [shard.coreId, shard.currency, slotAttribute(shard.index)], shard);
}

export function listShards(store: Store, coreId: string, currency: string): Promise<CapShard[]> {
  return store.list<CapShard>(KeyType.capShard, [coreId, currency]);
}

export function totalDrawn(slots: readonly Slot[]): bigint {
  return sumOf(slots.map((slot) => BigInt(slot.drawn)));
}
