import fs from 'node:fs';
import path from 'node:path';
import { dirs, fabricBin } from './paths';
import { run } from './exec';
import { OrdererSpec, OrgSpec, peerName, topology } from './topology';

const SANS = ['localhost', '127.0.0.1'];

/**
 * Each peer org gets a second cryptogen node, chaincode.<org domain>: its TLS certificate (issued by
 * the org's TLS CA, loopback SANs) is the org's chaincode servers' server certificate.
 */
const CHAINCODE_HOST = 'chaincode';

/** cryptogen's input, made from the topology: node OUs on, loopback in every TLS SAN. */
export function cryptoConfigYaml(): string {
  const sans = SANS.map((s) => `          - "${s}"`).join('\n');
  const orderers = topology.orderers.map((o) => `      - Hostname: ${o.name}\n        SANS:\n${sans}`).join('\n');
  const peerOrgs = topology.orgs
    .map(
      (org) => `  - Name: ${org.name}
    Domain: ${org.domain}
    EnableNodeOUs: true
    Specs:
      - Hostname: peer0
        SANS:
${sans}
      - Hostname: ${CHAINCODE_HOST}
        SANS:
${sans}
    Users:
      Count: ${org.users}`,
    )
    .join('\n');
  return `OrdererOrgs:
  - Name: ${topology.ordererOrg.name}
    Domain: ${topology.ordererOrg.domain}
    EnableNodeOUs: true
    Specs:
${orderers}
PeerOrgs:
${peerOrgs}
`;
}

/** The CAs and every org's nodes exist (the CAs alone can be extended; see generateCrypto). */
export function cryptoExists(): boolean {
  return cryptoCasExist() && topology.orgs.every((org) => fs.existsSync(chaincodeServerTls(org).cert));
}

function cryptoCasExist(): boolean {
  return fs.existsSync(path.join(dirs.crypto, 'peerOrganizations')) && fs.existsSync(path.join(dirs.crypto, 'ordererOrganizations'));
}

/**
 * Fresh material when there is none; otherwise `cryptogen extend`, which adds only the missing
 * nodes (e.g. the chaincode servers' TLS node, on a data folder made before it existed) with the
 * existing CAs: regenerating them would strand a channel whose config names the old CAs.
 */
export async function generateCrypto(): Promise<'generated' | 'extended'> {
  fs.mkdirSync(dirs.generated, { recursive: true });
  const configFile = path.join(dirs.generated, 'crypto-config.yaml');
  fs.writeFileSync(configFile, cryptoConfigYaml());
  if (cryptoCasExist()) {
    await run(fabricBin('cryptogen'), ['extend', `--input=${dirs.crypto}`, `--config=${configFile}`]);
    return 'extended';
  }
  const staging = `${dirs.crypto}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  await run(fabricBin('cryptogen'), ['generate', `--config=${configFile}`, `--output=${staging}`]);
  fs.rmSync(dirs.crypto, { recursive: true, force: true });
  fs.renameSync(staging, dirs.crypto);
  return 'generated';
}

export const orgDir = (org: OrgSpec): string => path.join(dirs.crypto, 'peerOrganizations', org.domain);
export const ordererOrgDir = (): string => path.join(dirs.crypto, 'ordererOrganizations', topology.ordererOrg.domain);
export const peerDir = (org: OrgSpec): string => path.join(orgDir(org), 'peers', peerName(org));
export const ordererDir = (o: OrdererSpec): string => path.join(ordererOrgDir(), 'orderers', o.host);
export const userMspDir = (org: OrgSpec, user: string): string => path.join(orgDir(org), 'users', `${user}@${org.domain}`, 'msp');
export const ordererAdminDir = (): string => path.join(ordererOrgDir(), 'users', `Admin@${topology.ordererOrg.domain}`);
export const chaincodeServerDir = (org: OrgSpec): string => path.join(orgDir(org), 'peers', `${CHAINCODE_HOST}.${org.domain}`);
export const peerTlsCa = (org: OrgSpec): string => path.join(peerDir(org), 'tls', 'ca.crt');
export const ordererTlsCa = (o: OrdererSpec): string => path.join(ordererDir(o), 'tls', 'ca.crt');

/** The certificate and private key of one identity, as cryptogen lays them out. */
export function identityFiles(org: OrgSpec, user: string): { certPath: string; keyPath: string; mspDir: string } {
  const mspDir = userMspDir(org, user);
  const certPath = path.join(mspDir, 'signcerts', `${user}@${org.domain}-cert.pem`);
  const keystore = path.join(mspDir, 'keystore');
  const keyName = fs.readdirSync(keystore).find((f) => f.endsWith('_sk'));
  if (!keyName) {
    throw new Error(`no private key in ${keystore}`);
  }
  return { certPath, keyPath: path.join(keystore, keyName), mspDir };
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
