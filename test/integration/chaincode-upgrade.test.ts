import { CommitError, StatusCode } from '@hyperledger/fabric-gateway';
import { readDeployed } from '@scf/network';
import { eventually, network, runtime, uniqueLabel, utf8, withContract } from '../support/fabric';
import { catalogue, tx } from '@scf/kernel/catalogue/catalogue';

describe('a chaincode upgrade while the network runs', () => {
  it('commits the next sequence, keeps the state and keeps committing throughout', async () => {
    const before = readDeployed();
    if (!before) {
      throw new Error('no chaincode deployed');
    }
    const label = uniqueLabel('before-upgrade');
    await withContract('Core', 'User1', catalogue.system.name, (c) => c.submitTransaction(tx.system.Heartbeat.name, label));

    // Transactions endorsed under the old definition and ordered after the new one are
    // invalidated with MVCC_READ_CONFLICT (they read the definition). Like any MVCC conflict,
    // that is retried with a new proposal; anything else is a failure of the upgrade.
    let stop = false;
    let committed = 0;
    let readConflicts = 0;
    const failures: unknown[] = [];
    const load = withContract('BankA', 'User1', catalogue.system.name, async (contract) => {
      while (!stop) {
        try {
          await contract.submitTransaction(tx.system.Heartbeat.name, uniqueLabel('during-upgrade'));
          committed++;
        } catch (error) {
          if (error instanceof CommitError && error.code === StatusCode.MVCC_READ_CONFLICT) {
            readConflicts++;
          } else {
            failures.push(error);
          }
        }
      }
    });

    const after = await runtime.upgradeChaincode({ force: true });
    await withContract('Warehouse', 'User1', catalogue.system.name, (c) =>
      c.submitTransaction(tx.system.Heartbeat.name, uniqueLabel('after-upgrade')),
    );
    stop = true;
    await load;

    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.packageId).not.toBe(before.packageId);
    expect(failures).toEqual([]);
    expect(committed).toBeGreaterThan(0);
    expect(readConflicts).toBeLessThanOrEqual(3);
    for (const org of network().orgs) {
      const read = await eventually(() =>
        withContract(org.name, 'User1', catalogue.system.name, (c) =>
          c.evaluateTransaction(tx.system.ReadHeartbeat.name, 'CoreMSP', label),
        ),
      );
      expect(JSON.parse(utf8.decode(read))).toMatchObject({ label });
    }
  });
});
