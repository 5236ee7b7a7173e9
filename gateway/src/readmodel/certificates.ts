import { type KeyObject, X509Certificate } from 'node:crypto';

/** A certificate as the block decoder and the provenance checks use it, parsed once. */
export interface ParsedCertificate {
  readonly certificate: X509Certificate;
  readonly publicKey: KeyObject;
}

/** A channel has a few dozen identities; far more distinct certificates than this means churn, and the cache starts over. */
const MAX_CERTIFICATES = 1024;

const parsed = new Map<string, ParsedCertificate | null>();

/**
 * The parsed X.509 certificate of a PEM, or undefined when it is not one. Every transaction in a
 * block carries its creator's and its endorsers' certificates, the same few again and again, and
 * parsing them was a quarter of the gateway's CPU under load (issue 18's profile); a PEM's parse
 * depends on nothing but its text, so it is remembered.
 */
export function parsedCertificate(pem: string): ParsedCertificate | undefined {
  const known = parsed.get(pem);
  if (known !== undefined) {
    return known ?? undefined;
  }
  let entry: ParsedCertificate | null;
  try {
    const certificate = new X509Certificate(pem);
    entry = { certificate, publicKey: certificate.publicKey };
  } catch {
    entry = null;
  }
  if (parsed.size >= MAX_CERTIFICATES) {
    parsed.clear();
  }
  parsed.set(pem, entry);
  return entry ?? undefined;
}
