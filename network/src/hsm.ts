import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type * as Pkcs11Module from 'pkcs11js';
import { der, derInteger, findKey, lowSDer, pkcs11js, type HsmKeyRef, type TokenSession } from '@scf/fabric-client';
import { dataDir } from './paths';

/**
 * Keys made in an HSM (SoftHSM2 here): a token per org, a key generated inside it, marked
 * sensitive and not extractable, and a certificate request the token signed, which the org's CA
 * certifies: the private key never exists outside the token. Sessions on a token and signing with
 * its keys are @scf/fabric-client's (pkcs11.ts).
 */

export { HSM_REF_FILE, openToken, readHsmRef, type HsmKeyRef, type TokenSession } from '@scf/fabric-client';

const SOFTHSM_LIBRARIES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so'];

/** SoftHSM2's configuration of this data folder: one token folder, a token per org. */
export const softhsmDir = (): string => path.join(dataDir, 'hsm');
export const softhsmConfFile = (): string => path.join(softhsmDir(), 'softhsm2.conf');

/** The PKCS#11 module to use: SCF_PKCS11_LIBRARY, else SoftHSM2 where Debian installs it; undefined when none is found. */
export function pkcs11Library(): string | undefined {
  const configured = process.env.SCF_PKCS11_LIBRARY;
  if (configured) {
    return configured;
  }
  return SOFTHSM_LIBRARIES.find((file) => fs.existsSync(file));
}

/**
 * Whether new risk-gateway identities get their keys in the HSM: SCF_HSM=off turns it off,
 * SCF_HSM=softhsm requires it; by default it is on when SoftHSM2 (its library and softhsm2-util) is installed.
 */
export function hsmEnabled(): boolean {
  const mode = process.env.SCF_HSM ?? 'auto';
  if (mode === 'off') {
    return false;
  }
  const available = pkcs11Library() !== undefined && softhsmUtilInstalled();
  if (mode === 'softhsm' && !available) {
    throw new Error('SCF_HSM=softhsm but SoftHSM2 is not installed: run `bash scripts/install-softhsm.sh` (apt-get install softhsm2)');
  }
  return available;
}

