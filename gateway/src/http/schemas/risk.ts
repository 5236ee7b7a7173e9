import { Type } from 'typebox';
import { Id } from './common';
import { RISK_DECISIONS } from '@scf/kernel/records/risk-assessment';

export const FinancingParams = Type.Object({ financingId: Id });
export const InputsParams = Type.Object({ inputsHash: Type.String({ pattern: '^[0-9a-f]{64}$' }) });
export const InputsSchema = Type.Object({ inputsHash: Type.String(), inputsJson: Type.String() });
export const UNKNOWN_COMMIT_NOTE = 'absent when an idempotent retry answers a commit that was unknown at first (it is not recorded then)';

export const FindingSchema = Type.Object({
  code: Type.String(),
  severity: Type.String(),
  points: Type.Integer(),
  explanation: Type.String(),
});
export const DecisionSchema = Type.Object({
  id: Type.Integer(),
  financingId: Type.String(),
  bankMsp: Type.String(),
  borrowerId: Type.String(),
  stage: Type.String({ description: 'assessment, post-endorsement (re-check of the endorsed result) or officer-review' }),
  decision: Type.Enum(RISK_DECISIONS),
  score: Type.Integer({ minimum: 0, maximum: 1000 }),
  reasonCodes: Type.Array(Type.String()),
  explanations: Type.Array(FindingSchema),
  policyVersion: Type.String(),
  inputsHash: Type.String(),
  transactionId: Type.Union([Type.String(), Type.Null()]),
  decidedBy: Type.String(),
  decidedAt: Type.String(),
});
export const KindSchema = Type.Union([Type.Literal('financing'), Type.Literal('pledge')], {
  description: 'What is reviewed: a financing request or a warehouse-receipt pledge',
});
export const ReviewSchema = Type.Object({
  kind: KindSchema,
  financingId: Type.String({ description: "The financing's or the pledge's id (the review's id)" }),
  bankMsp: Type.String(),
  borrowerId: Type.String(),
  amount: Type.String(),
  status: Type.String(),
  queuedAt: Type.String(),
  requestedBy: Type.Union([Type.String(), Type.Null()], {
    description:
      'The officer who asked for the assessment (four eyes: another officer decides it); null if queued before this was recorded',
  }),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  reasonCodes: Type.Array(Type.String()),
  score: Type.Integer(),
});
export const Approved = Type.Object({
  decision: Type.Literal('APPROVE'),
  transactionId: Type.String(),
  blockNumber: Type.Union([Type.String(), Type.Null()]),
  financing: Type.Object(
    { id: Type.String(), status: Type.String(), amount: Type.String(), bankMsp: Type.String() },
    { additionalProperties: true },
  ),
  assessment: Type.Optional({ ...DecisionSchema, description: UNKNOWN_COMMIT_NOTE }),
});
export const Queued = Type.Object({ decision: Type.Literal('REVIEW'), review: ReviewSchema, assessment: DecisionSchema });
export const FinancingView = Type.Object(
  { id: Type.String(), status: Type.String(), amount: Type.String(), bankMsp: Type.String() },
  { additionalProperties: true },
);
export const RejectedOnLedger = Type.Object({
  decision: Type.Literal('REJECT'),
  transactionId: Type.String({ description: 'The committed scf.financing:RejectFinancing' }),
  blockNumber: Type.Union([Type.String(), Type.Null()]),
  financing: FinancingView,
  assessment: Type.Optional({ ...DecisionSchema, description: UNKNOWN_COMMIT_NOTE }),
});
export const ReviewDecided = Type.Object({
  kind: KindSchema,
  decision: Type.Union([Type.Literal('APPROVE'), Type.Literal('REJECT')]),
  transactionId: Type.Union([Type.String(), Type.Null()], {
    description: 'The committed transaction; null for a pledge rejection (nothing is submitted)',
  }),
  blockNumber: Type.Union([Type.String(), Type.Null()]),
  financing: Type.Optional(FinancingView),
  pledge: Type.Optional(
    Type.Object(
      { id: Type.String(), status: Type.String(), loanAmount: Type.String(), bankMsp: Type.String() },
      { additionalProperties: true },
    ),
  ),
  review: Type.Optional({ ...ReviewSchema, description: UNKNOWN_COMMIT_NOTE }),
  assessment: Type.Optional({ ...DecisionSchema, description: UNKNOWN_COMMIT_NOTE }),
});
export const ReviewDecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('APPROVE'), Type.Literal('REJECT')]),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    kind: Type.Optional({ ...KindSchema, description: 'Needed only when a financing and a pledge with this id both wait for review' }),
  },
  { additionalProperties: false },
);
export const RejectBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export const DecisionQuery = Type.Object(
  {
    financingId: Type.Optional(Id),
    reasonCode: Type.Optional(Type.String({ pattern: '^[A-Z0-9_]{1,32}$' })),
    decision: Type.Optional(Type.Enum(RISK_DECISIONS)),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export const ReviewQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('PENDING'), Type.Literal('APPROVED'), Type.Literal('REJECTED')])) },
  { additionalProperties: false },
);

export const PledgeParams = Type.Object({ pledgeId: Id });
export const ReviewParams = Type.Object({ reviewId: Id });
