import { Type } from 'typebox';
import { Currency, EnumOf, Id, LedgerRecord, ListOf, Money, Text, Timestamp } from './common';
import { Financing } from './financings';
import { Receivable } from './receivables';
import type { PayeeKind, PaymentStatus } from '@scf/kernel/records/payment';

const Allocation = LedgerRecord(
  {
    payeeKind: EnumOf<PayeeKind>()(['BANK', 'HOLDER']),
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
    status: EnumOf<PaymentStatus>()(['PENDING', 'SETTLED']),
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
  { paymentId: Id, receivableId: Id, amount: Money, reference: Text(100, 'Unique per debtor, e.g. the wire reference') },
  { additionalProperties: false },
);
