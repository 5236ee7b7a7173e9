import { financingOwners } from './endorsement';
import type { Store } from './store';
import { KeyType } from '@scf/kernel/keys';
import type { Financing } from '@scf/kernel/records/financing';

export function requireFinancing(store: Store, id: string): Promise<Financing> {
  return store.require<Financing>(KeyType.financing, [id], `financing ${id}`);
}

/** A new financing: its bank's and borrower's orgs must endorse its creation and every change. */
export async function insertFinancing(store: Store, financing: Financing): Promise<void> {
  await store.put(KeyType.financing, [financing.id], financing);
  await store.putIndex(KeyType.financingsByBank, [financing.bankMsp, financing.id]);
  await store.putIndex(KeyType.financingsByBorrower, [financing.borrowerId, financing.id]);
  await store.putIndex(KeyType.financingsByReceivable, [financing.receivableId, financing.id]);
  const owners = financingOwners(financing);
  await store.guardCreation(owners);
  await store.protect(
    owners,
    [KeyType.financing, [financing.id]],
    [KeyType.financingsByBank, [financing.bankMsp, financing.id]],
    [KeyType.financingsByBorrower, [financing.borrowerId, financing.id]],
    [KeyType.financingsByReceivable, [financing.receivableId, financing.id]],
  );
}

export async function updateFinancing(store: Store, financing: Financing): Promise<void> {
  await store.put(KeyType.financing, [financing.id], financing);
}

export type FinancingIndex = typeof KeyType.financingsByBank | typeof KeyType.financingsByBorrower | typeof KeyType.financingsByReceivable;

export async function listFinancings(store: Store, index: FinancingIndex, owner: string): Promise<Financing[]> {
  const ids = await store.listLastAttributes(index, [owner]);
  return Promise.all(ids.map((id) => requireFinancing(store, id)));
}
