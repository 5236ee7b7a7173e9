import { createPublicKey, type KeyObject, verify } from 'crypto';
import { canonicalJson, isPlainObject, parseJsonQuietly } from '../canonical-json';
import { parseLedgerTimestamp } from '../dates';
import { ErrorCode, ensure, fail } from '../errors';
import { parseAmount } from '../money';
import { parseId, parseMspId, parseSha256Hex, parseText } from '../text';

/**
 * A risk gate's decision, signed with the key its bank registered on the ledger for its risk
 * gateway (scf.participant:RegisterRiskKey). The gateway signs these bytes and the chaincode
 * verifies them: both build them here, from one shape, as canonical JSON behind a domain tag.
 *
 * A financing approval binds the financing, its receivable, its line, the amount, the policy
 * version and the inputs hash of the assessment it carries, and an expiry from the gate's
 * clock that the chaincode compares with the transaction timestamp. A pledge acceptance binds
 * the pledge, its receipt, the loan, the haircut and maintenance ratio and the price time the
 * gate valued it at.
 */
export interface FinancingApprovalDecision {
  readonly kind: 'financing-approval';
  readonly bankMsp: string;
  readonly financingId: string;
  readonly receivableId: string;
  readonly lineId: string;
  readonly amount: string;
  readonly policyVersion: string;
  readonly inputsHash: string;
  /** 'YYYY-MM-DDTHH:MM:SSZ': the decision is void from this second on. */
  readonly expiresAt: string;
}

export interface PledgeAcceptanceDecision {
  readonly kind: 'pledge-acceptance';
  readonly bankMsp: string;
  readonly pledgeId: string;
  readonly receiptId: string;
  readonly loanAmount: string;
  readonly haircutBps: string;
  readonly maintenanceRatioBps: string;
  /** The price's setAt the gate valued the receipt at: the price age it accepted. */
  readonly priceSetAt: string;
  readonly policyVersion: string;
  readonly inputsHash: string;
  readonly expiresAt: string;
}

export type GateDecision = FinancingApprovalDecision | PledgeAcceptanceDecision;

/** The financing and assessment fields an approval decision binds (besides its bank and expiry). */
export type ApprovalBinding = Omit<FinancingApprovalDecision, 'kind' | 'bankMsp' | 'expiresAt'>;

/** What an approval decision must say of this financing and assessment: the gate signs it, ApproveFinancing checks it. */
export function approvalBinding(
  financing: { readonly id: string; readonly receivableId: string; readonly lineId: string; readonly amount: string },
  assessment: { readonly policyVersion: string; readonly inputsHash: string },
): ApprovalBinding {
  return {
    financingId: financing.id,
    receivableId: financing.receivableId,
    lineId: financing.lineId,
    amount: financing.amount,
    policyVersion: assessment.policyVersion,
    inputsHash: assessment.inputsHash,
  };
}

/** A decision and its signature: base64 of a DER ECDSA (P-256, SHA-256) signature over `decisionBytes`. */
export interface SignedDecision<D extends GateDecision = GateDecision> {
  readonly decision: D;
  readonly signature: string;
}

/** The domain tag: these bytes can never be mistaken for a transaction or any other signed payload. */
const DOMAIN = 'scf.gate-decision.v1\n';

/** The bytes a gate signs and the chaincode verifies. */
export function decisionBytes(decision: GateDecision): Uint8Array {
  return Buffer.from(DOMAIN + canonicalJson(decision), 'utf8');
}

const FIELDS: Readonly<Record<GateDecision['kind'], readonly string[]>> = {
  'financing-approval': ['kind', 'bankMsp', 'financingId', 'receivableId', 'lineId', 'amount', 'policyVersion', 'inputsHash', 'expiresAt'],
  'pledge-acceptance': [
    'kind',
    'bankMsp',
    'pledgeId',
    'receiptId',
    'loanAmount',
    'haircutBps',
    'maintenanceRatioBps',
    'priceSetAt',
    'policyVersion',
    'inputsHash',
    'expiresAt',
  ],
};

const BASE64 = /^[A-Za-z0-9+/]{8,200}={0,2}$/;

/**
 * Parses a signed decision of `kind`: an empty argument or one without a signature is
 * DECISION_UNSIGNED, a malformed one INVALID_ARGUMENT. Checks shape only, not the signature.
 */
