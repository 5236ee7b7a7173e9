import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { GatewayConnectionChannelAdmin } from '@scf/kernel/gateway-connection';
import type { IdentityFiles, PeerEndpoint } from './org-network';

const run = promisify(execFile);

/**
 * Puts the org's certificate revocation list into the channel configuration (its MSP's
 * `revocation_list`), after which every peer and orderer refuses the revoked certificates. The
 * update touches only the org's own MSP value, whose modification policy is the org's Admins, so
 * it carries one signature: the org admin's. The documented flow (fetch → configtxlator →
 * compute_update → channel update) runs with the Fabric tools the org's gateway.json names, as the
 * org's own admin, through the org's own peer and an orderer; nothing of any other org is used.
 */
export interface ChannelAdminContext {
  readonly channel: string;
  readonly mspId: string;
  readonly peer: Pick<PeerEndpoint, 'address' | 'tlsCaPath'>;
  readonly admin: Pick<IdentityFiles, 'mspDir'>;
  readonly config: GatewayConnectionChannelAdmin;
}

interface ConfigJson {
  channel_group: { groups: Record<string, { groups: Record<string, OrgGroupJson> } | undefined> };
}
interface OrgGroupJson {
  values: { MSP: { value: { config: { revocation_list?: string[] | null } } } };
}

function tool(ctx: ChannelAdminContext, name: string): string {
  return path.join(ctx.config.fabricBin, name);
}

function peerEnv(ctx: ChannelAdminContext): NodeJS.ProcessEnv {
  const { PATH, HOME, LANG } = process.env;
  return {
    PATH,
    HOME,
    LANG,
    FABRIC_CFG_PATH: ctx.config.fabricConfig,
    CORE_PEER_LOCALMSPID: ctx.mspId,
    CORE_PEER_MSPCONFIGPATH: ctx.admin.mspDir,
    CORE_PEER_ADDRESS: ctx.peer.address,
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: ctx.peer.tlsCaPath,
  };
}

function ordererArgs(ctx: ChannelAdminContext): string[] {
  const { address, hostname, tlsCaPath } = ctx.config.orderer;
  return ['-o', address, '--ordererTLSHostnameOverride', hostname, '--tls', '--cafile', tlsCaPath];
}

async function peer(ctx: ChannelAdminContext, args: string[]): Promise<void> {
  await run(tool(ctx, 'peer'), args, { env: peerEnv(ctx), timeout: 60_000 });
}

async function configtxlator(ctx: ChannelAdminContext, args: string[]): Promise<void> {
  await run(tool(ctx, 'configtxlator'), args, { timeout: 60_000 });
}

/** Decodes a protobuf file to JSON (configtxlator writes to a file: its /dev/stdout default fails without a terminal). */
async function decode(ctx: ChannelAdminContext, type: string, input: string): Promise<unknown> {
  const output = `${input}.json`;
  await configtxlator(ctx, ['proto_decode', '--type', type, '--input', input, '--output', output]);
  return JSON.parse(fs.readFileSync(output, 'utf8')) as unknown;
}

async function encode(ctx: ChannelAdminContext, type: string, input: string, output: string): Promise<void> {
  await configtxlator(ctx, ['proto_encode', '--type', type, '--input', input, '--output', output]);
}

async function fetchConfig(ctx: ChannelAdminContext, dir: string): Promise<ConfigJson> {
  const block = path.join(dir, 'config.block');
  await peer(ctx, ['channel', 'fetch', 'config', block, '-c', ctx.channel, ...ordererArgs(ctx)]);
  const decoded = (await decode(ctx, 'common.Block', block)) as { data: { data: { payload: { data: { config: ConfigJson } } }[] } };
  const first = decoded.data.data[0];
  if (!first) {
    throw new Error('the config block has no envelope');
  }
  return first.payload.data.config;
}

function mspConfig(config: ConfigJson, mspId: string): { revocation_list?: string[] | null } {
  const group = config.channel_group.groups.Application?.groups[mspId];
  if (!group) {
    throw new Error(`the channel configuration has no application org ${mspId}`);
  }
  return group.values.MSP.value.config;
}

async function inTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-crl-'));
  try {
    return await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The org's revocation list in the channel configuration (PEMs), as the orderer has it now. */
export function channelCrls(ctx: ChannelAdminContext): Promise<string[]> {
  return inTempDir(async (dir) => {
    const list = mspConfig(await fetchConfig(ctx, dir), ctx.mspId).revocation_list ?? [];
    return list.map((b64) => Buffer.from(b64, 'base64').toString('utf8'));
  });
}

/**
 * Replaces the org's revocation list in the channel with `crlPem` (the CA's CRL lists every
 * certificate it revoked, so the newest one is the whole list). Returns false when the channel
 * already holds exactly this CRL.
 */
export function publishOrgCrl(ctx: ChannelAdminContext, crlPem: string): Promise<boolean> {
  return inTempDir(async (dir) => {
    const file = (name: string): string => path.join(dir, name);
    const config = await fetchConfig(ctx, dir);
    fs.writeFileSync(file('original.json'), JSON.stringify(config));
    const crl = Buffer.from(crlPem, 'utf8').toString('base64');
    const msp = mspConfig(config, ctx.mspId);
    if (msp.revocation_list?.length === 1 && msp.revocation_list[0] === crl) {
      return false;
    }
    msp.revocation_list = [crl];
    fs.writeFileSync(file('updated.json'), JSON.stringify(config));
    await encode(ctx, 'common.Config', file('original.json'), file('original.pb'));
    await encode(ctx, 'common.Config', file('updated.json'), file('updated.pb'));
    await configtxlator(ctx, [
      'compute_update',
      '--channel_id',
      ctx.channel,
      '--original',
      file('original.pb'),
      '--updated',
      file('updated.pb'),
      '--output',
      file('update.pb'),
    ]);
    const update = await decode(ctx, 'common.ConfigUpdate', file('update.pb'));
    const envelope = { payload: { header: { channel_header: { channel_id: ctx.channel, type: 2 } }, data: { config_update: update } } };
    fs.writeFileSync(file('envelope.json'), JSON.stringify(envelope));
    await encode(ctx, 'common.Envelope', file('envelope.json'), file('envelope.pb'));
    // The peer CLI adds the org admin's signature to the update and signs the envelope as the admin.
    await peer(ctx, ['channel', 'update', '-f', file('envelope.pb'), '-c', ctx.channel, ...ordererArgs(ctx)]);
    return true;
  });
}
