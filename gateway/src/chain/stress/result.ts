import type { StressScenario } from './scenario';

/** One bank's book in one currency under the scenario. */
export interface BankLoss {
  readonly bankMsp: string;
  readonly currency: string;
  /** Live financing principal plus live pledge loans. */
  readonly exposure: string;
  /** What the collateral (receivables, goods) still covers after the shock. */
  readonly collateralAfter: string;
  /** Principal whose collateral goes overdue in the scenario. */
  readonly overdueExposure: string;
  /** The shortfall the shock adds: exposure not covered by collateral after it, less any shortfall before it. */
  readonly loss: string;
}

export type ReceivableEffect = 'overdue' | 'lost' | 'diluted';

export interface AffectedReceivable {
  readonly id: string;
  readonly effect: ReceivableEffect;
  readonly debtorId: string;
  readonly holderId: string;
  readonly currency: string;
  readonly outstanding: string;
  readonly outstandingAfter: string;
  readonly dueDate: string;
  /** The bank financing it, if any. */
  readonly bankMsp: string | null;
}

export interface MarginCall {
  readonly pledgeId: string;
  readonly bankMsp: string;
  readonly ownerId: string;
  readonly commodity: string;
  readonly currency: string;
  readonly loan: string;
  readonly valueBefore: string;
  readonly valueAfter: string;
  /** Value the maintenance ratio requires. */
  readonly requiredValue: string;
}

/** A supplier whose financeable receivables shrink: the financing it can no longer get. */
export interface SupplierGap {
  readonly supplierId: string;
  readonly tier: number;
  readonly currency: string;
  readonly financeableBefore: string;
  readonly financeableAfter: string;
  readonly gap: string;
}

export interface TierGap {
  readonly tier: number;
  readonly currency: string;
  readonly suppliers: number;
  readonly gap: string;
}

export interface CurrencyTotals {
  readonly currency: string;
  readonly exposure: string;
  readonly loss: string;
  readonly overdueOutstanding: string;
  readonly liquidityGap: string;
}

/** At most this many affected receivables are listed (by id); the counts and totals cover them all. */
export const MAX_LISTED_RECEIVABLES = 1000;

export interface StressResult {
  readonly scenario: StressScenario;
  readonly scenarioHash: string;
  /** The read-model height the scenario ran at: with the scenario, it fixes the result. */
  readonly height: string;
  readonly asOf: string;
  readonly totals: CurrencyTotals[];
  readonly banks: BankLoss[];
  readonly receivables: {
    readonly overdueCount: number;
    readonly lostCount: number;
    readonly dilutedCount: number;
    readonly listed: AffectedReceivable[];
    readonly truncated: boolean;
  };
  readonly marginCalls: MarginCall[];
  readonly liquidityGap: { readonly byTier: TierGap[]; readonly suppliers: SupplierGap[] };
}
