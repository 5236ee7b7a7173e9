import fs from 'node:fs';
import path from 'node:path';
import { publicMspDir, publicOrdererTlsCert } from './crypto';
import { run } from './exec';
import { dirs, fabricBin } from './paths';
import { topology } from './topology';

/** Orderer batching: the knobs issue 7 tunes; overridable for benchmarks. */
export const batching = {
  timeout: process.env.SCF_BATCH_TIMEOUT ?? '100ms',
  maxMessageCount: Number(process.env.SCF_BATCH_MAX_MESSAGES ?? '500'),
};

/**
 * Raft timing (issue 18). A follower starts an election ElectionTick to 2 × ElectionTick ticks
 * after its last heartbeat from the leader, and with pre-vote it wins only once the other
 * follower has timed out too; so with Fabric's default 500 ms tick a killed leader stalled
 * ordering for 5–10 s (7.4 s measured). At 200 ms the election came 2.2–4.7 s after the kill
 * (the longer when the first pre-vote came before the other follower had timed out): still
 * too late for a first commit within 5 s. At 100 ms it comes 1–2 s after the last heartbeat.
 * The leader sends a heartbeat every tick (HeartbeatTick 1); a follower gives up only after 10
 * missed ones (1 s) and pre-vote keeps a single starved follower from deposing a live leader.
 */
export const raftTiming = {
  tickInterval: process.env.SCF_RAFT_TICK_INTERVAL ?? '100ms',
  electionTick: Number(process.env.SCF_RAFT_ELECTION_TICK ?? '10'),
};

function orgPolicies(mspId: string, withEndorsement: boolean): string {
  const lines = [
    `      Readers:\n        Type: Signature\n        Rule: "OR('${mspId}.member')"`,
    `      Writers:\n        Type: Signature\n        Rule: "OR('${mspId}.member')"`,
    `      Admins:\n        Type: Signature\n        Rule: "OR('${mspId}.admin')"`,
  ];
  if (withEndorsement) {
    lines.push(`      Endorsement:\n        Type: Signature\n        Rule: "OR('${mspId}.peer')"`);
  }
  return lines.join('\n');
}

/**
 * configtxgen's input for the one application channel: Raft ordering, every org with its anchor peer.
 * Made from public material only: each org's public MSP and the orderers' TLS certificates in channel/.
 */
export function configtxYaml(): string {
  const ordererOrg = topology.ordererOrg;
  const ordererEndpoints = topology.orderers.map((o) => `      - ${o.address}:${o.listen}`).join('\n');
  const orgs = topology.orgs
    .map(
      (org) => `  - &${org.name}
    Name: ${org.mspId}
    ID: ${org.mspId}
    MSPDir: ${publicMspDir(org)}
    Policies:
${orgPolicies(org.mspId, true)}
    AnchorPeers:
      - Host: ${org.address}
        Port: ${org.peer.listen}`,
    )
    .join('\n');
  const consenters = topology.orderers
    .map((o) => {
      const tls = publicOrdererTlsCert(o);
      return `        - Host: ${o.address}\n          Port: ${o.listen}\n          ClientTLSCert: ${tls}\n          ServerTLSCert: ${tls}`;
    })
    .join('\n');
  const appOrgs = topology.orgs.map((o) => `        - *${o.name}`).join('\n');
  return `Organizations:
  - &OrdererOrg
    Name: ${ordererOrg.mspId}
    ID: ${ordererOrg.mspId}
    MSPDir: ${publicMspDir(ordererOrg)}
    OrdererEndpoints:
${ordererEndpoints}
    Policies:
${orgPolicies(ordererOrg.mspId, false)}
${orgs}

Capabilities:
  Channel: &ChannelCapabilities
    V3_0: true
  Orderer: &OrdererCapabilities
    V2_0: true
  Application: &ApplicationCapabilities
    V2_5: true

Application: &ApplicationDefaults
  Organizations:
  Policies:
    Readers:
      Type: ImplicitMeta
      Rule: "ANY Readers"
    Writers:
      Type: ImplicitMeta
      Rule: "ANY Writers"
    Admins:
      Type: ImplicitMeta
      Rule: "MAJORITY Admins"
    LifecycleEndorsement:
      Type: ImplicitMeta
      Rule: "MAJORITY Endorsement"
    Endorsement:
      Type: ImplicitMeta
      Rule: "MAJORITY Endorsement"
  Capabilities:
    <<: *ApplicationCapabilities

Orderer: &OrdererDefaults
  OrdererType: etcdraft
  EtcdRaft:
    Consenters:
${consenters}
    Options:
      TickInterval: ${raftTiming.tickInterval}
      ElectionTick: ${String(raftTiming.electionTick)}
      HeartbeatTick: 1
      MaxInflightBlocks: 5
      SnapshotIntervalSize: 16 MB
  BatchTimeout: ${batching.timeout}
  BatchSize:
    MaxMessageCount: ${batching.maxMessageCount}
    AbsoluteMaxBytes: 10 MB
    PreferredMaxBytes: 2 MB
  Organizations:
  Policies:
    Readers:
      Type: ImplicitMeta
      Rule: "ANY Readers"
    Writers:
      Type: ImplicitMeta
      Rule: "ANY Writers"
    Admins:
      Type: ImplicitMeta
      Rule: "MAJORITY Admins"
    BlockValidation:
      Type: ImplicitMeta
      Rule: "ANY Writers"
  Capabilities:
    <<: *OrdererCapabilities

Channel: &ChannelDefaults
  Policies:
    Readers:
      Type: ImplicitMeta
      Rule: "ANY Readers"
    Writers:
      Type: ImplicitMeta
      Rule: "ANY Writers"
    Admins:
      Type: ImplicitMeta
      Rule: "MAJORITY Admins"
  Capabilities:
    <<: *ChannelCapabilities

Profiles:
  SCFChannel:
    <<: *ChannelDefaults
    Orderer:
      <<: *OrdererDefaults
      Organizations:
        - *OrdererOrg
    Application:
      <<: *ApplicationDefaults
      Organizations:
${appOrgs}
`;
}

export const genesisBlockPath = (): string => path.join(dirs.channel, `${topology.channel}.block`);

export async function generateGenesisBlock(): Promise<void> {
  const configDir = path.join(dirs.generated, 'configtx');
  fs.mkdirSync(configDir, { recursive: true });
  fs.mkdirSync(dirs.channel, { recursive: true });
  fs.writeFileSync(path.join(configDir, 'configtx.yaml'), configtxYaml());
  await run(fabricBin('configtxgen'), [
    '-profile',
    'SCFChannel',
    '-channelID',
    topology.channel,
    '-outputBlock',
    genesisBlockPath(),
    '-configPath',
    configDir,
  ]);
}
