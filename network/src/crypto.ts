import fs from 'node:fs';
import path from 'node:path';
import { dirs } from './paths';
import { caOrgs, CaOrgSpec, OrdererSpec, OrgSpec, peerName, topology } from './topology';

/**
 * Where every org's identities live: one folder per org, `orgs/<org>/`, holding that org's CA
 * (its keys and database), the private keys and certificates of its nodes and users, and its
 * public MSP; nothing of any other org. What the orgs share is public and sits in `channel/`:
 * each org's public MSP (CA and TLS CA certificates, NodeOUs) and the orderers' TLS certificates,
 * which configtxgen builds the channel from, and which another org's client trusts to reach
 * this org's nodes. The identities come from each org's own fabric-ca-server (enroll.ts).
 */

/**
 * Each peer org has a second TLS identity, chaincode.<org domain>: the org's chaincode servers'
 * server certificate (from the org's TLS CA, for the org's address).
 */
export const CHAINCODE_HOST = 'chaincode';

export const orgDirOf = (org: CaOrgSpec): string => path.join(dirs.orgs, org.name);
export const orgDir = (org: OrgSpec): string => orgDirOf(org);
export const ordererOrgDir = (): string => orgDirOf(topology.ordererOrg);

/** The org's fabric-ca-server home: the identity CA (ca-cert.pem) and, in tlsca/, the TLS CA. */
export const caHome = (org: CaOrgSpec): string => path.join(orgDirOf(org), 'ca');
/** The org's MSP as the channel knows it (public): cacerts, tlscacerts, config.yaml. */
export const orgMspDir = (org: CaOrgSpec): string => path.join(orgDirOf(org), 'msp');
/** Written once every identity of the org is enrolled. */
export const enrolledMarker = (org: CaOrgSpec): string => path.join(orgDirOf(org), 'enrolled.json');

export const peerDir = (org: OrgSpec): string => path.join(orgDir(org), 'peers', peerName(org));
export const ordererDir = (o: OrdererSpec): string => path.join(ordererOrgDir(), 'orderers', o.host);
export const userDir = (org: CaOrgSpec, user: string): string => path.join(orgDirOf(org), 'users', `${user}@${org.domain}`);
/** The user PIN of the org's HSM token: in the org's own folder. */
export const hsmPinFile = (org: CaOrgSpec): string => path.join(orgDirOf(org), 'hsm', 'token.pin');
export const userMspDir = (org: OrgSpec, user: string): string => path.join(userDir(org, user), 'msp');
export const ordererAdminDir = (): string => userDir(topology.ordererOrg, 'Admin');
export const chaincodeServerDir = (org: OrgSpec): string => path.join(orgDir(org), 'peers', `${CHAINCODE_HOST}.${org.domain}`);

/** File names inside an MSP folder and a TLS folder, as enroll.ts writes them. */
export const MSP_FILES = {
  caCert: path.join('cacerts', 'ca.pem'),
  tlsCaCert: path.join('tlscacerts', 'tlsca.pem'),
  cert: path.join('signcerts', 'cert.pem'),
  key: path.join('keystore', 'priv_sk'),
  config: 'config.yaml',
} as const;

/** Public material: what every org may hold of every other org. */
export const publicOrgDir = (org: CaOrgSpec): string => path.join(dirs.channel, 'orgs', org.name);
export const publicMspDir = (org: CaOrgSpec): string => path.join(publicOrgDir(org), 'msp');
export const publicTlsCa = (org: CaOrgSpec): string => path.join(publicMspDir(org), MSP_FILES.tlsCaCert);
export const publicOrdererTlsCert = (o: OrdererSpec): string =>
  path.join(publicOrgDir(topology.ordererOrg), 'orderers', o.host, 'tls', 'server.crt');

/** The TLS CA a client trusts to reach an org's peer, or an orderer: the org's public TLS CA certificate. */
export const peerTlsCa = (org: OrgSpec): string => publicTlsCa(org);
/** Published beside each orderer's TLS certificate: the orderer org's TLS CA. */
export const ordererTlsCa = (o: OrdererSpec): string => path.join(path.dirname(publicOrdererTlsCert(o)), 'ca.crt');

/** Every org enrolled its identities and published its public MSP. */
export function cryptoExists(): boolean {
  return caOrgs().every((org) => fs.existsSync(enrolledMarker(org)) && fs.existsSync(publicTlsCa(org)));
}

/** The certificate and private key of one identity of an org. */
export function identityFiles(org: OrgSpec, user: string): { certPath: string; keyPath: string; mspDir: string } {
  const mspDir = userMspDir(org, user);
  return { certPath: path.join(mspDir, MSP_FILES.cert), keyPath: path.join(mspDir, MSP_FILES.key), mspDir };
}

/**
 * The TLS files of an org's chaincode servers: server certificate and key (chaincode.<domain>), and
 * the org's TLS CA, which the servers require client certificates from (the org's peer presents its own TLS certificate).
 */
export function chaincodeServerTls(org: OrgSpec): { cert: string; key: string; clientCa: string } {
  const tls = path.join(chaincodeServerDir(org), 'tls');
  return { cert: path.join(tls, 'server.crt'), key: path.join(tls, 'server.key'), clientCa: path.join(tls, 'ca.crt') };
}

/** What the org's peer uses to reach its chaincode servers: the CA to trust and its client certificate and key (its own TLS pair). */
export function peerChaincodeClientTls(org: OrgSpec): { rootCa: string; cert: string; key: string } {
  const tls = path.join(peerDir(org), 'tls');
  return { rootCa: path.join(tls, 'ca.crt'), cert: path.join(tls, 'server.crt'), key: path.join(tls, 'server.key') };
}
