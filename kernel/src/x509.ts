import { X509Certificate } from 'crypto';

/**
 * The organisational units of an X.509 certificate's subject, read from the certificate
 * itself. Parsing getID() instead would be fooled by a common name such as "x/OU=admin"
 * (fabric-shim escapes only the first "/" of each value). Node prints one attribute per line
 * and escapes control characters and "+" inside values, so neither can forge a line.
 * Anything that is not an X.509 PEM has no OUs. The chaincode authorises org admins with
 * this, and the audit re-checks a block's creators with the same code.
 */
export function organisationalUnits(idBytes: Uint8Array): string[] {
  const key = Buffer.from(idBytes.buffer, idBytes.byteOffset, idBytes.byteLength).toString('latin1');
  let units = remembered.get(key);
  if (units === undefined) {
    units = Object.freeze(parseOrganisationalUnits(idBytes));
    if (remembered.size >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.set(key, units);
  }
  return [...units];
}

/**
 * A certificate's OUs depend on nothing but its bytes, and the same few certificates come again
 * and again (every block the gateway decodes names its creators'): parsed once (issue 18).
 */
const remembered = new Map<string, readonly string[]>();
const MAX_REMEMBERED = 1024;

function parseOrganisationalUnits(idBytes: Uint8Array): string[] {
  let subject: string;
  try {
    subject = new X509Certificate(Buffer.from(idBytes)).subject;
  } catch {
    return [];
  }
  return subject
    .split('\n')
    .flatMap((line) => line.split(' + '))
    .filter((attribute) => attribute.startsWith('OU='))
    .map((attribute) => attribute.slice('OU='.length));
}

/** With NodeOUs enabled, an org's admins are the identities whose certificate has OU=admin. */
export function isAdminCertificate(idBytes: Uint8Array): boolean {
  return organisationalUnits(idBytes).includes('admin');
}
