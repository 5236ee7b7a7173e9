import { DELINQUENCY_LEVELS, RECEIVABLE_STATUSES } from '@scf/kernel/records/receivable';
import { Type } from 'typebox';
import { DILUTION_KINDS, DILUTION_REQUEST_STATUSES, MAX_CONSENT_DAYS } from '@scf/kernel/records/dilution';
import { Currency, Id, IsoDate, LedgerRecord, ListOf, Money, MspId, PositiveMoney, Text, Timestamp } from './common';
import { Financing } from './financings';
import { MAX_SPLIT_PARTS } from '@scf/kernel/records/receivable';

export const Receivable = LedgerRecord(
  {
    id: Id,
    rootId: Id,
    parentId: Type.Optional(Id),
    childIds: ListOf(Id),
    invoiceNumber: Type.String(),
    invoiceFingerprint: Type.String(),
    currency: Currency,
    issueDate: IsoDate,
    dueDate: IsoDate,
    creditorId: Id,
    debtorId: Id,
    debtorMsp: MspId,
    holderId: Id,
    holderMsp: MspId,
    face: Money,
    outstanding: Money,
    settled: Money,
    diluted: Money,
    splitOff: Money,
    status: Type.Enum(RECEIVABLE_STATUSES),
    delinquency: Type.Enum(DELINQUENCY_LEVELS),
    financingId: Type.Optional(Id),
    pendingPaymentId: Type.Optional(Id),
    pendingAmount: Money,
    disputeReason: Type.Optional(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  "A supplier's claim on a core enterprise, backed by an invoice (face = settled + diluted + outstanding + splitOff)",
);

export const Dilution = LedgerRecord(
  {
    id: Id,
    receivableId: Id,
    kind: Type.Enum(DILUTION_KINDS),
    amount: PositiveMoney,
    reference: Type.String(),
    recordedBy: Id,
    recordedAt: Timestamp,
    requestedBy: Type.Optional(Id),
  },
  'A credit note or return that reduced what is outstanding (requestedBy: the debtor whose request the holder accepted)',
);

export const DilutionRequest = LedgerRecord(
  {
    id: Id,
    receivableId: Id,
    kind: Type.Enum(DILUTION_KINDS),
    amount: PositiveMoney,
    reference: Type.String(),
    debtorId: Id,
    debtorMsp: MspId,
    holderId: Id,
    holderMsp: MspId,
    status: Type.Enum(DILUTION_REQUEST_STATUSES),
    expiresAt: Timestamp,
    requestedAt: Timestamp,
    decidedBy: Type.Optional(Id),
    decidedAt: Type.Optional(Timestamp),
    reason: Type.Optional(Type.String()),
    updatedAt: Timestamp,
  },
  "The debtor's request to dilute a receivable: nothing changes until the holder accepts it before expiresAt",
);

export const PendingDilution = Type.Object(
  {
    request: DilutionRequest,
    expired: Type.Boolean({ description: 'Past expiresAt by the gateway clock: it can only be rejected (or withdrawn by the debtor) now' }),
  },
  { additionalProperties: false },
);

export const SplitResult = LedgerRecord({ parent: Receivable, children: ListOf(Receivable) }, 'The split receivable and its new parts');

export const DilutionResult = LedgerRecord(
  {
    receivable: Receivable,
    dilution: Dilution,
    financing: Type.Union([Financing, Type.Null()], {
      description: 'The live financing, re-checked for coverage, if the receivable is financed',
    }),
  },
  'The diluted receivable, the dilution, and the re-checked financing',
);

export const IssueReceivableBody = Type.Object(
  {
    receivableId: Id,
    debtorId: Id,
    invoiceNumber: Text(64),
    currency: Currency,
    amount: PositiveMoney,
    issueDate: IsoDate,
    dueDate: IsoDate,
  },
  { additionalProperties: false },
);

export const DisputeBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });

const SplitPart = Type.Object({ id: Id, amount: PositiveMoney, holderId: Id }, { additionalProperties: false });

export const SplitBody = Type.Object(
  {
    parts: Type.Array(SplitPart, {
      minItems: 1,
      maxItems: MAX_SPLIT_PARTS,
      description:
        'New receivables summing exactly to what is outstanding; each holder is the caller or an upstream supplier of a higher tier',
    }),
  },
  { additionalProperties: false },
);

export const TransferBody = Type.Object(
  { newReceivableId: Id, holderId: Id },
  {
    additionalProperties: false,
    description: 'The whole outstanding amount moves to a new receivable held by holderId (a one-part split)',
  },
);

export const DilutionRequestBody = Type.Object(
  {
    dilutionId: Id,
    kind: Type.Enum(DILUTION_KINDS),
    amount: PositiveMoney,
    reference: Text(100),
    expiresAt: Type.String({
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$',
      description: `The last moment the holder can accept, UTC 'YYYY-MM-DDTHH:MM:SSZ', after now and within ${MAX_CONSENT_DAYS} days`,
    }),
  },
  { additionalProperties: false },
);

export const RejectDilutionBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });

export const AcceptDilutionResult = LedgerRecord(
  {
    receivable: Receivable,
    dilution: Dilution,
    request: DilutionRequest,
    financing: Type.Union([Financing, Type.Null()], {
      description: 'The live financing, re-checked for coverage, if the receivable is financed',
    }),
  },
  'The diluted receivable, the dilution, the accepted request and the re-checked financing',
);

export const DilutionBody = Type.Object(
  { dilutionId: Id, kind: Type.Enum(DILUTION_KINDS), amount: PositiveMoney, reference: Text(100) },
  { additionalProperties: false },
);
