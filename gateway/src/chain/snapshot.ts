import { epochDayOfLedgerText, formatEpochDay } from '@scf/kernel/dates';
import { LIVE_FINANCING_STATUSES } from '@scf/kernel/records/financing';
import { OPEN_RECEIVABLE_STATUSES } from '@scf/kernel/records/receivable';
import { LIVE_PLEDGE_STATUSES } from '@scf/kernel/records/warehouse';
/**
 * The chain as of one read-model height: the rows the graph, metrics, signals and stress
 * engine read, parsed once (amounts as bigint, dates as epoch days). Everything downstream is
 * pure over this, so the same snapshot always gives the same figures.
 */
export interface ChainParticipant {
  readonly id: string;
  readonly role: string;
  readonly mspId: string;
  readonly name: string;
  /** Suppliers' tier (1 = sells to the core); undefined for everyone else. */
  readonly tier: number | undefined;
}

export interface ChainReceivable {
  readonly id: string;
  readonly rootId: string;
  readonly parentId: string | undefined;
  /** The original seller (kept on every split part). */
  readonly creditorId: string;
  /** The core enterprise that owes it. */
  readonly debtorId: string;
  readonly holderId: string;
  readonly currency: string;
  readonly face: bigint;
  readonly outstanding: bigint;
  readonly diluted: bigint;
  readonly status: string;
  readonly delinquency: string;
  readonly issueDay: number;
  readonly dueDay: number;
  readonly financingId: string | undefined;
}

export interface ChainFinancing {
  readonly id: string;
  readonly receivableId: string;
  readonly bankMsp: string;
  readonly borrowerId: string;
  readonly debtorId: string;
  readonly currency: string;
  readonly amount: bigint;
  readonly outstandingPrincipal: bigint;
  readonly status: string;
  readonly requestedDay: number;
}

export interface ChainReceipt {
  readonly id: string;
  readonly warehouseId: string;
  readonly ownerId: string;
  readonly commodity: string;
  readonly grade: string;
  readonly unit: string;
  readonly quantity: bigint;
  readonly status: string;
}

export interface ChainPledge {
  readonly id: string;
  readonly receiptId: string;
  readonly ownerId: string;
  readonly bankMsp: string;
  readonly loanAmount: bigint;
  readonly currency: string | undefined;
  readonly status: string;
  readonly haircutBps: bigint;
  /** Minimum value / loan in basis points below which the pledge is in margin call. */
  readonly maintenanceRatioBps: bigint;
}

export interface ChainPrice {
  readonly commodity: string;
  readonly grade: string;
  readonly unit: string;
  readonly currency: string;
  readonly pricePerUnit: bigint;
}

export interface ChainSnapshot {
  /** The read model's height: blocks 0 … height-1 are in it. */
  readonly height: bigint;
  /** Ledger time of the last projected transaction, epoch day (never the wall clock: results must reproduce). */
  readonly asOfDay: number;
  /** Sorted by id, as every list below. */
  readonly participants: readonly ChainParticipant[];
  readonly receivables: readonly ChainReceivable[];
  readonly financings: readonly ChainFinancing[];
  readonly receipts: readonly ChainReceipt[];
  readonly pledges: readonly ChainPledge[];
  /** Sorted by commodity, grade, unit. */
  readonly prices: readonly ChainPrice[];
}

/** Financings that still carry principal at risk. */
export const LIVE_FINANCING: ReadonlySet<string> = new Set(LIVE_FINANCING_STATUSES);
/** Pledges whose loan is out. */
export const LIVE_PLEDGE: ReadonlySet<string> = new Set(LIVE_PLEDGE_STATUSES);
/** Receivables still owed (a SPLIT parent's claim lives on in its parts). */
export const OPEN_RECEIVABLE: ReadonlySet<string> = new Set(OPEN_RECEIVABLE_STATUSES);

export const priceKey = (commodity: string, grade: string, unit: string): string => `${commodity}\u0000${grade}\u0000${unit}`;

/** A ledger date or timestamp → days since 1970-01-01 UTC. */
export function epochDay(date: string): number {
  return epochDayOfLedgerText(date, 'date');
}

/** Days since 1970-01-01 → 'YYYY-MM-DD'. */
export const isoDay = formatEpochDay;
