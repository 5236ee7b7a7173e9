import { INVITATION_MAX_TTL_SECONDS, INVITATION_MIN_TTL_SECONDS, INVITATION_STATUSES } from '@scf/kernel/records/invitation';
import { MAX_SUPPLIER_TIER, ROLES } from '@scf/kernel/roles';
import { Type } from 'typebox';
import { Committed, Id, MspId, Text, Timestamp } from './common';
import { Participant, RegisterParticipantBody } from './participants';

const Tier = Type.Integer({ minimum: 1, maximum: MAX_SUPPLIER_TIER });

export const InvitationCode = Type.String({
  pattern: '^[A-Za-z0-9_-]{16,128}$',
  description: 'A one-time code from POST /v1/invitations (at the inviter’s own gateway)',
});

export const OnboardBody = Type.Object(
  {
    participantId: Id,
    name: Text(200),
    role: Type.Enum(ROLES),
    tier: Type.Optional({
      ...Tier,
      description: 'Suppliers onboarded without an invitation; absent with an invitation (its tier is used)',
    }),
    legalEntityId: RegisterParticipantBody.properties.legalEntityId,
    invitationCode: Type.Optional(InvitationCode),
  },
  { additionalProperties: false },
);

const Credential = Type.Object(
  {
    mspId: Type.String(),
    enrollmentId: Type.String(),
    certificate: Type.String({ description: 'PEM, issued by the org CA' }),
    privateKeyPem: Type.String({ description: 'PKCS#8 PEM: in this response only, stored nowhere' }),
  },
  { additionalProperties: false },
);

export const Onboarded = Type.Object(
  { participant: Participant, invitedBy: Type.Union([Id, Type.Null()]), credential: Credential },
  { additionalProperties: false },
);

export const Offboarded = Type.Object(
  { participant: Participant, revokedSerials: Type.Array(Type.String()), crlUpdated: Type.Boolean() },
  { additionalProperties: false },
);

export const InviteBody = Type.Object(
  {
    tier: Tier,
    ttlSeconds: Type.Optional(
      Type.Integer({
        minimum: INVITATION_MIN_TTL_SECONDS,
        maximum: INVITATION_MAX_TTL_SECONDS,
        description: 'How long the code stays open (default GATEWAY_INVITATION_TTL_SECONDS, 7 days)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const IssuedInvitation = Committed(
  Type.Object({
    code: InvitationCode,
    codeHash: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'What the ledger keeps: SHA-256 of the code' }),
    invitedBy: Id,
    invitedByMsp: MspId,
    role: Type.Literal('supplier'),
    tier: Tier,
    issuedAt: Timestamp,
    expiresAt: Timestamp,
    expiresAtSeconds: Type.String({ pattern: '^[0-9]+$' }),
    status: Type.Enum(INVITATION_STATUSES),
  }),
);
