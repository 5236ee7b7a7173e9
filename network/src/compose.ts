import path from 'node:path';
import { caServerArgs, registrarSecretFile } from './ca-servers';
import { chaincodeServerProcess } from './chaincode-servers';
import { caHome } from './crypto';
import { GATEWAY_IMAGE_ENTRY } from './gateway-containers';
import { chaincodeBuilderConfigFile, ordererProcess, peerProcess } from './nodes';
import {
  ccaasBuilderDir,
  dataDir,
  dirs,
  FABRIC_CA_VERSION,
  FABRIC_VERSION,
  fabricCaHome,
  fabricConfigDir,
  fabricHome,
  repoRoot,
} from './paths';
import { ProcessSpec } from './processes';
import { CaOrgSpec, caOrgs, OrgSpec, peerName, portOffset, topology } from './topology';

export const composeFile = path.join(repoRoot, 'docker-compose.yml');

const IMAGES = {
  orderer: `\${SCF_ORDERER_IMAGE:-hyperledger/fabric-orderer:${FABRIC_VERSION}}`,
  peer: `\${SCF_PEER_IMAGE:-hyperledger/fabric-peer:${FABRIC_VERSION}}`,
  ca: `\${SCF_CA_IMAGE:-hyperledger/fabric-ca:${FABRIC_CA_VERSION}}`,
  node: '${SCF_NODE_IMAGE:-node:20-slim}',
  // Built here (docker/gateway.Dockerfile, scripts/build-images.sh): there is no published gateway image.
  gateway: '${SCF_GATEWAY_IMAGE:-scf/gateway:dev}',
};

const ORGS = '/etc/hyperledger/scf/orgs';
const LEDGER = '/var/hyperledger/production';
const REPO = '/scf';
const SETUP_SCRIPT = `${REPO}/network/dist/src/compose-setup.js`;
const CA_HOME = '/etc/hyperledger/fabric-ca-server';
/** A gateway's data folder: its org's folder and its own state folder under it, as natively. */
const GATEWAY_DATA = '/var/scf';
const CA_SETUP = 'ca-setup';
const ARTIFACTS = 'artifacts';
const NETWORK = 'network';
/** The one-shot steps: what waits for one waits until it completed. */
const ONE_SHOT = new Set([CA_SETUP, ARTIFACTS, NETWORK]);
/** The containers run as the user that owns the data folder (root unless SCF_USER says otherwise). */
const USER = '${SCF_USER:-0:0}';

/** The data folder relative to the repository (./.data by default): compose mounts it from there. */
function relativeDataDir(): string {
  const relative = path.relative(repoRoot, dataDir);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(`SCF_DATA_DIR=${dataDir}: docker-compose.yml needs the data folder inside the repository`);
  }
  return `./${relative.split(path.sep).join('/')}`;
}
const HOST_ONLY = new Set(['PATH', 'HOME', 'LANG']);

/** Settings the native runtime reads from the host's environment: compose reads them from its own, with the same default. */
const TUNABLES = {
  SCF_FABRIC_LOGGING: 'FABRIC_LOGGING_SPEC',
  SCF_GATEWAY_CONCURRENCY: 'CORE_PEER_LIMITS_CONCURRENCY_GATEWAYSERVICE',
} as const;

/** Host path → container path, applied to every value; for Fabric nodes, the images' own config and ccaas builder. */
type Mapping = readonly (readonly [host: string, container: string])[];
const fabricMapping = (ledger: string): Mapping => [
  [dirs.orgs, ORGS],
  [ledger, LEDGER],
  [fabricConfigDir, '/etc/hyperledger/fabric'],
  [ccaasBuilderDir, '/opt/hyperledger/ccaas_builder'],
];

/** The literals that build it list its keys in the order compose users expect to read them. */
type Service = {
  readonly image: string;
  readonly container_name: string;
  readonly network_mode: 'host';
  readonly restart: 'unless-stopped' | 'no';
  readonly user: string;
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
  readonly working_dir?: string;
  readonly command: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly volumes: readonly string[];
};

