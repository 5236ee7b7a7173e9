import type { CredentialStore } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import type { DecisionSigners } from '../ledger/decision-signers';
import type { LedgerDirectory } from '../ledger/ledger';
import { txTimeFromSeconds } from '@scf/kernel/dates';
import { decisionBytes, type GateDecision } from '@scf/kernel/records/gate-decision';

/**
 * How long a signed decision stays valid, from the gate's clock: the chaincode refuses it at a
 * later transaction timestamp, and an envelope kept for a retry is not sent again after it.
 */
export const DECISION_TTL_SECONDS = 300;

/** What a gate needs to sign its decisions as its bank's risk gateway. */
export interface DecisionSigning {
  readonly credentials: CredentialStore;
  /** Signs each decision with the bank's registered risk key (ledger/decision-signers.ts). */
  readonly signers: DecisionSigners;
}

/** The bank's own risk-gateway identity: the one whose key the bank registered, and the only one the chaincode accepts an approval from. */
export function riskIdentityOf(credentials: CredentialStore, bankMsp: string): Parameters<LedgerDirectory['forIdentity']>[0] {
  const gateway = credentials.all().find((c) => c.internal && c.role === 'risk-gateway' && c.mspId === bankMsp);
  if (!gateway) {
    throw new ApiError('RISK_GATEWAY_UNAVAILABLE', `no risk-gateway identity is configured for ${bankMsp}`);
  }
  return gateway.identity;
}

/** The expiry of a decision made at `nowSeconds`: 'YYYY-MM-DDTHH:MM:SSZ'. */
export function decisionExpiry(nowSeconds: number): string {
  return txTimeFromSeconds(BigInt(nowSeconds + DECISION_TTL_SECONDS)).iso;
}

/** When the envelope carrying a decision that expires at `expiresAt` may last be sent (epoch ms): its expiry. */
export function sendUntilMsOf(expiresAt: string): number {
  return Date.parse(expiresAt);
}

/** `{decision, signature}` JSON: one ECDSA signature by the bank's risk key. */
export async function signDecision(signing: DecisionSigning, decision: GateDecision): Promise<string> {
  const signature = await signing.signers(riskIdentityOf(signing.credentials, decision.bankMsp)).sign(decisionBytes(decision));
  return JSON.stringify({ decision, signature: Buffer.from(signature).toString('base64') });
}
