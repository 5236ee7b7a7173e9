import { ordererTlsCa, peerTlsCa, userMspDir } from './crypto';
import { run } from './exec';
import { peerCliEnv } from './nodes';
import { fabricBin } from './paths';
import { endpoint, OrgSpec, topology } from './topology';

/**
 * How many orgs' peers the chaincode-level policy needs: `OutOf(3, <every org's peer>)`.
 *
 * Every record key carries a key-level policy (its owners, chaincode/README.md "Endorsement: who
 * owns what"), which replaces this one for that key; so this policy only judges writes of keys
 * without one, that is the creation of a key. The creation guard (every creation blind-writes the
 * guard key of each org it names, whose policy is that org's peer) binds endorsers that run the
 * real chaincode; two colluding orgs running a modified one can leave the guard writes out, and
 * the new keys then meet this policy alone. At 3, no pair of orgs can create anything, so a
 * forged creation needs a third, honest-or-colluding org; 2 (before) let any pair create a record
 * naming an absent party. Why not the channel's MAJORITY (4 of 6): it would also stop triples but
 * costs a fourth chaincode execution per creation on two cores, and the issue's threat is a pair
 * (network/README.md, "Endorsement policy", has the measured cost).
 */
export const CHAINCODE_ENDORSEMENT_QUORUM = 3;

/** The chaincode-level signature policy: any CHAINCODE_ENDORSEMENT_QUORUM of the orgs' peers. */
export function endorsementPolicy(): string {
  const members = topology.orgs.map((o) => `'${o.mspId}.peer'`).join(',');
  return `OutOf(${CHAINCODE_ENDORSEMENT_QUORUM},${members})`;
}

/**
 * The first `CHAINCODE_ENDORSEMENT_QUORUM` orgs of the topology, starting with `first`: a set of
 * peers a client naming its endorsers (the peer CLI) can send a creation to when no org's own
 * key-level policy is involved (a heartbeat).
 */
export function quorumOfOrgs(first: OrgSpec = anyOrg()): OrgSpec[] {
  const others = topology.orgs.filter((o) => o.mspId !== first.mspId);
  return [first, ...others].slice(0, CHAINCODE_ENDORSEMENT_QUORUM);
}

const adminEnv = (org: OrgSpec): NodeJS.ProcessEnv => peerCliEnv(org, userMspDir(org, 'Admin'));
const firstOrderer = topology.orderers[0];

function anyOrg(): OrgSpec {
  const org = topology.orgs[0];
  if (!org) {
    throw new Error('the topology has no organisation');
  }
  return org;
}

function ordererArgs(): string[] {
  if (!firstOrderer) {
    throw new Error('the topology has no orderer');
  }
  return ['-o', endpoint(firstOrderer.address, firstOrderer.listen), '--tls', '--cafile', ordererTlsCa(firstOrderer)];
}

export interface ChaincodeDefinition {
  /** The chaincode's name on the channel; ours (topology.json) unless another is named (the bench's minimal chaincode). */
  readonly name?: string;
  readonly version: string;
  readonly sequence: number;
  readonly packageId: string;
  readonly collectionsConfig: string | undefined;
}

function definitionArgs(def: ChaincodeDefinition): string[] {
  const args = [
    '--channelID',
    topology.channel,
    '--name',
    def.name ?? topology.chaincode.name,
    '--version',
    def.version,
    '--sequence',
    String(def.sequence),
    '--signature-policy',
    endorsementPolicy(),
  ];
  if (def.collectionsConfig) {
    args.push('--collections-config', def.collectionsConfig);
  }
  return args;
}

export async function installedPackageIds(org: OrgSpec): Promise<string[]> {
  const { stdout } = await run(fabricBin('peer'), ['lifecycle', 'chaincode', 'queryinstalled', '--output', 'json'], { env: adminEnv(org) });
  const parsed = JSON.parse(stdout || '{}') as { installed_chaincodes?: { package_id: string }[] };
  return (parsed.installed_chaincodes ?? []).map((c) => c.package_id);
}

export async function install(org: OrgSpec, packageFile: string): Promise<void> {
  await run(fabricBin('peer'), ['lifecycle', 'chaincode', 'install', packageFile], { env: adminEnv(org) });
}

export async function calculatePackageId(packageFile: string): Promise<string> {
  const { stdout } = await run(fabricBin('peer'), ['lifecycle', 'chaincode', 'calculatepackageid', packageFile], {
    env: adminEnv(anyOrg()),
  });
  return stdout.trim();
}

export async function committedDefinition(
  org: OrgSpec,
  name: string = topology.chaincode.name,
): Promise<{ sequence: number; version: string } | undefined> {
  try {
    const { stdout } = await run(
      fabricBin('peer'),
      ['lifecycle', 'chaincode', 'querycommitted', '--channelID', topology.channel, '--name', name, '--output', 'json'],
      { env: adminEnv(org) },
    );
    const parsed = JSON.parse(stdout) as { sequence: number; version: string };
    return { sequence: parsed.sequence, version: parsed.version };
  } catch (error) {
    if (error instanceof Error && /not found|404/i.test(error.message)) {
      return undefined;
    }
    throw error;
  }
}

export async function approvedPackageId(
  org: OrgSpec,
  sequence: number,
  name: string = topology.chaincode.name,
): Promise<string | undefined> {
  try {
    const { stdout } = await run(
      fabricBin('peer'),
      [
        'lifecycle',
        'chaincode',
        'queryapproved',
        '--channelID',
        topology.channel,
        '--name',
        name,
        '--sequence',
        String(sequence),
        '--output',
        'json',
      ],
      { env: adminEnv(org) },
    );
    const parsed = JSON.parse(stdout) as { source?: { Type?: { LocalPackage?: { package_id?: string } } } };
    return parsed.source?.Type?.LocalPackage?.package_id ?? '';
  } catch {
    return undefined;
  }
}

export async function approve(org: OrgSpec, def: ChaincodeDefinition): Promise<void> {
  await run(
    fabricBin('peer'),
    [
      'lifecycle',
      'chaincode',
      'approveformyorg',
      ...ordererArgs(),
      ...definitionArgs(def),
      '--package-id',
      def.packageId,
      '--waitForEventTimeout',
      '60s',
    ],
    { env: adminEnv(org) },
  );
}

export async function commitReadiness(org: OrgSpec, def: ChaincodeDefinition): Promise<Record<string, boolean>> {
  const { stdout } = await run(
    fabricBin('peer'),
    ['lifecycle', 'chaincode', 'checkcommitreadiness', ...definitionArgs(def), '--output', 'json'],
    { env: adminEnv(org) },
  );
  return (JSON.parse(stdout) as { approvals: Record<string, boolean> }).approvals;
}

export async function commit(org: OrgSpec, def: ChaincodeDefinition): Promise<void> {
  const peers = topology.orgs.flatMap((o) => ['--peerAddresses', endpoint(o.address, o.peer.listen), '--tlsRootCertFiles', peerTlsCa(o)]);
  await run(
    fabricBin('peer'),
    ['lifecycle', 'chaincode', 'commit', ...ordererArgs(), ...definitionArgs(def), ...peers, '--waitForEventTimeout', '60s'],
    { env: adminEnv(org) },
  );
}
