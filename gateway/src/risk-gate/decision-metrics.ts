import { riskDecisionsTotal } from '../ops/metrics';
import type { ReviewKind } from './decision-store';

/** One risk decision in scf_gateway_risk_decisions_total: once per reason code (NONE when it has none). */
export function countRiskDecision(kind: ReviewKind, decision: string, reasonCodes: readonly string[]): void {
  if (reasonCodes.length === 0) {
    riskDecisionsTotal.inc({ kind, decision, reason: 'NONE' });
  }
  for (const reason of reasonCodes) {
    riskDecisionsTotal.inc({ kind, decision, reason });
  }
}
