import { PLEDGE_STATUSES, RECEIPT_STATUSES } from '@scf/kernel/records/warehouse';
import { Type } from 'typebox';
import {
  Bps,
  Currency,
  Id,
  LedgerRecord,
  ListOf,
  Money,
  MspId,
  PositiveMoney,
  PositiveQuantity,
  Quantity,
  Text,
  Timestamp,
} from './common';
import { BANK_ORGS } from '@scf/kernel/roles';

export const WarehouseReceipt = LedgerRecord(
  {
    id: Id,
    warehouseId: Id,
    warehouseMsp: MspId,
    ownerId: Id,
    ownerMsp: MspId,
    lotId: Id,
    lotFingerprint: Type.String(),
    commodity: Id,
    grade: Id,
    unit: Id,
    quantity: Quantity,
    location: Type.String(),
    status: Type.Enum(RECEIPT_STATUSES),
    pledgeId: Type.Optional(Id),
    issuedAt: Timestamp,
    updatedAt: Timestamp,
  },
  'A warehouse receipt for one lot of goods',
);

export const Pledge = LedgerRecord(
  {
    id: Id,
    receiptId: Id,
    ownerId: Id,
    ownerMsp: MspId,
    bankMsp: MspId,
    loanAmount: Money,
    commodity: Id,
    grade: Id,
    unit: Id,
    quantity: Quantity,
    currency: Type.Optional(Currency),
    haircutBps: Type.Optional(Bps),
    maintenanceRatioBps: Type.Optional(Bps),
    status: Type.Enum(PLEDGE_STATUSES),
    termsRecorded: Type.Boolean(),
    requestedAt: Timestamp,
    updatedAt: Timestamp,
  },
  'A pledge of a warehouse receipt to a bank for a loan',
);

export const CommodityPrice = LedgerRecord(
  { commodity: Id, grade: Id, unit: Id, currency: Currency, pricePerUnit: Money, setBy: Id, setAt: Timestamp },
  "The oracle's price of one unit of a commodity grade",
);

export const PriceSet = LedgerRecord(
  { price: CommodityPrice, changedPledges: ListOf(Pledge) },
  'The new price and the live pledges it moved into or out of MARGIN_CALL',
);

export const PledgeTermsRecorded = LedgerRecord(
  { pledgeId: Id, termsRecorded: Type.Literal(true) },
  'The terms are recorded privately; the public record only says so',
);

export const IssueReceiptBody = Type.Object(
  { receiptId: Id, ownerId: Id, lotId: Id, commodity: Id, grade: Id, unit: Id, quantity: PositiveQuantity, location: Text(100) },
  { additionalProperties: false },
);

export const PriceBody = Type.Object({ currency: Currency, pricePerUnit: PositiveMoney }, { additionalProperties: false });

export const RequestPledgeBody = Type.Object(
  { pledgeId: Id, receiptId: Id, bankMsp: Type.Enum(BANK_ORGS), loanAmount: PositiveMoney },
  { additionalProperties: false },
);

export const AcceptPledgeBody = Type.Object(
  {
    haircutBps: Type.String({ pattern: '^(0|[1-9][0-9]{0,3})$', description: 'Basis points 0 to 9999, as a decimal string' }),
    maintenanceRatioBps: Type.String({
      pattern: '^([1-9][0-9]{4}|100000)$',
      description: 'Basis points 10000 (100%) to 100000, as a decimal string',
    }),
    officerReviewed: Type.Optional(
      Type.Boolean({
        description:
          'Deprecated and ignored (accepted so existing clients still validate): a REVIEW is always queued, and another officer than the one who asked decides it with POST /v1/risk/reviews/{reviewId}/decision (four eyes).',
      }),
    ),
  },
  { additionalProperties: false, description: 'maintenanceRatioBps: minimum value / loan, at least 10000 (12000 = 120%)' },
);
