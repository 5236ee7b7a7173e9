import { IdentityFiles, NetworkDescription, orgByName, userOf } from '@scf/network';
import { Gateway, Wallets, type X509Identity } from 'fabric-network';
import fs from 'node:fs';
import { eventually, network, uniqueLabel } from '../support/fabric';

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
        grpcOptions: { 'ssl-target-name-override': 'localhost', hostnameOverride: 'localhost' },
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
  });
  return gateway;
}

describe('the legacy fabric-network 2.2 SDK', () => {
  it('submits through discovery and reads back from another org', async () => {
    const net = network();
    const label = uniqueLabel('sdk22');
    const bankB = await connect(net, userOf(orgByName(net, 'BankB'), 'User1'));
    try {
      const contract = (await bankB.getNetwork(net.channel)).getContract(net.chaincode, 'scf.system');
      const written = JSON.parse((await contract.submitTransaction('Heartbeat', label)).toString('utf8')) as { mspId: string };
      expect(written.mspId).toBe('BankBMSP');
    } finally {
      bankB.disconnect();
    }
    const auditor = await connect(net, userOf(orgByName(net, 'Auditor'), 'User1'));
    try {
      const contract = (await auditor.getNetwork(net.channel)).getContract(net.chaincode, 'scf.system');
      const read = await eventually(async () => JSON.parse((await contract.evaluateTransaction('ReadHeartbeat', 'BankBMSP', label)).toString('utf8')) as unknown);
      expect(read).toMatchObject({ label, mspId: 'BankBMSP' });
    } finally {
      auditor.disconnect();
    }
  });
});
