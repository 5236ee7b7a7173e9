import type { Role } from '../roles';

export const PARTICIPANT_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export interface Participant {
  readonly id: string;
  /** ctx.clientIdentity.getID() of the certificate this participant acts with. */
  readonly clientId: string;
  readonly mspId: string;
  readonly name: string;
  readonly role: Role;
  /** Suppliers only: 1 sells to the core enterprise, 2 sells to tier 1, … */
  readonly tier?: number;
  readonly status: ParticipantStatus;
  readonly registeredAt: string;
  readonly updatedAt: string;
}
