import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as Pkcs11Module from 'pkcs11js';
import { HSM_REF_FILE, type HsmKeyRef } from '@scf/kernel/hsm-key-ref';

/**
 * A key in an HSM through PKCS#11 (SoftHSM2 in tests, any PKCS#11 module in production): a
 * session on the token, the key's handle, and signing inside the token. The identity's MSP folder
 * holds its certificate and an `hsm.json` (which token, which key, the file with the token's user
 * PIN) instead of a keystore.
 */

export { HSM_REF_FILE, type HsmKeyRef } from '@scf/kernel/hsm-key-ref';

/**
 * pkcs11js, a native module, is loaded on first use: most processes never use a token (the
 * compose setup container, whose glibc may not load a module built on the host; a gateway whose
 * keys are files).
 */
let pkcs11Module: typeof Pkcs11Module | undefined;
export function pkcs11js(): typeof Pkcs11Module {
  pkcs11Module ??= createRequire(__filename)('pkcs11js') as typeof Pkcs11Module;
  return pkcs11Module;
}

/** pkcs11js raises Pkcs11Error with the Cryptoki return code. */
function pkcs11Code(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number' ? error.code : undefined;
}

/** A logged-in session on one token; close() logs out and finalizes the module if this call initialized it. */
export interface TokenSession {
  readonly pkcs11: Pkcs11Module.PKCS11;
  readonly session: Buffer;
  close(): void;
}

function useSoftHsmConf(conf: string | undefined): void {
  if (conf && !process.env.SOFTHSM2_CONF) {
    process.env.SOFTHSM2_CONF = conf;
  }
}

export function openToken(ref: Pick<HsmKeyRef, 'library' | 'softhsmConf' | 'tokenLabel' | 'pinFile'>): TokenSession {
  useSoftHsmConf(ref.softhsmConf);
  const pkcs11 = new (pkcs11js().PKCS11)();
  pkcs11.load(ref.library);
  let initializedHere = true;
  try {
    pkcs11.C_Initialize();
  } catch (error) {
    if (pkcs11Code(error) !== pkcs11js().CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      throw error;
    }
    initializedHere = false;
  }
  const finalize = (): void => {
    if (initializedHere) {
      pkcs11.C_Finalize();
    }
  };
  try {
    const slot = pkcs11.C_GetSlotList(true).find((s) => pkcs11.C_GetTokenInfo(s).label.trim() === ref.tokenLabel);
    if (!slot) {
      throw new Error(`no PKCS#11 token labelled ${ref.tokenLabel} in ${ref.library}`);
    }
    const session = pkcs11.C_OpenSession(slot, pkcs11js().CKF_SERIAL_SESSION | pkcs11js().CKF_RW_SESSION);
    try {
      pkcs11.C_Login(session, pkcs11js().CKU_USER, fs.readFileSync(ref.pinFile, 'utf8').trim());
    } catch (error) {
      if (pkcs11Code(error) !== pkcs11js().CKR_USER_ALREADY_LOGGED_IN) {
        pkcs11.C_CloseSession(session);
        throw error;
      }
    }
    return {
      pkcs11,
      session,
      close: () => {
        pkcs11.C_CloseSession(session);
        finalize();
      },
    };
  } catch (error) {
    finalize();
    throw error;
  }
}

/** DER: a tag, its length, its content. */
export function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const n = body.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}

export function derInteger(unsigned: Buffer): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) {
    i++;
  }
  const trimmed = unsigned.subarray(i);
  return der(0x02, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export function findKey(token: TokenSession, keyClass: number, keyId: Buffer): Pkcs11Module.Handle {
  token.pkcs11.C_FindObjectsInit(token.session, [
    { type: pkcs11js().CKA_CLASS, value: keyClass },
    { type: pkcs11js().CKA_ID, value: keyId },
  ]);
  const [handle] = token.pkcs11.C_FindObjects(token.session, 1);
  token.pkcs11.C_FindObjectsFinal(token.session);
  if (!handle) {
    throw new Error(`no key ${keyId.toString('hex')} in the token`);
  }
  return handle;
}

const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** r‖s (32 bytes each) → DER, with s made low (Fabric refuses high-S signatures). */
export function lowSDer(raw: Buffer): Buffer {
  const r = raw.subarray(0, 32);
  let s = BigInt(`0x${raw.subarray(32, 64).toString('hex')}`);
  if (s > P256_ORDER / 2n) {
    s = P256_ORDER - s;
  }
  return der(0x30, derInteger(r), derInteger(Buffer.from(s.toString(16).padStart(64, '0'), 'hex')));
}

/**
 * A signer over the token's key through this module's own session: what gateway-client uses when
 * the PKCS#11 module was already initialized by another copy of pkcs11js in the same process (one
 * C_Initialize per module and process; fabric-gateway's factory insists on its own).
 */
export function tokenSigner(ref: HsmKeyRef): (digest: Uint8Array) => Promise<Uint8Array> {
  const token = openToken(ref);
  const keyId = Buffer.from(ref.keyId, 'hex');
  const key = findKey(token, pkcs11js().CKO_PRIVATE_KEY, keyId);
  return (digest) => {
    token.pkcs11.C_SignInit(token.session, { mechanism: pkcs11js().CKM_ECDSA }, key);
    return Promise.resolve(lowSDer(token.pkcs11.C_Sign(token.session, Buffer.from(digest), Buffer.alloc(64))));
  };
}

/** Whether an error is the module's "already initialized" (CKR_CRYPTOKI_ALREADY_INITIALIZED). */
export function alreadyInitialized(error: unknown): boolean {
  return pkcs11Code(error) === pkcs11js().CKR_CRYPTOKI_ALREADY_INITIALIZED;
}

/** The identity's HSM reference, when its key is in an HSM. */
export function readHsmRef(mspDir: string, env: NodeJS.ProcessEnv = process.env): HsmKeyRef | undefined {
  const file = path.join(mspDir, HSM_REF_FILE);
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const ref = JSON.parse(fs.readFileSync(file, 'utf8')) as HsmKeyRef;
  return { ...ref, library: env.SCF_PKCS11_LIBRARY ?? ref.library };
}
