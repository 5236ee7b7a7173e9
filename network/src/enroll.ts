import FabricCAServices from 'fabric-ca-client';
import { ICryptoKey, User, Utils } from 'fabric-common';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CA_NAME, caCertFile, caServerTlsRoot, caUrl, registrarSecret, TLS_CA_NAME, tlsCaCertFile } from './ca-servers';
import {
  CHAINCODE_HOST,
  chaincodeServerDir,
  enrolledMarker,
  hsmPinFile,
  MSP_FILES,
  ordererAdminDir,
  ordererDir,
  orgDirOf,
  orgMspDir,
  ordererTlsCa,
  peerDir,
  publicMspDir,
  publicOrdererTlsCert,
  publicOrgDir,
  userDir,
} from './crypto';
import { ensureSoftHsmToken, generateTokenKey, HSM_REF_FILE, hsmEnabled, HsmKeyRef, openToken, tokenCsr } from './hsm';
import { Progress } from './runtime';
import { ROLE_ATTRIBUTE } from '@scf/kernel/roles';
import { caOrgs, CaOrgSpec, OrgSpec, peerName, topology } from './topology';

/** The attribute that carries a participant's role in its enrollment certificate (ecert): defined in the kernel. */
export { ROLE_ATTRIBUTE };

/** The identity types of Fabric CA: each enrollment certificate carries its type as an OU, which NodeOUs classify. */
export type IdentityType = 'peer' | 'orderer' | 'admin' | 'client';

/**
 * NodeOUs on: an identity is a client, peer, admin or orderer by the OU its certificate carries,
 * which Fabric CA sets from the identity's registered type.
 */
export function nodeOusConfigYaml(): string {
  const ou = (name: string, ou: string): string =>
    `  ${name}:\n    Certificate: ${MSP_FILES.caCert.split(path.sep).join('/')}\n    OrganizationalUnitIdentifier: ${ou}`;
  return [
    'NodeOUs:',
    '  Enable: true',
    ou('ClientOUIdentifier', 'client'),
    ou('PeerOUIdentifier', 'peer'),
    ou('AdminOUIdentifier', 'admin'),
    ou('OrdererOUIdentifier', 'orderer'),
    '',
  ].join('\n');
}

/** fabric-common's software key can make a PKCS#10 request with extensions (subjectAltName); its typings leave that out. */
interface CsrKey extends ICryptoKey {
  generateCSR(subjectDN: string, extensions?: unknown[]): string;
}

function isCsrKey(key: ICryptoKey): key is CsrKey {
  return typeof (key as Partial<CsrKey>).generateCSR === 'function';
}

/** A fresh P-256 key (PKCS#8 PEM) and a certificate request for it, with the host names and addresses as SANs when given. */
export function keyAndCsr(commonName: string, hosts: readonly string[]): { keyPem: string; csr: string } {
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = Utils.newCryptoSuite().createKeyFromRaw(keyPem);
  if (!isCsrKey(key)) {
    throw new Error('fabric-common returned a key that cannot make a certificate request');
  }
  const san = hosts.map((h) => (/^\d+\.\d+\.\d+\.\d+$/.test(h) ? { ip: h } : { dns: h }));
  const extensions = san.length > 0 ? [{ subjectAltName: { array: san } }] : [];
  return { keyPem, csr: key.generateCSR(`CN=${commonName}`, extensions) };
}

export interface CaClient {
  readonly service: FabricCAServices;
  readonly registrar: User;
}

/** Both CAs of one org's server, each with the bootstrap registrar enrolled. */
export interface OrgCas {
  readonly org: CaOrgSpec;
  readonly ca: CaClient;
  readonly tlsca: CaClient;
}

