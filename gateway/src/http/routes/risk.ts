import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { callerOf } from '../auth';
import { ApiError } from '../api-error';
import { errorResponses } from '../openapi';
import type { RecordedDecision, ReviewItem, RiskDecisionStore } from '../../risk-gate/decision-store';
import type { FinancingGate, GateOutcome } from '../../risk-gate/financing-gate';
import type { PledgeGate } from '../../risk-gate/pledge-gate';
import { approvedFinancingOf } from '../../risk-gate/endorsed-results';
import { answeringUnknownCommit, rejectedFinancing, ReviewDesk } from '../../risk-gate/review-decision';
import { logCommit } from '../log-commit';
import { Committed, ledgerDescription } from '../schemas/common';
import { tx } from '@scf/kernel/catalogue/catalogue';
import { AcceptPledgeBody, Pledge } from '../schemas/warehouse';
import type { RouteModule } from '../route-context';
import {
  Approved,
  DecisionQuery,
  DecisionSchema,
  FinancingParams,
  InputsParams,
  InputsSchema,
  PledgeParams,
  Queued,
  RejectBody,
  RejectedOnLedger,
  ReviewDecided,
  ReviewDecisionBody,
  ReviewParams,
  ReviewQuery,
  ReviewSchema,
} from '../schemas/risk';

type Review = Static<typeof ReviewSchema>;

function reviewView(review: ReviewItem): Review {
  const { kind, financingId, bankMsp, borrowerId, amount, status, queuedAt, requestedBy, decidedBy, decidedAt, note, assessment } = review;
  return {
    kind,
    financingId,
    bankMsp,
    borrowerId,
    amount,
    status,
    queuedAt,
    requestedBy,
    decidedBy,
    decidedAt,
    note,
    reasonCodes: [...assessment.reasonCodes],
    score: assessment.score,
  };
}

/** Logs the risk gate's commit with its Fabric transaction id, as logCommit does for ordinary writes. */
function logGateCommit(request: FastifyRequest, transactionId: string, blockNumber: string | null): void {
  logCommit(request, { transactionId, ...(blockNumber === null ? {} : { blockNumber }) });
}

const decisionView = (d: RecordedDecision): Static<typeof DecisionSchema> => ({
  ...d,
  reasonCodes: [...d.reasonCodes],
  explanations: d.explanations.map((f) => ({ ...f })),
});

