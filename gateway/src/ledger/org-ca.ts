import FabricCAServices from 'fabric-ca-client';
import { type ICryptoKey, User, Utils } from 'fabric-common';
import { ErrorCode, ScfError } from '@scf/kernel/errors';
import type { GatewayConnectionCa } from '@scf/kernel/gateway-connection';
import { ROLE_ATTRIBUTE } from '@scf/kernel/roles';
import crypto from 'node:crypto';
import fs from 'node:fs';

/**
 * The org admin's identity operations at the org's own CA (issue 17), configured from the org's
 * gateway.json only (its CA's URL, TLS root and registrar): register with a one-time enrollment
 * secret, enroll with it, revoke and fetch the CRL. No other org's CA is ever reached.
 */

/** fabric-common's software key can make a PKCS#10 request; its typings leave generateCSR out. */
interface CsrKey extends ICryptoKey {
  generateCSR(subjectDN: string): string;
}

function isCsrKey(key: ICryptoKey): key is CsrKey {
  return typeof (key as Partial<CsrKey>).generateCSR === 'function';
}

/** A fresh P-256 key (PKCS#8 PEM) and a certificate request for it. */
function keyAndCsr(commonName: string): { keyPem: string; csr: string } {
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = Utils.newCryptoSuite().createKeyFromRaw(keyPem);
  if (!isCsrKey(key)) {
    throw new Error('fabric-common returned a key that cannot make a certificate request');
  }
  return { keyPem, csr: key.generateCSR(`CN=${commonName}`) };
}

export interface RegisteredIdentity {
  readonly mspId: string;
  readonly enrollmentId: string;
  /** Valid for one enrollment: the CA refuses a second one (maxEnrollments 1). */
  readonly enrollmentSecret: string;
}

export interface Enrolled {
  readonly mspId: string;
  readonly certificate: string;
  readonly keyPem: string;
}

/** The CA's revocation response: fabric-ca-client types it as any. */
interface RevokeResponse {
  readonly result?: { readonly RevokedCerts?: readonly { Serial: string; AKI: string }[]; readonly CRL?: string };
}

/** A CRL as PEM, from the CA's base64 (of DER, or of PEM). */
export function crlPem(base64: string): string {
  const decoded = Buffer.from(base64, 'base64');
  if (decoded.toString('latin1').startsWith('-----BEGIN')) {
    return decoded.toString('utf8');
  }
  const lines = decoded.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN X509 CRL-----\n${lines.join('\n')}\n-----END X509 CRL-----\n`;
}

/** One org's CA, as its gateway reaches it. */
export class OrgCa {
  private registrar?: Promise<User>;

  constructor(
    private readonly mspId: string,
    private readonly config: GatewayConnectionCa,
  ) {}

  private service(): FabricCAServices {
    const tls = { trustedRoots: [fs.readFileSync(this.config.tlsCaPath, 'utf8')], verify: true };
    return new FabricCAServices(this.config.url, tls, this.config.caName);
  }

  /** The org's registrar, enrolled once per process (its secret is read from the org's CA folder). */
  private registrarUser(): Promise<User> {
    this.registrar ??= (async () => {
      const id = this.config.registrar.id;
      const secret = fs.readFileSync(this.config.registrar.secretPath, 'utf8').trim();
      const { keyPem, csr } = keyAndCsr(id);
      const enrollment = await this.service().enroll({ enrollmentID: id, enrollmentSecret: secret, csr });
      return User.createUser(id, '', this.mspId, enrollment.certificate, keyPem);
    })().catch((error: unknown) => {
      this.registrar = undefined;
      throw error;
    });
    return this.registrar;
  }

  /** Registers a client identity with its role in its certificate and a secret good for one enrollment; never takes over an existing id. */
  async registerOneTime(enrollmentId: string, role: string): Promise<RegisteredIdentity> {
    const enrollmentSecret = crypto.randomBytes(18).toString('base64url');
    const request = {
      enrollmentID: enrollmentId,
      enrollmentSecret,
      role: 'client',
      affiliation: '',
      maxEnrollments: 1,
      attrs: [{ name: ROLE_ATTRIBUTE, value: role, ecert: true }],
    };
    try {
      await this.service().register(request, await this.registrarUser());
    } catch (error) {
      if (error instanceof Error && /already registered/i.test(error.message)) {
        throw new ScfError(ErrorCode.ALREADY_EXISTS, `the org CA already has an identity ${enrollmentId}`);
      }
      throw error;
    }
    return { mspId: this.mspId, enrollmentId, enrollmentSecret };
  }

  /** Enrolls with an enrollment secret: a key made here and the certificate the CA issued for it. */
  async enrollWithSecret(enrollmentId: string, enrollmentSecret: string): Promise<Enrolled> {
    const { keyPem, csr } = keyAndCsr(enrollmentId);
    const enrollment = await this.service().enroll({ enrollmentID: enrollmentId, enrollmentSecret, csr });
    return { mspId: this.mspId, certificate: enrollment.certificate, keyPem };
  }

  /** Revokes every certificate of the identity (it can't enroll again either); the CA's new CRL (PEM) lists them. */
  async revokeIdentity(enrollmentId: string, reason = 'cessationofoperation'): Promise<{ revokedSerials: string[]; crlPem: string }> {
    const registrar = await this.registrarUser();
    const service = this.service();
    // The CA server honours gencrl (answer with the new CRL); fabric-ca-client's typings leave it out.
    const request: FabricCAServices.IRevokeRequest & { gencrl: boolean } = { enrollmentID: enrollmentId, reason, gencrl: true };
    const response = (await service.revoke(request, registrar)) as RevokeResponse;
    const revoked = response.result?.RevokedCerts ?? [];
    const crl = response.result?.CRL ?? ((await service.generateCRL({}, registrar)) as string);
    return { revokedSerials: revoked.map((c) => c.Serial), crlPem: crlPem(crl) };
  }
}
