import { ErrorCode, ensure } from '@scf/kernel/errors';
import { BPS_SCALE, formatAmount } from '@scf/kernel/money';
import type { Participant } from '@scf/kernel/records/participant';
import { lotFingerprint } from '@scf/kernel/fingerprints';
import {
  type CommodityPrice,
  type Pledge,
  type PledgeAcceptanceResult,
  type PledgeStatus,
  type WarehouseReceipt,
  isLivePledge,
  maxLoan,
  meetsMaintenance,
  valueOf,
} from '@scf/kernel/records/warehouse';

export interface ReceiptIssue {
  readonly id: string;
  readonly lotId: string;
  readonly commodity: string;
  readonly grade: string;
  readonly unit: string;
  readonly quantity: bigint;
  readonly location: string;
}

export function issueReceipt(issue: ReceiptIssue, warehouse: Participant, owner: Participant, at: string): WarehouseReceipt {
  ensure(
    (owner.role === 'supplier' || owner.role === 'core-enterprise') && owner.status === 'ACTIVE',
    ErrorCode.INVALID_ARGUMENT,
    `owner ${owner.id} must be an active supplier or core enterprise`,
  );
  ensure(issue.quantity > 0n, ErrorCode.INVALID_ARGUMENT, 'quantity must be greater than zero');
  return {
    id: issue.id,
    warehouseId: warehouse.id,
    warehouseMsp: warehouse.mspId,
    ownerId: owner.id,
    ownerMsp: owner.mspId,
    lotId: issue.lotId,
    lotFingerprint: lotFingerprint(warehouse.legalEntityId, issue.location, issue.lotId),
    commodity: issue.commodity,
    grade: issue.grade,
    unit: issue.unit,
    quantity: formatAmount(issue.quantity),
    location: issue.location,
    status: 'ISSUED',
    issuedAt: at,
    updatedAt: at,
  };
}

function ensureFreeReceipt(receipt: WarehouseReceipt): void {
  ensure(receipt.status === 'ISSUED', ErrorCode.INVALID_STATE, `receipt ${receipt.id} is ${receipt.status}`);
  ensure(receipt.pledgeId === undefined, ErrorCode.ENCUMBERED, `receipt ${receipt.id} is pledged under ${receipt.pledgeId ?? ''}`);
}

export function requestPledge(
  id: string,
  receipt: WarehouseReceipt,
  ownerId: string,
  bankMsp: string,
  loanAmount: bigint,
  at: string,
): Pledge {
  ensure(receipt.ownerId === ownerId, ErrorCode.FORBIDDEN, `only the owner of receipt ${receipt.id} may pledge it`);
  ensureFreeReceipt(receipt);
  ensure(loanAmount > 0n, ErrorCode.INVALID_ARGUMENT, 'loanAmount must be greater than zero');
  return {
    id,
    receiptId: receipt.id,
    ownerId,
    ownerMsp: receipt.ownerMsp,
    bankMsp,
    loanAmount: formatAmount(loanAmount),
    commodity: receipt.commodity,
    grade: receipt.grade,
    unit: receipt.unit,
    quantity: receipt.quantity,
    status: 'REQUESTED',
    termsRecorded: false,
    requestedAt: at,
    updatedAt: at,
  };
}

export interface PledgeAcceptance {
  readonly haircutBps: bigint;
  readonly maintenanceRatioBps: bigint;
}

export interface AcceptedPledge {
  readonly pledge: Pledge;
  readonly receipt: WarehouseReceipt;
}

