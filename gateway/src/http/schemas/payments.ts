import { PAYEE_KINDS, PAYMENT_STATUSES } from '@scf/kernel/records/payment';
import { Type } from 'typebox';
import { Currency, Id, LedgerRecord, ListOf, Money, PositiveMoney, Text, Timestamp } from './common';
import { Financing } from './financings';
import { Receivable } from './receivables';

const Allocation = LedgerRecord(
  {
    payeeKind: Type.Enum(PAYEE_KINDS),
    payeeId: Type.String({ description: "The bank's MSP id, or the holder's participant id" }),
    amount: Money,
    acknowledgedBy: Type.Optional(Id),
    acknowledgedAt: Type.Optional(Timestamp),
  },
  "One payee's share: the financing bank first, up to its outstanding principal, then the holder",
);

export const Payment = LedgerRecord(
  {
    id: Id,
    receivableId: Id,
    financingId: Type.Optional(Id),
    debtorId: Id,
    currency: Currency,
    amount: Money,
    reference: Type.String(),
    allocations: ListOf(Allocation),
    status: Type.Enum(PAYMENT_STATUSES),
    closedBy: Type.Optional(Type.String({ description: 'Who cancelled (the debtor) or rejected (a payee) it' })),
    closedAt: Type.Optional(Timestamp),
    closeReason: Type.Optional(Type.String()),
    recordedAt: Timestamp,
    updatedAt: Timestamp,
  },
  'A payment by the debtor on a receivable',
);

export const Acknowledgement = LedgerRecord(
  {
    payment: Payment,
    receivable: Receivable,
    financing: Type.Union([Financing, Type.Null()], { description: "The financing, when the acknowledged share was the bank's" }),
  },
  'The payment, the receivable with the share settled, and the financing it repaid',
);

export const RecordPaymentBody = Type.Object(
  { paymentId: Id, receivableId: Id, amount: PositiveMoney, reference: Text(100, 'Unique per debtor, e.g. the wire reference') },
  { additionalProperties: false },
);

export const PaymentClosure = LedgerRecord(
  { payment: Payment, receivable: Receivable },
  'The payment as cancelled or rejected, and the receivable free again (its unacknowledged shares no longer reserved)',
);

export const ClosePaymentBody = Type.Object(
  { reason: Text(500, 'Why, e.g. "no such transfer on our account"') },
  { additionalProperties: false },
);