/** Runs make() with the tunables unset, so the file holds the native defaults and not this shell's settings. */
function withNativeDefaults<T>(make: () => T): T {
  const saved = Object.keys(TUNABLES).map((name) => [name, process.env[name]] as const);
  for (const [name] of saved) {
    Reflect.deleteProperty(process.env, name);
  }
  try {
    return make();
  } finally {
    for (const [name, value] of saved) {
      if (value !== undefined) {
        process.env[name] = value;
      }
    }
  }
}

function toContainer(value: string, mapping: Mapping): string {
  const mapped = mapping.reduce((v, [host, container]) => v.split(host).join(container), value);
  const leaked = [repoRoot, dataDir, fabricHome, fabricCaHome].find((p) => mapped.includes(p));
  if (leaked !== undefined) {
    throw new Error(`no container path for host path ${leaked} in "${mapped}"`);
  }
  return mapped;
}

function environment(spec: ProcessSpec, mapping: Mapping): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of Object.keys(spec.env).sort()) {
    const value = spec.env[name];
    if (value !== undefined && !HOST_ONLY.has(name)) {
      env[name] = toContainer(value, mapping);
    }
  }
  for (const [variable, setting] of Object.entries(TUNABLES)) {
    if (setting in env) {
      env[setting] = `\${${variable}:-${env[setting] ?? ''}}`;
    }
  }
  return env;
}

const BUILDER_CONFIG = 'CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG';

/**
 * A peer's ccaas builder context holds PEM made when the artifacts step runs, so the file can't
 * hold it: the peer's shell reads the file that step writes beside the peer's crypto (nodes.ts).
 */
function withBuilderConfigFromFile(spec: ProcessSpec, org: OrgSpec): ProcessSpec {
  const file = toContainer(chaincodeBuilderConfigFile(org), [[dirs.orgs, ORGS]]);
  const env = { ...spec.env };
  Reflect.deleteProperty(env, BUILDER_CONFIG);
  return {
    ...spec,
    command: 'sh',
    args: ['-c', `export ${BUILDER_CONFIG}="$$(cat ${file})" && exec ${[path.basename(spec.command), ...spec.args].join(' ')}`],
    env,
  };
}

const after = (...services: string[]): Service['depends_on'] =>
  Object.fromEntries(
    services.map((name) => [name, { condition: ONE_SHOT.has(name) ? 'service_completed_successfully' : 'service_started' }]),
  );

function fabricNode(spec: ProcessSpec, image: string): [string, Service] {
  const org = (topology.orgs.find((o) => spec.name === peerName(o)) ?? topology.ordererOrg).name;
  const mapping = fabricMapping(path.join(dirs.ledgers, spec.name));
  return [
    spec.name,
    {
      image,
      container_name: spec.name,
      network_mode: 'host',
      restart: 'unless-stopped',
      user: USER,
      depends_on: after(ARTIFACTS),
      command: [path.basename(spec.command), ...spec.args],
      environment: environment(spec, mapping),
      // A node sees its own org's folder only.
      volumes: [`${relativeDataDir()}/orgs/${org}:${ORGS}/${org}:ro`, `${relativeDataDir()}/ledgers/${spec.name}:${LEDGER}`],
    },
  ];
}

/** What the setup steps inside the containers need to find the same topology and data folder as this generator. */
function setupEnvironment(): Record<string, string> {
  const offset = portOffset();
  return {
    SCF_DATA_DIR: `${REPO}/${relativeDataDir().slice(2)}`,
    ...(offset === 0 ? {} : { SCF_PORT_OFFSET: String(offset) }),
  };
}

/**
 * Slot A, as the first deployment: the server waits for the package id the setup installs
 * (compose-setup.ts), so the file needs no id of its own.
 */
function chaincodeServer(spec: ProcessSpec, org: OrgSpec): [string, Service] {
  const mapping: Mapping = [[repoRoot, REPO]];
  const data = relativeDataDir();
  const name = spec.name.toLowerCase();
  const idAt = spec.args.indexOf('--chaincode-id');
  const shimArgs = spec.args.filter((_, i) => idAt < 0 || (i !== idAt && i !== idAt + 1));
  return [
    name,
    {
      image: IMAGES.node,
      container_name: name,
      network_mode: 'host',
      restart: 'unless-stopped',
      user: USER,
      depends_on: after(ARTIFACTS),
      working_dir: toContainer(spec.cwd ?? repoRoot, mapping),
      command: ['node', SETUP_SCRIPT, 'chaincode-server', 'slotA', ...shimArgs.map((a) => toContainer(a, mapping))],
      environment: { ...environment(spec, mapping), ...setupEnvironment() },
      // The code it runs and its own org's folder; nothing of another org (not the whole repository, which holds the data folder).
      volumes: [
        ...['node_modules', 'kernel', 'fabric-client', 'chaincode', 'network'].map((dir) => `./${dir}:${REPO}/${dir}:ro`),
        `${data}/orgs/${org.name}:${REPO}/${data.slice(2)}/orgs/${org.name}:ro`,
        `${data}/chaincode:${REPO}/${data.slice(2)}/chaincode:ro`,
      ],
    },
  ];
}

