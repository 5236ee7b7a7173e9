import { common, msp } from '@hyperledger/fabric-protos';
import type { BlockReader } from './qscc-reader';

const utf8 = new TextDecoder();

/** What the channel configuration says an org's MSP trusts: its CA certificates, as PEM text. */
export interface MspTrust {
  readonly mspId: string;
  readonly rootCerts: readonly string[];
  readonly intermediateCerts: readonly string[];
}

/** google-protobuf's jspb.Map, which ships no typings: only what is used here. */
interface ProtoMap<V> {
  get(key: string): V | undefined;
  forEach(callback: (value: V, key: string) => void): void;
}

function groupsOf(group: common.ConfigGroup): ProtoMap<common.ConfigGroup> {
  const groups: unknown = group.getGroupsMap();
  return groups as ProtoMap<common.ConfigGroup>;
}

function valuesOf(group: common.ConfigGroup): ProtoMap<common.ConfigValue> {
  const values: unknown = group.getValuesMap();
  return values as ProtoMap<common.ConfigValue>;
}

/** The number of the configuration block in force when `block` was cut (its orderer metadata). */
export function lastConfigIndex(block: common.Block): bigint {
  const signatures = block.getMetadata()?.getMetadataList_asU8()[common.BlockMetadataIndex.SIGNATURES] ?? new Uint8Array();
  const value = common.Metadata.deserializeBinary(signatures).getValue_asU8();
  return BigInt(common.OrdererBlockMetadata.deserializeBinary(value).getLastConfig()?.getIndex() ?? 0);
}

/** The application orgs' MSPs as a configuration block defines them. */
export function applicationMsps(configBlock: common.Block): Map<string, MspTrust> {
  const [envelopeBytes] = configBlock.getData()?.getDataList_asU8() ?? [];
  if (!envelopeBytes) {
    throw new Error('the configuration block is empty');
  }
  const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(envelopeBytes).getPayload_asU8());
  const config = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig();
  const channelGroup = config?.getChannelGroup();
  const application = channelGroup ? groupsOf(channelGroup).get('Application') : undefined;
  if (!application) {
    throw new Error('the configuration block has no Application group');
  }
  const msps = new Map<string, MspTrust>();
  groupsOf(application).forEach((org) => {
    const value = valuesOf(org).get('MSP');
    if (!value) {
      return;
    }
    const fabric = msp.FabricMSPConfig.deserializeBinary(msp.MSPConfig.deserializeBinary(value.getValue_asU8()).getConfig_asU8());
    msps.set(fabric.getName(), {
      mspId: fabric.getName(),
      rootCerts: fabric.getRootCertsList_asU8().map((c) => utf8.decode(c)),
      intermediateCerts: fabric.getIntermediateCertsList_asU8().map((c) => utf8.decode(c)),
    });
  });
  return msps;
}

/** The channel's current application MSPs: the newest block names the configuration block in force. */
export async function currentApplicationMsps(reader: BlockReader): Promise<Map<string, MspTrust>> {
  const newest = await reader.blockByNumber((await reader.height()) - 1n);
  return applicationMsps(await reader.blockByNumber(lastConfigIndex(newest)));
}
