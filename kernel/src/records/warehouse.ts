import { applyBpsFloor, BPS_SCALE } from '../money';

export const RECEIPT_STATUSES = ['ISSUED', 'REDEEMED'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/** A warehouse's receipt for one lot of goods, owned by its depositor. */
export interface WarehouseReceipt {
  readonly id: string;
  readonly warehouseId: string;
  readonly warehouseMsp: string;
  readonly ownerId: string;
  readonly ownerMsp: string;
  readonly lotId: string;
  readonly lotFingerprint: string;
  readonly commodity: string;
  readonly grade: string;
  readonly unit: string;
  /** Integer number of `unit`s. */
  readonly quantity: string;
  readonly location: string;
  readonly status: ReceiptStatus;
  /** The single active pledge on this receipt. */
  readonly pledgeId?: string;
  readonly issuedAt: string;
  readonly updatedAt: string;
}

/** Price of one unit of a commodity grade, in minor units of `currency`, set by a price oracle. */
export interface CommodityPrice {
  readonly commodity: string;
  readonly grade: string;
  readonly unit: string;
  readonly currency: string;
  readonly pricePerUnit: string;
  readonly setBy: string;
  readonly setAt: string;
}

export const PLEDGE_STATUSES = ['REQUESTED', 'ACTIVE', 'MARGIN_CALL', 'RELEASED', 'CANCELLED'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export interface Pledge {
  readonly id: string;
  readonly receiptId: string;
  readonly ownerId: string;
  readonly ownerMsp: string;
  readonly bankMsp: string;
  readonly loanAmount: string;
  /** Copied from the receipt so a price update can revalue without reading every receipt. */
  readonly commodity: string;
  readonly grade: string;
  readonly unit: string;
  readonly quantity: string;
  readonly currency?: string;
  readonly haircutBps?: string;
  /** Minimum value / loan, in basis points (12000 = 120%). */
  readonly maintenanceRatioBps?: string;
  readonly status: PledgeStatus;
  readonly termsRecorded: boolean;
  readonly requestedAt: string;
  readonly updatedAt: string;
}

export function valueOf(quantity: string, price: CommodityPrice): bigint {
  return BigInt(quantity) * BigInt(price.pricePerUnit);
}

/** The largest loan the goods support: value × (1 − haircut), rounded down. */
export function maxLoan(value: bigint, haircutBps: bigint): bigint {
  return applyBpsFloor(value, BPS_SCALE - haircutBps);
}

export function meetsMaintenance(value: bigint, loan: bigint, maintenanceRatioBps: bigint): boolean {
  return value * BPS_SCALE >= loan * maintenanceRatioBps;
}

/**
 * The valuation an acceptance was decided on, as computed in the accepting transaction: the
 * goods at the oracle price it read, the haircut applied and the largest loan that leaves
 * (decimal strings). The bank's risk gateway re-checks these endorsed figures before it submits.
 */
export interface PledgeValuation {
  readonly receiptId: string;
  readonly quantity: string;
  readonly currency: string;
  readonly pricePerUnit: string;
  readonly priceSetAt: string;
  readonly value: string;
  readonly haircutBps: string;
  readonly maxLoan: string;
  readonly loanAmount: string;
}

/** AcceptPledge's result: the accepted pledge and the valuation it was accepted at. */
export interface PledgeAcceptanceResult {
  readonly pledge: Pledge;
  readonly valuation: PledgeValuation;
}

/** A live pledge holds its receipt and secures a loan. */
export const LIVE_PLEDGE_STATUSES: readonly PledgeStatus[] = ['ACTIVE', 'MARGIN_CALL'];

export function isLivePledge(pledge: Pick<Pledge, 'status'>): boolean {
  return LIVE_PLEDGE_STATUSES.includes(pledge.status);
}
