import { peersOfAllOrgs } from './endorsement';
import type { Store } from './store';
import { ErrorCode, fail } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import type { Receivable } from '@scf/kernel/records/receivable';

export interface FingerprintClaim {
  readonly assetType: 'receivable' | 'warehouse-receipt';
  readonly assetId: string;
}

export interface Dilution {
  readonly id: string;
  readonly receivableId: string;
  readonly kind: 'CREDIT_NOTE' | 'RETURN';
  readonly amount: string;
  readonly reference: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export function requireReceivable(store: Store, id: string): Promise<Receivable> {
  return store.require<Receivable>(KeyType.receivable, [id], `receivable ${id}`);
}

/** One fingerprint, one asset, forever: refuses a second claim whatever asset it is for. */
export async function ensureFingerprintFree(store: Store, fingerprint: string): Promise<void> {
  const existing = await store.get<FingerprintClaim>(KeyType.fingerprint, [fingerprint]);
  if (existing !== undefined) {
    fail(ErrorCode.DUPLICATE_FINGERPRINT, `these goods or this invoice already back ${existing.assetType} ${existing.assetId}`);
  }
}

export async function claimFingerprint(store: Store, fingerprint: string, claim: FingerprintClaim): Promise<void> {
  await store.put(KeyType.fingerprint, [fingerprint], claim);
}

export async function insertReceivable(store: Store, receivable: Receivable): Promise<void> {
  await store.put(KeyType.receivable, [receivable.id], receivable);
  await store.putIndex(KeyType.receivablesByHolder, [receivable.holderId, receivable.id]);
  await store.putIndex(KeyType.receivablesByDebtor, [receivable.debtorId, receivable.id]);
}

export async function updateReceivable(store: Store, next: Receivable, previous: Receivable): Promise<void> {
  await store.put(KeyType.receivable, [next.id], next);
  if (next.holderId !== previous.holderId) {
    await store.delete(KeyType.receivablesByHolder, [previous.holderId, previous.id]);
    await store.putIndex(KeyType.receivablesByHolder, [next.holderId, next.id]);
  }
}

/**
 * From confirmation on, writing this receivable needs peers of both the debtor's and the
 * holder's orgs (state-based endorsement), not just the chaincode's any-2-of-6.
 */
export async function protectReceivable(store: Store, receivable: Receivable): Promise<void> {
  await store.setValidationParameter(KeyType.receivable, [receivable.id], peersOfAllOrgs([receivable.debtorMsp, receivable.holderMsp]));
}

export async function listReceivables(
  store: Store,
  index: typeof KeyType.receivablesByHolder | typeof KeyType.receivablesByDebtor,
  owner: string,
): Promise<Receivable[]> {
  const ids = await store.listLastAttributes(index, [owner]);
  return Promise.all(ids.map((id) => requireReceivable(store, id)));
}

export async function ensureDilutionIsNew(store: Store, receivableId: string, dilutionId: string): Promise<void> {
  await store.ensureAbsent(KeyType.dilution, [receivableId, dilutionId], `dilution ${dilutionId}`);
}

export async function insertDilution(store: Store, dilution: Dilution): Promise<void> {
  await store.put(KeyType.dilution, [dilution.receivableId, dilution.id], dilution);
}

export function listDilutions(store: Store, receivableId: string): Promise<Dilution[]> {
  return store.list<Dilution>(KeyType.dilution, [receivableId]);
}
