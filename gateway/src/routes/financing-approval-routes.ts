import { RISK_DECISIONS } from '@scf/chaincode/domain/risk-assessment';
import { Type, type Static } from 'typebox';
import { callerOf } from '../http/auth';
import { ApiError } from '../http/api-error';
import { errorResponses } from '../http/openapi';
import { logTransactionId } from '../ops/request-id';
import type { RecordedDecision, RiskDecisionStore } from '../risk-gate/decision-store';
import type { FinancingGate, GateOutcome } from '../risk-gate/financing-gate';
import type { PledgeGate } from '../risk-gate/pledge-gate';
import { Committed } from './schemas/common';
import { AcceptPledgeBody, Pledge } from './schemas/warehouse';
import type { RouteModule } from './route-context';
import { Id } from './schemas/common';

const FinancingParams = Type.Object({ financingId: Id });

const FindingSchema = Type.Object({ code: Type.String(), severity: Type.String(), points: Type.Integer(), explanation: Type.String() });
const DecisionSchema = Type.Object({
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
const ReviewSchema = Type.Object({
  financingId: Type.String(),
  bankMsp: Type.String(),
  borrowerId: Type.String(),
  amount: Type.String(),
  status: Type.String(),
  queuedAt: Type.String(),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  reasonCodes: Type.Array(Type.String()),
  score: Type.Integer(),
});
const Approved = Type.Object({
  decision: Type.Literal('APPROVE'),
  transactionId: Type.String(),
  blockNumber: Type.Union([Type.String(), Type.Null()]),
  financing: Type.Object({ id: Type.String(), status: Type.String(), amount: Type.String(), bankMsp: Type.String() }, { additionalProperties: true }),
  assessment: DecisionSchema,
});
const Queued = Type.Object({ decision: Type.Literal('REVIEW'), review: ReviewSchema, assessment: DecisionSchema });
const ReviewDecisionBody = Type.Object(
  { decision: Type.Union([Type.Literal('APPROVE'), Type.Literal('REJECT')]), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
const DecisionQuery = Type.Object(
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
const ReviewQuery = Type.Object({ status: Type.Optional(Type.Union([Type.Literal('PENDING'), Type.Literal('APPROVED'), Type.Literal('REJECTED')])) }, { additionalProperties: false });

type Review = Static<typeof ReviewSchema>;

function reviewView(review: NonNullable<ReturnType<RiskDecisionStore['review']>>): Review {
  const { assessment, ...rest } = review;
  return { ...rest, reasonCodes: [...assessment.reasonCodes], score: assessment.score };
}

const decisionView = (d: RecordedDecision): Static<typeof DecisionSchema> => ({ ...d, reasonCodes: [...d.reasonCodes], explanations: d.explanations.map((f) => ({ ...f })) });

/** A REJECT is the caller's answer, not a failure of the service: 422 with the reasons. */
function rejection(outcome: { readonly record: RecordedDecision }): ApiError {
  const { record } = outcome;
  const verdict = record.decision === 'REVIEW' ? 'needs an officer review (resend with officerReviewed: true)' : 'was rejected';
  return new ApiError(422, 'RISK_REJECTED', `${record.financingId} ${verdict} by the ${record.bankMsp} risk policy ${record.policyVersion}`, {
    decision: record.decision,
    stage: record.stage,
    score: record.score,
    reasonCodes: record.reasonCodes,
    explanations: record.explanations,
  });
}

/**
 * The risk gate's routes. Bank officers ask their bank to decide a financing request; the gate
 * signs an approval with the bank's risk-gateway identity only after its checks pass.
 */
export function financingApprovalRoutes(gate: FinancingGate, decisions: RiskDecisionStore): RouteModule {
  return (app) => {
    const respond = (outcome: GateOutcome, reply: { code: (status: number) => unknown }): Static<typeof Approved> | Static<typeof Queued> => {
      if (outcome.decision === 'REJECT') {
        throw rejection(outcome);
      }
      if (outcome.decision === 'REVIEW') {
        reply.code(202);
        return { decision: 'REVIEW', review: reviewView(outcome.review), assessment: decisionView(outcome.record) };
      }
      return { decision: 'APPROVE', transactionId: outcome.transactionId, blockNumber: outcome.blockNumber, financing: outcome.financing, assessment: decisionView(outcome.record) };
    };

    app.post(
      '/v1/financings/:financingId/assess',
      {
        schema: {
          tags: ['risk'],
          summary: 'Bank officer: run the bank risk gate on a financing request; approve on the ledger only if it passes',
          description:
            'Assesses with the bank policy; APPROVE endorses the approval signed by the bank risk-gateway identity, re-checks the endorsed result and submits it (200). REVIEW queues it for an officer (202). REJECT answers 422 RISK_REJECTED with reason codes; nothing reaches the orderer.',
          params: FinancingParams,
          response: { 200: Approved, 202: Queued, ...errorResponses },
        },
      },
      async (request, reply) => {
        const outcome = await gate.assess(request.params.financingId, callerOf(request));
        if (outcome.decision === 'APPROVE') {
          logTransactionId(request, outcome.transactionId);
        }
        return respond(outcome, reply);
      },
    );

    app.get(
      '/v1/risk/reviews',
      { schema: { tags: ['risk'], summary: "The review queue: a bank officer sees its bank's, the auditor all", querystring: ReviewQuery, response: { 200: Type.Array(ReviewSchema), ...errorResponses } } },
      (request) => {
        const caller = callerOf(request);
        if (caller.role !== 'bank' && caller.role !== 'auditor') {
          throw new ApiError(403, 'FORBIDDEN', 'only bank officers and the auditor see review queues');
        }
        return decisions.reviews(caller.role === 'auditor' ? undefined : caller.mspId, request.query.status).map(reviewView);
      },
    );

    app.post(
      '/v1/risk/reviews/:financingId/decision',
      {
        schema: {
          tags: ['risk'],
          summary: 'Bank officer: approve or reject a financing the risk engine sent to review',
          params: FinancingParams,
          body: ReviewDecisionBody,
          response: { 200: Approved, ...errorResponses },
        },
      },
      async (request, reply) => {
        const outcome = await gate.decideReview(request.params.financingId, callerOf(request), request.body.decision, request.body.note ?? null);
        if (outcome.decision === 'APPROVE') {
          logTransactionId(request, outcome.transactionId);
        }
        return respond(outcome, reply) as Static<typeof Approved>;
      },
    );

    app.get(
      '/v1/risk/decisions',
      { schema: { tags: ['risk'], summary: 'Risk decisions and their reasons: a bank sees its own, the auditor all', querystring: DecisionQuery, response: { 200: Type.Array(DecisionSchema), ...errorResponses } } },
      (request) => {
        const caller = callerOf(request);
        if (caller.role !== 'bank' && caller.role !== 'auditor') {
          throw new ApiError(403, 'FORBIDDEN', 'only banks and the auditor read risk decisions');
        }
        const q = request.query;
        return decisions
          .decisions({ bankMsp: caller.role === 'auditor' ? undefined : caller.mspId, financingId: q.financingId, reasonCode: q.reasonCode, decision: q.decision, from: q.from, to: q.to, limit: q.limit ?? 50 })
          .map(decisionView);
      },
    );
    return Promise.resolve();
  };
}

const PledgeParams = Type.Object({ pledgeId: Id });

/** A bank accepts a warehouse-receipt pledge through its risk policy (value after haircut, price age). */
export function pledgeAcceptanceRoutes(gate: PledgeGate): RouteModule {
  return (app) => {
    app.post(
      '/v1/pledges/:pledgeId/accept',
      {
        schema: {
          tags: ['risk', 'warehouse'],
          summary: "Bank officer: accept a pledge through the bank's risk policy",
          description:
            'Assesses the loan against the receipt value after haircut and the price age; APPROVE (or REVIEW with officerReviewed) endorses scf.warehouse:AcceptPledge, checks the endorsed pledge and submits it. Otherwise 422 RISK_REJECTED with the reasons; nothing is submitted.',
          params: PledgeParams,
          body: AcceptPledgeBody,
          response: { 200: Committed(Pledge), ...errorResponses },
        },
      },
      async (request) => {
        const { haircutBps, maintenanceRatioBps, officerReviewed } = request.body;
        const outcome = await gate.accept(request.params.pledgeId, callerOf(request), { haircutBps, maintenanceRatioBps, officerReviewed: officerReviewed ?? false });
        if (outcome.decision !== 'APPROVE') {
          throw rejection(outcome);
        }
        logTransactionId(request, outcome.transactionId);
        return { ...outcome.pledge, transactionId: outcome.transactionId, ...(outcome.blockNumber === null ? {} : { blockNumber: outcome.blockNumber }) };
      },
    );
    return Promise.resolve();
  };
}
