import { X509Certificate, createCipheriv, createDecipheriv, createECDH, createPrivateKey, hkdfSync } from 'crypto';
import { ErrorCode, ensure, fail } from './errors';

/**
 * A private answer sealed to the caller's certificate key, for answers that must never be
 * readable in a block (a bank's private terms): a query can be *submitted*, and then Fabric
 * writes the chaincode's response into the block for the whole channel.
 *
 * ECIES on P-256 (the curve of Fabric's cryptogen and CA certificates): an ephemeral key pair,
 * ECDH with the public key of the caller's certificate, HKDF-SHA256 to an AES-256-GCM key and
 * IV, the context authenticated as associated data. Every endorser must return byte-identical
 * responses and chaincode may use no randomness, so the ephemeral private key is derived, not
 * drawn: HKDF of a secret only the collection's members hold (the stored terms, whose salt an
 * outsider cannot guess) with the context (which names the transaction id, so each proposal
 * gets its own key). Only the holder of the certificate's private key (the caller, or the
 * gateway acting for it) can open it; the block shows the ephemeral public key and ciphertext.
 */
export const SEALED_SCHEME = 'ECDH-P256+HKDF-SHA256+A256GCM';

export interface SealedAnswer {
  readonly scheme: typeof SEALED_SCHEME;
  /** What was asked, by which transaction: "<contract>:<transaction> <subject id> <tx id>"; authenticated. */
  readonly context: string;
  /** Uncompressed P-256 point, base64. */
  readonly ephemeralPublicKey: string;
  readonly ciphertext: string;
  readonly tag: string;
}

/** The order of the P-256 group. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const KEY_INFO = 'scf.sealed-answer.v1 key';
const EPHEMERAL_INFO = 'scf.sealed-answer.v1 ephemeral';

function bytesToBigInt(bytes: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
}

/** A private scalar in [1, n-1] from 48 HKDF bytes (the extra 16 bytes make the reduction's bias negligible). */
function ephemeralPrivateKey(secret: Uint8Array, context: string): Buffer {
  const wide = new Uint8Array(hkdfSync('sha256', secret, Buffer.from(context, 'utf8'), EPHEMERAL_INFO, 48));
  const scalar = (bytesToBigInt(wide) % (P256_ORDER - 1n)) + 1n;
  return Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex');
}

/** The uncompressed P-256 public point of an X.509 certificate (PEM). */
export function certificatePublicPoint(certificatePem: Uint8Array | string): Buffer {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(typeof certificatePem === 'string' ? certificatePem : Buffer.from(certificatePem));
  } catch {
    return fail(ErrorCode.INVALID_ARGUMENT, 'the caller has no X.509 certificate to seal the answer to');
  }
  const key = certificate.publicKey;
  ensure(
    key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1',
    ErrorCode.INVALID_ARGUMENT,
    "the caller's certificate key is not a P-256 key",
  );
  const jwk = key.export({ format: 'jwk' });
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]);
}

function keyAndIv(shared: Uint8Array, ephemeralPublicKey: Uint8Array, context: string): { key: Buffer; iv: Buffer } {
  const okm = Buffer.from(hkdfSync('sha256', shared, ephemeralPublicKey, `${KEY_INFO} ${context}`, 44));
  return { key: okm.subarray(0, 32), iv: okm.subarray(32) };
}

/** Seals `plaintext` to the certificate's key; deterministic in (plaintext, certificate, secret, context). */
export function sealToCertificate(
  plaintext: Uint8Array,
  certificatePem: Uint8Array | string,
  secret: Uint8Array,
  context: string,
): SealedAnswer {
  const recipient = certificatePublicPoint(certificatePem);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(ephemeralPrivateKey(secret, context));
  const ephemeralPublicKey = ecdh.getPublicKey();
  const { key, iv } = keyAndIv(ecdh.computeSecret(recipient), ephemeralPublicKey, context);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    scheme: SEALED_SCHEME,
    context,
    ephemeralPublicKey: ephemeralPublicKey.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export function isSealedAnswer(value: unknown): value is SealedAnswer {
  const candidate = value as Partial<SealedAnswer> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.scheme === SEALED_SCHEME &&
    typeof candidate.context === 'string' &&
    typeof candidate.ephemeralPublicKey === 'string' &&
    typeof candidate.ciphertext === 'string' &&
    typeof candidate.tag === 'string'
  );
}

/** Opens an answer sealed to the certificate whose private key (PEM) this is; throws if it was not, or was altered. */
export function openSealed(sealed: SealedAnswer, privateKeyPem: Uint8Array | string): Buffer {
  const privateKey = createPrivateKey(typeof privateKeyPem === 'string' ? privateKeyPem : Buffer.from(privateKeyPem));
  const jwk = privateKey.export({ format: 'jwk' });
  ensure(jwk.crv === 'P-256' && typeof jwk.d === 'string', ErrorCode.INVALID_ARGUMENT, 'the key is not a P-256 private key');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(jwk.d, 'base64url'));
  const ephemeralPublicKey = Buffer.from(sealed.ephemeralPublicKey, 'base64');
  const { key, iv } = keyAndIv(ecdh.computeSecret(ephemeralPublicKey), ephemeralPublicKey, sealed.context);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(sealed.context, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
}