/**
 * An org's CA (fabric-ca-server) on the org's own address, with the org's CA folder mounted and
 * nothing else. The bootstrap registrar's secret is made by the ca-setup step into that folder, so
 * the file holds none: the shell reads it at start (the image has sh and cat).
 */
function certificateAuthority(org: CaOrgSpec): [string, Service] {
  const mapping: Mapping = [[caHome(org), CA_HOME]];
  const secret = toContainer(registrarSecretFile(org), mapping);
  const args = caServerArgs(org).map((arg) => toContainer(arg, mapping));
  const name = `ca-${org.name.toLowerCase()}`;
  return [
    name,
    {
      image: IMAGES.ca,
      container_name: name,
      network_mode: 'host',
      restart: 'unless-stopped',
      user: USER,
      depends_on: after(CA_SETUP),
      command: ['sh', '-c', `export FABRIC_CA_SERVER_BOOT="admin:$$(cat ${secret})" && exec fabric-ca-server ${args.join(' ')}`],
      environment: {},
      volumes: [`${relativeDataDir()}/orgs/${org.name}/ca:${CA_HOME}`],
    },
  ];
}

/**
 * An org's REST gateway (docker/gateway.Dockerfile) on the org's own address, once the network is
 * ready: its org's folder read-only (connection config gateway.json, its own keys) and its own state
 * folder, nothing of another org.
 */
function gateway(org: OrgSpec): [string, Service] {
  const name = `gateway-${org.name.toLowerCase()}`;
  return [
    name,
    {
      image: IMAGES.gateway,
      container_name: name,
      network_mode: 'host',
      restart: 'unless-stopped',
      user: USER,
      depends_on: after(NETWORK),
      command: ['node', GATEWAY_IMAGE_ENTRY],
      environment: { GATEWAY_ORG: org.name, SCF_DATA_DIR: GATEWAY_DATA },
      volumes: [
        `${relativeDataDir()}/orgs/${org.name}:${GATEWAY_DATA}/orgs/${org.name}:ro`,
        `${relativeDataDir()}/gateway/${org.name}:${GATEWAY_DATA}/gateway/${org.name}`,
      ],
    },
  ];
}

/** A one-shot step of compose-setup.ts, with the repository (and so the data folder) writable. */
function setupStep(name: string, step: string, dependsOn?: Service['depends_on']): [string, Service] {
  return [
    name,
    {
      image: IMAGES.node,
      container_name: `scf-${name}`,
      network_mode: 'host',
      restart: 'no',
      user: USER,
      depends_on: dependsOn,
      working_dir: REPO,
      command: ['node', SETUP_SCRIPT, step],
      environment: setupEnvironment(),
      volumes: [`.:${REPO}`],
    },
  ];
}

