import { TextDecoder } from 'node:util';
import { describeNetwork } from './description';
import { connectGateway } from '@scf/fabric-client';
import { heartbeatThrough } from './ready-check';
import { Progress } from './runtime';
import { topology } from './topology';
import { tx } from '@scf/kernel/catalogue/catalogue';

const utf8 = new TextDecoder();

/**
 * Proves a running network from the outside, whatever runs it (native, containers, compose): a
 * `peer chaincode invoke` through each orderer, then a fabric-gateway client of every org reads
 * those heartbeats back from its own peer.
 */
export async function checkNetwork(progress: Progress): Promise<void> {
  const network = describeNetwork();
  const first = network.orgs[0];
  if (!first) {
    throw new Error('the topology has no organisation');
  }
  for (const orderer of topology.orderers) {
    await heartbeatThrough(orderer);
    progress(`peer CLI: invoke committed through ${orderer.name} (${orderer.listen})`);
  }
  for (const org of network.orgs) {
    const { gateway, client } = connectGateway(org.users[0] ?? org.admin, org.peer);
    try {
      const contract = gateway.getNetwork(network.channel).getContract(network.chaincode, tx.system.Version.contract);
      const version = utf8.decode(await contract.evaluateTransaction(tx.system.Version.name));
      for (const orderer of topology.orderers) {
        JSON.parse(utf8.decode(await contract.evaluateTransaction(tx.system.ReadHeartbeat.name, first.mspId, `orderer-${orderer.name}`)));
      }
      progress(`fabric-gateway: ${org.name} reads the heartbeats from ${org.peer.address} (chaincode ${version})`);
    } finally {
      gateway.close();
      client.close();
    }
  }
}
