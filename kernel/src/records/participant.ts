import type { Role } from '../roles';

export const PARTICIPANT_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/**
 * Which org registered a legal entity first: the entity is bound to it, and only that org may
 * register further participants of the entity (see chaincode/src/ledger/participants.ts).
 */
export interface LegalEntityBinding {
  readonly legalEntityId: string;
  readonly mspId: string;
  readonly firstParticipantId: string;
  readonly boundAt: string;
}

export interface Participant {
  readonly id: string;
  /** ctx.clientIdentity.getID() of the certificate this participant acts with. */
  readonly clientId: string;
  readonly mspId: string;
  readonly name: string;
  /** The company behind the participant: an ISO 17442 LEI (see legal-entity.ts). Several participants may share one. */
  readonly legalEntityId: string;
  readonly role: Role;
  /** Suppliers only: 1 sells to the core enterprise, 2 sells to tier 1, … */
  readonly tier?: number;
  /** Suppliers onboarded with an invitation (records/invitation.ts): the participant who invited them. */
  readonly invitedBy?: string;
  readonly status: ParticipantStatus;
  readonly registeredAt: string;
  readonly updatedAt: string;
}
