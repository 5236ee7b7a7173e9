import path from 'node:path';
import { ordererDir, peerDir } from './crypto';
import { ccaasBuilderDir, dataDir, fabricBin, fabricConfigDir } from './paths';
import { ProcessSpec } from './processes';
import { endpoint, HOST, OrdererSpec, OrgSpec, peerName, topology } from './topology';

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
      ORDERER_GENERAL_LISTENADDRESS: HOST,
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
      ORDERER_ADMIN_LISTENADDRESS: endpoint(o.admin),
      ORDERER_ADMIN_TLS_ENABLED: 'true',
      ORDERER_ADMIN_TLS_CERTIFICATE: tls('server.crt'),
      ORDERER_ADMIN_TLS_PRIVATEKEY: tls('server.key'),
      ORDERER_ADMIN_TLS_ROOTCAS: `[${tls('ca.crt')}]`,
      ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
      ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${tls('ca.crt')}]`,
      ORDERER_OPERATIONS_LISTENADDRESS: endpoint(o.operations),
      ORDERER_METRICS_PROVIDER: 'prometheus',
      ORDERER_FILELEDGER_LOCATION: ledger,
      ORDERER_CONSENSUS_WALDIR: path.join(ledger, 'etcdraft', 'wal'),
      ORDERER_CONSENSUS_SNAPDIR: path.join(ledger, 'etcdraft', 'snapshot'),
    },
  };
}

/** The ccaas builder fills connection.json's address from this per-peer context. */
export function chaincodeAddressContext(org: OrgSpec): Record<ChaincodeSlot, string> {
  return { slotA: endpoint(org.peer.chaincodeServers[0]), slotB: endpoint(org.peer.chaincodeServers[1]) };
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
      CORE_PEER_ADDRESS: endpoint(org.peer.listen),
      CORE_PEER_LISTENADDRESS: endpoint(org.peer.listen),
      CORE_PEER_CHAINCODEADDRESS: endpoint(org.peer.chaincodeListen),
      CORE_PEER_CHAINCODELISTENADDRESS: endpoint(org.peer.chaincodeListen),
      CORE_PEER_GOSSIP_BOOTSTRAP: endpoint(org.peer.listen),
      CORE_PEER_GOSSIP_EXTERNALENDPOINT: endpoint(org.peer.listen),
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
      CORE_OPERATIONS_LISTENADDRESS: endpoint(org.peer.operations),
      CORE_METRICS_PROVIDER: 'prometheus',
      CORE_VM_ENDPOINT: '',
      CORE_CHAINCODE_EXTERNALBUILDERS: externalBuilders,
      CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG: JSON.stringify(chaincodeAddressContext(org)),
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
    CORE_PEER_ADDRESS: endpoint(org.peer.listen),
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: path.join(dir, 'tls', 'ca.crt'),
  };
}
