import { DELINQUENCY_LEVELS, RECEIVABLE_STATUSES } from '@scf/kernel/records/receivable';
import { Type } from 'typebox';
import { DILUTION_KINDS } from '../../usecases/receivables';
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
    amount: Money,
    reference: Type.String(),
    recordedBy: Id,
    recordedAt: Timestamp,
  },
  'A credit note or return that reduced what is outstanding',
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

export const DilutionBody = Type.Object(
  { dilutionId: Id, kind: Type.Enum(DILUTION_KINDS), amount: PositiveMoney, reference: Text(100) },
  { additionalProperties: false },
);
