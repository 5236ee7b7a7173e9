import { isPlainObject } from '../canonical-json';
import { ErrorCode, ensure } from '../errors';
import { parseEnum, parseSha256Hex, parseText } from '../text';

export const RISK_DECISIONS = ['APPROVE', 'REJECT', 'REVIEW'] as const;
export type RiskDecision = (typeof RISK_DECISIONS)[number];

/**
 * What the ledger keeps of a bank's risk assessment: the verdict, the policy version and the hash
 * of the inputs the engine scored. The score and the reason codes are the bank's alone (issue 16:
 * what competitors must not read goes off the public state): its risk gateway keeps them with the
 * inputs (GET /v1/risk/decisions, /v1/risk/inputs/{hash}), and the engine is a pure function of
 * inputs and policy, so an auditor recomputes them from the inputs this hash binds. The ledger
 * refuses them, so they never reach a transaction's arguments, a block or the world state.
 */
export interface RiskAssessment {
  readonly decision: RiskDecision;
  readonly policyVersion: string;
  /** Lower-case hex SHA-256 of the inputs the engine scored. */
  readonly inputsHash: string;
}

const FIELDS = ['decision', 'policyVersion', 'inputsHash'];
/** The engine's details, refused by name: they stay with the bank. */
const BANK_ONLY = ['score', 'reasonCodes', 'explanations'];

export function parseRiskAssessment(value: unknown): RiskAssessment {
  ensure(isPlainObject(value), ErrorCode.INVALID_ARGUMENT, 'assessment must be a JSON object');
  const bankOnly = Object.keys(value).find((key) => BANK_ONLY.includes(key));
  ensure(
    bankOnly === undefined,
    ErrorCode.INVALID_ARGUMENT,
    `assessment.${bankOnly ?? ''} stays with the bank: the ledger takes decision, policyVersion and inputsHash only`,
  );
  const unknownField = Object.keys(value).find((key) => !FIELDS.includes(key));
  ensure(unknownField === undefined, ErrorCode.INVALID_ARGUMENT, `assessment has an unknown field ${unknownField ?? ''}`);
  return {
    decision: parseEnum(value.decision, 'assessment.decision', RISK_DECISIONS),
    policyVersion: parseText(value.policyVersion, 'assessment.policyVersion', 64),
    inputsHash: parseSha256Hex(value.inputsHash, 'assessment.inputsHash'),
  };
}
