/**
 * Where an HSM-held identity's key is: the `hsm.json` the network writes into the identity's MSP
 * folder (instead of a keystore) and every signer (the network's clients, an org's gateway)
 * reads. The private key itself never leaves the token.
 */
export interface HsmKeyRef {
  /** Path of the PKCS#11 module (overridable with SCF_PKCS11_LIBRARY). */
  readonly library: string;
  /** SoftHSM2's configuration file (its token folder), when the module is SoftHSM2. */
  readonly softhsmConf?: string;
  readonly tokenLabel: string;
  /** CKA_ID of the key pair, hex. */
  readonly keyId: string;
  /** File holding the token's user PIN (mode 0600, in the org's own folder). */
  readonly pinFile: string;
}

export const HSM_REF_FILE = 'hsm.json';
