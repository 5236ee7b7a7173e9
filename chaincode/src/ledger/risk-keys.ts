import type { Store } from './store';
import { ErrorCode, ensure, fail } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import {
  ensureDecisionBinding,
  ensureDecisionLive,
  type GateDecision,
  parseSignedDecision,
  type RiskKey,
  verifyDecisionSignature,
} from '@scf/kernel/records/gate-decision';

export function getRiskKey(store: Store, bankMsp: string): Promise<RiskKey | undefined> {
  return store.get<RiskKey>(KeyType.riskKey, [bankMsp]);
}

/**
 * A bank's risk key belongs to the bank's org: its creation is guarded by the org's guard and
 * its key-level policy is that org's peer, so no other org can endorse a replacement.
 */
export async function saveRiskKey(store: Store, key: RiskKey, existing: RiskKey | undefined): Promise<void> {
  await store.put(KeyType.riskKey, [key.bankMsp], key);
  if (existing === undefined) {
    await store.guardCreation([key.bankMsp]);
    await store.protect([key.bankMsp], [KeyType.riskKey, [key.bankMsp]]);
  }
}

/**
 * The signed decision of `bankMsp`'s risk gate that a transaction acts on: signed with the key
 * the bank registered, bound to what the transaction does (`binding`: field → the value the
 * ledger has), and unexpired at the transaction timestamp. Refused with a DECISION_* code.
 */
export async function requireSignedDecision<K extends GateDecision['kind']>(
  store: Store,
  decisionJson: string,
  kind: K,
  bankMsp: string,
  binding: Readonly<Record<string, string>>,
  nowSeconds: bigint,
): Promise<Extract<GateDecision, { kind: K }>> {
  const signed = parseSignedDecision(decisionJson, kind);
  const key =
    (await getRiskKey(store, bankMsp)) ??
    fail(ErrorCode.DECISION_SIGNATURE_INVALID, `${bankMsp} has registered no risk key to check the decision with`);
  ensure(
    verifyDecisionSignature(signed.decision, signed.signature, key.publicKeyPem),
    ErrorCode.DECISION_SIGNATURE_INVALID,
    `the ${kind} decision is not signed with the risk key ${bankMsp} registered`,
  );
  ensureDecisionBinding(signed.decision, { bankMsp, ...binding });
  ensureDecisionLive(signed.decision, nowSeconds);
  return signed.decision;
}
