import fs from 'node:fs';
import path from 'node:path';
import { ordererDir, peerChaincodeClientTls, peerDir } from './crypto';
import { ccaasBuilderDir, dataDir, fabricBin, fabricConfigDir } from './paths';
import { ProcessSpec } from './processes';
import { endpoint, OrdererSpec, OrgSpec, peerName, topology } from './topology';

/** Keys of the ccaas builder's template context; connection.json names one of them. */
export const CHAINCODE_SLOTS = ['slotA', 'slotB'] as const;
export type ChaincodeSlot = (typeof CHAINCODE_SLOTS)[number];

function baseEnv(): NodeJS.ProcessEnv {
  const { PATH, HOME, LANG } = process.env;
  return { PATH, HOME, LANG, FABRIC_CFG_PATH: fabricConfigDir, FABRIC_LOGGING_SPEC: process.env.SCF_FABRIC_LOGGING ?? 'INFO' };
}

export function ordererProcess(o: OrdererSpec): ProcessSpec {
  const dir = ordererDir(o);
  const tls = (f: string): string => path.join(dir, 'tls', f);
  const ledger = path.join(dataDir, 'ledgers', o.name);
  return {
    name: o.name,
    command: fabricBin('orderer'),
    args: [],
    env: {
      ...baseEnv(),
      ORDERER_GENERAL_LISTENADDRESS: o.address,
      ORDERER_GENERAL_LISTENPORT: String(o.listen),
      ORDERER_GENERAL_LOCALMSPID: topology.ordererOrg.mspId,
      ORDERER_GENERAL_LOCALMSPDIR: path.join(dir, 'msp'),
      ORDERER_GENERAL_TLS_ENABLED: 'true',
      ORDERER_GENERAL_TLS_PRIVATEKEY: tls('server.key'),
      ORDERER_GENERAL_TLS_CERTIFICATE: tls('server.crt'),
      ORDERER_GENERAL_TLS_ROOTCAS: `[${tls('ca.crt')}]`,
      ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: tls('server.crt'),
      ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: tls('server.key'),
      ORDERER_GENERAL_CLUSTER_ROOTCAS: `[${tls('ca.crt')}]`,
      ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
      ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
      ORDERER_ADMIN_LISTENADDRESS: endpoint(o.address, o.admin),
      ORDERER_ADMIN_TLS_ENABLED: 'true',
      ORDERER_ADMIN_TLS_CERTIFICATE: tls('server.crt'),
      ORDERER_ADMIN_TLS_PRIVATEKEY: tls('server.key'),
      ORDERER_ADMIN_TLS_ROOTCAS: `[${tls('ca.crt')}]`,
      ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
      ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${tls('ca.crt')}]`,
      ORDERER_OPERATIONS_LISTENADDRESS: endpoint(o.address, o.operations),
      ORDERER_METRICS_PROVIDER: 'prometheus',
      ORDERER_FILELEDGER_LOCATION: ledger,
      ORDERER_CONSENSUS_WALDIR: path.join(ledger, 'etcdraft', 'wal'),
      ORDERER_CONSENSUS_SNAPDIR: path.join(ledger, 'etcdraft', 'snapshot'),
    },
  };
}

/**
 * The ccaas builder's template context for one org's peer (CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG).
 * connection.json names these keys: the address of each slot's chaincode server, and the PEM
 * contents for TLS: the org's TLS CA (root_cert, which issued the chaincode servers' certificate)
 * and the peer's own TLS certificate and key as its client identity (client_cert, client_key). The
 * builder templates every string field, so one package (one package id) gives each peer its own
 * org's address and certificates. Without crypto material yet, only the addresses.
 */
export interface ChaincodeBuilderContext extends Record<ChaincodeSlot, string> {
  readonly rootCert?: string;
  readonly clientCert?: string;
  readonly clientKey?: string;
}

export function chaincodeBuilderContext(org: OrgSpec): ChaincodeBuilderContext {
  const addresses = {
    slotA: endpoint(org.address, org.peer.chaincodeServers[0]),
    slotB: endpoint(org.address, org.peer.chaincodeServers[1]),
  };
  const tls = peerChaincodeClientTls(org);
  if (![tls.rootCa, tls.cert, tls.key].every((file) => fs.existsSync(file))) {
    return addresses;
  }
  const read = (file: string): string => fs.readFileSync(file, 'utf8');
  return { ...addresses, rootCert: read(tls.rootCa), clientCert: read(tls.cert), clientKey: read(tls.key) };
}

/** The same context in a file beside the peer's crypto, for docker-compose.yml's peers (their environment can't hold generated PEM). */
export const chaincodeBuilderConfigFile = (org: OrgSpec): string => path.join(peerDir(org), 'ccaas-builder-config.json');

export function writeChaincodeBuilderConfigs(): void {
  for (const org of topology.orgs) {
    fs.writeFileSync(chaincodeBuilderConfigFile(org), JSON.stringify(chaincodeBuilderContext(org)), { mode: 0o600 });
  }
}

export function peerProcess(org: OrgSpec): ProcessSpec {
  const dir = peerDir(org);
  const ledger = path.join(dataDir, 'ledgers', peerName(org));
  const externalBuilders = JSON.stringify([
    { name: 'ccaas_builder', path: ccaasBuilderDir, propagateEnvironment: ['CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG'] },
  ]);
  return {
    name: peerName(org),
    command: fabricBin('peer'),
    args: ['node', 'start'],
    env: {
      ...baseEnv(),
      CORE_PEER_ID: peerName(org),
      CORE_PEER_ADDRESS: endpoint(org.address, org.peer.listen),
      CORE_PEER_LISTENADDRESS: endpoint(org.address, org.peer.listen),
      CORE_PEER_CHAINCODEADDRESS: endpoint(org.address, org.peer.chaincodeListen),
      CORE_PEER_CHAINCODELISTENADDRESS: endpoint(org.address, org.peer.chaincodeListen),
      CORE_PEER_GOSSIP_BOOTSTRAP: endpoint(org.address, org.peer.listen),
      CORE_PEER_GOSSIP_EXTERNALENDPOINT: endpoint(org.address, org.peer.listen),
      // Peers probe each other before they have joined the channel; a short reconnect interval
      // lets discovery see every org seconds after the join instead of ~25 s.
      CORE_PEER_GOSSIP_RECONNECTINTERVAL: '2s',
      CORE_PEER_GOSSIP_ALIVETIMEINTERVAL: '2s',
      CORE_PEER_LOCALMSPID: org.mspId,
      CORE_PEER_MSPCONFIGPATH: path.join(dir, 'msp'),
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_TLS_CERT_FILE: path.join(dir, 'tls', 'server.crt'),
      CORE_PEER_TLS_KEY_FILE: path.join(dir, 'tls', 'server.key'),
      CORE_PEER_TLS_ROOTCERT_FILE: path.join(dir, 'tls', 'ca.crt'),
      CORE_PEER_FILESYSTEMPATH: ledger,
      CORE_LEDGER_SNAPSHOTS_ROOTDIR: path.join(ledger, 'snapshots'),
      CORE_PEER_LIMITS_CONCURRENCY_GATEWAYSERVICE: process.env.SCF_GATEWAY_CONCURRENCY ?? '2500',
      CORE_OPERATIONS_LISTENADDRESS: endpoint(org.address, org.peer.operations),
      CORE_METRICS_PROVIDER: 'prometheus',
      CORE_VM_ENDPOINT: '',
      CORE_CHAINCODE_EXTERNALBUILDERS: externalBuilders,
      CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG: JSON.stringify(chaincodeBuilderContext(org)),
    },
  };
}

/** Environment for the `peer` CLI acting as one identity of an org against that org's peer. */
export function peerCliEnv(org: OrgSpec, mspDir: string): NodeJS.ProcessEnv {
  const dir = peerDir(org);
  return {
    ...baseEnv(),
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: mspDir,
    CORE_PEER_ADDRESS: endpoint(org.address, org.peer.listen),
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: path.join(dir, 'tls', 'ca.crt'),
  };
}
