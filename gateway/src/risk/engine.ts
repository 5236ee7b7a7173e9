import { CHECKS } from './checks';
import type { Finding, Severity } from './finding';
import type { RiskInputs } from './inputs';
import { inputsHash } from './inputs-hash';
import type { RiskPolicy } from './policy';
import type { ReasonCode } from './reason-codes';
import type { RiskAssessment, RiskDecision } from '@scf/kernel/records/risk-assessment';

export const MAX_SCORE = 1000;

export interface Assessment {
  readonly decision: RiskDecision;
  /** 0..1000, higher is riskier: the findings' points added up and clamped. */
  readonly score: number;
  /** Sorted, unique. */
  readonly reasonCodes: readonly ReasonCode[];
  /** One per reason code, in the same order, with the figures behind it. */
  readonly explanations: readonly Finding[];
  readonly policyVersion: string;
  readonly inputsHash: string;
}

/**
 * Decides a financing or pledge request under a bank's policy. Pure and deterministic: the
 * same policy and inputs always give the same assessment. Throws (ScfError) only on inputs
 * that are not well-formed, such as a due date that is not a calendar date.
 *
 * Decision: any reject finding, or a score at or above rejectFromScore → REJECT; otherwise any
 * review finding, or a score at or above reviewFromScore → REVIEW; otherwise APPROVE.
 */
/**
 * `hashed`: the inputs hash when the caller has already computed it for these very inputs and
 * policy (the gate keeps the hashed text for the auditor), so that it is not computed twice.
 */
export function assess(policy: RiskPolicy, inputs: RiskInputs, hashed?: string): Assessment {
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    const finding = check(policy, inputs);
    if (finding !== undefined) {
      findings.push(finding);
    }
  }
  const total = findings.reduce((sum, f) => sum + f.points, 0);
  const score = Math.min(MAX_SCORE, Math.max(0, total));
  const { reviewFromScore, rejectFromScore } = policy.decision;
  if (score >= rejectFromScore) {
    findings.push({
      code: 'RISK_SCORE_HIGH',
      severity: 'reject',
      points: 0,
      explanation: `score ${score} is at or above the reject threshold ${rejectFromScore}`,
    });
  } else if (score >= reviewFromScore) {
    findings.push({
      code: 'RISK_SCORE_ELEVATED',
      severity: 'review',
      points: 0,
      explanation: `score ${score} is at or above the review threshold ${reviewFromScore}`,
    });
  }
  findings.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return {
    decision: decide(findings.map((f) => f.severity)),
    score,
    reasonCodes: findings.map((f) => f.code),
    explanations: findings,
    policyVersion: policy.version,
    inputsHash: hashed ?? inputsHash(policy, inputs),
  };
}

function decide(severities: readonly Severity[]): RiskDecision {
  if (severities.includes('reject')) {
    return 'REJECT';
  }
  return severities.includes('review') ? 'REVIEW' : 'APPROVE';
}

/**
 * Exactly the shape the chaincode's parseRiskAssessment accepts: the verdict, the policy version
 * and the inputs hash. The score and the reason codes stay with the bank (its decision store).
 */
export function toLedgerAssessment(assessment: Assessment): RiskAssessment {
  return { decision: assessment.decision, policyVersion: assessment.policyVersion, inputsHash: assessment.inputsHash };
}
