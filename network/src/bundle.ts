import fs from 'node:fs';
import path from 'node:path';
import { genesisBlockPath } from './configtx';
import { orgDir, peerDir, publicMspDir, publicOrgDir, userMspDir } from './crypto';
import { chaincodeBuilderConfigFile, peerCliEnv, peerProcess } from './nodes';
import { dataDir, fabricHome } from './paths';
import { ProcessSpec } from './processes';
import { caOrgs, endpoint, findOrg, OrgSpec, peerName, topology } from './topology';

/**
 * What one org needs to run its peer on another machine, and nothing private of any other org:
 *
 *   orgs/<org>/            the org's own folder (its CA, keys and certificates)
 *   channel/<channel>.block, channel/orgs/<each org>/   the genesis block and every org's public MSP
 *   endpoints.json         every org's public endpoints (addresses, ports, TLS host names)
 *   start-peer.sh          starts the org's peer with its ledger in ledgers/ of the bundle
 *   join-channel.sh        joins that peer to the channel as the org's admin
 *
 * The scripts take the Fabric 3.1.5 install from $FABRIC_HOME and find everything else beside
 * themselves, so the folder can be moved anywhere.
 */
export interface BundleEndpoints {
  readonly channel: string;
  readonly org: string;
  readonly orderers: readonly { name: string; host: string; address: string }[];
  readonly peers: readonly { org: string; mspId: string; host: string; address: string }[];
  readonly certificateAuthorities: readonly { org: string; url: string }[];
}

export function bundleEndpoints(org: OrgSpec): BundleEndpoints {
  return {
    channel: topology.channel,
    org: org.name,
    orderers: topology.orderers.map((o) => ({ name: o.name, host: o.host, address: endpoint(o.address, o.listen) })),
    peers: topology.orgs.map((o) => ({ org: o.name, mspId: o.mspId, host: peerName(o), address: endpoint(o.address, o.peer.listen) })),
    certificateAuthorities: caOrgs().map((o) => ({ org: o.name, url: `https://${endpoint(o.address, o.ca.listen)}` })),
  };
}

/** A value inside double quotes in bash, with the data folder and the Fabric install as variables. */
function shellValue(value: string): string {
  const escaped = value.replace(/[\\"`$]/g, (c) => `\\${c}`);
  return `"${escaped.split(dataDir).join('${BUNDLE}').split(fabricHome).join('${FABRIC_HOME}')}"`;
}

function exportLines(env: NodeJS.ProcessEnv, skip: readonly string[]): string[] {
  return Object.entries(env)
    .filter(([key, value]) => value !== undefined && !skip.includes(key) && !['PATH', 'HOME', 'LANG'].includes(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `export ${key}=${shellValue(value ?? '')}`);
}

const PREAMBLE = [
  '#!/usr/bin/env bash',
  'set -euo pipefail',
  'BUNDLE=$(cd "$(dirname "$0")" && pwd)',
  'FABRIC_HOME=${FABRIC_HOME:?set FABRIC_HOME to a Fabric 3.1.5 install (bin/peer, config/, builders/ccaas/)}',
];

function startPeerScript(org: OrgSpec, spec: ProcessSpec): string {
  const builderConfig = shellValue(chaincodeBuilderConfigFile(org));
  return [
    ...PREAMBLE,
    `# ${peerName(org)} of ${org.mspId}, listening on ${org.address} only (the address in its TLS certificate).`,
    ...exportLines(spec.env, ['CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG']),
    // A bundle's peer starts with an empty ledger and pulls every block. Blocks with its own org's
    // lifecycle approvals carry private data of the org's implicit collection, which only the org's
    // own peer ever held: with Fabric's default (60 s) the peer waits that long on each such block
    // before committing without it (measured: a minute per chaincode approval).
    'export CORE_PEER_GOSSIP_PVTDATA_PULLRETRYTHRESHOLD="${CORE_PEER_GOSSIP_PVTDATA_PULLRETRYTHRESHOLD:-5s}"',
    `export CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG="$(cat ${builderConfig})"`,
    `mkdir -p ${shellValue(spec.env.CORE_PEER_FILESYSTEMPATH ?? '')}`,
    `exec ${shellValue(spec.command)} ${spec.args.join(' ')}`,
    '',
  ].join('\n');
}

function joinChannelScript(org: OrgSpec): string {
  return [
    ...PREAMBLE,
    `# Joins ${peerName(org)} to channel ${topology.channel} as ${org.name}'s admin; it then pulls every block from the orderers.`,
    ...exportLines(peerCliEnv(org, userMspDir(org, 'Admin')), []),
    `exec "\${FABRIC_HOME}/bin/peer" channel join -b ${shellValue(genesisBlockPath())}`,
    '',
  ].join('\n');
}

/** Writes the bundle of one org into `out` (which must not exist yet, or be empty). */
export function writeBundle(orgName: string, out: string): { dir: string; files: number } {
  const org = findOrg(orgName);
  const dir = path.resolve(out);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new Error(`${dir} is not empty`);
  }
  if (!fs.existsSync(genesisBlockPath()) || !fs.existsSync(peerDir(org))) {
    throw new Error('no network to bundle: run npm start first');
  }
  const inBundle = (p: string): string => path.join(dir, path.relative(dataDir, p));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.cpSync(orgDir(org), inBundle(orgDir(org)), { recursive: true });
  fs.cpSync(genesisBlockPath(), inBundle(genesisBlockPath()));
  for (const other of caOrgs()) {
    fs.cpSync(publicMspDir(other), inBundle(publicMspDir(other)), { recursive: true });
  }
  fs.cpSync(path.join(publicOrgDir(topology.ordererOrg), 'orderers'), inBundle(path.join(publicOrgDir(topology.ordererOrg), 'orderers')), {
    recursive: true,
  });
  fs.writeFileSync(path.join(dir, 'endpoints.json'), `${JSON.stringify(bundleEndpoints(org), null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'start-peer.sh'), startPeerScript(org, peerProcess(org)), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'join-channel.sh'), joinChannelScript(org), { mode: 0o755 });
  const count = (d: string): number =>
    fs.readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(path.join(d, e.name)) : 1), 0);
  return { dir, files: count(dir) };
}