function softhsmUtilInstalled(): boolean {
  try {
    execFileSync('softhsm2-util', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A SoftHSM2 token for the org (label = the org's name) in this data folder's token folder,
 * initialised unless it exists; its user PIN (random) in the org's folder. Returns the token's reference.
 */
export function ensureSoftHsmToken(
  tokenLabel: string,
  pinFile: string,
): Pick<HsmKeyRef, 'library' | 'softhsmConf' | 'tokenLabel' | 'pinFile'> {
  const library = pkcs11Library();
  if (!library) {
    throw new Error('no PKCS#11 library: install SoftHSM2 (bash scripts/install-softhsm.sh) or set SCF_PKCS11_LIBRARY');
  }
  const conf = softhsmConfFile();
  const tokens = path.join(softhsmDir(), 'tokens');
  fs.mkdirSync(tokens, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(conf)) {
    fs.writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`, { mode: 0o600 });
  }
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const slots = execFileSync('softhsm2-util', ['--show-slots'], { env, encoding: 'utf8' });
  if (!new RegExp(`Label:\\s+${tokenLabel}\\s*$`, 'm').test(slots) || !fs.existsSync(pinFile)) {
    fs.mkdirSync(path.dirname(pinFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(pinFile, crypto.randomBytes(12).toString('hex'), { mode: 0o600 });
    // The security officer's PIN is thrown away: nobody needs to re-initialise the user PIN of a test token.
    const soPin = crypto.randomBytes(12).toString('hex');
    const pin = fs.readFileSync(pinFile, 'utf8').trim();
    execFileSync('softhsm2-util', ['--init-token', '--free', '--label', tokenLabel, '--so-pin', soPin, '--pin', pin], {
      env,
      stdio: 'ignore',
    });
  }
  return { library, softhsmConf: conf, tokenLabel, pinFile };
}

/** The DER of the P-256 curve's OID (CKA_EC_PARAMS). */
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');
const SPKI_P256_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
const ECDSA_WITH_SHA256 = Buffer.from('300a06082a8648ce3d040302', 'hex');
const COMMON_NAME_OID = Buffer.from('0603550403', 'hex');

/** The uncompressed point (04‖x‖y) of a key pair's public half, from its CKA_EC_POINT (a DER OCTET STRING). */
function ecPoint(token: TokenSession, publicKey: Pkcs11Module.Handle): Buffer {
  const [attribute] = token.pkcs11.C_GetAttributeValue(token.session, publicKey, [{ type: pkcs11js().CKA_EC_POINT }]);
  const value = attribute?.value;
  if (!value) {
    throw new Error('the token returned no EC point');
  }
  return value.length === 67 && value[0] === 0x04 && value[1] === 0x41 ? value.subarray(2) : value;
}
/** Generates a P-256 key pair inside the token: the private half sensitive, not extractable. Returns its CKA_ID. */
export function generateTokenKey(token: TokenSession, label: string): Buffer {
  const keyId = crypto.randomBytes(16);
  token.pkcs11.C_GenerateKeyPair(
    token.session,
    { mechanism: pkcs11js().CKM_EC_KEY_PAIR_GEN },
    [
      { type: pkcs11js().CKA_CLASS, value: pkcs11js().CKO_PUBLIC_KEY },
      { type: pkcs11js().CKA_KEY_TYPE, value: pkcs11js().CKK_EC },
      { type: pkcs11js().CKA_TOKEN, value: true },
      { type: pkcs11js().CKA_VERIFY, value: true },
      { type: pkcs11js().CKA_EC_PARAMS, value: P256_PARAMS },
      { type: pkcs11js().CKA_ID, value: keyId },
      { type: pkcs11js().CKA_LABEL, value: label },
    ],
    [
      { type: pkcs11js().CKA_CLASS, value: pkcs11js().CKO_PRIVATE_KEY },
      { type: pkcs11js().CKA_KEY_TYPE, value: pkcs11js().CKK_EC },
      { type: pkcs11js().CKA_TOKEN, value: true },
      { type: pkcs11js().CKA_PRIVATE, value: true },
      { type: pkcs11js().CKA_SIGN, value: true },
      { type: pkcs11js().CKA_SENSITIVE, value: true },
      { type: pkcs11js().CKA_EXTRACTABLE, value: false },
      { type: pkcs11js().CKA_ID, value: keyId },
      { type: pkcs11js().CKA_LABEL, value: label },
    ],
  );
  return keyId;
}

/** A PKCS#10 certificate request (PEM) for the token's key, signed inside the token (ECDSA over SHA-256). */
export function tokenCsr(token: TokenSession, keyId: Buffer, commonName: string): string {
  const spki = Buffer.concat([SPKI_P256_PREFIX, ecPoint(token, findKey(token, pkcs11js().CKO_PUBLIC_KEY, keyId))]);
  const subject = der(0x30, der(0x31, der(0x30, COMMON_NAME_OID, der(0x0c, Buffer.from(commonName, 'utf8')))));
  const info = der(0x30, derInteger(Buffer.from([0])), subject, spki, Buffer.from([0xa0, 0x00]));
  const digest = crypto.createHash('sha256').update(info).digest();
  token.pkcs11.C_SignInit(token.session, { mechanism: pkcs11js().CKM_ECDSA }, findKey(token, pkcs11js().CKO_PRIVATE_KEY, keyId));
  const raw = token.pkcs11.C_Sign(token.session, digest, Buffer.alloc(64));
  const csr = der(0x30, info, ECDSA_WITH_SHA256, der(0x03, Buffer.from([0]), lowSDer(raw)));
  const lines = csr.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE REQUEST-----\n${lines.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`;
}

/** The private key's protection as the token reports it. */
export function tokenKeyAttributes(
  token: TokenSession,
  keyId: Buffer,
): { extractable: boolean; sensitive: boolean; neverExtractable: boolean } {
  const attributes = token.pkcs11.C_GetAttributeValue(token.session, findKey(token, pkcs11js().CKO_PRIVATE_KEY, keyId), [
    { type: pkcs11js().CKA_EXTRACTABLE },
    { type: pkcs11js().CKA_SENSITIVE },
    { type: pkcs11js().CKA_NEVER_EXTRACTABLE },
  ]);
  const flag = (type: number): boolean => attributes.find((a) => a.type === type)?.value[0] === 1;
  return {
    extractable: flag(pkcs11js().CKA_EXTRACTABLE),
    sensitive: flag(pkcs11js().CKA_SENSITIVE),
    neverExtractable: flag(pkcs11js().CKA_NEVER_EXTRACTABLE),
  };
}

/** Asks the token for the private key's value (CKA_VALUE): a sensitive key is refused (CKR_ATTRIBUTE_SENSITIVE). */
export function readTokenPrivateValue(token: TokenSession, keyId: Buffer): Buffer | undefined {
  const [attribute] = token.pkcs11.C_GetAttributeValue(token.session, findKey(token, pkcs11js().CKO_PRIVATE_KEY, keyId), [
    { type: pkcs11js().CKA_VALUE },
  ]);
  return attribute?.value;
}
