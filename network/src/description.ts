import path from 'node:path';
import type { IdentityFiles, PeerAddress } from '@scf/fabric-client';
import { identityFiles, ordererTlsCa, peerTlsCa } from './crypto';
import { endpoint, OrgSpec, peerName, topology } from './topology';

export interface PeerEndpoint extends PeerAddress {
  readonly name: string;
  readonly org: string;
  readonly mspId: string;
  readonly operationsUrl: string;
}

export interface OrdererEndpoint {
  readonly name: string;
  readonly address: string;
  readonly hostname: string;
  readonly adminAddress: string;
  readonly tlsCaPath: string;
  readonly operationsUrl: string;
}

export type { IdentityFiles } from '@scf/fabric-client';

export interface OrgDescription {
  readonly name: string;
  readonly mspId: string;
  readonly peer: PeerEndpoint;
  readonly admin: IdentityFiles;
  readonly users: readonly IdentityFiles[];
}

/** What tests and services need to reach the network, whichever runtime runs it. */
export interface NetworkDescription {
  readonly channel: string;
  readonly chaincode: string;
  readonly orgs: readonly OrgDescription[];
  readonly orderers: readonly OrdererEndpoint[];
}

function identity(org: OrgSpec, user: string): IdentityFiles {
  return { org: org.name, mspId: org.mspId, user, ...identityFiles(org, user) };
}

export function describeNetwork(): NetworkDescription {
  return {
    channel: topology.channel,
    chaincode: topology.chaincode.name,
    orgs: topology.orgs.map((org) => ({
      name: org.name,
      mspId: org.mspId,
      peer: {
        name: peerName(org),
        org: org.name,
        mspId: org.mspId,
        address: endpoint(org.address, org.peer.listen),
        hostname: peerName(org),
        tlsCaPath: peerTlsCa(org),
        operationsUrl: `http://${endpoint(org.address, org.peer.operations)}`,
      },
      admin: identity(org, 'Admin'),
      users: Array.from({ length: org.users }, (_, i) => identity(org, `User${i + 1}`)),
    })),
    orderers: topology.orderers.map((o) => ({
      name: o.name,
      address: endpoint(o.address, o.listen),
      hostname: o.host,
      adminAddress: endpoint(o.address, o.admin),
      tlsCaPath: ordererTlsCa(o),
      operationsUrl: `http://${endpoint(o.address, o.operations)}`,
    })),
  };
}

export function orgByName(network: NetworkDescription, nameOrMspId: string): OrgDescription {
  const org = network.orgs.find((o) => o.name === nameOrMspId || o.mspId === nameOrMspId);
  if (!org) {
    throw new Error(`no organisation ${nameOrMspId} in the network`);
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

export const describePath = (p: string): string => path.relative(process.cwd(), p);
