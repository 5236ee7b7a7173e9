import { tx } from '@scf/kernel/catalogue/catalogue';
import { Type } from 'typebox';
import type { CredentialStore } from '../../auth/credentials';
import { CALLER_ROLES } from '../../auth/credentials';
import { whoAmI } from '../../usecases/participants';
import type { RouteModule } from '../route-context';
import { readSchema } from '../schemas/common';

const OrgIdentity = Type.Object(
  {
    credential: Type.String(),
    user: Type.String(),
    role: Type.Enum([...CALLER_ROLES]),
    internal: Type.Boolean({ description: "The gateway's own signing identity (a bank's risk gateway): no API key" }),
    clientId: Type.String({ description: 'The certificate id the chaincode sees: what POST /v1/participants registers' }),
    participantId: Type.Union([Type.String(), Type.Null()], { description: 'Its participant record, null while unregistered' }),
  },
  { additionalProperties: false },
);

/**
 * Admin listener: the org's own identities the gateway holds, each with the certificate id the
 * chaincode sees and its participant id, so an org admin can register them (the demo start-up does).
 */
export function identityAdminRoutes(all: Pick<CredentialStore, 'all'>): RouteModule {
  return (app, { ledgers }) => {
    app.get(
      '/v1/admin/identities',
      {
        schema: readSchema(
          {
            tag: 'admin',
            summary: "The org's identities held by this gateway, with their certificate ids and participant records",
            description: 'An org admin, on the admin listener.',
            ledger: [tx.participant.WhoAmI],
          },
          { response: { 200: Type.Object({ items: Type.Array(OrgIdentity) }, { additionalProperties: false }) } },
        ),
      },
      async () => {
        const callers = all.all().filter((caller) => caller.role !== 'org-admin');
        const items = await Promise.all(
          callers.map(async (caller) => {
            const me = await whoAmI(ledgers.forIdentity(caller.identity));
            return {
              credential: caller.credential,
              user: caller.user,
              role: caller.role,
              internal: caller.internal,
              clientId: me.clientId,
              participantId: me.participant?.id ?? null,
            };
          }),
        );
        return { items };
      },
    );
    return Promise.resolve();
  };
}
