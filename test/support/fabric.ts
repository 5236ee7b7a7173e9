import { common, msp, peer } from '@hyperledger/fabric-protos';
import { connectGateway, Contract, NetworkDescription, orgByName, userOf } from '@scf/network';
import { TextDecoder } from 'node:util';
import { createRuntime } from '../harness/runtime';

export const runtime = createRuntime();
export const network = (): NetworkDescription => runtime.describe();
export const utf8 = new TextDecoder();

/** Runs `fn` with a fabric-gateway contract for one identity through its own org's peer, then closes. */
export async function withContract<T>(
  orgName: string,
  user: string,
  contractName: string,
  fn: (contract: Contract) => Promise<T>,
  chaincode?: string,
): Promise<T> {
  const net = network();
  const org = orgByName(net, orgName);
  const { gateway, client } = connectGateway(userOf(org, user), org.peer);
  try {
    const contract = gateway.getNetwork(net.channel).getContract(chaincode ?? net.chaincode, contractName);
    return await fn(contract);
  } finally {
    gateway.close();
    client.close();
  }
}

const qscc = <T>(orgName: string, fn: (contract: Contract) => Promise<T>): Promise<T> => withContract(orgName, 'Admin', '', fn, 'qscc');

/** Block height of the channel as one org's peer sees it. */
export async function blockHeight(orgName: string): Promise<number> {
  const bytes = await qscc(orgName, (c) => c.evaluateTransaction('GetChainInfo', network().channel));
  return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
}

export interface CommittedTransaction {
  readonly validationCode: number;
  readonly endorserMspIds: string[];
}

/** Reads a transaction back from a peer's block store (qscc) and lists who endorsed it. */
export async function committedTransaction(orgName: string, txId: string): Promise<CommittedTransaction> {
  const bytes = await qscc(orgName, (c) => c.evaluateTransaction('GetTransactionByID', network().channel, txId));
  const processed = peer.ProcessedTransaction.deserializeBinary(bytes);
  const envelope = processed.getTransactionenvelope();
  if (!envelope) {
    throw new Error(`transaction ${txId} has no envelope`);
  }
  const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
  const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
  const endorserMspIds = transaction.getActionsList().flatMap((action) => {
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    return (actionPayload.getAction()?.getEndorsementsList() ?? []).map((e) =>
      msp.SerializedIdentity.deserializeBinary(e.getEndorser_asU8()).getMspid(),
    );
  });
  return { validationCode: processed.getValidationcode(), endorserMspIds };
}

/** A label unique to this test run, valid for scf.system:Heartbeat. */
export function uniqueLabel(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Retries an assertion until it passes: other peers commit a block a moment after the first. */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 30_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/**
 * Every org's peer at the same block height. A submit returns once the submitting org's peer has
 * committed; another org's peer may be a block behind for a moment (more so under load), so a next
 * step endorsed or read there waits for this first.
 */
export async function peersInStep(): Promise<void> {
  await eventually(async () => {
    const heights = await Promise.all(network().orgs.map((o) => blockHeight(o.name)));
    if (new Set(heights).size !== 1) {
      throw new Error(`peers at different heights: ${heights.join(', ')}`);
    }
  });
}

/** Every block of the channel as raw bytes, read from one org's peer through qscc. */
export function allBlockBytes(orgName: string): Promise<Buffer[]> {
  return blockBytesFrom(orgName, 0);
}

/** The raw bytes of blocks `from` … the current height, from one org's peer through qscc. */
export async function blockBytesFrom(orgName: string, from: number): Promise<Buffer[]> {
  const height = await blockHeight(orgName);
  return qscc(orgName, async (c) => {
    const blocks: Buffer[] = [];
    for (let n = from; n < height; n++) {
      blocks.push(Buffer.from(await c.evaluateTransaction('GetBlockByNumber', network().channel, String(n))));
    }
    return blocks;
  });
}
