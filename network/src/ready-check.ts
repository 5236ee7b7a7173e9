import { TextDecoder } from 'node:util';
import { ordererTlsCa, peerTlsCa, userMspDir } from './crypto';
import { run } from './exec';
import { peerCliEnv } from './nodes';
import { fabricBin } from './paths';
import { endpoint, OrdererSpec, topology } from './topology';
import { NetworkDescription } from './description';
import type { Contract } from '@hyperledger/fabric-gateway';
import { connectGateway, type IdentityFiles } from '@scf/fabric-client';
import { sleep } from './readiness';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { CHAINCODE_ENDORSEMENT_QUORUM, quorumOfOrgs } from './lifecycle';

const utf8 = new TextDecoder();

/**
 * The network is ready when a client of every org can submit a transaction that is endorsed,
 * ordered and committed, and every peer answers the chaincode's version. Right after a channel
 * join, discovery may not yet see every org; retrying covers those few seconds. Each org's admin
 * first gives the org's creation guard its policy (a no-op once it has it).
 */
export async function waitUntilTransactionsCommit(network: NetworkDescription, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let version = '';
  for (const org of network.orgs) {
    await untilCommitted(network, org, org.admin, deadline, (contract) => contract.submitTransaction(tx.system.ProtectCreationGuard.name));
    await untilCommitted(network, org, org.users[0] ?? org.admin, deadline, async (contract) => {
      version = utf8.decode(await contract.evaluateTransaction(tx.system.Version.name));
      await contract.submitTransaction(tx.system.Heartbeat.name, 'startup');
    });
  }
  return version;
}

/** Runs `step` on scf.system as `identity` of `org` until it succeeds, retrying every second until `deadline`. */
async function untilCommitted(
  network: NetworkDescription,
  org: NetworkDescription['orgs'][number],
  identity: IdentityFiles,
  deadline: number,
  step: (contract: Contract) => Promise<unknown>,
): Promise<void> {
  const { gateway, client } = connectGateway(identity, org.peer);
  try {
    const contract = gateway.getNetwork(network.channel).getContract(network.chaincode, tx.system.Version.contract);
    for (;;) {
      try {
        await step(contract);
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`${org.name} could not commit a transaction: ${error instanceof Error ? error.message : String(error)}`);
        }
        await sleep(1000);
      }
    }
  } finally {
    gateway.close();
    client.close();
  }
}

/**
 * A heartbeat broadcast through one chosen orderer (the peer CLI lets the caller pick it). The
 * peer CLI sends only to the peers it is given, so it names as many orgs as the chaincode-level
 * policy needs for a new key (a heartbeat is a creation).
 */
export async function heartbeatThrough(orderer: OrdererSpec): Promise<void> {
  const endorsers = quorumOfOrgs();
  const [first] = endorsers;
  if (!first || endorsers.length < CHAINCODE_ENDORSEMENT_QUORUM) {
    throw new Error(`the topology needs ${CHAINCODE_ENDORSEMENT_QUORUM} orgs`);
  }
  await run(
    fabricBin('peer'),
    [
      'chaincode',
      'invoke',
      '-o',
      endpoint(orderer.address, orderer.listen),
      '--tls',
      '--cafile',
      ordererTlsCa(orderer),
      '-C',
      topology.channel,
      '-n',
      topology.chaincode.name,
      ...endorsers.flatMap((org) => ['--peerAddresses', endpoint(org.address, org.peer.listen), '--tlsRootCertFiles', peerTlsCa(org)]),
      '-c',
      JSON.stringify({ Args: [fcn(tx.system.Heartbeat), `orderer-${orderer.name}`] }),
      '--waitForEvent',
    ],
    { env: peerCliEnv(first, userMspDir(first, 'User1')) },
  );
}
