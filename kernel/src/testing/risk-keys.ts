import { createPublicKey, sign } from 'crypto';
import { decisionBytes, type GateDecision } from '../records/gate-decision';

/** Fixed EC P-256 test keys (test code only): the risk keys the test banks register, and one nobody registered. */
/** BankAMSP's risk gateway */
export const BANK_A_RISK_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMLnEs7cmNQ93U83x
d9TAVUPckZUodr2P+o8jMY+HVc2hRANCAAQRiUSwLHfgCGboHXI1ayFkjKGDnRdT
M5zx+AgmNH6I0lDrkzPC8IWzhv3AHyUTU3eZtzGbVTay5S+7bzg6UdyB
-----END PRIVATE KEY-----
`;
/** BankBMSP's risk gateway */
export const BANK_B_RISK_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgoz2wuCsU6exwBySa
DCgkrI7SDeKzJA7Na0dYsFCCwXehRANCAATwOLM0hds+9YTVK18bdlUhyp4TdIUO
iOozV2VF2pzZPeomAlUbFP516jYs3rTut/smYIrzcUGM0yAdct3TJs5B
-----END PRIVATE KEY-----
`;
/** a key no bank registered */
export const STRANGER_RISK_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggtnVC6BSeSms6VPJ
CxQ5CYgFXwpbetfpsPD/vHjnsBWhRANCAAQSemfOpXHGlXDLFIcQtHeShNypgUHP
Lz5X/Fdaq7zEiyHGSKmkpeeCr9p2XoTK1ImNI56YuRVI1lIX35HZUXUF
-----END PRIVATE KEY-----
`;

/** The SPKI PEM public key of a private key, as RegisterRiskKey takes it. */
export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
}

/** `{decision, signature}` JSON: the decision signed with `privateKeyPem`, as a risk gate signs it. */
export function signedDecisionJson(decision: GateDecision, privateKeyPem: string): string {
  const signature = sign('sha256', decisionBytes(decision), privateKeyPem).toString('base64');
  return JSON.stringify({ decision, signature });
}
