import { X509Certificate } from 'crypto';
import type { Participant } from '@scf/kernel/records/participant';

/** Who is calling, established from the signed certificate only. */
export interface Caller {
  readonly mspId: string;
  /** ctx.clientIdentity.getID(): x509::<subject>::<issuer>. */
  readonly clientId: string;
  /** The certificate carries the NodeOU "admin". */
  readonly isAdmin: boolean;
  /** The registered participant for (mspId, clientId), if any. */
  readonly participant?: Participant;
}

/**
 * The organisational units of an X.509 certificate's subject, read from the certificate
 * itself. Parsing getID() instead would be fooled by a common name such as "x/OU=admin"
 * (fabric-shim escapes only the first "/" of each value). Node prints one attribute per line
 * and escapes control characters and "+" inside values, so neither can forge a line.
 * Anything that is not an X.509 PEM has no OUs.
 */
export function organisationalUnits(idBytes: Uint8Array): string[] {
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
