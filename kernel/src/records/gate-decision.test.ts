import { canonicalJson } from '../canonical-json';
import { ScfError } from '../errors';
import { BANK_A_RISK_KEY, BANK_B_RISK_KEY, publicKeyOf, signedDecisionJson } from '../testing/risk-keys';
import {
  decisionBytes,
  ensureDecisionBinding,
  ensureDecisionLive,
  type FinancingApprovalDecision,
  parseRiskPublicKey,
  parseSignedDecision,
  verifyDecisionSignature,
} from './gate-decision';

const DECISION: FinancingApprovalDecision = {
  kind: 'financing-approval',
  bankMsp: 'BankAMSP',
  financingId: 'f1',
  receivableId: 'r1',
  lineId: 'line1',
  amount: '700000',
  policyVersion: 'risk-2025.1',
  inputsHash: 'a'.repeat(64),
  expiresAt: '2025-01-10T12:00:00Z',
};

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return error instanceof ScfError ? error.code : String(error);
  }
  return 'no error';
}

describe('a gate decision’s canonical bytes', () => {
  it('are the domain tag and the sorted-key JSON, whatever the member order', () => {
    const reordered = Object.fromEntries(Object.entries(DECISION).reverse()) as unknown as FinancingApprovalDecision;
    const text = Buffer.from(decisionBytes(reordered)).toString('utf8');
    expect(text).toBe(`scf.gate-decision.v1\n${canonicalJson(DECISION)}`);
    expect(text).toBe(
      'scf.gate-decision.v1\n{"amount":"700000","bankMsp":"BankAMSP","expiresAt":"2025-01-10T12:00:00Z","financingId":"f1","inputsHash":"' +
        'a'.repeat(64) +
        '","kind":"financing-approval","lineId":"line1","policyVersion":"risk-2025.1","receivableId":"r1"}',
    );
  });
});

describe('verifying a signed decision', () => {
  const signed = JSON.parse(signedDecisionJson(DECISION, BANK_A_RISK_KEY)) as { decision: FinancingApprovalDecision; signature: string };

  it('accepts the signature of the registered key, over the very decision', () => {
    const parsed = parseSignedDecision(JSON.stringify(signed), 'financing-approval');
    expect(parsed.decision).toEqual(DECISION);
    expect(verifyDecisionSignature(parsed.decision, parsed.signature, publicKeyOf(BANK_A_RISK_KEY))).toBe(true);
  });

  it('refuses another key, and a decision changed after signing', () => {
    expect(verifyDecisionSignature(DECISION, signed.signature, publicKeyOf(BANK_B_RISK_KEY))).toBe(false);
    expect(verifyDecisionSignature({ ...DECISION, amount: '700001' }, signed.signature, publicKeyOf(BANK_A_RISK_KEY))).toBe(false);
    expect(verifyDecisionSignature(DECISION, 'AAAAAAAAAAAA', publicKeyOf(BANK_A_RISK_KEY))).toBe(false);
  });

  it('calls an empty or signature-less decision unsigned, and another kind a mismatch', () => {
    expect(codeOf(() => parseSignedDecision('', 'financing-approval'))).toBe('DECISION_UNSIGNED');
    expect(codeOf(() => parseSignedDecision(JSON.stringify({ decision: DECISION }), 'financing-approval'))).toBe('DECISION_UNSIGNED');
    expect(codeOf(() => parseSignedDecision(JSON.stringify(signed), 'pledge-acceptance'))).toBe('DECISION_MISMATCH');
    expect(codeOf(() => parseSignedDecision('{', 'financing-approval'))).toBe('INVALID_ARGUMENT');
    const extra = { ...signed, decision: { ...DECISION, note: 'x' } };
    expect(codeOf(() => parseSignedDecision(JSON.stringify(extra), 'financing-approval'))).toBe('INVALID_ARGUMENT');
  });

  it('binds every field the transaction acts on', () => {
    expect(
      codeOf(() => {
        ensureDecisionBinding(DECISION, { financingId: 'f1', amount: '700000' });
      }),
    ).toBe('no error');
    expect(
      codeOf(() => {
        ensureDecisionBinding(DECISION, { financingId: 'f2' });
      }),
    ).toBe('DECISION_MISMATCH');
    expect(
      codeOf(() => {
        ensureDecisionBinding(DECISION, { amount: '700001' });
      }),
    ).toBe('DECISION_MISMATCH');
  });

  it('is void from its expiry second on', () => {
    const expiry = BigInt(Date.UTC(2025, 0, 10, 12) / 1000);
    expect(
      codeOf(() => {
        ensureDecisionLive(DECISION, expiry - 1n);
      }),
    ).toBe('no error');
    expect(
      codeOf(() => {
        ensureDecisionLive(DECISION, expiry);
      }),
    ).toBe('DECISION_EXPIRED');
  });

  it('registers only EC P-256 public keys', () => {
    expect(parseRiskPublicKey(publicKeyOf(BANK_A_RISK_KEY))).toBe(publicKeyOf(BANK_A_RISK_KEY));
    expect(codeOf(() => parseRiskPublicKey(BANK_A_RISK_KEY.replace('PRIVATE', 'PUBLIC')))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => parseRiskPublicKey('not a key'))).toBe('INVALID_ARGUMENT');
  });
});
