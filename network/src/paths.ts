import path from 'node:path';

/** The repository root: network/dist/src/ when built, network/src/ under ts-jest. */
function findRepoRoot(): string {
  const here = __dirname;
  const marker = `${path.sep}network${path.sep}`;
  const index = here.lastIndexOf(marker);
  return index >= 0 ? here.slice(0, index) : path.resolve(here, '..', '..');
}

export const FABRIC_VERSION = '3.1.5';
export const FABRIC_CA_VERSION = '1.5.21';

export const repoRoot = findRepoRoot();

/** Ledgers, logs, the orgs' folders and pids: outside git, wiped by `npm run reset`. */
export const dataDir = process.env.SCF_DATA_DIR ?? path.join(repoRoot, '.data');

/** Where scripts/install-fabric.sh unpacks the Fabric release archive. */
export const fabricHome = process.env.SCF_FABRIC_HOME ?? path.join(repoRoot, '.fabric', FABRIC_VERSION);

export const fabricBin = (tool: string): string => path.join(fabricHome, 'bin', tool);

/** Where scripts/install-fabric-ca.sh unpacks the Fabric CA release archive (fabric-ca-server, fabric-ca-client). */
export const fabricCaHome = process.env.SCF_FABRIC_CA_HOME ?? path.join(repoRoot, '.fabric', `ca-${FABRIC_CA_VERSION}`);
export const fabricCaBin = (tool: string): string => path.join(fabricCaHome, 'bin', tool);
export const fabricConfigDir = path.join(fabricHome, 'config');
export const ccaasBuilderDir = path.join(fabricHome, 'builders', 'ccaas');

export const dirs = {
  /** One folder per org (orgs/<name>/): its CA, its private keys and certificates, nothing of any other org. */
  orgs: path.join(dataDir, 'orgs'),
  /** Public material only: the genesis block and each org's public MSP (CA and TLS CA certificates, NodeOUs), orderers' TLS certificates. */
  channel: path.join(dataDir, 'channel'),
  chaincode: path.join(dataDir, 'chaincode'),
  logs: path.join(dataDir, 'logs'),
  pids: path.join(dataDir, 'pids'),
  ledgers: path.join(dataDir, 'ledgers'),
  generated: path.join(dataDir, 'generated'),
};

export const chaincodeDir = path.join(repoRoot, 'chaincode');
export const kernelDir = path.join(repoRoot, 'kernel');
/** The chaincode server's entry (chaincode/src/server/main.ts): fabric-shim's command line, its loggers made cheap first. */
export const chaincodeServerMain = path.join(chaincodeDir, 'dist', 'server', 'main.js');
