import { CHAINCODE_ENDORSEMENT_QUORUM, endorsementPolicy, IdentityFiles, NetworkDescription, orgByName, userOf } from '@scf/network';
import { DefaultQueryHandlerStrategies, Gateway, Wallets, type X509Identity } from 'fabric-network';
import fs from 'node:fs';
import { committedTransaction, eventually, network, uniqueLabel } from '../support/fabric';
import { catalogue, tx } from '@scf/kernel/catalogue/catalogue';

/** A common connection profile, as a bank's existing fabric-network 2.2 application would load. */
function connectionProfile(net: NetworkDescription, orgName: string): Record<string, unknown> {
  const org = orgByName(net, orgName);
  return {
    name: 'scf',
    version: '1.0.0',
    client: { organization: org.name, connection: { timeout: { peer: { endorser: '60' }, orderer: '60' } } },
    organizations: {
      [org.name]: { mspid: org.mspId, peers: [org.peer.name] },
    },
    peers: {
      [org.peer.name]: {
        url: `grpcs://${org.peer.address}`,
        tlsCACerts: { pem: fs.readFileSync(org.peer.tlsCaPath, 'utf8') },
        grpcOptions: { 'ssl-target-name-override': org.peer.hostname, hostnameOverride: org.peer.hostname },
      },
    },
  };
}

async function connect(net: NetworkDescription, files: IdentityFiles): Promise<Gateway> {
  const wallet = await Wallets.newInMemoryWallet();
  const identity: X509Identity = {
    type: 'X.509',
    mspId: files.mspId,
    credentials: { certificate: fs.readFileSync(files.certPath, 'utf8'), privateKey: fs.readFileSync(files.keyPath, 'utf8') },
  };
  await wallet.put(files.user, identity);
  const gateway = new Gateway();
  await gateway.connect(connectionProfile(net, files.org), {
    wallet,
    identity: files.user,
    discovery: { enabled: true, asLocalhost: false },
    eventHandlerOptions: { commitTimeout: 120 },
    // Evaluate on the connected org's own peer only, never falling back to another org's.
    queryHandlerOptions: { strategy: DefaultQueryHandlerStrategies.MSPID_SCOPE_SINGLE },
  });
  return gateway;
}

describe('the legacy fabric-network 2.2 SDK', () => {
  it("submits through discovery with at least three orgs' endorsements and reads back from every other org's peer", async () => {
    const net = network();
    const label = uniqueLabel('sdk22');
    const writer = 'BankB';
    const bankB = await connect(net, userOf(orgByName(net, writer), 'User1'));
    let txId: string;
    try {
      const transaction = (await bankB.getNetwork(net.channel))
        .getContract(net.chaincode, catalogue.system.name)
        .createTransaction(tx.system.Heartbeat.name);
      const written = JSON.parse((await transaction.submit(label)).toString('utf8')) as { mspId: string };
      txId = transaction.getTransactionId();
      expect(written.mspId).toBe('BankBMSP');
    } finally {
      bankB.disconnect();
    }

    // Discovery chose the endorsers: the committed transaction is valid and carries the
    // endorsements of at least three distinct orgs, as OutOf(3, every org's peer) requires of a new key.
    expect(endorsementPolicy()).toMatch(/^OutOf\(3,/);
    const committed = await eventually(() => committedTransaction('Auditor', txId));
    expect(committed.validationCode).toBe(0);
    const endorsers = [...new Set(committed.endorserMspIds)];
    expect(endorsers.length).toBeGreaterThanOrEqual(CHAINCODE_ENDORSEMENT_QUORUM);
    expect(endorsers.every((mspId) => net.orgs.some((org) => org.mspId === mspId))).toBe(true);

    const readers = net.orgs.filter((org) => org.name !== writer);
    expect(readers).toHaveLength(net.orgs.length - 1);
    for (const org of readers) {
      const gateway = await connect(net, userOf(org, 'User1'));
      try {
        const contract = (await gateway.getNetwork(net.channel)).getContract(net.chaincode, catalogue.system.name);
        const read = await eventually(
          async () =>
            JSON.parse((await contract.evaluateTransaction(tx.system.ReadHeartbeat.name, 'BankBMSP', label)).toString('utf8')) as unknown,
        );
        expect({ org: org.name, read }).toEqual({
          org: org.name,
          read: expect.objectContaining({ label, mspId: 'BankBMSP', txId }) as unknown,
        });
      } finally {
        gateway.disconnect();
      }
    }
  });
});
