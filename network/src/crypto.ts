import fs from 'node:fs';
import path from 'node:path';
import { dirs, fabricBin } from './paths';
import { run } from './exec';
import { OrdererSpec, OrgSpec, peerName, topology } from './topology';

const SANS = ['localhost', '127.0.0.1'];

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

export function cryptoExists(): boolean {
  return fs.existsSync(path.join(dirs.crypto, 'peerOrganizations')) && fs.existsSync(path.join(dirs.crypto, 'ordererOrganizations'));
}

export async function generateCrypto(): Promise<void> {
  fs.mkdirSync(dirs.generated, { recursive: true });
  const configFile = path.join(dirs.generated, 'crypto-config.yaml');
  fs.writeFileSync(configFile, cryptoConfigYaml());
  const staging = `${dirs.crypto}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  await run(fabricBin('cryptogen'), ['generate', `--config=${configFile}`, `--output=${staging}`]);
  fs.rmSync(dirs.crypto, { recursive: true, force: true });
  fs.renameSync(staging, dirs.crypto);
}

export const orgDir = (org: OrgSpec): string => path.join(dirs.crypto, 'peerOrganizations', org.domain);
export const ordererOrgDir = (): string => path.join(dirs.crypto, 'ordererOrganizations', topology.ordererOrg.domain);
export const peerDir = (org: OrgSpec): string => path.join(orgDir(org), 'peers', peerName(org));
export const ordererDir = (o: OrdererSpec): string => path.join(ordererOrgDir(), 'orderers', o.host);
export const userMspDir = (org: OrgSpec, user: string): string => path.join(orgDir(org), 'users', `${user}@${org.domain}`, 'msp');
export const ordererAdminDir = (): string => path.join(ordererOrgDir(), 'users', `Admin@${topology.ordererOrg.domain}`);
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
