import { FINANCING_STATUSES } from '@scf/kernel/records/financing';
import { Type } from 'typebox';
import { Currency, Id, IsoDate, LedgerRecord, ListOf, Money, MspId, PositiveMoney, Timestamp } from './common';
import { RISK_DECISIONS } from '@scf/kernel/records/risk-assessment';

const Draw = LedgerRecord({ index: Type.Integer(), amount: Money }, 'An amount drawn from one tranche or cap shard');

const Assessment = LedgerRecord(
  {
    decision: Type.Enum(RISK_DECISIONS),
    policyVersion: Type.String(),
    inputsHash: Type.String(),
    assessedBy: Id,
    assessedAt: Timestamp,
  },
  "The risk gateway's assessment the decision was taken on, as the ledger keeps it: the verdict, the policy version and the inputs hash (score and reason codes stay with the bank: GET /v1/risk/decisions)",
);

export const Financing = LedgerRecord(
  {
    id: Id,
    receivableId: Id,
    lineId: Id,
    bankMsp: MspId,
    borrowerId: Id,
    borrowerMsp: MspId,
    debtorId: Id,
    currency: Currency,
    amount: Money,
    outstandingPrincipal: Money,
    repaidPrincipal: Money,
    status: Type.Enum(FINANCING_STATUSES),
    maturityDate: IsoDate,
    requestedAt: Timestamp,
    decidedAt: Type.Optional(Timestamp),
    assessment: Type.Optional(Assessment),
    /** The receivable's outstanding when approved: coverage is judged at amount ÷ this. */
    advancedAgainst: Type.Optional(Money),
    /** The last day before an unpaid receivable financed by it is in default (due date plus the line's grace days). */
    defaultsAfter: Type.Optional(IsoDate),
    trancheDraws: ListOf(Draw),
    capDraws: ListOf(Draw),
    coverageBreach: Type.Boolean({
      description: "A dilution left the outstanding principal above the financing's own advance ratio of what is outstanding",
    }),
    termsRecorded: Type.Boolean({ description: 'The bank recorded private terms (their content is never public)' }),
    updatedAt: Timestamp,
  },
  'A bank financing of one receivable',
);

/**
 * A bank's private pricing of one loan. Sent only in the transient map; the chaincode validates
 * it (salt format, bps ceiling, …) without echoing values.
 */
export const PrivateTerms = Type.Object(
  {
    salt: Type.String({
      pattern: '^[0-9a-f]{32,128}$',
      description: '32-128 lower-case hex characters; makes the on-chain hash unguessable',
    }),
    rateKind: Type.Enum(['INTEREST', 'DISCOUNT']),
    rateBps: Type.String({ pattern: '^(0|[1-9][0-9]{0,4}|100000)$', description: 'Basis points 0 to 100000, as a decimal string' }),
    feeAmount: Type.Optional(Money),
    internalScore: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._+-]{1,32}$' })),
  },
  { additionalProperties: false, description: 'Private terms: reach only the peers of the bank and the borrower org, never a block' },
);

export const FinancingTermsRecorded = LedgerRecord(
  { financingId: Id, termsRecorded: Type.Literal(true) },
  'The terms are recorded privately; the public record only says so',
);

export const DisclosureCheck = LedgerRecord(
  { financingId: Id, matches: Type.Boolean({ description: 'The disclosed terms hash to what the bank recorded' }) },
  "An auditor's check of disclosed terms",
);

export const RequestFinancingBody = Type.Object(
  { financingId: Id, receivableId: Id, lineId: Id, amount: PositiveMoney },
  { additionalProperties: false },
);
