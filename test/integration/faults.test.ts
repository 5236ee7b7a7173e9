// fabric-gateway exports SubmitError as a type only; the class is needed for instanceof.
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror';
import { blockHeight, eventually, runtime, uniqueLabel, utf8, withContract } from '../support/fabric';
import { catalogue, tx } from '@scf/kernel/catalogue/catalogue';

/** Submits one heartbeat; retries only a refused submit (never reached the orderer), not a commit failure. */
async function submitHeartbeat(orgName: string, label: string): Promise<string> {
  return withContract(orgName, 'User1', catalogue.system.name, async (contract) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const commit = await contract.submitAsync(tx.system.Heartbeat.name, { arguments: [label] });
        const status = await commit.getStatus();
        if (!status.successful) {
          throw new Error(`transaction ${status.transactionId} failed validation with code ${status.code}`);
        }
        return status.transactionId;
      } catch (error) {
        if (!(error instanceof SubmitError) || attempt >= 5) {
          throw error;
        }
      }
    }
  });
}

describe('faults', () => {
  it('a peer killed with -9 restarts, catches up and answers the same values', async () => {
    const victim = 'peer0.warehouse.scf.local';
    await runtime.kill(victim);
    const labels: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const label = uniqueLabel('while-peer-down');
        await submitHeartbeat('BankA', label);
        labels.push(label);
      }
    } finally {
      await runtime.restart(victim);
    }
    const target = await blockHeight('BankA');
    await eventually(async () => {
      expect(await blockHeight('Warehouse')).toBeGreaterThanOrEqual(target);
    }, 60_000);
    for (const label of labels) {
      const [onBank, onWarehouse] = await Promise.all(
        ['BankA', 'Warehouse'].map((org) =>
          withContract(org, 'User1', catalogue.system.name, (c) => c.evaluateTransaction(tx.system.ReadHeartbeat.name, 'BankAMSP', label)),
        ),
      );
      expect(utf8.decode(onWarehouse)).toBe(utf8.decode(onBank));
    }
  });

  it('with one Raft orderer killed, transactions still commit', async () => {
    const victim = 'orderer1';
    await runtime.kill(victim);
    try {
      for (let i = 0; i < 5; i++) {
        const txId = await submitHeartbeat(i % 2 === 0 ? 'Core' : 'BankB', uniqueLabel('while-orderer-down'));
        expect(txId).toMatch(/^[0-9a-f]{64}$/);
      }
    } finally {
      await runtime.restart(victim);
    }
    expect(await submitHeartbeat('Suppliers', uniqueLabel('after-orderer-back'))).toMatch(/^[0-9a-f]{64}$/);
  });
});
