import fs from 'node:fs';
import path from 'node:path';
import {
  GATEWAY_CONNECTION_FILE,
  GATEWAY_CONNECTION_VERSION,
  type GatewayConnectionConfig,
  type GatewayConnectionIdentity,
} from '@scf/kernel/gateway-connection';
import { CA_NAME, caServerTlsRoot, caUrl, registrarSecret, registrarSecretFile } from './ca-servers';
import { identityFiles, MSP_FILES, ordererTlsCa, orgDir, orgMspDir } from './crypto';
import { fabricBin, fabricConfigDir } from './paths';
import { endpoint, findOrg, OrgSpec, peerName, topology } from './topology';

/** Where an org's gateway finds its connection config: in the org's own folder, so its bundle carries it. */
export const gatewayConnectionPath = (org: OrgSpec): string => path.join(orgDir(org), GATEWAY_CONNECTION_FILE);

/**
 * The connection config of one org's gateway (kernel/src/gateway-connection.ts): its own peer, the
 * channel, the chaincode and its own identities only, paths relative to the org's folder and every
 * one inside it (a gateway container mounts that folder alone).
 */
export function gatewayConnection(org: OrgSpec): GatewayConnectionConfig {
  const base = orgDir(org);
  const relative = (p: string): string => path.relative(base, p);
  const identity = (user: string): GatewayConnectionIdentity => {
    const files = identityFiles(org, user);
    return { user, certPath: relative(files.certPath), keyPath: relative(files.keyPath), mspDir: relative(files.mspDir) };
  };
  const users = Array.from({ length: org.users }, (_, i) => `User${i + 1}`);
  return {
    version: GATEWAY_CONNECTION_VERSION,
    org: org.name,
    mspId: org.mspId,
    channel: topology.channel,
    chaincode: topology.chaincode.name,
    peer: {
      name: peerName(org),
      address: endpoint(org.address, org.peer.listen),
      hostname: peerName(org),
      // The org's own TLS CA, from its own folder: the gateway (and its container) needs no file outside it.
      tlsCaPath: relative(path.join(orgMspDir(org), MSP_FILES.tlsCaCert)),
    },
    riskGate: Object.values(org.roles).includes('bank'),
    listen: { host: org.address, port: topology.gateway.listen, adminPort: topology.gateway.admin },
    identities: ['Admin', ...users].map(identity),
    ca: {
      url: caUrl(org),
      caName: CA_NAME,
      tlsCaPath: relative(caServerTlsRoot(org)),
      registrar: { id: registrarSecret(org).id, secretPath: relative(registrarSecretFile(org)) },
    },
    channelAdmin: channelAdmin(org, relative),
  };
}

/** The orderers' TLS CA (public), copied into the org's folder by writeGatewayConnections: the gateway needs no file outside it. */
const ordererTlsCaCopy = (org: OrgSpec): string => path.join(orgDir(org), 'channel-admin', 'orderer-tls-ca.pem');

/** The orderer the org admin's channel config updates go through, and the Fabric tools that make them (the operator's install). */
function channelAdmin(org: OrgSpec, relative: (p: string) => string): GatewayConnectionConfig['channelAdmin'] {
  const orderer = topology.orderers[0];
  if (orderer === undefined) {
    return undefined;
  }
  return {
    orderer: { address: endpoint(orderer.address, orderer.listen), hostname: orderer.host, tlsCaPath: relative(ordererTlsCaCopy(org)) },
    fabricBin: path.dirname(fabricBin('peer')),
    fabricConfig: fabricConfigDir,
  };
}

/** Writes every org's gateway.json (again: the port offset may have changed), with the orderers' TLS CA beside it. */
export function writeGatewayConnections(): void {
  const orderer = topology.orderers[0];
  for (const org of topology.orgs) {
    if (orderer !== undefined && fs.existsSync(ordererTlsCa(orderer))) {
      fs.mkdirSync(path.dirname(ordererTlsCaCopy(org)), { recursive: true });
      fs.copyFileSync(ordererTlsCa(orderer), ordererTlsCaCopy(org));
    }
    const file = gatewayConnectionPath(findOrg(org.name));
    fs.writeFileSync(file, `${JSON.stringify(gatewayConnection(org), null, 2)}\n`, { mode: 0o600 });
  }
}