export async function connectCas(org: CaOrgSpec): Promise<OrgCas> {
  const tlsOptions = { trustedRoots: [fs.readFileSync(caServerTlsRoot(org), 'utf8')], verify: true };
  const { id, secret } = registrarSecret(org);
  const client = async (caName: string): Promise<CaClient> => {
    const service = new FabricCAServices(caUrl(org), tlsOptions, caName);
    const { keyPem, csr } = keyAndCsr(id, []);
    const enrollment = await service.enroll({ enrollmentID: id, enrollmentSecret: secret, csr });
    return { service, registrar: User.createUser(id, '', org.mspId, enrollment.certificate, keyPem) };
  };
  return { org, ca: await client(CA_NAME), tlsca: await client(TLS_CA_NAME) };
}

export interface Registration {
  readonly id: string;
  readonly type: IdentityType;
  readonly attrs?: { name: string; value: string; ecert: boolean }[];
}

/** The CA already has an identity of this enrollment id. */
export class IdentityExistsError extends Error {
  constructor(readonly enrollmentId: string) {
    super(`the CA already has an identity ${enrollmentId}`);
    this.name = 'IdentityExistsError';
  }
}

/**
 * Registers the identity with a fresh secret (or gives an identity registered before, whose files
 * were lost, a fresh secret). `maxEnrollments` -1 lets the secret be used again (the network's own
 * identities, re-enrolled when their files are lost); 1 makes it one-time (onboarding).
 */
export async function register(client: CaClient, registration: Registration, maxEnrollments = -1): Promise<string> {
  const secret = crypto.randomBytes(18).toString('base64url');
  try {
    await client.service.register(
      {
        enrollmentID: registration.id,
        enrollmentSecret: secret,
        role: registration.type,
        affiliation: '',
        maxEnrollments,
        attrs: registration.attrs ?? [],
      },
      client.registrar,
    );
  } catch (error) {
    if (!(error instanceof Error) || !/already registered/i.test(error.message)) {
      throw error;
    }
    if (maxEnrollments !== -1) {
      // A one-time registration (onboarding) never takes over an identity that exists.
      throw new IdentityExistsError(registration.id);
    }
    await client.service
      .newIdentityService()
      .update(
        registration.id,
        { enrollmentID: registration.id, affiliation: '', enrollmentSecret: secret, maxEnrollments },
        client.registrar,
      );
  }
  return secret;
}

/** Registers the identity, then enrolls it with a key made here: the private key never leaves this org's folder. */
async function registerAndEnroll(
  client: CaClient,
  registration: Registration,
  options: { hosts?: readonly string[]; profile?: string } = {},
): Promise<{ certificate: string; keyPem: string }> {
  const secret = await register(client, registration);
  const { keyPem, csr } = keyAndCsr(registration.id, options.hosts ?? []);
  const request: FabricCAServices.IEnrollmentRequest = { enrollmentID: registration.id, enrollmentSecret: secret, csr };
  if (options.profile) {
    request.profile = options.profile;
  }
  const enrollment = await client.service.enroll(request);
  return { certificate: enrollment.certificate, keyPem };
}

function write(file: string, contents: string, mode = 0o644): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, contents, { mode });
}

/** An MSP folder for a signing identity: the org's CA and TLS CA, the certificate, the key, NodeOUs. */
async function enrollMsp(cas: OrgCas, mspDir: string, registration: Registration): Promise<void> {
  const { certificate, keyPem } = await registerAndEnroll(cas.ca, registration);
  write(path.join(mspDir, MSP_FILES.caCert), fs.readFileSync(caCertFile(cas.org), 'utf8'));
  write(path.join(mspDir, MSP_FILES.tlsCaCert), fs.readFileSync(tlsCaCertFile(cas.org), 'utf8'));
  write(path.join(mspDir, MSP_FILES.config), nodeOusConfigYaml());
  write(path.join(mspDir, MSP_FILES.cert), certificate);
  write(path.join(mspDir, MSP_FILES.key), keyPem, 0o600);
}

/**
 * An MSP folder whose key is in the org's HSM token: the key pair is generated in the token (not
 * extractable), the CA certifies it from a request the token signed, and the folder holds the
 * certificate and hsm.json (which token and key) but no keystore.
 */