const HEADER = `# Generated by \`npm run compose:generate\` from network/topology.json and the native runtime's
# process definitions (network/src/nodes.ts, chaincode-servers.ts, ca-servers.ts): do not edit.
#
# The native network's layout in containers: every org is its own trust domain, with a CA, a peer, a
# chaincode server and a gateway of its own, each on the org's own loopback address (host networking),
# at the ports of network/topology.json, as natively; the orderer org has its CA and the orderers.
# Each of these containers mounts its own org's folder (or the part of it it needs) and nothing of
# another org's. Needs the repository built (\`npm run build\`, with its node_modules) and Fabric's
# binaries in .fabric/ (\`npm run fabric:install\`): the setup steps run the project's own network code
# (network/src/compose-setup.ts) in a Node container, with the repository mounted.
#   ca-setup    each CA's folder (its TLS CA's config, its bootstrap registrar's secret); once
#   ca-*        each org's fabric-ca-server (identity CA and TLS CA), HTTPS only
#   artifacts   every identity enrolled from its org's CA, and the genesis block from the public MSPs
#               (once); the nodes start after it
#   network     osnadmin join, peer join, chaincode lifecycle and a first commit from every org, as
#               \`npm start\` does; exits 0 when the network is ready (docker wait scf-network)
#   chaincode-* each org's chaincode server (slot A) for the package id the lifecycle installs, TLS
#               only, with a client certificate from the org's TLS CA (the org's peer presents its own)
#   gateway-*   each org's REST gateway (and its dashboard), once the network is ready; its API keys
#               are in the data folder's gateway/<org>/demo-credentials.json
# Each peer reads its ccaas builder context (chaincode addresses, TLS CA, client certificate and key)
# from the file the artifacts step writes beside its crypto (peers/peer0.*/ccaas-builder-config.json).
# Ledgers and crypto live in the data folder (./.data, as natively): do not run this and \`npm start\` at once.
#
# Images: the official Fabric ${FABRIC_VERSION} and Fabric CA ${FABRIC_CA_VERSION} images and node:20-slim by
# default, and the gateway image scripts/build-images.sh builds (scf/gateway:dev); SCF_ORDERER_IMAGE,
# SCF_PEER_IMAGE, SCF_CA_IMAGE, SCF_NODE_IMAGE and SCF_GATEWAY_IMAGE override them
# (docker/local-images.env names the ones scripts/build-images.sh builds). SCF_USER (default 0:0) is
# the user the containers run as.
# Another port space and data folder: SCF_PORT_OFFSET=… SCF_DATA_DIR=./.data-… npm run compose:generate -- <file>.
`;

export function composeYaml(): string {
  const nodes = withNativeDefaults(() => [
    ...topology.orderers.map((o) => fabricNode(ordererProcess(o), IMAGES.orderer)),
    ...topology.orgs.map((org) => fabricNode(withBuilderConfigFromFile(peerProcess(org), org), IMAGES.peer)),
  ]);
  const chaincodeServers = topology.orgs.map((org) => chaincodeServer(chaincodeServerProcess(org, 'slotA', '${CHAINCODE_ID}'), org));
  const cas = caOrgs().map(certificateAuthority);
  const everything = [...nodes, ...chaincodeServers].map(([name]) => name);
  const document: YamlMap = {
    version: '2.4',
    services: Object.fromEntries([
      setupStep(CA_SETUP, 'cas'),
      ...cas,
      setupStep(ARTIFACTS, 'artifacts', after(...cas.map(([name]) => name))),
      ...nodes,
      ...chaincodeServers,
      setupStep(NETWORK, 'network', after(ARTIFACTS, ...everything)),
      ...topology.orgs.map(gateway),
    ]),
  };
  return `${HEADER}\n${yamlLines(document, 0).join('\n')}\n`;
}

type YamlValue = string | readonly string[] | YamlMap | undefined;
interface YamlMap {
  readonly [key: string]: YamlValue;
}

const isList = (v: YamlValue): v is readonly string[] => Array.isArray(v);

/** Plain when YAML reads it back as the same string; double-quoted (JSON escapes are valid YAML) otherwise. */
function scalar(s: string): string {
  const plain = /^[A-Za-z_/.][\w./:@-]*$/.test(s) && !/^(true|false|yes|no|on|off|y|n|null)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

/** Block-style YAML in the map's own key order. */
function yamlLines(map: YamlMap, indent: number): string[] {
  const pad = ' '.repeat(indent);
  return Object.entries(map).flatMap(([key, value]): string[] => {
    if (value === undefined) {
      return [];
    }
    if (typeof value === 'string') {
      return [`${pad}${scalar(key)}: ${scalar(value)}`];
    }
    if (isList(value)) {
      return [`${pad}${scalar(key)}:`, ...value.map((item) => `${pad}  - ${scalar(item)}`)];
    }
    const entries = yamlLines(value, indent + 2);
    return entries.length > 0 ? [`${pad}${scalar(key)}:`, ...entries] : [`${pad}${scalar(key)}: {}`];
  });
}
