import type { Store } from './store';
import { KeyType } from '@scf/kernel/keys';
import type { Participant } from '@scf/kernel/records/participant';

export function getParticipant(store: Store, id: string): Promise<Participant | undefined> {
  return store.get<Participant>(KeyType.participant, [id]);
}

export function requireParticipant(store: Store, id: string): Promise<Participant> {
  return store.require<Participant>(KeyType.participant, [id], `participant ${id}`);
}

/** The participant a certificate acts as: looked up by (MSP, getID()), never by an argument. */
export async function findParticipantByIdentity(store: Store, mspId: string, clientId: string): Promise<Participant | undefined> {
  const id = await store.get<string>(KeyType.identity, [mspId, clientId]);
  return id === undefined ? undefined : getParticipant(store, id);
}

export async function ensureParticipantIsNew(store: Store, participant: Participant): Promise<void> {
  await store.ensureAbsent(KeyType.participant, [participant.id], `participant ${participant.id}`);
  await store.ensureAbsent(KeyType.identity, [participant.mspId, participant.clientId], 'a participant for this identity');
}

/** A participant, its identity mapping and index belong to the org that registered it. */
export async function insertParticipant(store: Store, participant: Participant): Promise<void> {
  await store.put(KeyType.participant, [participant.id], participant);
  await store.put(KeyType.identity, [participant.mspId, participant.clientId], participant.id);
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

export async function updateParticipant(store: Store, participant: Participant): Promise<void> {
  await store.put(KeyType.participant, [participant.id], participant);
}

export async function listParticipantsByOrg(store: Store, mspId: string): Promise<Participant[]> {
  const ids = await store.listLastAttributes(KeyType.participantsByOrg, [mspId]);
  return Promise.all(ids.map((id) => requireParticipant(store, id)));
}