export function acceptPledge(
  pledge: Pledge,
  receipt: WarehouseReceipt,
  price: CommodityPrice,
  acceptance: PledgeAcceptance,
  at: string,
): AcceptedPledge {
  ensure(pledge.status === 'REQUESTED', ErrorCode.INVALID_STATE, `pledge ${pledge.id} is ${pledge.status}, not REQUESTED`);
  ensure(receipt.ownerId === pledge.ownerId, ErrorCode.INVALID_STATE, `receipt ${receipt.id} changed owner since the request`);
  ensureFreeReceipt(receipt);
  ensure(acceptance.maintenanceRatioBps >= BPS_SCALE, ErrorCode.INVALID_ARGUMENT, 'maintenanceRatioBps must be at least 10000 (100%)');
  const value = valueOf(receipt.quantity, price);
  const loan = BigInt(pledge.loanAmount);
  ensure(
    loan <= maxLoan(value, acceptance.haircutBps),
    ErrorCode.COLLATERAL_INSUFFICIENT,
    `loan exceeds value × (1 − haircut) (${maxLoan(value, acceptance.haircutBps)})`,
  );
  ensure(
    meetsMaintenance(value, loan, acceptance.maintenanceRatioBps),
    ErrorCode.COLLATERAL_INSUFFICIENT,
    'the goods do not meet the maintenance ratio today',
  );
  return {
    pledge: {
      ...pledge,
      currency: price.currency,
      haircutBps: formatAmount(acceptance.haircutBps),
      maintenanceRatioBps: formatAmount(acceptance.maintenanceRatioBps),
      status: 'ACTIVE',
      updatedAt: at,
    },
    receipt: { ...receipt, pledgeId: pledge.id, updatedAt: at },
  };
}

export function pledgeAcceptanceResult(
  accepted: Pledge,
  receipt: WarehouseReceipt,
  price: CommodityPrice,
  haircutBps: bigint,
): PledgeAcceptanceResult {
  const value = valueOf(receipt.quantity, price);
  const max = maxLoan(value, haircutBps);
  return {
    pledge: accepted,
    valuation: {
      receiptId: receipt.id,
      quantity: receipt.quantity,
      currency: price.currency,
      pricePerUnit: price.pricePerUnit,
      priceSetAt: price.setAt,
      value: formatAmount(value),
      haircutBps: formatAmount(haircutBps),
      maxLoan: formatAmount(max < 0n ? 0n : max),
      loanAmount: accepted.loanAmount,
    },
  };
}

/** Re-values a live pledge at a new price: below the maintenance ratio it is in margin call, above it is cured. */
export function revaluePledge(pledge: Pledge, price: CommodityPrice, at: string): Pledge {
  if (!isLivePledge(pledge) || pledge.currency !== price.currency) {
    return pledge;
  }
  const healthy = meetsMaintenance(valueOf(pledge.quantity, price), BigInt(pledge.loanAmount), BigInt(pledge.maintenanceRatioBps ?? '0'));
  const status: PledgeStatus = healthy ? 'ACTIVE' : 'MARGIN_CALL';
  return status === pledge.status ? pledge : { ...pledge, status, updatedAt: at };
}

/** The bank confirms the loan is repaid; the receipt is free again. */
export function releasePledge(pledge: Pledge, receipt: WarehouseReceipt, at: string): AcceptedPledge {
  ensure(isLivePledge(pledge), ErrorCode.INVALID_STATE, `pledge ${pledge.id} is ${pledge.status}`);
  return { pledge: { ...pledge, status: 'RELEASED', updatedAt: at }, receipt: { ...receipt, pledgeId: undefined, updatedAt: at } };
}

export function cancelPledge(pledge: Pledge, callerId: string, at: string): Pledge {
  ensure(pledge.ownerId === callerId, ErrorCode.FORBIDDEN, `only the owner may cancel pledge ${pledge.id}`);
  ensure(pledge.status === 'REQUESTED', ErrorCode.INVALID_STATE, `pledge ${pledge.id} is ${pledge.status}, not REQUESTED`);
  return { ...pledge, status: 'CANCELLED', updatedAt: at };
}

/** Goods leave the warehouse: only an unpledged receipt, recorded by the warehouse that issued it. */
export function redeemReceipt(receipt: WarehouseReceipt, warehouseId: string, at: string): WarehouseReceipt {
  ensure(receipt.warehouseId === warehouseId, ErrorCode.FORBIDDEN, `only the issuing warehouse may redeem receipt ${receipt.id}`);
  ensureFreeReceipt(receipt);
  return { ...receipt, status: 'REDEEMED', updatedAt: at };
}

export function markPledgeTermsRecorded(pledge: Pledge, at: string): Pledge {
  ensure(pledge.status !== 'CANCELLED', ErrorCode.INVALID_STATE, `pledge ${pledge.id} is CANCELLED`);
  ensure(!pledge.termsRecorded, ErrorCode.ALREADY_EXISTS, `terms of pledge ${pledge.id} are already recorded`);
  return { ...pledge, termsRecorded: true, updatedAt: at };
}
