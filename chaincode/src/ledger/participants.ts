import type { Store } from './store';
import { KeyType } from '@scf/kernel/keys';
import { ErrorCode, ensure } from '@scf/kernel/errors';
import type { LegalEntityBinding, Participant } from '@scf/kernel/records/participant';

export function getParticipant(store: Store, id: string): Promise<Participant | undefined> {
  return store.get<Participant>(KeyType.participant, [id]);
}

export function requireParticipant(store: Store, id: string): Promise<Participant> {
  return store.require<Participant>(KeyType.participant, [id], `participant ${id}`);
}

/**
 * The participant a certificate acts as: looked up by (MSP, getID()), never by an argument. The
 * identity key holds a copy of the participant record (kept equal by insertParticipant and
 * updateParticipant, the only writers of both keys), so every transaction resolves its caller in
 * one read; a key written before the copy holds the participant's id and costs a second read.
 */
export async function findParticipantByIdentity(store: Store, mspId: string, clientId: string): Promise<Participant | undefined> {
  const mapped = await store.get<Participant | string>(KeyType.identity, [mspId, clientId]);
  return typeof mapped === 'string' ? getParticipant(store, mapped) : mapped;
}

export async function ensureParticipantIsNew(store: Store, participant: Participant): Promise<void> {
  await store.ensureAbsent(KeyType.participant, [participant.id], `participant ${participant.id}`);
  await store.ensureAbsent(KeyType.identity, [participant.mspId, participant.clientId], 'a participant for this identity');
}

/** A participant, its identity mapping and index belong to the org that registered it. */
export async function insertParticipant(store: Store, participant: Participant): Promise<void> {
  await store.put(KeyType.participant, [participant.id], participant);
  await store.put(KeyType.identity, [participant.mspId, participant.clientId], participant);
  await store.putIndex(KeyType.participantsByOrg, [participant.mspId, participant.id]);
  const owners = [participant.mspId];
  await store.guardCreation(owners);
  await store.protect(
    owners,
    [KeyType.participant, [participant.id]],
    [KeyType.identity, [participant.mspId, participant.clientId]],
    [KeyType.participantsByOrg, [participant.mspId, participant.id]],
  );
}

/** A participant's new state, in its record and in its identity key's copy (same owner, same policy). */
export async function updateParticipant(store: Store, participant: Participant): Promise<void> {
  await store.put(KeyType.participant, [participant.id], participant);
  await store.put(KeyType.identity, [participant.mspId, participant.clientId], participant);
}

export async function listParticipantsByOrg(store: Store, mspId: string): Promise<Participant[]> {
  const ids = await store.listLastAttributes(KeyType.participantsByOrg, [mspId]);
  return Promise.all(ids.map((id) => requireParticipant(store, id)));
}

/**
 * Two participants claiming one legal entity: the entity belongs to the org that registered it
 * first (its admin vouched for it), and only that org may register further participants of it
 * (another certificate, another desk, a second role of the same company). Another org claiming
 * the entity is refused with ENTITY_CLAIMED: a participant cannot be given someone else's
 * company, and so someone else's invoice and lot fingerprints. A company that really works
 * through two orgs needs them to settle which org registers it; the auditor sees every binding.
 * The binding is written once, protected by the binding org.
 */
export async function bindLegalEntity(store: Store, participant: Participant): Promise<void> {
  const bound = await store.get<LegalEntityBinding>(KeyType.legalEntity, [participant.legalEntityId]);
  if (bound !== undefined) {
    ensure(
      bound.mspId === participant.mspId,
      ErrorCode.ENTITY_CLAIMED,
      `legal entity ${participant.legalEntityId} is registered by ${bound.mspId}: only that org may register its participants`,
    );
    return;
  }
  const binding: LegalEntityBinding = {
    legalEntityId: participant.legalEntityId,
    mspId: participant.mspId,
    firstParticipantId: participant.id,
    boundAt: participant.registeredAt,
  };
  await store.put(KeyType.legalEntity, [participant.legalEntityId], binding);
  await store.protect([participant.mspId], [KeyType.legalEntity, [participant.legalEntityId]]);
}
