import { CREDIT_LINE_STATUSES } from '@scf/kernel/records/credit-line';
import { Type } from 'typebox';
import { Bps, BpsUpTo100Percent, Currency, Id, IsoDate, LedgerRecord, ListOf, Money, MspId, PositiveMoney, Timestamp } from './common';

export const CreditLine = LedgerRecord(
  {
    id: Id,
    bankMsp: MspId,
    grantedBy: Id,
    coreId: Id,
    currency: Currency,
    termsHash: Type.String({
      pattern: '^[0-9a-f]{64}$',
      description: 'SHA-256 of the canonical, salted terms (the commitment the ledger keeps)',
    }),
    termsRecorded: Type.Boolean(),
    limit: Type.Optional(Money),
    expiresOn: Type.Optional(IsoDate),
    maxAdvanceRateBps: Type.Optional(Bps),
    maxTenorDays: Type.Optional(Type.Integer()),
    graceDays: Type.Optional(Type.Integer()),
    trancheCount: Type.Integer(),
    status: Type.Enum(CREDIT_LINE_STATUSES),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  "A bank's credit line to a core enterprise. Its terms (limit, expiresOn, maxAdvanceRateBps, maxTenorDays, graceDays) are private to the line's bank and core enterprise: only they get them, on the single-line read and the write answers",
);

const Tranche = LedgerRecord(
  { lineId: Id, index: Type.Integer(), limit: Type.Optional(Money), drawn: Money },
  "One of the line's tranche keys (its limit for the line's bank and core enterprise only)",
);

export const CreditLineExposure = LedgerRecord(
  { line: CreditLine, drawn: Money, headroom: Type.Optional(Money), tranches: ListOf(Tranche) },
  'The line with its exposure (sum over its tranches); its terms, headroom and tranche limits for its bank and core enterprise only',
);

const CapShareLimit = LedgerRecord({ bankMsp: MspId, limit: Money }, "One bank's share of the cap (the shares sum to the cap)");

export const ConsortiumCap = LedgerRecord(
  {
    coreId: Id,
    currency: Currency,
    cap: Money,
    shares: ListOf(CapShareLimit),
    shardCount: Type.Integer({ description: 'slots per bank share' }),
    setBy: Id,
    updatedAt: Timestamp,
  },
  "The consortium-wide cap on one core enterprise's financed exposure in one currency, split evenly into the bank orgs' shares",
);

const CapShard = LedgerRecord(
  { coreId: Id, currency: Currency, bankMsp: MspId, index: Type.Integer(), limit: Money, drawn: Money },
  "One slot of a bank's share: its limit (the auditor's shard key) and what the bank drew on it (the bank's own draw key)",
);

const CapShareExposure = LedgerRecord(
  { bankMsp: MspId, limit: Money, drawn: Money, headroom: Money },
  "One bank's share of the cap, what it drew against it and its headroom",
);

export const CoreExposure = LedgerRecord(
  {
    coreId: Id,
    currency: Currency,
    cap: Type.Union([Money, Type.Null()], { description: 'null while no cap is set (financing is then refused)' }),
    drawn: Money,
    headroom: Money,
    shares: ListOf(CapShareExposure),
    shards: ListOf(CapShard),
  },
  "A core enterprise's exposure across all banks against its consortium cap",
);

export const GrantCreditLineBody = Type.Object(
  {
    lineId: Id,
    coreId: Id,
    currency: Currency,
    limit: PositiveMoney,
    expiresOn: IsoDate,
    maxAdvanceRateBps: BpsUpTo100Percent,
    maxTenorDays: Type.Integer({ minimum: 1, maximum: 3650 }),
    graceDays: Type.Integer({ minimum: 0, maximum: 365 }),
  },
  { additionalProperties: false },
);

export const LimitBody = Type.Object({ limit: Money }, { additionalProperties: false });
export const CapBody = Type.Object({ cap: Money }, { additionalProperties: false });
