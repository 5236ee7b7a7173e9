import type { RiskInputs } from './inputs';
import type { RiskPolicy } from './policy';
import type { CheckCode, ReasonCode } from './reason-codes';

/** reject: the request must not be funded; review: a credit officer decides; info: only adds points. */
export type Severity = 'reject' | 'review' | 'info';

/** One reason the engine found, with the figures behind it in plain words. */
export interface Finding {
  readonly code: ReasonCode;
  readonly severity: Severity;
  /** Added to the score (0..1000 each; the total is clamped). */
  readonly points: number;
  readonly explanation: string;
}

/** A check looks at one aspect of the inputs and reports a finding, or nothing when it passes. */
export type Check = (policy: RiskPolicy, inputs: RiskInputs) => Finding | undefined;

/** A finding for `code`, worth the points the policy gives that code. */
export function raise(policy: RiskPolicy, code: CheckCode, severity: Severity, explanation: string): Finding {
  return { code, severity, points: policy.points[code], explanation };
}
