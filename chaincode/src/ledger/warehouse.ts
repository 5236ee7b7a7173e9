import { pledgeOwners, receiptOwners } from './endorsement';
import type { Store } from './store';
import { ErrorCode, fail } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import { type CommodityPrice, isLivePledge, type Pledge, type WarehouseReceipt } from '@scf/kernel/records/warehouse';

export function requireReceipt(store: Store, id: string): Promise<WarehouseReceipt> {
  return store.require<WarehouseReceipt>(KeyType.receipt, [id], `warehouse receipt ${id}`);
}

/** A new receipt: the warehouse's and the owner's orgs must endorse its creation and every change. */
export async function insertReceipt(store: Store, receipt: WarehouseReceipt): Promise<void> {
  await store.put(KeyType.receipt, [receipt.id], receipt);
  await store.putIndex(KeyType.receiptsByOwner, [receipt.ownerId, receipt.id]);
  const owners = receiptOwners(receipt, undefined);
  await store.guardCreation(owners);
  await protectReceipt(store, receipt, owners);
}

/**
 * Saves a changed receipt; when it is pledged or released the key-level policies follow
 * (`pledgeBankMsp`: the bank of the pledge that now holds `next`, needed when it is pledged).
 */
export async function updateReceipt(
  store: Store,
  next: WarehouseReceipt,
  previous: WarehouseReceipt,
  pledgeBankMsp?: string,
): Promise<void> {
  await store.put(KeyType.receipt, [next.id], next);
  if (next.pledgeId !== previous.pledgeId) {
    await protectReceipt(store, next, receiptOwners(next, pledgeBankMsp));
  }
}

async function protectReceipt(store: Store, receipt: WarehouseReceipt, owners: readonly string[]): Promise<void> {
  await store.protect(owners, [KeyType.receipt, [receipt.id]], [KeyType.receiptsByOwner, [receipt.ownerId, receipt.id]]);
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

/** A price belongs to the price oracle's org (`oracleMsp`). */
export async function savePrice(store: Store, price: CommodityPrice, oracleMsp: string): Promise<void> {
  await store.put(KeyType.price, priceKey(price.commodity, price.grade, price.unit), price);
  await store.protect([oracleMsp], [KeyType.price, priceKey(price.commodity, price.grade, price.unit)]);
}

export function requirePledge(store: Store, id: string): Promise<Pledge> {
  return store.require<Pledge>(KeyType.pledge, [id], `pledge ${id}`);
}

function liveKey(pledge: Pledge): string[] {
  return [pledge.commodity, pledge.grade, pledge.unit, pledge.id];
}

/**
 * Saves a pledge and keeps the index of live pledges per commodity (what a price update
 * revalues) in step. A pledge and its live index key belong to the owner's and the bank's orgs;
 * its creation also needs the warehouse's (`warehouseMsp`, the receipt's warehouse: needed then).
 */
export async function savePledge(store: Store, next: Pledge, previous?: Pledge, warehouseMsp?: string): Promise<void> {
  await store.put(KeyType.pledge, [next.id], next);
  const wasLive = previous !== undefined && isLivePledge(previous);
  const owners = pledgeOwners(next);
  if (previous === undefined) {
    const warehouse = warehouseMsp ?? fail(ErrorCode.INTERNAL, `the warehouse of pledge ${next.id} is needed to create it`);
    await store.guardCreation([...owners, warehouse]);
    await store.protect(owners, [KeyType.pledge, [next.id]]);
  }
  if (isLivePledge(next) && !wasLive) {
    await store.putIndex(KeyType.livePledgesByCommodity, liveKey(next));
    await store.protect(owners, [KeyType.livePledgesByCommodity, liveKey(next)]);
  } else if (!isLivePledge(next) && wasLive) {
    await store.delete(KeyType.livePledgesByCommodity, liveKey(next));
  }
}

export async function listLivePledges(store: Store, commodity: string, grade: string, unit: string): Promise<Pledge[]> {
  const ids = await store.listLastAttributes(KeyType.livePledgesByCommodity, priceKey(commodity, grade, unit));
  return Promise.all(ids.map((id) => requirePledge(store, id)));
}
