import { FakeLedgers, type RecordedCall } from '../testing/fakes';
import {
  childOf,
  CORE_PEER_ENDORSEMENT,
  issueAndConfirm,
  ProvenanceWorld,
  split,
  SUPPLIERS_PEER_ENDORSEMENT,
} from '../testing/provenance-fixtures';
import { CORE_USER, IMPOSTOR_PEER, SUPPLIERS_USER1 } from '../readmodel/testing/provenance-certs';
import { confirmedReceivable } from '../testing/risk-gate-fixtures';
import { receivableProvenanceFaults } from './provenance';
import { SPLIT_FN } from './provenance-rules';
import { ApiError } from '../http/api-error';
import type { Receivable } from '@scf/kernel/records/receivable';

const encoder = new TextEncoder();

function ledgerOf(world: ProvenanceWorld): FakeLedgers {
  const ledgers = new FakeLedgers();
  ledgers.answer = (call: RecordedCall) => {
    const answer = world.answer(call);
    if (answer === undefined) {
      throw new Error(`unexpected ${call.transaction}(${call.args.join(', ')})`);
    }
    return encoder.encode(JSON.stringify(answer));
  };
  return ledgers;
}

async function faultsOf(world: ProvenanceWorld, financed: Receivable): Promise<string[]> {
  const ledger = ledgerOf(world).forIdentity({ org: 'BankA', mspId: 'BankAMSP', user: 'User1', certPath: '', keyPath: '', mspDir: '' });
  return receivableProvenanceFaults(ledger, world.readers(), financed);
}

const root = confirmedReceivable;
const kept = childOf(root, 'r1-a', 'supplier-1', '400000');
const passed = childOf(root, 'r1-b', 'supplier-2', '600000');

function confirmed(): ProvenanceWorld {
  const world = new ProvenanceWorld();
  issueAndConfirm(world, root);
  return world;
}

function splitOnce(): ProvenanceWorld {
  const world = confirmed();
  split(world, root, [kept, passed]);
  return world;
}