async function enrollHsmMsp(cas: OrgCas, mspDir: string, registration: Registration): Promise<void> {
  const secret = await register(cas.ca, registration);
  const tokenRef = ensureSoftHsmToken(cas.org.name, hsmPinFile(cas.org));
  const token = openToken(tokenRef);
  let keyId: Buffer;
  let csr: string;
  try {
    keyId = generateTokenKey(token, registration.id);
    csr = tokenCsr(token, keyId, registration.id);
  } finally {
    token.close();
  }
  const enrollment = await cas.ca.service.enroll({ enrollmentID: registration.id, enrollmentSecret: secret, csr });
  write(path.join(mspDir, MSP_FILES.caCert), fs.readFileSync(caCertFile(cas.org), 'utf8'));
  write(path.join(mspDir, MSP_FILES.tlsCaCert), fs.readFileSync(tlsCaCertFile(cas.org), 'utf8'));
  write(path.join(mspDir, MSP_FILES.config), nodeOusConfigYaml());
  write(path.join(mspDir, MSP_FILES.cert), enrollment.certificate);
  fs.rmSync(path.join(mspDir, path.dirname(MSP_FILES.key)), { recursive: true, force: true });
  const ref: HsmKeyRef = { ...tokenRef, keyId: keyId.toString('hex') };
  write(path.join(mspDir, HSM_REF_FILE), `${JSON.stringify(ref, null, 2)}\n`, 0o600);
}

/** A TLS folder: the certificate (server and client use) for the host names and address, its key, the org's TLS CA. */
async function enrollTls(
  cas: OrgCas,
  tlsDir: string,
  registration: Registration,
  hosts: readonly string[],
  names: { cert: string; key: string } = { cert: 'server.crt', key: 'server.key' },
): Promise<void> {
  const { certificate, keyPem } = await registerAndEnroll(cas.tlsca, registration, { hosts, profile: 'tls' });
  write(path.join(tlsDir, names.cert), certificate);
  write(path.join(tlsDir, names.key), keyPem, 0o600);
  write(path.join(tlsDir, 'ca.crt'), fs.readFileSync(tlsCaCertFile(cas.org), 'utf8'));
}

function roleAttrs(org: OrgSpec, user: string): Registration['attrs'] {
  const role = org.roles[user];
  return role === undefined ? [] : [{ name: ROLE_ATTRIBUTE, value: role, ecert: true }];
}

/** The role whose identities keep their keys in the org's HSM. */
export const HSM_ROLE = 'risk-gateway';

async function enrollPeerOrg(org: OrgSpec): Promise<void> {
  const hsm = Object.values(org.roles).includes(HSM_ROLE) && hsmEnabled();
  const cas = await connectCas(org);
  const peer = peerName(org);
  await enrollMsp(cas, path.join(peerDir(org), 'msp'), { id: peer, type: 'peer' });
  await enrollTls(cas, path.join(peerDir(org), 'tls'), { id: peer, type: 'peer' }, [peer, org.address]);
  const chaincodeHost = `${CHAINCODE_HOST}.${org.domain}`;
  await enrollTls(cas, path.join(chaincodeServerDir(org), 'tls'), { id: chaincodeHost, type: 'peer' }, [chaincodeHost, org.address]);
  await enrollMsp(cas, path.join(userDir(org, 'Admin'), 'msp'), { id: `Admin@${org.domain}`, type: 'admin' });
  for (let i = 1; i <= org.users; i++) {
    const user = `User${i}`;
    // The banks' risk gateways sign through PKCS#11 when an HSM is available (SCF_HSM).
    const enroll = org.roles[user] === HSM_ROLE && hsm ? enrollHsmMsp : enrollMsp;
    await enroll(cas, path.join(userDir(org, user), 'msp'), {
      id: `${user}@${org.domain}`,
      type: 'client',
      attrs: roleAttrs(org, user),
    });
  }
}

