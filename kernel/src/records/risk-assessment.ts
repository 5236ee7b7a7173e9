import { isPlainObject } from '../canonical-json';
import { ErrorCode, ensure } from '../errors';
import { parseEnum, parseSha256Hex, parseText } from '../text';

export const RISK_DECISIONS = ['APPROVE', 'REJECT', 'REVIEW'] as const;
export type RiskDecision = (typeof RISK_DECISIONS)[number];

/** The bank's risk engine's verdict, stored verbatim on the financing it decides. */
export interface RiskAssessment {
  readonly decision: RiskDecision;
  /** 0..1000, higher is riskier; the scale is the risk gateway's. */
  readonly score: number;
  readonly reasonCodes: readonly string[];
  readonly policyVersion: string;
  /** Lower-case hex SHA-256 of the inputs the engine scored. */
  readonly inputsHash: string;
}

const REASON_CODE = /^[A-Z0-9_]{1,32}$/;
const FIELDS = ['decision', 'score', 'reasonCodes', 'policyVersion', 'inputsHash'];

export function parseRiskAssessment(value: unknown): RiskAssessment {
  ensure(isPlainObject(value), ErrorCode.INVALID_ARGUMENT, 'assessment must be a JSON object');
  const unknownField = Object.keys(value).find((key) => !FIELDS.includes(key));
  ensure(unknownField === undefined, ErrorCode.INVALID_ARGUMENT, `assessment has an unknown field ${unknownField ?? ''}`);
  const { score, reasonCodes } = value;
  ensure(
    typeof score === 'number' && Number.isInteger(score) && score >= 0 && score <= 1000,
    ErrorCode.INVALID_ARGUMENT,
    'assessment.score must be an integer 0..1000',
  );
  ensure(
    Array.isArray(reasonCodes) &&
      reasonCodes.length <= 20 &&
      reasonCodes.every((code) => typeof code === 'string' && REASON_CODE.test(code)),
    ErrorCode.INVALID_ARGUMENT,
    'assessment.reasonCodes must be at most 20 codes of [A-Z0-9_]',
  );
  return {
    decision: parseEnum(value.decision, 'assessment.decision', RISK_DECISIONS),
    score,
    reasonCodes: reasonCodes as string[],
    policyVersion: parseText(value.policyVersion, 'assessment.policyVersion', 64),
    inputsHash: parseSha256Hex(value.inputsHash, 'assessment.inputsHash'),
  };
}
