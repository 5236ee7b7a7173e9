import { isAdminCertificate, organisationalUnits } from './caller';
import { isAdminCaller } from './scf-contract';
import { ADMIN_CERT, CLIENT_CERT, CRAFTED_CN_CERT, FABRIC_CA_MULTI_OU_CERT, PEER_CERT } from '@scf/kernel/testing/certificates';

const bytes = (pem: string): Uint8Array => Buffer.from(pem, 'utf8');

describe('organisationalUnits', () => {
  it('reads the NodeOU of cryptogen-style certificates', () => {
    expect(organisationalUnits(bytes(ADMIN_CERT))).toEqual(['admin']);
    expect(organisationalUnits(bytes(CLIENT_CERT))).toEqual(['client']);
    expect(organisationalUnits(bytes(PEER_CERT))).toEqual(['peer']);
  });

  it('reads every OU of a fabric-ca style certificate', () => {
    expect(organisationalUnits(bytes(FABRIC_CA_MULTI_OU_CERT))).toEqual(['client', 'org1', 'department1']);
  });

  it('is not fooled by an OU spelled inside the common name', () => {
    expect(organisationalUnits(bytes(CRAFTED_CN_CERT))).toEqual(['client']);
    expect(isAdminCertificate(bytes(CRAFTED_CN_CERT))).toBe(false);
  });

  it('gives no OUs for bytes that are not a certificate', () => {
    expect(organisationalUnits(bytes('x509::/OU=admin/CN=Admin::/CN=ca'))).toEqual([]);
    expect(isAdminCertificate(new Uint8Array())).toBe(false);
  });

  it('recognises admins', () => {
    expect(isAdminCertificate(bytes(ADMIN_CERT))).toBe(true);
    expect(isAdminCertificate(bytes(CLIENT_CERT))).toBe(false);
  });
});

describe('isAdminCaller (isAdminCertificate remembered by certificate)', () => {
  it('answers as isAdminCertificate, the first time and again', () => {
    for (const pem of [ADMIN_CERT, CLIENT_CERT, PEER_CERT, CRAFTED_CN_CERT, 'not a certificate']) {
      expect([isAdminCaller(bytes(pem)), isAdminCaller(bytes(pem))]).toEqual([
        isAdminCertificate(bytes(pem)),
        isAdminCertificate(bytes(pem)),
      ]);
    }
  });
});
