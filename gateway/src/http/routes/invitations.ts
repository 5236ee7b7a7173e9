import { tx } from '@scf/kernel/catalogue/catalogue';
import { issueInvitation } from '../../onboarding/invitations';
import { logCommit } from '../log-commit';
import type { RouteModule } from '../route-context';
import { writeSchema } from '../schemas/common';
import { InviteBody, IssuedInvitation } from '../schemas/onboarding';

/**
 * A core enterprise (or a supplier, for its own upstream) invites a supplier: on the public API of
 * its own org's gateway. The code is shown once; the ledger keeps its SHA-256 only, so the Suppliers
 * org's admin redeems it at the Suppliers gateway (POST /v1/admin/participants on its admin listener).
 */
export function invitationRoutes(defaultTtlSeconds: number): RouteModule {
  return (app, { ledgerOf }) => {
    app.post(
      '/v1/invitations',
      {
        schema: writeSchema(
          {
            tag: 'onboarding',
            summary: 'Invite a supplier to join the Suppliers org with a one-time code',
            description:
              'A core enterprise or a supplier. The code is in this response only; it is redeemed once, before it expires, by the Suppliers org admin onboarding the newcomer.',
            ledger: [tx.participant.IssueInvitation],
          },
          { body: InviteBody, response: { 201: IssuedInvitation } },
        ),
      },
      async (request, reply) => {
        const { tier, ttlSeconds = defaultTtlSeconds } = request.body;
        return reply.code(201).send(logCommit(request, await issueInvitation(ledgerOf(request), tier, ttlSeconds)));
      },
    );
    return Promise.resolve();
  };
}
