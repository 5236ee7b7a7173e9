import { dilutionRequestOwners, receivableOwners } from './endorsement';
import type { Store } from './store';
import { ErrorCode, fail } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import type { Dilution, DilutionRequest } from '@scf/kernel/records/dilution';
import type { Receivable } from '@scf/kernel/records/receivable';

export type { Dilution } from '@scf/kernel/records/dilution';

export interface FingerprintClaim {
  readonly assetType: 'receivable' | 'warehouse-receipt';
  readonly assetId: string;
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

/** The fingerprint key is protected by the owners of the asset it backs. */
export async function claimFingerprint(
  store: Store,
  fingerprint: string,
  claim: FingerprintClaim,
  owners: readonly string[],
): Promise<void> {
  await store.put(KeyType.fingerprint, [fingerprint], claim);
  await store.protect(owners, [KeyType.fingerprint, [fingerprint]]);
}

/** A new receivable (issued or split off): its holder's and debtor's orgs must endorse its creation and every change. */
export async function insertReceivable(store: Store, receivable: Receivable): Promise<void> {
  await store.put(KeyType.receivable, [receivable.id], receivable);
  await store.putIndex(KeyType.receivablesByHolder, [receivable.holderId, receivable.id]);
  await store.putIndex(KeyType.receivablesByDebtor, [receivable.debtorId, receivable.id]);
  const owners = receivableOwners(receivable, undefined);
  await store.guardCreation(owners);
  await protectReceivable(store, receivable, owners);
}

/**
 * Saves a changed receivable. When its owner set changes (another holder org, encumbered by a
 * financing or released from it) the key-level policies follow: `encumberingBankMsp` is the
 * bank of the financing that encumbers `next` (needed whenever `next` is encumbered and the set changes).
 */
export async function updateReceivable(store: Store, next: Receivable, previous: Receivable, encumberingBankMsp?: string): Promise<void> {
  await store.put(KeyType.receivable, [next.id], next);
  if (next.holderId !== previous.holderId) {
    await store.delete(KeyType.receivablesByHolder, [previous.holderId, previous.id]);
    await store.putIndex(KeyType.receivablesByHolder, [next.holderId, next.id]);
  }
  if (next.holderId !== previous.holderId || next.holderMsp !== previous.holderMsp || next.financingId !== previous.financingId) {
    await protectReceivable(store, next, receivableOwners(next, encumberingBankMsp));
  }
}

/** The receivable key and its index keys get the policy "a peer of every owner org". */
async function protectReceivable(store: Store, receivable: Receivable, owners: readonly string[]): Promise<void> {
  await store.protect(
    owners,
    [KeyType.receivable, [receivable.id]],
    [KeyType.receivablesByHolder, [receivable.holderId, receivable.id]],
    [KeyType.receivablesByDebtor, [receivable.debtorId, receivable.id]],
  );
}

export async function listReceivables(
  store: Store,
  index: typeof KeyType.receivablesByHolder | typeof KeyType.receivablesByDebtor,
  owner: string,
): Promise<Receivable[]> {
  const ids = await store.listLastAttributes(index, [owner]);
  return Promise.all(ids.map((id) => requireReceivable(store, id)));
}

/** A dilution id is used once per receivable, by a dilution or by a debtor's request for one. */
export async function ensureDilutionIsNew(store: Store, receivableId: string, dilutionId: string): Promise<void> {
  await store.ensureAbsent(KeyType.dilution, [receivableId, dilutionId], `dilution ${dilutionId}`);
  await store.ensureAbsent(KeyType.dilutionRequest, [receivableId, dilutionId], `dilution request ${dilutionId}`);
}

/** A dilution is protected by the receivable's owners at the time (`owners`, from receivableOwners). */
export async function insertDilution(store: Store, dilution: Dilution, owners: readonly string[]): Promise<void> {
  await store.put(KeyType.dilution, [dilution.receivableId, dilution.id], dilution);
  await store.protect(owners, [KeyType.dilution, [dilution.receivableId, dilution.id]]);
}

export function listDilutions(store: Store, receivableId: string): Promise<Dilution[]> {
  return store.list<Dilution>(KeyType.dilution, [receivableId]);
}

export function requireDilutionRequest(store: Store, receivableId: string, dilutionId: string): Promise<DilutionRequest> {
  return store.require<DilutionRequest>(
    KeyType.dilutionRequest,
    [receivableId, dilutionId],
    `dilution request ${dilutionId} on ${receivableId}`,
  );
}

/**
 * A debtor's dilution request and its entry in the holder's pending list: both belong to the
 * debtor's and the holder's orgs, whose peers must endorse its creation and every decision.
 */
export async function insertDilutionRequest(store: Store, request: DilutionRequest): Promise<void> {
  const owners = dilutionRequestOwners(request);
  await store.put(KeyType.dilutionRequest, [request.receivableId, request.id], request);
  await store.putIndex(KeyType.pendingDilutionsByHolder, [request.holderId, request.receivableId, request.id]);
  await store.guardCreation(owners);
  await store.protect(
    owners,
    [KeyType.dilutionRequest, [request.receivableId, request.id]],
    [KeyType.pendingDilutionsByHolder, [request.holderId, request.receivableId, request.id]],
  );
}

/** A decided request (accepted, rejected, withdrawn) leaves the holder's pending list. */
export async function closeDilutionRequest(store: Store, request: DilutionRequest): Promise<void> {
  await store.put(KeyType.dilutionRequest, [request.receivableId, request.id], request);
  await store.delete(KeyType.pendingDilutionsByHolder, [request.holderId, request.receivableId, request.id]);
}

export function listDilutionRequests(store: Store, receivableId: string): Promise<DilutionRequest[]> {
  return store.list<DilutionRequest>(KeyType.dilutionRequest, [receivableId]);
}

/** The requests waiting for `holderId` to accept or reject, in key order. */
export async function listPendingDilutions(store: Store, holderId: string): Promise<DilutionRequest[]> {
  const keys = await store.listAttributes(KeyType.pendingDilutionsByHolder, [holderId]);
  return Promise.all(keys.map(([, receivableId = '', dilutionId = '']) => requireDilutionRequest(store, receivableId, dilutionId)));
}
