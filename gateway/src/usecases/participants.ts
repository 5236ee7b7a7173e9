import type { Ledger } from '../ledger/ledger';
import { type Committed, evaluateJson, type HistoryEntry, submitJson } from './ledger-json';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import type { Participant } from '@scf/kernel/records/participant';
import type { Role } from '@scf/kernel/roles';

export interface Registration {
  readonly participantId: string;
  readonly clientId: string;
  readonly name: string;
  readonly role: Role;
  readonly tier?: number;
  /** The company's ISO 17442 LEI. */
  readonly legalEntityId: string;
}

export interface WhoAmI {
  readonly mspId: string;
  readonly clientId: string;
  readonly isAdmin: boolean;
  readonly participant: Participant | null;
}

/** An org admin registers a participant of its own org; the chaincode takes tier "" for non-suppliers. */
export function registerParticipant(ledger: Ledger, registration: Registration): Promise<Committed<Participant>> {
  const { participantId, clientId, name, role, tier, legalEntityId } = registration;
  return submitJson(
    ledger,
    call(tx.participant.RegisterParticipant, {
      participantId,
      clientId,
      name,
      role,
      tier: tier === undefined ? '' : String(tier),
      legalEntityId,
    }),
  );
}

export function suspendParticipant(ledger: Ledger, participantId: string): Promise<Committed<Participant>> {
  return submitJson(ledger, call(tx.participant.SuspendParticipant, { participantId }));
}

export function reinstateParticipant(ledger: Ledger, participantId: string): Promise<Committed<Participant>> {
  return submitJson(ledger, call(tx.participant.ReinstateParticipant, { participantId }));
}

export function whoAmI(ledger: Ledger): Promise<WhoAmI> {
  return evaluateJson(ledger, call(tx.participant.WhoAmI));
}

export function getParticipant(ledger: Ledger, participantId: string): Promise<Participant> {
  return evaluateJson(ledger, call(tx.participant.GetParticipant, { participantId }));
}

export function listParticipantsByOrg(ledger: Ledger, mspId: string): Promise<readonly Participant[]> {
  return evaluateJson(ledger, call(tx.participant.ListParticipantsByOrg, { mspId }));
}

export function getParticipantHistory(ledger: Ledger, participantId: string): Promise<readonly HistoryEntry<Participant>[]> {
  return evaluateJson(ledger, call(tx.participant.GetParticipantHistory, { participantId }));
}
