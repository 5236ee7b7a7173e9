import { signers, type HSMSignerFactory, type Signer } from '@hyperledger/fabric-gateway';
import { HSM_REF_FILE, type HsmKeyRef } from '@scf/kernel/hsm-key-ref';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The gateway's signer for an identity whose key is in an HSM: its MSP folder holds `hsm.json`
 * (written when the org's CA certified the token's key) instead of a keystore. fabric-gateway's
 * PKCS#11 signer does the signing in the token; one module per process (a second C_Initialize
 * fails) and one operation at a time per session, so concurrent signs queue.
 */
const factories = new Map<string, HSMSignerFactory>();
const hsmSigners = new Map<string, Signer>();

/** The HSM reference of an identity's MSP folder, or undefined when its key is a file. */
export function readHsmKeyRef(mspDir: string, env: NodeJS.ProcessEnv = process.env): HsmKeyRef | undefined {
  const file = path.join(mspDir, HSM_REF_FILE);
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const ref = JSON.parse(fs.readFileSync(file, 'utf8')) as HsmKeyRef;
  return { ...ref, library: env.SCF_PKCS11_LIBRARY ?? ref.library };
}

export function hsmSigner(ref: HsmKeyRef): Signer {
  const cacheKey = `${ref.library}|${ref.tokenLabel}|${ref.keyId}`;
  const cached = hsmSigners.get(cacheKey);
  if (cached) {
    return cached;
  }
  if (ref.softhsmConf !== undefined && process.env.SOFTHSM2_CONF === undefined) {
    // SoftHSM2 finds its token folder through this variable, read when the module initializes.
    process.env.SOFTHSM2_CONF = ref.softhsmConf;
  }
  let factory = factories.get(ref.library);
  if (!factory) {
    factory = signers.newHSMSignerFactory(ref.library);
    factories.set(ref.library, factory);
  }
  const { signer } = factory.newSigner({
    label: ref.tokenLabel,
    pin: fs.readFileSync(ref.pinFile, 'utf8').trim(),
    identifier: Buffer.from(ref.keyId, 'hex'),
  });
  let queue: Promise<unknown> = Promise.resolve();
  const serialized: Signer = (digest) => {
    const next = queue.then(() => signer(digest));
    queue = next.catch(() => undefined);
    return next;
  };
  hsmSigners.set(cacheKey, serialized);
  return serialized;
}