export function parseSignedDecision<K extends GateDecision['kind']>(
  json: string,
  kind: K,
): SignedDecision<Extract<GateDecision, { kind: K }>> {
  ensure(json.trim() !== '', ErrorCode.DECISION_UNSIGNED, `a signed ${kind} decision of the bank's risk gate is required`);
  const value = parseJsonQuietly(json, 'decision');
  ensure(isPlainObject(value), ErrorCode.INVALID_ARGUMENT, 'decision must be a JSON object {decision, signature}');
  ensure(
    typeof value.signature === 'string' && value.signature !== '',
    ErrorCode.DECISION_UNSIGNED,
    `the ${kind} decision carries no signature`,
  );
  ensure(BASE64.test(value.signature), ErrorCode.INVALID_ARGUMENT, 'decision.signature must be base64');
  const decision = value.decision;
  ensure(isPlainObject(decision) && decision.kind === kind, ErrorCode.DECISION_MISMATCH, `the decision is not a ${kind}`);
  const fields = FIELDS[kind];
  const unknown = Object.keys(decision).find((key) => !fields.includes(key));
  ensure(unknown === undefined, ErrorCode.INVALID_ARGUMENT, `decision has an unknown field ${unknown ?? ''}`);
  const parsed = Object.fromEntries(fields.map((field) => [field, parseField(field, decision[field])]));
  return { decision: parsed as unknown as Extract<GateDecision, { kind: K }>, signature: value.signature };
}

function parseField(field: string, value: unknown): string {
  const name = `decision.${field}`;
  switch (field) {
    case 'bankMsp':
      return parseMspId(value, name);
    case 'amount':
    case 'loanAmount':
    case 'haircutBps':
    case 'maintenanceRatioBps':
      return parseAmount(value, name).toString();
    case 'inputsHash':
      return parseSha256Hex(value, name);
    case 'expiresAt':
    case 'priceSetAt':
      parseLedgerTimestamp(value, name);
      return value as string;
    case 'policyVersion':
      return parseText(value, name, 64);
    case 'kind':
      return value as string;
    default:
      return parseId(value, name);
  }
}

/** The risk keys parsed so far, by PEM: a few banks' keys, each parsed once, not once per approval. */
const PARSED_KEYS = new Map<string, KeyObject>();
const PARSED_KEYS_HELD = 16;

function publicKeyOf(publicKeyPem: string): KeyObject {
  let key = PARSED_KEYS.get(publicKeyPem);
  if (key === undefined) {
    key = createPublicKey(publicKeyPem);
    if (PARSED_KEYS.size >= PARSED_KEYS_HELD) {
      PARSED_KEYS.clear();
    }
    PARSED_KEYS.set(publicKeyPem, key);
  }
  return key;
}

/** Whether `signature` (base64 DER) is `publicKeyPem`'s signature of the decision. Deterministic; never throws. */
export function verifyDecisionSignature(decision: GateDecision, signature: string, publicKeyPem: string): boolean {
  try {
    return verify('sha256', decisionBytes(decision), publicKeyOf(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Refuses, with DECISION_MISMATCH, the first field of `decision` that differs from what the transaction acts on. */
export function ensureDecisionBinding(decision: GateDecision, expected: Readonly<Record<string, string>>): void {
  for (const [field, value] of Object.entries(expected)) {
    const signed = (decision as unknown as Readonly<Record<string, string>>)[field];
    ensure(signed === value, ErrorCode.DECISION_MISMATCH, `the signed decision's ${field} is not this transaction's`);
  }
}

/** Refuses, with DECISION_EXPIRED, a decision used at or after its expiry (`nowSeconds`: the transaction timestamp). */
export function ensureDecisionLive(decision: GateDecision, nowSeconds: bigint): void {
  const expires = parseLedgerTimestamp(decision.expiresAt, 'decision.expiresAt');
  ensure(nowSeconds < expires, ErrorCode.DECISION_EXPIRED, `the ${decision.kind} decision expired at ${decision.expiresAt}`);
}

/** The public key (SPKI PEM) a bank registered for its risk gateway; refuses what is not an EC P-256 key. */
export function parseRiskPublicKey(pem: unknown): string {
  ensure(typeof pem === 'string' && pem.length <= 2000, ErrorCode.INVALID_ARGUMENT, 'publicKeyPem must be a PEM public key');
  let key;
  try {
    key = createPublicKey(pem);
  } catch {
    return fail(ErrorCode.INVALID_ARGUMENT, 'publicKeyPem is not a PEM public key');
  }
  ensure(
    key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1',
    ErrorCode.INVALID_ARGUMENT,
    'publicKeyPem must be an EC P-256 key',
  );
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** A bank's registered risk-gateway key, on the ledger under scf.riskkey [bankMsp]. */
export interface RiskKey {
  readonly bankMsp: string;
  readonly publicKeyPem: string;
  readonly registeredAt: string;
  /** getID() of the org admin that registered it. */
  readonly registeredBy: string;
}
