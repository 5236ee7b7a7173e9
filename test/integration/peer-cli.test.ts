import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CHAINCODE_ENDORSEMENT_QUORUM, fabricHome, orgByName } from '@scf/network';
import { eventually, network, uniqueLabel } from '../support/fabric';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';

const exec = promisify(execFile);

/** The `peer` CLI as a user of one org, as an operator would run it. */
function cliEnv(orgName: string): NodeJS.ProcessEnv {
  const org = orgByName(network(), orgName);
  const user = org.users[0];
  if (!user) {
    throw new Error(`${orgName} has no user`);
  }
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    FABRIC_CFG_PATH: path.join(fabricHome, 'config'),
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: user.mspDir,
    CORE_PEER_ADDRESS: org.peer.address,
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: org.peer.tlsCaPath,
  };
}

describe('the peer CLI', () => {
  it('invokes with three orgs endorsing (the chaincode-level policy for a new key), and every peer answers the committed value', async () => {
    const net = network();
    const label = uniqueLabel('cli');
    const orderer = net.orderers[0];
    if (!orderer) {
      throw new Error('no orderer');
    }
    // The peer CLI sends only to the peers it names: a heartbeat is a new key, so it needs 3 of 6.
    const endorsers = ['Core', 'Suppliers', 'Warehouse'].map((name) => orgByName(net, name).peer);
    expect(endorsers).toHaveLength(CHAINCODE_ENDORSEMENT_QUORUM);
    const args = {
      Args: [fcn(tx.system.Heartbeat), label],
    };
    await exec(
      path.join(fabricHome, 'bin', 'peer'),
      [
        'chaincode',
        'invoke',
        '-o',
        orderer.address,
        '--tls',
        '--cafile',
        orderer.tlsCaPath,
        '-C',
        net.channel,
        '-n',
        net.chaincode,
        ...endorsers.flatMap((p) => ['--peerAddresses', p.address, '--tlsRootCertFiles', p.tlsCaPath]),
        '-c',
        JSON.stringify(args),
        '--waitForEvent',
      ],
      { env: cliEnv('Suppliers') },
    );

    for (const org of net.orgs) {
      const { stdout } = await eventually(() =>
        exec(
          path.join(fabricHome, 'bin', 'peer'),
          [
            'chaincode',
            'query',
            '-C',
            net.channel,
            '-n',
            net.chaincode,
            '-c',
            JSON.stringify({ Args: [fcn(tx.system.ReadHeartbeat), 'SuppliersMSP', label] }),
          ],
          { env: cliEnv(org.name) },
        ),
      );
      expect(JSON.parse(stdout)).toMatchObject({ label, mspId: 'SuppliersMSP' });
    }
  });
});
