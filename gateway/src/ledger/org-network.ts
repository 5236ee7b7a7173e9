import * as grpc from '@grpc/grpc-js';
import { hsmSigner, readHsmKeyRef } from './hsm-signer';
import { connect, hash, signers, type Gateway, type Identity, type Signer } from '@hyperledger/fabric-gateway';
import {
  GATEWAY_CONNECTION_VERSION,
  type GatewayConnectionCa,
  type GatewayConnectionChannelAdmin,
  type GatewayConnectionConfig,
  type GatewayConnectionIdentity,
} from '@scf/kernel/gateway-connection';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type { Gateway } from '@hyperledger/fabric-gateway';

/**
 * The gateway's own view of the network (issue 15): one organisation's peer, the channel, the
 * chaincode and that org's identities, read from the org's connection config
 * (kernel/src/gateway-connection.ts) — never from the development network package. The shapes
 * are the subset of the network package's description the gateway uses, so a test may still hand
 * a described network to the gateway's parts.
 */
export interface PeerEndpoint {
  readonly name: string;
  readonly org: string;
  readonly mspId: string;
  /** address:port of the peer's gRPC service. */
  readonly address: string;
  /** The host name its TLS certificate names: the TLS server name checked. */
  readonly hostname: string;
  readonly tlsCaPath: string;
}

/** One signing identity: an X.509 certificate and its private key from the org's MSP. */
export interface IdentityFiles {
  readonly org: string;
  readonly mspId: string;
  readonly user: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly mspDir: string;
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

/** A gRPC connection to one peer, TLS verified against that peer's CA. */
export function peerConnection(peer: Pick<PeerEndpoint, 'address' | 'hostname' | 'tlsCaPath'>): grpc.Client {
  const credentials = grpc.credentials.createSsl(fs.readFileSync(peer.tlsCaPath));
  return new grpc.Client(peer.address, credentials, {
    // The peer drops clients that ping more often than its keepalive.minInterval (60 s).
    'grpc.keepalive_time_ms': 120_000,
    'grpc.max_receive_message_length': 100 * 1024 * 1024,
    // A peer's TLS certificate names its host name and its org's address (an IP as TLS server name is deprecated in Node).
    'grpc.ssl_target_name_override': peer.hostname,
  });
}

/** The identity's certificate and signer: through the HSM when its MSP folder says its key is there, else its key file. */
export function signingIdentity(files: IdentityFiles): { identity: Identity; signer: Signer } {
  const credentials = fs.readFileSync(files.certPath);
  const hsm = readHsmKeyRef(files.mspDir);
  if (hsm) {
    return { identity: { mspId: files.mspId, credentials }, signer: hsmSigner(hsm) };
  }
  const privateKey = crypto.createPrivateKey(fs.readFileSync(files.keyPath));
  return { identity: { mspId: files.mspId, credentials }, signer: signers.newPrivateKeySigner(privateKey) };
}

/** A fabric-gateway Gateway for one identity through one peer, with a deadline on every call. */
export function connectGateway(
  files: IdentityFiles,
  peer: Pick<PeerEndpoint, 'address' | 'hostname' | 'tlsCaPath'>,
  client = peerConnection(peer),
): { gateway: Gateway; client: grpc.Client } {
  const { identity, signer } = signingIdentity(files);
  const gateway = connect({
    client,
    identity,
    signer,
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
    submitOptions: () => ({ deadline: Date.now() + 30_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 120_000 }),
  });
  return { gateway, client };
}
