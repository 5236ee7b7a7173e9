import type { RecordedDecision } from '../risk-gate/decision-store';
import { seesBank, type ReportViewer } from './report-viewer';

/** The reason code a row carries for a decision that gave none (an APPROVE with a clean score). */
export const NO_REASON = 'NONE';

export interface RiskDecisionRow {
  readonly day: string;
  readonly bankMsp: string;
  readonly outcome: string;
  readonly reasonCode: string;
  readonly count: number;
}

export interface RiskDecisionTotal {
  readonly day: string;
  readonly bankMsp: string;
  readonly outcome: string;
  readonly count: number;
}

export interface RiskDecisionReport {
  readonly from: string;
  readonly to: string;
  /** One row per day, bank, outcome and reason code: a decision with three reasons counts in three rows. */
  readonly rows: RiskDecisionRow[];
  /** Decisions per day, bank and outcome, each decision once. */
  readonly totals: RiskDecisionTotal[];
}

type DecisionFacts = Pick<RecordedDecision, 'bankMsp' | 'decision' | 'reasonCodes' | 'decidedAt'>;

const compare = (a: readonly string[], b: readonly string[]): number => {
  for (const [i, x] of a.entries()) {
    const y = b[i] ?? '';
    if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
};

function counted<T>(keys: Map<string, number>, build: (parts: string[], count: number) => T): T[] {
  return [...keys.entries()]
    .map(([k, count]) => ({ parts: JSON.parse(k) as string[], count }))
    .sort((a, b) => compare(a.parts, b.parts))
    .map(({ parts, count }) => build(parts, count));
}

/**
 * Risk gate decisions (every stage: assessment, post-endorsement re-check, officer review) per
 * UTC day of `decidedAt`, bank, outcome and reason code, for days `from` … `to` inclusive.
 */
export function buildRiskDecisionReport(
  decisions: readonly DecisionFacts[],
  viewer: ReportViewer,
  from: string,
  to: string,
): RiskDecisionReport {
  const rows = new Map<string, number>();
  const totals = new Map<string, number>();
  const bump = (map: Map<string, number>, parts: string[]): void => {
    const k = JSON.stringify(parts);
    map.set(k, (map.get(k) ?? 0) + 1);
  };
  for (const decision of decisions) {
    const day = decision.decidedAt.slice(0, 10);
    if (day < from || day > to || !seesBank(viewer, decision.bankMsp)) {
      continue;
    }
    bump(totals, [day, decision.bankMsp, decision.decision]);
    const codes = decision.reasonCodes.length === 0 ? [NO_REASON] : new Set(decision.reasonCodes);
    for (const reasonCode of codes) {
      bump(rows, [day, decision.bankMsp, decision.decision, reasonCode]);
    }
  }
  return {
    from,
    to,
    rows: counted(rows, ([day = '', bankMsp = '', outcome = '', reasonCode = ''], count) => ({ day, bankMsp, outcome, reasonCode, count })),
    totals: counted(totals, ([day = '', bankMsp = '', outcome = ''], count) => ({ day, bankMsp, outcome, count })),
  };
}
