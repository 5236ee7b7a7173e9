import type { RecordedDecision, RiskDecisionStore } from '../risk-gate/decision-store';

/** The risk gate's recorded decisions in a time range, as the risk-decision report reads them. */
export interface DecisionSource {
  /** Decisions with `fromIso` ≤ decidedAt < `toIso`, of one bank or (undefined) every bank. */
  decisionsBetween(bankMsp: string | undefined, fromIso: string, toIso: string): Promise<readonly RecordedDecision[]>;
}

/** The gateway's decision store (SQLite) as a DecisionSource: every decision in the range, no page limit. */
export function decisionSourceOf(store: Pick<RiskDecisionStore, 'decisions'>): DecisionSource {
  return {
    decisionsBetween: (bankMsp, fromIso, toIso) =>
      Promise.resolve(store.decisions({ bankMsp, from: fromIso, to: toIso, limit: Number.MAX_SAFE_INTEGER })),
  };
}