describe("the collateral's provenance", () => {
  it('is verified when the debtor confirmed it, signed by its registered identity and endorsed by its peer', async () => {
    const world = confirmed();
    await expect(faultsOf(world, root)).resolves.toEqual([]);
    expect(world.transactionReads).toEqual(['confirm-r1']);
  });

  it("is verified for a split part when every split on the way was the then-holder's", async () => {
    const world = splitOnce();
    const onward = childOf(passed, 'r1-b-x', 'supplier-2', '600000');
    split(world, passed, [onward]);
    await expect(faultsOf(world, onward)).resolves.toEqual([]);
    // One qscc read per hop: the root's confirmation and the two splits.
    expect([...world.transactionReads].sort()).toEqual(['confirm-r1', 'split-r1', 'split-r1-b']);
  });

  it("fails when the supplier confirmed the core's receivable itself (the measured forgery)", async () => {
    const world = new ProvenanceWorld();
    world.commit(
      {
        txId: 'issue-r1',
        fn: 'scf.receivable:IssueReceivable',
        args: ['r1'],
        mspId: 'SuppliersMSP',
        creatorCert: SUPPLIERS_USER1.certificate,
      },
      [{ ...root, status: 'ISSUED' }],
    );
    // A modified chaincode skipped the debtor check; two orgs' peers endorsed it, none of the core's.
    world.commit(
      {
        txId: 'confirm-r1',
        fn: 'scf.receivable:ConfirmReceivable',
        args: ['r1'],
        mspId: 'SuppliersMSP',
        creatorCert: SUPPLIERS_USER1.certificate,
        endorsements: [SUPPLIERS_PEER_ENDORSEMENT],
      },
      [root],
    );
    const [fault, ...more] = await faultsOf(world, root);
    expect(more).toEqual([]);
    expect(fault).toMatch(
      /^the confirmation of r1 \(tx confirm-r1\): it was created by SuppliersMSP x509::.*User1@suppliers.*, not by the debtor of r1, core of CoreMSP$/,
    );
  });

  it("fails when the debtor's org signed but no peer of the debtor's org endorsed", async () => {
    const world = confirmed();
    world.tamper('confirm-r1', (t) => ({ ...t, endorsements: [SUPPLIERS_PEER_ENDORSEMENT] }));
    await expect(faultsOf(world, root)).resolves.toEqual([
      'the confirmation of r1 (tx confirm-r1): it carries no verifiable endorsement by a peer of CoreMSP (endorsed by: SuppliersMSP)',
    ]);
  });

  it("fails when the debtor peer's endorsement does not verify, or its certificate is not from the debtor org's CA", async () => {
    const badSignature = confirmed();
    badSignature.tamper('confirm-r1', (t) => ({
      ...t,
      endorsements: [{ ...CORE_PEER_ENDORSEMENT, badSignature: true }, SUPPLIERS_PEER_ENDORSEMENT],
    }));
    await expect(faultsOf(badSignature, root)).resolves.toEqual([
      'the confirmation of r1 (tx confirm-r1): it carries no verifiable endorsement by a peer of CoreMSP (endorsed by: CoreMSP (bad signature), SuppliersMSP)',
    ]);
    const impostor = confirmed();
    impostor.tamper('confirm-r1', (t) => ({ ...t, endorsements: [{ mspId: 'CoreMSP', ...IMPOSTOR_PEER }, SUPPLIERS_PEER_ENDORSEMENT] }));
    await expect(faultsOf(impostor, root)).resolves.toEqual([
      'the confirmation of r1 (tx confirm-r1): it carries no verifiable endorsement by a peer of CoreMSP (endorsed by: CoreMSP, SuppliersMSP)',
    ]);
  });

  it("fails when a client (not a peer) of the debtor's org is the only one to endorse", async () => {
    const world = confirmed();
    // Core's client certificate chains to core's CA and signs correctly, but is no peer.
    world.tamper('confirm-r1', (t) => ({ ...t, endorsements: [{ mspId: 'CoreMSP', ...CORE_USER }, SUPPLIERS_PEER_ENDORSEMENT] }));
    await expect(faultsOf(world, root)).resolves.toEqual([
      'the confirmation of r1 (tx confirm-r1): it carries no verifiable endorsement by a peer of CoreMSP (endorsed by: CoreMSP, SuppliersMSP)',
    ]);
    world.tamper('confirm-r1', (t) => ({ ...t, endorsements: [] }));
    await expect(faultsOf(world, root)).resolves.toEqual([
      'the confirmation of r1 (tx confirm-r1): it carries no verifiable endorsement by a peer of CoreMSP (endorsed by: none)',
    ]);
  });

  it('fails when the transaction that confirmed it called another function, or was not valid', async () => {
    const wrongFn = confirmed();
    wrongFn.tamper('confirm-r1', (t) => ({ ...t, fn: 'scf.receivable:RecordDilution' }));
    await expect(faultsOf(wrongFn, root)).resolves.toEqual([
      'the confirmation of r1 (tx confirm-r1): it invoked scf.receivable:RecordDilution(r1), not scf.receivable:ConfirmReceivable(r1)',
    ]);
    const invalid = confirmed();
    invalid.tamper('confirm-r1', (t) => ({ ...t, validationCode: 11 }));
    await expect(faultsOf(invalid, root)).resolves.toEqual([
      'the confirmation of r1 (tx confirm-r1): it is not a valid transaction (MVCC_READ_CONFLICT)',
    ]);
  });

  it('fails when the receivable never went through a confirmation', async () => {
    const issuedOnly = new ProvenanceWorld();
    issuedOnly.commit({ txId: 'issue-r1', fn: 'scf.receivable:IssueReceivable', args: ['r1'] }, [{ ...root, status: 'ISSUED' }]);
    await expect(faultsOf(issuedOnly, root)).resolves.toEqual(['receivable r1 has no version past ISSUED in its history']);
    // Written CONFIRMED from the start: the version that left ISSUED is no confirmation.
    const bornConfirmed = new ProvenanceWorld();
    bornConfirmed.commit({ txId: 'issue-r1', fn: 'scf.receivable:IssueReceivable', args: ['r1'] }, [root]);
    await expect(faultsOf(bornConfirmed, root)).resolves.toEqual([
      'the confirmation of r1 (tx issue-r1): it invoked scf.receivable:IssueReceivable(r1), not scf.receivable:ConfirmReceivable(r1)',
    ]);
    const disputed = new ProvenanceWorld();
    disputed.commit({ txId: 'issue-r1', fn: 'scf.receivable:IssueReceivable', args: ['r1'] }, [{ ...root, status: 'ISSUED' }]);
    disputed.commit({ txId: 'dispute-r1', fn: 'scf.receivable:DisputeReceivable', args: ['r1'] }, [{ ...root, status: 'DISPUTED' }]);
    await expect(faultsOf(disputed, root)).resolves.toEqual([
      'receivable r1 left ISSUED as DISPUTED (tx dispute-r1), not by a confirmation',
    ]);
  });

  it('fails when a split on the way was made by someone other than the holder', async () => {
    const world = confirmed();
    // supplier-2 splits supplier-1's receivable to itself: the forged split was signed by supplier-2.
    split(world, root, [kept, passed], 'supplier-2');
    await expect(faultsOf(world, passed)).resolves.toEqual([
      expect.stringMatching(
        /^the split of r1 that created r1-b \(tx split-r1\): it was created by SuppliersMSP x509::.*User2@suppliers.*, not by the holder of r1, supplier-1 of SuppliersMSP$/,
      ),
    ]);
  });

  it("fails when a split carries no endorsement by the holder's org's peer", async () => {
    const world = splitOnce();
    world.tamper('split-r1', (t) => ({ ...t, endorsements: [CORE_PEER_ENDORSEMENT] }));
    await expect(faultsOf(world, kept)).resolves.toEqual([
      'the split of r1 that created r1-a (tx split-r1): it carries no verifiable endorsement by a peer of SuppliersMSP (endorsed by: CoreMSP)',
    ]);
  });

  it('fails when the part was written by another function than a split of its parent', async () => {
    const world = splitOnce();
    world.tamper('split-r1', (t) => ({ ...t, args: ['r9', '[]'] }));
    await expect(faultsOf(world, kept)).resolves.toEqual([
      `the split of r1 that created r1-a (tx split-r1): it invoked ${SPLIT_FN}(r9), not ${SPLIT_FN}(r1)`,
    ]);
  });

  it("fails when the state's holder or debtor is not the one the verified transaction wrote", async () => {
    const world = confirmed();
    world.receivables.set('r1', { ...root, holderId: 'supplier-2' });
    await expect(faultsOf(world, { ...root, holderId: 'supplier-2' })).resolves.toEqual([
      "receivable r1's debtor or holder changed after its confirmation (tx confirm-r1)",
    ]);
  });

  it('throws, typed, when the ledger cannot be read (never an approval)', async () => {
    const world = confirmed();
    const failing = world.readers();
    const unavailable = new ApiError('NETWORK_UNAVAILABLE', 'the ledger network did not answer in time');
    const ledger = ledgerOf(world).forIdentity({ org: 'BankA', mspId: 'BankAMSP', user: 'User1', certPath: '', keyPath: '', mspDir: '' });
    await expect(receivableProvenanceFaults(ledger, { ...failing, transaction: () => Promise.reject(unavailable) }, root)).rejects.toBe(
      unavailable,
    );
  });
});
