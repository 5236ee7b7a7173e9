import { hash } from '@hyperledger/fabric-gateway';
import { type IdentityFiles, signingIdentity } from './org-network';

/**
 * Signs a risk gate's decisions (kernel/src/records/gate-decision.ts): a DER ECDSA signature over
 * SHA-256 of the decision's bytes, which the chaincode verifies with the key the bank registered
 * (scf.participant:RegisterRiskKey).
 */
export interface DecisionSigner {
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** The decision signer of a bank's risk-gateway identity. */
export type DecisionSigners = (identity: IdentityFiles) => DecisionSigner;

/**
 * Signs with the risk-gateway identity's own Fabric signing key, through fabric-gateway's Signer
 * (org-network.ts signingIdentity): its MSP key file, or, when its MSP folder holds `hsm.json`
 * (a bank that keeps its risk-gateway key in an HSM), fabric-gateway's PKCS#11 signer, so the
 * private key never leaves the token. The key registered on the ledger is the public key of the
 * identity's certificate, which the org CA issued for that very key (the HSM key's, for an HSM).
 * One signer per identity, made on first use.
 */
export function keyFileDecisionSigners(): DecisionSigners {
  const byKey = new Map<string, DecisionSigner>();
  return (identity) => {
    let signer = byKey.get(identity.keyPath);
    if (signer === undefined) {
      const sign = signingIdentity(identity).signer;
      signer = { sign: (message) => sign(hash.sha256(message)) };
      byKey.set(identity.keyPath, signer);
    }
    return signer;
  };
}
