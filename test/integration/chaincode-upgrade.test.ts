import { CommitError, StatusCode } from '@hyperledger/fabric-gateway';
import { connectGateway, orgByName, readDeployed, userOf } from '@scf/network';
import { isNoEndorsementPlan } from '../../gateway/src/ledger/errors';
import { DEFAULT_LEDGER_TIMEOUTS, LedgerClient } from '../../gateway/src/ledger/ledger-client';
import { eventually, network, runtime, uniqueLabel, utf8, withContract } from '../support/fabric';
import { call, catalogue, tx } from '@scf/kernel/catalogue/catalogue';

/**
 * What a client sees while the chaincode is upgraded under it. Two kinds of failure pass:
 * - endorsed under the old definition and ordered after the new one: MVCC_READ_CONFLICT (the
 *   transaction read the definition), retried with a new proposal like any read conflict;
 * - right after the new definition commits on the client's peer, until the other peers have
 *   committed it too, the peer gateway finds no endorsers (FAILED_PRECONDITION): discovery counts
 *   only the peers that advertise (gossip) the sequence the client's peer has. Seen in CI, not
 *   on a quiet machine.
 * The gateway's ledger client waits out both; anything else is a failure of the upgrade.
 */
describe('a chaincode upgrade while the network runs', () => {
  it('commits the next sequence, keeps the state and keeps committing throughout', async () => {
    const before = readDeployed();
    if (!before) {
      throw new Error('no chaincode deployed');
    }
    const label = uniqueLabel('before-upgrade');
    await withContract('Core', 'User1', catalogue.system.name, (c) => c.submitTransaction(tx.system.Heartbeat.name, label));

    const load = { stop: false };
    // Straight through fabric-gateway: what Fabric itself does during the upgrade.
    let committed = 0;
    let readConflicts = 0;
    const noPlanAt: number[] = [];
    const failures: unknown[] = [];
    const bare = withContract('BankA', 'User1', catalogue.system.name, async (contract) => {
      while (!load.stop) {
        try {
          await contract.submitTransaction(tx.system.Heartbeat.name, uniqueLabel('during-upgrade'));
          committed++;
        } catch (error) {
          if (error instanceof CommitError && error.code === StatusCode.MVCC_READ_CONFLICT) {
            readConflicts++;
          } else if (isNoEndorsementPlan(error)) {
            noPlanAt.push(Date.now());
          } else {
            failures.push(error);
          }
        }
      }
    });
    // Through the gateway's ledger client, as every REST request goes: nothing may fail.
    const net = network();
    const bankB = orgByName(net, 'BankB');
    const { gateway, client } = connectGateway(userOf(bankB, 'User1'), bankB.peer);
    const ledger = new LedgerClient(userOf(bankB, 'User1'), gateway, {
      channel: net.channel,
      chaincode: net.chaincode,
      timeouts: DEFAULT_LEDGER_TIMEOUTS,
      conflictAttempts: 3,
      conflictBackoffMs: 50,
    });
    let committedByClient = 0;
    const clientFailures: unknown[] = [];
    const throughClient = (async () => {
      while (!load.stop) {
        try {
          await ledger.submit(call(tx.system.Heartbeat, { label: uniqueLabel('client-during-upgrade') }));
          committedByClient++;
        } catch (error) {
          clientFailures.push(error);
        }
      }
    })();

    const after = await runtime
      .upgradeChaincode({ force: true })
      .then(async (deployed) => {
        await withContract('Warehouse', 'User1', catalogue.system.name, (c) =>
          c.submitTransaction(tx.system.Heartbeat.name, uniqueLabel('after-upgrade')),
        );
        return deployed;
      })
      .finally(async () => {
        load.stop = true;
        await Promise.allSettled([bare, throughClient]);
        gateway.close();
        client.close();
      });
    const gapMs = noPlanAt.length === 0 ? 0 : Math.max(...noPlanAt) - Math.min(...noPlanAt);
    process.stdout.write(
      `[upgrade] bare client: ${String(committed)} committed, ${String(readConflicts)} read conflicts, ` +
        `${String(noPlanAt.length)} without endorsers over ${String(gapMs)} ms; ledger client: ${String(committedByClient)} committed\n`,
    );

    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.packageId).not.toBe(before.packageId);
    expect(failures).toEqual([]);
    expect(clientFailures).toEqual([]);
    expect(committed).toBeGreaterThan(0);
    expect(committedByClient).toBeGreaterThan(0);
    expect(readConflicts).toBeLessThanOrEqual(3);
    // The ledger client waits this long for endorsers: the gap must fit in it.
    expect(gapMs).toBeLessThan(DEFAULT_LEDGER_TIMEOUTS.endorsementPlanWaitMs);
    for (const org of net.orgs) {
      const read = await eventually(() =>
        withContract(org.name, 'User1', catalogue.system.name, (c) =>
          c.evaluateTransaction(tx.system.ReadHeartbeat.name, 'CoreMSP', label),
        ),
      );
      expect(JSON.parse(utf8.decode(read))).toMatchObject({ label });
    }
  });
});
