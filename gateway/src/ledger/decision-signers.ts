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
 * Signs with the risk-gateway identity's own Fabric signing key (its MSP key file), through
 * fabric-gateway's Signer: the very interface its HSM (PKCS#11) signer implements, so a risk
 * gateway whose key lives in an HSM signs its decisions there too (swap this factory for one
 * built on `signers.newHSMSignerFactory`). The key registered on the ledger is then the public
 * key of the identity's certificate. One signer per key file, made on first use.
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
