import { ErrorCode, ensure } from '@scf/kernel/errors';
import { type Role, ROLE_HOME_ORGS, MAX_SUPPLIER_TIER } from '@scf/kernel/roles';
import { parseLegalEntityId } from '@scf/kernel/legal-entity';
import { hasControlCharacters } from '@scf/kernel/text';
import type { Participant, ParticipantStatus } from '@scf/kernel/records/participant';

export interface Registration {
  readonly id: string;
  readonly clientId: string;
  readonly name: string;
  readonly role: Role;
  readonly tier?: number;
  readonly legalEntityId: string;
}

const CLIENT_ID = /^x509::\/.{1,2000}::\/.{1,2000}$/;

export function validateClientId(clientId: string): string {
  ensure(
    CLIENT_ID.test(clientId) && !hasControlCharacters(clientId),
    ErrorCode.INVALID_ARGUMENT,
    'clientId must be an x509::<subject>::<issuer> identity as returned by getID()',
  );
  return clientId;
}

/** An org admin registers a participant of the admin's own org. */
export function registerParticipant(registration: Registration, adminMspId: string, at: string): Participant {
  ensure(
    ROLE_HOME_ORGS[registration.role].includes(adminMspId),
    ErrorCode.FORBIDDEN,
    `role ${registration.role} cannot be held by a member of ${adminMspId}`,
  );
  if (registration.role === 'supplier') {
    ensure(
      registration.tier !== undefined && registration.tier >= 1 && registration.tier <= MAX_SUPPLIER_TIER,
      ErrorCode.INVALID_ARGUMENT,
      `a supplier needs a tier between 1 and ${MAX_SUPPLIER_TIER}`,
    );
  } else {
    ensure(registration.tier === undefined, ErrorCode.INVALID_ARGUMENT, 'only suppliers have a tier');
  }
  return {
    ...registration,
    clientId: validateClientId(registration.clientId),
    legalEntityId: parseLegalEntityId(registration.legalEntityId, 'legalEntityId'),
    mspId: adminMspId,
    status: 'ACTIVE',
    registeredAt: at,
    updatedAt: at,
  };
}

export function setParticipantStatus(participant: Participant, status: ParticipantStatus, adminMspId: string, at: string): Participant {
  ensure(participant.mspId === adminMspId, ErrorCode.FORBIDDEN, `participant ${participant.id} belongs to another organisation`);
  ensure(participant.status !== status, ErrorCode.INVALID_STATE, `participant ${participant.id} is already ${status}`);
  return { ...participant, status, updatedAt: at };
}
