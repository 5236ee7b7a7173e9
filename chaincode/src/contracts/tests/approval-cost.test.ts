import { ID } from '../../testing/identities';
import type { SimulatedTx } from '../../testing/fake-ledger';
import { World } from '../../testing/world';
import { approvalEndorsingOrgs, type Financing } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';

/**
 * What ApproveFinancing costs an endorser (issue 18, goal 2): every stub call that is a round
 * trip between the chaincode server and its peer, counted on the fake stub. An approval's
 * simulation is done by three orgs' peers, so a read or write added here is paid three times.
 */
/** Within one tranche (line1: 10 000 000 over 32) and one cap slot (bank A's 25 000 000 over 128), as the bench's approvals are. */
async function requestedFinancing(world: World, id: string): Promise<{ financing: Financing; receivable: Receivable }> {
  await world.confirmedReceivable(`r-${id}`);
  await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', [id, `r-${id}`, 'line1', '150000']);
  return {
    financing: await world.evaluateOk<Financing>(ID.auditor, 'scf.financing:GetFinancing', [id]),
    receivable: await world.evaluateOk<Receivable>(ID.auditor, 'scf.receivable:GetReceivable', [`r-${id}`]),
  };
}

function simulated(outcome: { ok: boolean; raw?: string; tx?: SimulatedTx }): SimulatedTx {
  if (!outcome.ok || outcome.tx === undefined) {
    throw new Error(`expected a successful simulation, got ${String(outcome.raw)}`);
  }
  return outcome.tx;
}

const total = (tx: SimulatedTx): number => [...tx.roundTrips.values()].reduce((a, b) => a + b, 0);

describe('ApproveFinancing: what one endorsement costs', () => {
  it('reads each key once, scans no range, reads no key-level policy: 9 reads, then 4 writes and 3 policies in one batch', async () => {
    // An amount beyond the home slot's headroom reads (and writes) the next slots too.
    const world = await World.withLines();
    await requestedFinancing(world, 'f1');
    const tx = simulated(await world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f1')));
    // Caller (its identity key holds the participant), financing, risk key, receivable, line, cap, the
    // home tranche, the home cap slot's limit (the auditor's key) and its draw (the bank's key): no key twice.
    expect(tx.roundTrips.get('getState')).toBe(9);
    expect(tx.reads.size).toBe(9);
    expect(tx.roundTrips.get('getStateByPartialCompositeKey')).toBeUndefined();
    expect(tx.rangeReads).toHaveLength(0);
    expect(tx.roundTrips.get('getStateValidationParameter')).toBeUndefined();
    // The tranche, the draw, the financing and the receivable; the receivable and its two index
    // keys now name the bank too (the ownership table: the encumbering bank owns them). All seven
    // go to the peer in one write batch (ledger/store.ts), not one round trip each.
    expect(tx.writes.size).toBe(4);
    expect(tx.validationParameters.size).toBe(3);
    expect(tx.roundTrips.get('writeBatch')).toBe(1);
    expect(tx.roundTrips.get('putState')).toBeUndefined();
    expect(tx.roundTrips.get('setStateValidationParameter')).toBeUndefined();
    expect(total(tx)).toBe(10);
  });

  it("costs a heartbeat 2 round trips, for comparison: the caller's identity key, then its write and key-level policy in one batch", async () => {
    const world = await World.registered();
    const tx = simulated(await world.net.simulate(ID.supplier1, 'scf.system:Heartbeat', ['cost']));
    expect(tx.roundTrips.get('getState')).toBe(1);
    expect(tx.roundTrips.get('getStateValidationParameter')).toBeUndefined();
    expect(tx.roundTrips.get('writeBatch')).toBe(1);
    expect(total(tx)).toBe(2);
  });
});

describe('ApproveFinancing: the orgs the risk gate names to endorse it', () => {
  it('bank, borrower and debtor suffice; leaving any one out fails every key-level policy check', async () => {
    const world = await World.withLines();
    const { financing, receivable } = await requestedFinancing(world, 'f1');
    const orgs = approvalEndorsingOrgs(financing, receivable);
    expect(orgs).toEqual(['BankAMSP', 'CoreMSP', 'SuppliersMSP']);
    const args = await world.approveArgs('f1');
    for (const left of orgs) {
      const fewer = await world.net.fork().submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', args, {
        endorsingOrgs: orgs.filter((org) => org !== left),
      });
      expect(fewer).toMatchObject({ ok: true, validation: 'ENDORSEMENT_POLICY_FAILURE' });
    }
    await world.submitOk(ID.bankAGateway, 'scf.financing:ApproveFinancing', args, { endorsingOrgs: orgs });
  });
});
