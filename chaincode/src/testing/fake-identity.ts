import type { ClientIdentity } from 'fabric-shim';
import { ADMIN_CERT, CLIENT_CERT, PEER_CERT } from '@scf/kernel/testing/certificates';

export type NodeOU = 'admin' | 'client' | 'peer';

const CERT_BY_OU: Readonly<Record<NodeOU, string>> = { admin: ADMIN_CERT, client: CLIENT_CERT, peer: PEER_CERT };

/**
 * Stands in for fabric-shim's ClientIdentity. getID() has the cryptogen format; getIDBytes()
 * is a real PEM certificate whose subject carries the same OU, so role and admin checks run
 * against real X.509 parsing.
 */
export class FakeIdentity implements ClientIdentity {
  constructor(
    private readonly mspId: string,
    private readonly id: string,
    private readonly pem: string,
  ) {}

  static of(mspId: string, commonName: string, ou: NodeOU, orgDomain: string): FakeIdentity {
    const base = '/C=US/ST=California/L=San Francisco';
    return new FakeIdentity(
      mspId,
      `x509::${base}/OU=${ou}/CN=${commonName}@${orgDomain}::${base}/O=${orgDomain}/CN=ca.${orgDomain}`,
      CERT_BY_OU[ou],
    );
  }

  getID(): string {
    return this.id;
  }

  getMSPID(): string {
    return this.mspId;
  }

  getIDBytes(): Uint8Array {
    return Buffer.from(this.pem, 'utf8');
  }

  getAttributeValue(): string | null {
    return null;
  }

  assertAttributeValue(): boolean {
    return false;
  }
}
