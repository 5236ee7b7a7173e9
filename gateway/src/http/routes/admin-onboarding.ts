import { tx } from '@scf/kernel/catalogue/catalogue';
import { Type } from 'typebox';
import { offboardParticipant, onboardParticipant, type IdentityAuthority } from '../../onboarding/onboard';
import { callerOf } from '../auth';
import type { RouteModule } from '../route-context';
import { Id, writeSchema } from '../schemas/common';
import { Offboarded, Onboarded, OnboardBody } from '../schemas/onboarding';

const tag = 'onboarding';

/**
 * Onboarding and offboarding through the org's own CA (issue 17): an admin route module, mounted
 * on the admin listener of an org's gateway only, where only that org's admin keys are valid.
 */
export function adminOnboardingRoutes(authority: IdentityAuthority): RouteModule {
  return (app, { ledgerOf }) => {
    app.post(
      '/v1/admin/participants',
      {
        schema: writeSchema(
          {
            tag,
            summary: "Onboard a participant of the admin's org: CA identity, ledger registration, credential once",
            description:
              "The org CA registers the identity (a secret good for one enrollment) and enrolls it; the participant is registered with that certificate. With an invitationCode (a supplier, at the Suppliers gateway) the code's tier and inviter are used and the code is used up in the same transaction. The private key is in this response only. 404 INVITATION_UNKNOWN, 409 INVITATION_USED / INVITATION_EXPIRED / ALREADY_EXISTS.",
            ledger: [tx.participant.RegisterParticipant, tx.participant.RegisterInvitedParticipant],
          },
          { body: OnboardBody, response: { 201: Onboarded } },
        ),
      },
      async (request, reply) => reply.code(201).send(await onboardParticipant(authority, ledgerOf(request), request.body)),
    );

    app.post(
      '/v1/admin/participants/:participantId/offboard',
      {
        schema: writeSchema(
          {
            tag,
            summary: "Offboard a participant of the admin's org: suspend, revoke at the CA, CRL into the channel",
            description:
              "Suspended on the ledger first (every transaction refused at once), then its certificates revoked at the org CA, then the org's CRL put into the channel by a config update the org's admin signs, after which the peers refuse the certificate itself.",
            ledger: [tx.participant.GetParticipant, tx.participant.SuspendParticipant],
          },
          { params: Type.Object({ participantId: Id }), response: { 200: Offboarded } },
        ),
      },
      async (request) => {
        const admin = callerOf(request);
        const offboarded = await offboardParticipant(authority, admin.mspId, ledgerOf(request), request.params.participantId);
        return { ...offboarded, revokedSerials: [...offboarded.revokedSerials] };
      },
    );
    return Promise.resolve();
  };
}