async function enrollOrdererOrg(): Promise<void> {
  const org = topology.ordererOrg;
  const cas = await connectCas(org);
  for (const o of topology.orderers) {
    await enrollMsp(cas, path.join(ordererDir(o), 'msp'), { id: o.host, type: 'orderer' });
    await enrollTls(cas, path.join(ordererDir(o), 'tls'), { id: o.host, type: 'orderer' }, [o.host, o.address]);
  }
  const admin = { id: `Admin@${org.domain}`, type: 'admin' as const };
  await enrollMsp(cas, path.join(ordererAdminDir(), 'msp'), admin);
  // osnadmin's client certificate: the orderers' admin endpoint requires one from this TLS CA.
  await enrollTls(cas, path.join(ordererAdminDir(), 'tls'), admin, [], { cert: 'client.crt', key: 'client.key' });
}

/** The org's public MSP in its own folder, then a copy (with the orderers' TLS certificates) in the channel's public material. */
function publishPublicMsp(org: CaOrgSpec): void {
  const own = orgMspDir(org);
  write(path.join(own, MSP_FILES.caCert), fs.readFileSync(caCertFile(org), 'utf8'));
  write(path.join(own, MSP_FILES.tlsCaCert), fs.readFileSync(tlsCaCertFile(org), 'utf8'));
  write(path.join(own, MSP_FILES.config), nodeOusConfigYaml());
  fs.rmSync(publicOrgDir(org), { recursive: true, force: true });
  fs.cpSync(own, publicMspDir(org), { recursive: true });
  if (org.name === topology.ordererOrg.name) {
    for (const o of topology.orderers) {
      write(publicOrdererTlsCert(o), fs.readFileSync(path.join(ordererDir(o), 'tls', 'server.crt'), 'utf8'));
      write(ordererTlsCa(o), fs.readFileSync(tlsCaCertFile(org), 'utf8'));
    }
  }
}

async function enrollOrg(org: CaOrgSpec): Promise<boolean> {
  if (fs.existsSync(enrolledMarker(org))) {
    // Public material is a copy: made again each time from the org's own folder.
    publishPublicMsp(org);
    return false;
  }
  fs.mkdirSync(orgDirOf(org), { recursive: true, mode: 0o700 });
  const peerOrg = topology.orgs.find((o) => o.name === org.name);
  if (peerOrg) {
    await enrollPeerOrg(peerOrg);
  } else {
    await enrollOrdererOrg();
  }
  publishPublicMsp(org);
  write(enrolledMarker(org), `${JSON.stringify({ org: org.name, mspId: org.mspId, enrolledAt: new Date().toISOString() })}\n`);
  return true;
}

/** Every org enrolls its identities from its own CA (the orgs in parallel): a no-op for an org already enrolled. */
export async function enrollOrgs(progress: Progress): Promise<void> {
  const enrolled = await Promise.all(caOrgs().map((org) => enrollOrg(org)));
  const now = enrolled.filter(Boolean).length;
  if (now > 0) {
    progress(`${now} orgs enrolled their nodes, admins and users from their own CA (fabric-ca-client)`);
  }
}

/**
 * Registers and enrolls one more signing identity at an org's CA (onboarding a participant): its
 * certificate and private key, returned to the caller and written nowhere.
 */
export async function enrollIdentity(
  orgName: string,
  id: string,
  type: 'client' | 'admin' = 'client',
  role?: string,
): Promise<{ mspId: string; certificate: string; keyPem: string }> {
  const org = caOrgs().find((o) => o.name === orgName);
  if (!org) {
    throw new Error(`unknown organisation ${orgName}`);
  }
  const cas = await connectCas(org);
  const attrs = role === undefined ? [] : [{ name: ROLE_ATTRIBUTE, value: role, ecert: true }];
  return { mspId: org.mspId, ...(await registerAndEnroll(cas.ca, { id, type, attrs })) };
}