/** A REJECT is the caller's answer, not a failure of the service: 422 with the reasons. */
function rejection(outcome: { readonly record: RecordedDecision }): ApiError {
  const { record } = outcome;
  return new ApiError('RISK_REJECTED', `${record.financingId} was rejected by the ${record.bankMsp} risk policy ${record.policyVersion}`, {
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
export function financingApprovalRoutes(gate: FinancingGate, decisions: RiskDecisionStore, pledgeGate?: PledgeGate): RouteModule {
  const desk = new ReviewDesk({ financings: gate, decisions, ...(pledgeGate === undefined ? {} : { pledges: pledgeGate }) });
  return (app) => {
    const respond = (
      outcome: GateOutcome,
      reply: { code: (status: number) => unknown },
    ): Static<typeof Approved> | Static<typeof Queued> => {
      if (outcome.decision === 'REJECT') {
        throw rejection(outcome);
      }
      if (outcome.decision === 'REVIEW') {
        reply.code(202);
        return { decision: 'REVIEW', review: reviewView(outcome.review), assessment: decisionView(outcome.record) };
      }
      return {
        decision: 'APPROVE',
        transactionId: outcome.transactionId,
        blockNumber: outcome.blockNumber,
        financing: outcome.financing,
        assessment: decisionView(outcome.record),
      };
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
        const outcome = await answeringUnknownCommit(
          () => gate.assess(request.params.financingId, callerOf(request)),
          (endorsed, transactionId) => ({
            decision: 'APPROVE',
            transactionId,
            blockNumber: null,
            financing: approvedFinancingOf(endorsed),
          }),
        );
        if (outcome.decision === 'APPROVE') {
          logGateCommit(request, outcome.transactionId, outcome.blockNumber);
        }
        return respond(outcome, reply);
      },
    );

    app.post(
      '/v1/financings/:financingId/reject',
      {
        schema: {
          tags: ['risk', 'financing'],
          summary: 'Bank officer: decline a financing request on the ledger',
          description: ledgerDescription(
            "Only an officer of the financing's bank, while REQUESTED. The gateway submits the rejection signed by the bank's risk-gateway identity (the chaincode accepts a bank decision only from it), with the engine's policy version and inputs hash (the score and reason codes stay in the bank's decision record), so the requester sees the financing REJECTED. A pending review of it is closed as rejected. (A rejection by the risk engine itself never reaches the ledger: see /assess.)",
            [tx.financing.RejectFinancing],
          ),
          params: FinancingParams,
          body: RejectBody,
          response: { 200: RejectedOnLedger, ...errorResponses },
        },
      },
      async (request) => {
        const outcome = await answeringUnknownCommit(
          () => gate.reject(request.params.financingId, callerOf(request), request.body.note ?? null),
          (endorsed, transactionId) => ({ decision: 'REJECT', transactionId, blockNumber: null, financing: rejectedFinancing(endorsed) }),
        );
        const onLedger = outcome.onLedger;
        if (onLedger === undefined) {
          throw new Error('unreachable: an officer rejection was not submitted');
        }
        logGateCommit(request, onLedger.transactionId, onLedger.blockNumber);
        return {
          decision: 'REJECT' as const,
          transactionId: onLedger.transactionId,
          blockNumber: onLedger.blockNumber,
          financing: onLedger.financing,
          assessment: decisionView(outcome.record),
        };
      },
    );

    app.get(
      '/v1/risk/inputs/:inputsHash',
      {
        schema: {
          tags: ['risk'],
          summary: 'The inputs behind an inputs hash, as the gate hashed them: the auditor, or an officer of a bank that decided on them',
          description:
            'Answers `{inputsHash, inputsJson}`: `inputsJson` is the exact canonical JSON whose SHA-256 (lower-case hex) is `inputsHash`, the hash an assessment on the ledger carries; recompute it to check the decision was made on these inputs.',
          params: InputsParams,
          response: { 200: InputsSchema, ...errorResponses },
        },
      },
      (request) => {
        const caller = callerOf(request);
        if (caller.role !== 'bank' && caller.role !== 'auditor') {
          throw new ApiError('FORBIDDEN', 'only the auditor and bank officers read decision inputs');
        }
        const { inputsHash } = request.params;
        const kept = decisions.inputsOf(inputsHash);
        if (kept === undefined || (caller.role === 'bank' && !kept.bankMsps.includes(caller.mspId))) {
          throw new ApiError('NOT_FOUND', `no inputs kept for ${inputsHash}`);
        }
        return { inputsHash, inputsJson: kept.inputsJson };
      },
    );

    app.get(
      '/v1/risk/reviews',
      {
        schema: {
          tags: ['risk'],
          summary: "The review queue: a bank officer sees its bank's, the auditor all",
          querystring: ReviewQuery,
          response: { 200: Type.Array(ReviewSchema), ...errorResponses },
        },
      },
      (request) => {
        const caller = callerOf(request);
        if (caller.role !== 'bank' && caller.role !== 'auditor') {
          throw new ApiError('FORBIDDEN', 'only bank officers and the auditor see review queues');
        }
        return decisions.reviews(caller.role === 'auditor' ? undefined : caller.mspId, request.query.status).map(reviewView);
      },
    );

    app.post(
      '/v1/risk/reviews/:reviewId/decision',
      {
        schema: {
          tags: ['risk'],
          summary: 'Bank officer: approve or reject a financing or pledge the risk engine sent to review',
          description: ledgerDescription(
            "Only an officer of the reviewed item's bank, and not the one who asked for the assessment that queued it (four eyes: 403 FORBIDDEN). An APPROVE re-assesses on the current state first: if the engine would now reject, nothing is submitted (422 RISK_REJECTED) and the review stays pending. reviewId is the financing's or the pledge's id (kind in the body only when both wait). " +
              "APPROVE goes through endorse → re-check of the endorsed result → submit: ApproveFinancing (as the bank's risk-gateway identity; the decision record names the approving officer) or AcceptPledge (as the officer, with the terms the pledge was queued with); a re-check failure answers 422 RISK_REJECTED and nothing is submitted. " +
              'REJECT of a financing is closed on the ledger as well (RejectFinancing as the bank risk gateway), so that the requester sees it rejected rather than waiting; REJECT of a pledge closes the review only, because the chaincode has no bank-side rejection of a pledge (its owner may cancel it; transactionId is null). ' +
              "The engine's own REJECT (on /assess or pledge accept) never submits anything.",
            [tx.financing.ApproveFinancing, tx.warehouse.AcceptPledge, tx.financing.RejectFinancing],
          ),
          params: ReviewParams,
          body: ReviewDecisionBody,
          response: { 200: ReviewDecided, ...errorResponses },
        },
      },
      async (request) => {
        const { decision, note, kind } = request.body;
        const outcome = await desk.decide({
          reviewId: request.params.reviewId,
          officer: callerOf(request),
          decision,
          note: note ?? null,
          kind,
        });
        if (!outcome.closed) {
          throw rejection(outcome);
        }
        const { transactionId, blockNumber, financing, pledge, review, record } = outcome;
        if (transactionId !== null) {
          logGateCommit(request, transactionId, blockNumber);
        }
        return {
          kind: outcome.kind,
          decision: outcome.decision,
          transactionId,
          blockNumber,
          ...(financing === undefined ? {} : { financing }),
          ...(pledge === undefined ? {} : { pledge }),
          review: reviewView(review),
          assessment: decisionView(record),
        };
      },
    );

    app.get(
      '/v1/risk/decisions',
      {
        schema: {
          tags: ['risk'],
          summary: 'Risk decisions and their reasons: a bank sees its own, the auditor all',
          querystring: DecisionQuery,
          response: { 200: Type.Array(DecisionSchema), ...errorResponses },
        },
      },
      (request) => {
        const caller = callerOf(request);
        if (caller.role !== 'bank' && caller.role !== 'auditor') {
          throw new ApiError('FORBIDDEN', 'only banks and the auditor read risk decisions');
        }
        const q = request.query;
        return decisions
          .decisions({
            bankMsp: caller.role === 'auditor' ? undefined : caller.mspId,
            financingId: q.financingId,
            reasonCode: q.reasonCode,
            decision: q.decision,
            from: q.from,
            to: q.to,
            limit: q.limit ?? 50,
          })
          .map(decisionView);
      },
    );
    return Promise.resolve();
  };
}

/** A bank accepts a warehouse-receipt pledge through its risk policy (value after haircut, price age). */
export function pledgeAcceptanceRoutes(gate: PledgeGate): RouteModule {
  return (app) => {
    app.post(
      '/v1/pledges/:pledgeId/accept',
      {
        schema: {
          tags: ['risk', 'warehouse'],
          summary: "Bank officer: accept a pledge through the bank's risk policy",
          description: ledgerDescription(
            'Assesses the loan against the receipt value after haircut and the price age. APPROVE endorses AcceptPledge as the officer, checks the endorsed pledge and submits it (200). REVIEW queues it with its terms for an officer (202; GET /v1/risk/reviews lists it with kind pledge, POST /v1/risk/reviews/{reviewId}/decision decides it); the deprecated officerReviewed is ignored: a REVIEW is always queued, and another officer decides it (four eyes). REJECT answers 422 RISK_REJECTED with the reasons; nothing is submitted.',
            [tx.warehouse.AcceptPledge],
          ),
          params: PledgeParams,
          body: AcceptPledgeBody,
          response: { 200: Committed(Pledge), 202: Queued, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { haircutBps, maintenanceRatioBps, officerReviewed } = request.body;
        const outcome = await gate.accept(request.params.pledgeId, callerOf(request), {
          haircutBps,
          maintenanceRatioBps,
          officerReviewed: officerReviewed ?? false,
        });
        if (outcome.decision === 'REVIEW') {
          return reply
            .code(202)
            .send({ decision: 'REVIEW' as const, review: reviewView(outcome.review), assessment: decisionView(outcome.record) });
        }
        if (outcome.decision === 'REJECT') {
          throw rejection(outcome);
        }
        logGateCommit(request, outcome.transactionId, outcome.blockNumber);
        return {
          ...outcome.pledge,
          transactionId: outcome.transactionId,
          ...(outcome.blockNumber === null ? {} : { blockNumber: outcome.blockNumber }),
        };
      },
    );
    return Promise.resolve();
  };
}
