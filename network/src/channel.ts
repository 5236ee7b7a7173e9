import path from 'node:path';
import { genesisBlockPath } from './configtx';
import { ordererAdminDir, ordererTlsCa, userMspDir } from './crypto';
import { run } from './exec';
import { peerCliEnv } from './nodes';
import { fabricBin } from './paths';
import { endpoint, OrdererSpec, OrgSpec, topology } from './topology';

function osnadminTlsArgs(o: OrdererSpec): string[] {
  const admin = ordererAdminDir();
  return [
    '-o',
    endpoint(o.address, o.admin),
    '--ca-file',
    ordererTlsCa(o),
    '--client-cert',
    path.join(admin, 'tls', 'client.crt'),
    '--client-key',
    path.join(admin, 'tls', 'client.key'),
  ];
}

/** osnadmin exits 0 whatever the HTTP status; its first line says "Status: NNN". */
function osnadminStatus(stdout: string): number {
  const match = /^Status: (\d{3})/m.exec(stdout);
  if (!match?.[1]) {
    throw new Error(`unexpected osnadmin output: ${stdout.slice(0, 200)}`);
  }
  return Number(match[1]);
}

export async function ordererHasChannel(o: OrdererSpec): Promise<boolean> {
  const { stdout } = await run(fabricBin('osnadmin'), ['channel', 'list', '--channelID', topology.channel, ...osnadminTlsArgs(o)]);
  const status = osnadminStatus(stdout);
  if (status !== 200 && status !== 404) {
    throw new Error(`osnadmin channel list on ${o.name}: ${stdout.trim()}`);
  }
  return status === 200;
}

/** Joins the orderer to the channel through the channel participation API; no-op when joined. */
export async function joinOrderer(o: OrdererSpec): Promise<boolean> {
  if (await ordererHasChannel(o)) {
    return false;
  }
  const { stdout } = await run(fabricBin('osnadmin'), [
    'channel',
    'join',
    '--channelID',
    topology.channel,
    '--config-block',
    genesisBlockPath(),
    ...osnadminTlsArgs(o),
  ]);
  if (osnadminStatus(stdout) !== 201) {
    throw new Error(`osnadmin channel join on ${o.name}: ${stdout.trim()}`);
  }
  return true;
}

export async function peerHasChannel(org: OrgSpec): Promise<boolean> {
  const { stdout } = await run(fabricBin('peer'), ['channel', 'list'], { env: peerCliEnv(org, userMspDir(org, 'Admin')) });
  return stdout.split('\n').some((line) => line.trim() === topology.channel);
}

export async function joinPeer(org: OrgSpec): Promise<boolean> {
  if (await peerHasChannel(org)) {
    return false;
  }
  await run(fabricBin('peer'), ['channel', 'join', '-b', genesisBlockPath()], { env: peerCliEnv(org, userMspDir(org, 'Admin')) });
  return true;
}

/** The orderer's view of the channel from the participation API: its status and block height. */
export async function ordererChannelInfo(o: OrdererSpec): Promise<{ status: string; height: number }> {
  const { stdout } = await run(fabricBin('osnadmin'), ['channel', 'list', '--channelID', topology.channel, ...osnadminTlsArgs(o)]);
  if (osnadminStatus(stdout) !== 200) {
    throw new Error(`${o.name} does not serve channel ${topology.channel}`);
  }
  const info = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { status: string; height: number };
  return { status: info.status, height: info.height };
}
