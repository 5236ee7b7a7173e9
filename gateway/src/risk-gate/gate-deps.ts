import type { ChainFiguresSource } from '../chain/signals';
import type { LedgerDirectory } from '../ledger/ledger';
import type { RiskFeatureSource } from '../readmodel/risk-features';
import type { RiskPolicy } from '../risk/policy';
import type { RiskDecisionStore } from './decision-store';

/** What every risk gate (financing approvals, pledge acceptances) works with. */
export interface RiskGateDeps {
  readonly ledgers: LedgerDirectory;
  readonly features: RiskFeatureSource;
  readonly decisions: RiskDecisionStore;
  readonly policyFor: (bankMsp: string) => RiskPolicy;
  /** Epoch seconds; the engine itself never reads a clock. */
  readonly nowSeconds: () => number;
  /** The chain's early-warning figures for a financing; absent, the chain checks pass. */
  readonly chainFigures?: ChainFiguresSource;
}
