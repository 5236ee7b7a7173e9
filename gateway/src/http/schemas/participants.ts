import { PARTICIPANT_STATUSES } from '@scf/kernel/records/participant';
import { Type } from 'typebox';
import { Id, LedgerRecord, MspId, Text, Timestamp } from './common';
import { MAX_SUPPLIER_TIER, ROLES } from '@scf/kernel/roles';

const LegalEntityId = Type.String({
  pattern: '^[0-9A-Z]{18}[0-9]{2}$',
  description:
    "The company's ISO 17442 LEI (the chaincode also checks its MOD 97-10 check digits); bound to the first org that registers it, whose admins alone may register further participants of it",
});

export const Participant = LedgerRecord(
  {
    id: Id,
    clientId: Type.String({ description: 'getID() of the certificate this participant signs with' }),
    mspId: MspId,
    name: Type.String(),
    legalEntityId: LegalEntityId,
    role: Type.Enum(ROLES),
    tier: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_SUPPLIER_TIER,
        description: 'Suppliers only: 1 sells to the core enterprise, 2 to tier 1, …',
      }),
    ),
    invitedBy: Type.Optional(Id),
    status: Type.Enum(PARTICIPANT_STATUSES),
    registeredAt: Timestamp,
    updatedAt: Timestamp,
  },
  'A registered participant: one certificate, one role',
);

export const RegisterParticipantBody = Type.Object(
  {
    participantId: Id,
    clientId: Type.String({
      minLength: 1,
      maxLength: 4096,
      description:
        'getID() of the participant\'s certificate ("x509::<subject>::<issuer>"), as GET /v1/participants/me reports it to that participant',
    }),
    name: Text(200),
    role: Type.Enum(ROLES),
    tier: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SUPPLIER_TIER, description: 'Required for suppliers, absent otherwise' })),
    legalEntityId: LegalEntityId,
  },
  { additionalProperties: false },
);

export const WhoAmI = Type.Object(
  {
    mspId: MspId,
    clientId: Type.String(),
    isAdmin: Type.Boolean(),
    participant: Type.Union([Participant, Type.Null()]),
  },
  {
    additionalProperties: true,
    description: "The caller's certificate as the chaincode sees it, and its participant record if registered",
  },
);
