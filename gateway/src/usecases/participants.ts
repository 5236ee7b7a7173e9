import type { Ledger } from '../ledger/ledger';
import { type Committed, Contract, evaluateJson, type HistoryEntry, submitJson } from './ledger-json';
import type { Participant } from '@scf/kernel/records/participant';
import type { Role } from '@scf/kernel/roles';

export interface Registration {
  readonly participantId: string;
  readonly clientId: string;
  readonly name: string;
  readonly role: Role;
  readonly tier?: number;
}

export interface WhoAmI {
  readonly mspId: string;
  readonly clientId: string;
  readonly isAdmin: boolean;
  readonly participant: Participant | null;
}

/** An org admin registers a participant of its own org; the chaincode takes tier "" for non-suppliers. */
export function registerParticipant(ledger: Ledger, registration: Registration): Promise<Committed<Participant>> {
  const { participantId, clientId, name, role, tier } = registration;
  return submitJson(ledger, Contract.participant, 'RegisterParticipant', [
    participantId,
    clientId,
    name,
    role,
    tier === undefined ? '' : String(tier),
  ]);
}

export function suspendParticipant(ledger: Ledger, participantId: string): Promise<Committed<Participant>> {
  return submitJson(ledger, Contract.participant, 'SuspendParticipant', [participantId]);
}

export function reinstateParticipant(ledger: Ledger, participantId: string): Promise<Committed<Participant>> {
  return submitJson(ledger, Contract.participant, 'ReinstateParticipant', [participantId]);
}

export function whoAmI(ledger: Ledger): Promise<WhoAmI> {
  return evaluateJson(ledger, Contract.participant, 'WhoAmI', []);
}

export function getParticipant(ledger: Ledger, participantId: string): Promise<Participant> {
  return evaluateJson(ledger, Contract.participant, 'GetParticipant', [participantId]);
}

export function listParticipantsByOrg(ledger: Ledger, mspId: string): Promise<readonly Participant[]> {
  return evaluateJson(ledger, Contract.participant, 'ListParticipantsByOrg', [mspId]);
}

export function getParticipantHistory(ledger: Ledger, participantId: string): Promise<readonly HistoryEntry<Participant>[]> {
  return evaluateJson(ledger, Contract.participant, 'GetParticipantHistory', [participantId]);
}
