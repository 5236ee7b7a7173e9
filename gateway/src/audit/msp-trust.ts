import type { X509Certificate } from 'node:crypto';
import type { MspTrust } from '../ledger/channel-msps';
import { parsedCertificate } from '../readmodel/certificates';

/** Parsed once per PEM (the same endorsers' and CAs' certificates come with every lineage checked). */
function parse(pem: string): X509Certificate | undefined {
  return parsedCertificate(pem)?.certificate;
}

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

/**
 * Whether a certificate chains to one of the MSP's root CAs as the channel configuration lists
 * them (directly, or through one of its intermediate CAs): what a peer's MSP checks before it
 * counts an identity as the org's. Validity periods and revocation lists are not checked here.
 */
export function chainsToMsp(certificatePem: string, trust: MspTrust | undefined): boolean {
  const cert = parse(certificatePem);
  if (!cert || !trust) {
    return false;
  }
  const roots = trust.rootCerts.map(parse).filter((c): c is X509Certificate => c !== undefined);
  if (roots.some((root) => issuedBy(cert, root))) {
    return true;
  }
  return trust.intermediateCerts
    .map(parse)
    .some(
      (intermediate) => intermediate !== undefined && issuedBy(cert, intermediate) && roots.some((root) => issuedBy(intermediate, root)),
    );
}

/** The NodeOU roles a certificate's subject names (OU=peer, OU=client, …), read from the certificate itself. */
export function organisationalUnitsOf(certificatePem: string): string[] {
  const subject = parse(certificatePem)?.subject ?? '';
  return subject
    .split('\n')
    .flatMap((line) => line.split(' + '))
    .filter((attribute) => attribute.startsWith('OU='))
    .map((attribute) => attribute.slice('OU='.length));
}
