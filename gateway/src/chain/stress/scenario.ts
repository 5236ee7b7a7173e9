import { createHash } from 'node:crypto';

/**
 * A stress scenario. Shocks are integers so the same scenario always reads the same:
 * basis points for shares, whole days for delays.
 */
export type StressScenario =
  /** The core stops paying; `recoveryBps` of what it owes is recovered in the end. */
  | { readonly kind: 'core-default'; readonly coreId: string; readonly recoveryBps: number }
  /** The core pays nothing for `days` days: everything it owes falling due before then goes overdue. */
  | { readonly kind: 'core-late'; readonly coreId: string; readonly days: number }
  /** The oracle's price of `commodity` (every grade) falls by `fallBps`. */
  | { readonly kind: 'price-fall'; readonly commodity: string; readonly fallBps: number }
  /** The supplier fails: its unconfirmed and disputed receivables are lost, `dilutionBps` of the rest it sold is diluted (returns, credit notes). */
  | { readonly kind: 'supplier-failure'; readonly supplierId: string; readonly dilutionBps: number };

export type ScenarioKind = StressScenario['kind'];

/** The scenario with its fields in one fixed order: the text its hash is taken over. */
export function canonicalScenario(scenario: StressScenario): string {
  switch (scenario.kind) {
    case 'core-default':
      return JSON.stringify({ kind: scenario.kind, coreId: scenario.coreId, recoveryBps: scenario.recoveryBps });
    case 'core-late':
      return JSON.stringify({ kind: scenario.kind, coreId: scenario.coreId, days: scenario.days });
    case 'price-fall':
      return JSON.stringify({ kind: scenario.kind, commodity: scenario.commodity, fallBps: scenario.fallBps });
    case 'supplier-failure':
      return JSON.stringify({ kind: scenario.kind, supplierId: scenario.supplierId, dilutionBps: scenario.dilutionBps });
  }
}

export function scenarioHash(scenario: StressScenario): string {
  return createHash('sha256').update(canonicalScenario(scenario)).digest('hex');
}

/** The same scenario with its shock scaled to `shock` (the field that measures its severity), for property tests and charts. */
export function withShock(scenario: StressScenario, shock: number): StressScenario {
  switch (scenario.kind) {
    case 'core-default':
      return { ...scenario, recoveryBps: 10_000 - shock };
    case 'core-late':
      return { ...scenario, days: shock };
    case 'price-fall':
      return { ...scenario, fallBps: shock };
    case 'supplier-failure':
      return { ...scenario, dilutionBps: shock };
  }
}
