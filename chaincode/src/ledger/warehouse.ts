import type { Store } from './store';
import { KeyType } from '@scf/kernel/keys';
import { type CommodityPrice, isLivePledge, type Pledge, type WarehouseReceipt } from '@scf/kernel/records/warehouse';

export function requireReceipt(store: Store, id: string): Promise<WarehouseReceipt> {
  return store.require<WarehouseReceipt>(KeyType.receipt, [id], `warehouse receipt ${id}`);
}

export async function insertReceipt(store: Store, receipt: WarehouseReceipt): Promise<void> {
  await store.put(KeyType.receipt, [receipt.id], receipt);
  await store.putIndex(KeyType.receiptsByOwner, [receipt.ownerId, receipt.id]);
}

export async function updateReceipt(store: Store, receipt: WarehouseReceipt): Promise<void> {
  await store.put(KeyType.receipt, [receipt.id], receipt);
}

export async function listReceiptsByOwner(store: Store, ownerId: string): Promise<WarehouseReceipt[]> {
  const ids = await store.listLastAttributes(KeyType.receiptsByOwner, [ownerId]);
  return Promise.all(ids.map((id) => requireReceipt(store, id)));
}

function priceKey(commodity: string, grade: string, unit: string): string[] {
  return [commodity, grade, unit];
}

export function getPrice(store: Store, commodity: string, grade: string, unit: string): Promise<CommodityPrice | undefined> {
  return store.get<CommodityPrice>(KeyType.price, priceKey(commodity, grade, unit));
}

export function requirePrice(store: Store, commodity: string, grade: string, unit: string): Promise<CommodityPrice> {
  return store.require<CommodityPrice>(KeyType.price, priceKey(commodity, grade, unit), `a price for ${commodity}/${grade}/${unit}`);
}

export async function savePrice(store: Store, price: CommodityPrice): Promise<void> {
  await store.put(KeyType.price, priceKey(price.commodity, price.grade, price.unit), price);
}

export function requirePledge(store: Store, id: string): Promise<Pledge> {
  return store.require<Pledge>(KeyType.pledge, [id], `pledge ${id}`);
}

function liveKey(pledge: Pledge): string[] {
  return [pledge.commodity, pledge.grade, pledge.unit, pledge.id];
}

/** Saves a pledge and keeps the index of live pledges per commodity (what a price update revalues) in step. */
export async function savePledge(store: Store, next: Pledge, previous?: Pledge): Promise<void> {
  await store.put(KeyType.pledge, [next.id], next);
  const wasLive = previous !== undefined && isLivePledge(previous);
  if (isLivePledge(next) && !wasLive) {
    await store.putIndex(KeyType.livePledgesByCommodity, liveKey(next));
  } else if (!isLivePledge(next) && wasLive) {
    await store.delete(KeyType.livePledgesByCommodity, liveKey(next));
  }
}

export async function listLivePledges(store: Store, commodity: string, grade: string, unit: string): Promise<Pledge[]> {
  const ids = await store.listLastAttributes(KeyType.livePledgesByCommodity, priceKey(commodity, grade, unit));
  return Promise.all(ids.map((id) => requirePledge(store, id)));
}
