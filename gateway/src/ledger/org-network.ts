import type { IdentityFiles, PeerAddress } from '@scf/fabric-client';
import {
  GATEWAY_CONNECTION_VERSION,
  type GatewayConnectionCa,
  type GatewayConnectionChannelAdmin,
  type GatewayConnectionConfig,
  type GatewayConnectionIdentity,
} from '@scf/kernel/gateway-connection';
import fs from 'node:fs';
import path from 'node:path';

export type { Gateway } from '@hyperledger/fabric-gateway';
export type { IdentityFiles } from '@scf/fabric-client';
/** The TLS connection to the org's peer and the signing identity (a key file or a key in the HSM): shared with the network tools. */
export { connectGateway, peerConnection, signingIdentity } from '@scf/fabric-client';

/**
 * The gateway's own view of the network (issue 15): one organisation's peer, the channel, the
 * chaincode and that org's identities, read from the org's connection config
 * (kernel/src/gateway-connection.ts) — never from the development network package. The shapes
 * are the subset of the network package's description the gateway uses, so a test may still hand
 * a described network to the gateway's parts.
 */
export interface PeerEndpoint extends PeerAddress {
  readonly name: string;
  readonly org: string;
  readonly mspId: string;
}

export interface OrgDescription {
  readonly name: string;
  readonly mspId: string;
  readonly peer: PeerEndpoint;
  readonly admin: IdentityFiles;
  readonly users: readonly IdentityFiles[];
}

/** What the gateway reaches: for a per-org gateway, exactly one org (its own). */
export interface NetworkDescription {
  readonly channel: string;
  readonly chaincode: string;
  readonly orgs: readonly OrgDescription[];
}

/** A gateway's whole configuration from its connection file: its org's network, whether it is a bank, where it listens. */
export interface OrgGatewayNetwork extends NetworkDescription {
  readonly org: OrgDescription;
  readonly riskGate: boolean;
  readonly listen: GatewayConnectionConfig['listen'];
  /** The org's own CA (paths absolute); undefined when its connection config names none. */
  readonly ca?: GatewayConnectionCa;
  /** The org admin's channel config updates (paths absolute). */
  readonly channelAdmin?: GatewayConnectionChannelAdmin;
}

export function orgByName(network: NetworkDescription, nameOrMspId: string): OrgDescription {
  const org = network.orgs.find((o) => o.name === nameOrMspId || o.mspId === nameOrMspId);
  if (!org) {
    throw new Error(`no organisation ${nameOrMspId} in this gateway's network (a gateway acts for its own org only)`);
  }
  return org;
}

export function userOf(org: OrgDescription, user: string): IdentityFiles {
  const found = user === 'Admin' ? org.admin : org.users.find((u) => u.user === user);
  if (!found) {
    throw new Error(`no identity ${user} in ${org.name}`);
  }
  return found;
}

function isConnectionConfig(value: unknown): value is GatewayConnectionConfig {
  const v = value as Partial<GatewayConnectionConfig> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === GATEWAY_CONNECTION_VERSION &&
    typeof v.org === 'string' &&
    typeof v.mspId === 'string' &&
    typeof v.channel === 'string' &&
    typeof v.chaincode === 'string' &&
    typeof v.peer?.address === 'string' &&
    typeof v.riskGate === 'boolean' &&
    Array.isArray(v.identities) &&
    (v.identities as readonly Partial<GatewayConnectionIdentity>[]).some((i) => i.user === 'Admin')
  );
}

/** Reads an org's gateway.json; its relative paths are resolved against the file's folder. */
export function loadOrgNetwork(file: string): OrgGatewayNetwork {
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!isConnectionConfig(value)) {
    throw new Error(`${file} is not a gateway connection config (version ${GATEWAY_CONNECTION_VERSION}, kernel/src/gateway-connection.ts)`);
  }
  const base = path.dirname(path.resolve(file));
  const at = (p: string): string => path.resolve(base, p);
  const identity = (i: GatewayConnectionIdentity): IdentityFiles => ({
    org: value.org,
    mspId: value.mspId,
    user: i.user,
    certPath: at(i.certPath),
    keyPath: at(i.keyPath),
    mspDir: at(i.mspDir),
  });
  const admin = value.identities.find((i) => i.user === 'Admin');
  if (admin === undefined) {
    throw new Error(`${file} names no Admin identity`);
  }
  const org: OrgDescription = {
    name: value.org,
    mspId: value.mspId,
    peer: { ...value.peer, org: value.org, mspId: value.mspId, tlsCaPath: at(value.peer.tlsCaPath) },
    admin: identity(admin),
    users: value.identities.filter((i) => i.user !== 'Admin').map(identity),
  };
  const ca = value.ca && {
    ...value.ca,
    tlsCaPath: at(value.ca.tlsCaPath),
    registrar: { ...value.ca.registrar, secretPath: at(value.ca.registrar.secretPath) },
  };
  const channelAdmin = value.channelAdmin && {
    ...value.channelAdmin,
    orderer: { ...value.channelAdmin.orderer, tlsCaPath: at(value.channelAdmin.orderer.tlsCaPath) },
  };
  const { channel, chaincode, riskGate, listen } = value;
  return { channel, chaincode, orgs: [org], org, riskGate, listen, ca, channelAdmin };
}
