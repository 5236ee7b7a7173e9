import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { ErrorCode, ScfError } from '@scf/kernel/errors';
import { parseInvitationCode } from '@scf/kernel/records/invitation';
import type { Participant } from '@scf/kernel/records/participant';
import type { Role } from '@scf/kernel/roles';
import type { Ledger } from '../ledger/ledger';
import { clientIdOf } from '../readmodel/decode-block';
import { submitJson } from '../usecases/ledger-json';
import { getParticipant, registerParticipant, suspendParticipant } from '../usecases/participants';

/**
 * Onboarding and offboarding by an org admin, through the org's own CA and the ledger (issue 17).
 *
 * Credentials are handed over and forgotten: the newcomer's key is made for this one request,
 * returned in its response once, and written nowhere (no file, no database, no log). The newcomer
 * signs with it from then on (their own fabric-gateway client or wallet); the enrollment secret is
 * good for one enrollment, which this request uses, so nobody can enroll a second key with it.
 */

/** The org CA and channel operations onboarding needs, for the gateway's own org only; an id the CA already has is ALREADY_EXISTS. */
export interface IdentityAuthority {
  /** The CA enrollment id of a participant of the org (its id at the org's domain). */
  enrollmentIdOf(participantId: string): string;
  registerOneTime(enrollmentId: string, role: string): Promise<{ enrollmentSecret: string }>;
  enrollWithSecret(enrollmentId: string, secret: string): Promise<{ mspId: string; certificate: string; keyPem: string }>;
  revokeIdentity(enrollmentId: string): Promise<{ revokedSerials: string[]; crlPem: string }>;
  /** Puts the org's CRL into the channel (a config update signed by the org's admin); false when it was there already. */
  publishOrgCrl(crlPem: string): Promise<boolean>;
}

export interface OnboardingRequest {
  readonly participantId: string;
  readonly name: string;
  readonly role: Role;
  /** Suppliers without an invitation: 1..9. With an invitation the tier is the invitation's. */
  readonly tier?: number;
  readonly legalEntityId: string;
  /** A code a core enterprise or supplier issued (POST /v1/invitations at its own gateway). */
  readonly invitationCode?: string;
}

export interface Onboarded {
  readonly participant: Participant;
  /** Who invited the newcomer, null without an invitation. */
  readonly invitedBy: string | null;
  /** Shown once. */
  readonly credential: {
    readonly mspId: string;
    readonly enrollmentId: string;
    readonly certificate: string;
    readonly privateKeyPem: string;
  };
}

function registerOnLedger(ledger: Ledger, request: OnboardingRequest, clientId: string): Promise<Participant> {
  const { participantId, name, legalEntityId, invitationCode } = request;
  if (invitationCode === undefined) {
    return registerParticipant(ledger, { participantId, clientId, name, role: request.role, tier: request.tier, legalEntityId });
  }
  return submitJson<Participant>(
    ledger,
    call(tx.participant.RegisterInvitedParticipant, { invitationCode, participantId, clientId, name, legalEntityId }),
  );
}

function checkRequest(request: OnboardingRequest): void {
  if (request.invitationCode === undefined) {
    return;
  }
  parseInvitationCode(request.invitationCode);
  if (request.role !== 'supplier' || request.tier !== undefined) {
    throw new ScfError(
      ErrorCode.INVALID_ARGUMENT,
      'an invitation onboards a supplier of the tier it names: give role supplier and no tier',
    );
  }
}

/**
 * An org admin onboards a participant of the admin's own org: CA registration (one-time secret)
 * and enrollment, then the ledger (RegisterParticipant, or RegisterInvitedParticipant, which uses
 * the invitation code up in the same transaction). Never half-applied: when the ledger refuses,
 * the identity the CA made is revoked.
 */
export async function onboardParticipant(authority: IdentityAuthority, ledger: Ledger, request: OnboardingRequest): Promise<Onboarded> {
  checkRequest(request);
  const enrollmentId = authority.enrollmentIdOf(request.participantId);
  const { enrollmentSecret } = await authority.registerOneTime(enrollmentId, request.role);
  try {
    const enrolled = await authority.enrollWithSecret(enrollmentId, enrollmentSecret);
    const participant = await registerOnLedger(ledger, request, clientIdOf(enrolled.certificate));
    return {
      participant,
      invitedBy: participant.invitedBy ?? null,
      credential: { mspId: enrolled.mspId, enrollmentId, certificate: enrolled.certificate, privateKeyPem: enrolled.keyPem },
    };
  } catch (error) {
    await authority.revokeIdentity(enrollmentId).catch(() => undefined);
    throw error;
  }
}

/** The enrollment id (the certificate's CN) in a participant's clientId `x509::<subject>::<issuer>`. */
export function enrollmentIdOf(clientId: string): string {
  const subject = clientId.split('::')[1] ?? '';
  const cn = /\/CN=([^/]+)/.exec(subject)?.[1];
  if (!cn) {
    throw new ScfError(ErrorCode.INVALID_ARGUMENT, 'the participant has no certificate common name');
  }
  return cn;
}

export interface Offboarded {
  readonly participant: Participant;
  readonly revokedSerials: readonly string[];
  /** Whether the org's CRL in the channel changed (false when it already listed the certificate). */
  readonly crlUpdated: boolean;
}

/**
 * Offboards a participant of the admin's org: suspended on the ledger (every transaction refused
 * at once), its certificates revoked at the org's CA, and the org's CRL put into the channel by
 * the org's admin, after which every peer refuses the certificate itself.
 */
export async function offboardParticipant(
  authority: IdentityAuthority,
  adminMspId: string,
  ledger: Ledger,
  participantId: string,
): Promise<Offboarded> {
  let participant = await getParticipant(ledger, participantId);
  if (participant.mspId !== adminMspId) {
    throw new ScfError(ErrorCode.FORBIDDEN, 'an org admin offboards participants of its own org only');
  }
  if (participant.status !== 'SUSPENDED') {
    participant = await suspendParticipant(ledger, participantId);
  }
  const { revokedSerials, crlPem } = await authority.revokeIdentity(enrollmentIdOf(participant.clientId));
  const crlUpdated = await authority.publishOrgCrl(crlPem);
  return { participant, revokedSerials, crlUpdated };
}
