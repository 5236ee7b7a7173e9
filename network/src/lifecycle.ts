import { ordererTlsCa, peerTlsCa, userMspDir } from './crypto';
import { run } from './exec';
import { peerCliEnv } from './nodes';
import { fabricBin } from './paths';
import { endpoint, OrgSpec, topology } from './topology';

/**
 * Chaincode-level endorsement: any 2 of the 6 orgs. The channel default (MAJORITY) would make
 * every write collect 4 endorsements on a 2-core machine; 2 still means no single org can write
 * alone. Keys whose owners must agree (a confirmed receivable: debtor and holder) carry their
 * own key-level policy set by the chaincode, which replaces this one for those keys.
 */
export function endorsementPolicy(): string {
  const members = topology.orgs.map((o) => `'${o.mspId}.peer'`).join(',');
  return `OutOf(2,${members})`;
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
  return ['-o', endpoint(firstOrderer.listen), '--tls', '--cafile', ordererTlsCa(firstOrderer)];
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
  const peers = topology.orgs.flatMap((o) => ['--peerAddresses', endpoint(o.peer.listen), '--tlsRootCertFiles', peerTlsCa(o)]);
  await run(
    fabricBin('peer'),
    ['lifecycle', 'chaincode', 'commit', ...ordererArgs(), ...definitionArgs(def), ...peers, '--waitForEventTimeout', '60s'],
    { env: adminEnv(org) },
  );
}
