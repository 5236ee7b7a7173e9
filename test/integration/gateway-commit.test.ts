import { CHAINCODE_ENDORSEMENT_QUORUM, endorsementPolicy } from '@scf/network';
import { committedTransaction, eventually, network, uniqueLabel, utf8, withContract } from '../support/fabric';
import { catalogue, tx } from '@scf/kernel/catalogue/catalogue';

interface Heartbeat {
  label: string;
  mspId: string;
  txId: string;
  unixSeconds: string;
}

describe('a transaction through @hyperledger/fabric-gateway', () => {
  const label = uniqueLabel('gw');
  let txId = '';

  beforeAll(async () => {
    txId = await withContract('BankA', 'User1', catalogue.system.name, async (contract) => {
      const commit = await contract.submitAsync(tx.system.Heartbeat.name, { arguments: [label] });
      const status = await commit.getStatus();
      expect(status.successful).toBe(true);
      return commit.getTransactionId();
    });
  });

  it('is endorsed by three different orgs, as the chaincode policy asks of a new key (the gateway plans them itself)', async () => {
    expect(endorsementPolicy()).toMatch(/^OutOf\(3,/);
    const tx = await committedTransaction('Core', txId);
    expect(tx.validationCode).toBe(0);
    expect(new Set(tx.endorserMspIds).size).toBeGreaterThanOrEqual(CHAINCODE_ENDORSEMENT_QUORUM);
  });

  it('is read back from the peer of every other org', async () => {
    const others = network().orgs.filter((o) => o.name !== 'BankA');
    expect(others).toHaveLength(5);
    for (const org of others) {
      const json = await eventually(() =>
        withContract(org.name, 'User1', catalogue.system.name, (c) =>
          c.evaluateTransaction(tx.system.ReadHeartbeat.name, 'BankAMSP', label),
        ),
      );
      const heartbeat = JSON.parse(utf8.decode(json)) as Heartbeat;
      expect(heartbeat).toMatchObject({ label, mspId: 'BankAMSP', txId });
    }
  });

  it('refuses an invalid argument with a clear error and commits nothing', async () => {
    await withContract('BankA', 'User1', catalogue.system.name, async (contract) => {
      await expect(contract.submitTransaction(tx.system.Heartbeat.name, 'not a valid label!')).rejects.toThrow();
      await expect(contract.evaluateTransaction(tx.system.ReadHeartbeat.name, 'BankAMSP', 'not a valid label!')).rejects.toThrow(
        /NOT_FOUND/,
      );
    });
  });
});
