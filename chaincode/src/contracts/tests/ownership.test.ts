import { KeyEndorsementPolicy } from 'fabric-shim';
import type { FakeIdentity } from '../../testing/fake-identity';
import { ALL_ORGS } from '../../testing/harness';
import { ID } from '../../testing/identities';
import { TERMS } from '../../testing/scenarios';
import { ASSESSMENT, grantArgs, limitTransient, lineTerms, lineTermsTransient, P, World } from '../../testing/world';
import { compositeKey, KeyType, slotAttribute } from '@scf/kernel/keys';
import { leiFromLabel } from '@scf/kernel/legal-entity';

const A = 'BankAMSP';
const B = 'BankBMSP';
const CORE = 'CoreMSP';
const SUP = 'SuppliersMSP';
const WH = 'WarehouseMSP';
const AUD = 'AuditorMSP';

/** Every org but these. */
function allBut(...missing: string[]): string[] {
  return ALL_ORGS.filter((org) => !missing.includes(org));
}

/** The orgs a key's committed key-level policy requires (undefined: no key-level policy). */
function ownersOf(world: World, type: KeyType, attributes: readonly string[]): string[] | undefined {
  const policy = world.net.ledger.validationParameter(compositeKey(type, attributes));
  return policy && new KeyEndorsementPolicy(policy).listOrgs();
}

/**
 * Endorsed by `rogues` (every org but an owner) the transaction simulates fine but is
 * invalidated at commit and changes nothing; endorsed by exactly `owners` it commits.
 */
async function onlyOwnersCommit(
  world: World,
  who: FakeIdentity,
  fcn: string,
  args: readonly string[],
  rogues: string[],
  owners: string[],
  transient?: Record<string, string>,
) {
  const before = world.net.ledger.entries();
  expect(await world.submit(who, fcn, args, { endorsingOrgs: rogues, transient })).toMatchObject({
    ok: true,
    validation: 'ENDORSEMENT_POLICY_FAILURE',
  });
  expect(world.net.ledger.entries()).toEqual(before);
  expect(await world.submit(who, fcn, args, { endorsingOrgs: owners, transient })).toMatchObject({ ok: true, validation: 'VALID' });
}

function issue(id: string, invoice = `INV-${id}`): [string, string, string, string, string, string, string] {
  return [id, P.core, invoice, 'USD', '1000000', '2025-01-05', '2025-04-01'];
}

function receipt(id: string, lot: string): string[] {
  return [id, P.supplier1, lot, 'COPPER', 'A', 'KG', '1000', 'Shanghai bay 3'];
}

describe('key-level ownership: a change needs a peer of every owner org', () => {
  it("an approval without the bank org is invalidated; with bank, borrower and debtor it commits (the cap share is read, the draw is the bank's)", async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '800000']);
    const approve = await world.approveArgs('f1');
    await onlyOwnersCommit(world, ID.bankAGateway, 'scf.financing:ApproveFinancing', approve, allBut(A), [A, CORE, SUP]);
    expect(ownersOf(world, KeyType.financing, ['f1'])).toEqual([A, SUP]);
    expect(ownersOf(world, KeyType.financingsByBank, [A, 'f1'])).toEqual([A, SUP]);
    expect(ownersOf(world, KeyType.tranche, ['line1', slotAttribute(0)])).toEqual([A]);
    // The auditor owns every slot limit of every bank's share; each bank only the draws on its own share.
    expect(ownersOf(world, KeyType.cap, [P.core, 'USD'])).toEqual([AUD]);
    for (const bank of [A, B]) {
      expect(ownersOf(world, KeyType.capShard, [P.core, 'USD', bank, slotAttribute(0)])).toEqual([AUD]);
      expect(ownersOf(world, KeyType.capDraw, [P.core, 'USD', bank, slotAttribute(31)])).toEqual([bank]);
    }
  });

  it('a financing write without the borrower org is invalidated', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '800000']);
    await onlyOwnersCommit(
      world,
      ID.bankAGateway,
      'scf.financing:RejectFinancing',
      ['f1', JSON.stringify({ ...ASSESSMENT, decision: 'REJECT' })],
      allBut(SUP),
      [A, SUP],
    );
  });

  it('a receivable change without the debtor org is invalidated, from issuance on', async () => {
    const world = await World.withLines();
    await world.submitOk(ID.supplier1, 'scf.receivable:IssueReceivable', issue('r1'));
    expect(ownersOf(world, KeyType.receivable, ['r1'])).toEqual([CORE, SUP]);
    expect(ownersOf(world, KeyType.receivablesByDebtor, [P.core, 'r1'])).toEqual([CORE, SUP]);
    await onlyOwnersCommit(world, ID.supplier1, 'scf.receivable:RecordDilution', ['r1', 'd1', 'CREDIT_NOTE', '10', 'CN-1'], allBut(CORE), [
      CORE,
      SUP,
    ]);
    expect(ownersOf(world, KeyType.dilution, ['r1', 'd1'])).toEqual([CORE, SUP]);
    await onlyOwnersCommit(world, ID.core, 'scf.receivable:DisputeReceivable', ['r1', 'wrong goods'], allBut(SUP), [CORE, SUP]);
  });

  it("a debtor's dilution request belongs to the debtor's and the holder's orgs; accepting it needs every owner of the receivable", async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1', '800000');
    const expiresAt = '2025-03-01T00:00:00Z';
    await onlyOwnersCommit(
      world,
      ID.core,
      'scf.receivable:RequestDilution',
      ['r1', 'd1', 'CREDIT_NOTE', '10', 'CN-1', expiresAt],
      allBut(SUP),
      [CORE, SUP],
    );
    expect(ownersOf(world, KeyType.dilutionRequest, ['r1', 'd1'])).toEqual([CORE, SUP]);
    expect(ownersOf(world, KeyType.pendingDilutionsByHolder, [P.supplier1, 'r1', 'd1'])).toEqual([CORE, SUP]);
    await onlyOwnersCommit(world, ID.supplier1, 'scf.receivable:AcceptDilution', ['r1', 'd1'], allBut(A), [A, CORE, SUP]);
    expect(ownersOf(world, KeyType.dilution, ['r1', 'd1'])).toEqual([A, CORE, SUP]);
    // A payment's cancellation changes the payment and the receivable: every owner of both.
    await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1', '1000', 'WIRE-1']);
    await onlyOwnersCommit(world, ID.bankAOfficer, 'scf.repayment:RejectPayment', ['pay1', 'not received'], allBut(CORE), [A, CORE, SUP]);
  });

  it('the financing bank joins a receivable while it is encumbered and leaves when repaid', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1', '800000');
    expect(ownersOf(world, KeyType.receivable, ['r1'])).toEqual([A, CORE, SUP]);
    expect(ownersOf(world, KeyType.receivablesByHolder, [P.supplier1, 'r1'])).toEqual([A, CORE, SUP]);
    await onlyOwnersCommit(world, ID.supplier1, 'scf.receivable:RecordDilution', ['r1', 'd1', 'CREDIT_NOTE', '10', 'CN-1'], allBut(A), [
      A,
      CORE,
      SUP,
    ]);
    // The payment names the bank (its share) and the holder (the rest): both must endorse its creation.
    await onlyOwnersCommit(world, ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1', '999990', 'WIRE-1'], allBut(A), [A, CORE, SUP]);
    expect(ownersOf(world, KeyType.payment, ['pay1'])).toEqual([A, CORE, SUP]);
    // Releasing the bank's exposure needs its peer (tranches, its own cap draws), not the auditor's.
    await onlyOwnersCommit(world, ID.bankAOfficer, 'scf.repayment:AcknowledgePayment', ['pay1'], allBut(A), [A, CORE, SUP]);
    expect(ownersOf(world, KeyType.receivable, ['r1'])).toEqual([CORE, SUP]);
    expect(ownersOf(world, KeyType.receivablesByDebtor, [P.core, 'r1'])).toEqual([CORE, SUP]);
  });

  it('a split moves the children to their holders: each child needs its debtor and holder orgs', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1', '100');
    const parts = JSON.stringify([{ id: 'c1', amount: '100', holderId: P.supplier3 }]);
    await onlyOwnersCommit(world, ID.supplier1, 'scf.receivable:SplitReceivable', ['r1', parts], allBut(CORE), [CORE, SUP]);
    expect(ownersOf(world, KeyType.receivablesByHolder, [P.supplier3, 'c1'])).toEqual([CORE, SUP]);
  });

  it('a receipt change without the warehouse org is invalidated; the bank joins while it is pledged', async () => {
    const world = await World.registered();
    await world.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', receipt('w1', 'LOT-1'));
    await world.submitOk(ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '100']);
    expect(ownersOf(world, KeyType.receipt, ['w1'])).toEqual([SUP, WH]);
    await onlyOwnersCommit(world, ID.supplier1, 'scf.warehouse:RequestPledge', ['p1', 'w1', A, '50000'], allBut(WH), [A, SUP, WH]);
    expect(ownersOf(world, KeyType.pledge, ['p1'])).toEqual([A, SUP]);
    await onlyOwnersCommit(
      world,
      ID.bankAOfficer,
      'scf.warehouse:AcceptPledge',
      await world.acceptArgs('p1', '2000', '11000'),
      allBut(WH),
      [A, SUP, WH],
    );
    expect(ownersOf(world, KeyType.receipt, ['w1'])).toEqual([A, SUP, WH]);
    expect(ownersOf(world, KeyType.livePledgesByCommodity, ['COPPER', 'A', 'KG', 'p1'])).toEqual([A, SUP]);
    // A price update revalues live pledges: the oracle's org and the pledge's owners endorse.
    await onlyOwnersCommit(world, ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '50'], allBut(AUD), [A, AUD, SUP]);
    await onlyOwnersCommit(world, ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '100'], allBut(A), [A, AUD, SUP]);
    // Private terms: the pledge's owners only (the warehouse, outside the collection, must not endorse).
    await onlyOwnersCommit(world, ID.bankAOfficer, 'scf.warehouse:RecordPledgeTerms', ['p1'], [SUP, WH], [A, SUP], { terms: TERMS });
    await onlyOwnersCommit(world, ID.bankAOfficer, 'scf.warehouse:ReleasePledge', ['p1'], allBut(A), [A, SUP, WH]);
    expect(ownersOf(world, KeyType.receipt, ['w1'])).toEqual([SUP, WH]);
    await onlyOwnersCommit(world, ID.warehouse, 'scf.warehouse:RedeemReceipt', ['w1'], allBut(SUP), [SUP, WH]);
  });

  it('credit lines belong to their bank, the cap to the auditor, participants to their org', async () => {
    const world = await World.withLines();
    await onlyOwnersCommit(world, ID.bankAOfficer, 'scf.creditline:SetCreditLineLimit', ['line1'], [CORE], [A], limitTransient('20000000'));
    await onlyOwnersCommit(world, ID.auditor, 'scf.creditline:SetConsortiumCap', [P.core, 'USD', '60000000'], allBut(AUD), [AUD]);
    await onlyOwnersCommit(world, ID.suppliersAdmin, 'scf.participant:SuspendParticipant', [P.supplier2], allBut(SUP), [SUP]);
    await world.submitOk(ID.bankAOfficer, 'scf.system:Heartbeat', ['hb']);
    await onlyOwnersCommit(world, ID.bankAOfficer, 'scf.system:Heartbeat', ['hb'], allBut(A), [A]);
    expect(ownersOf(world, KeyType.identity, [CORE, ID.core.getID()])).toEqual([CORE]);
    expect(ownersOf(world, KeyType.guard, [CORE])).toEqual([CORE]);
  });
});

describe('creation guard: a record naming an org cannot commit without that org', () => {
  it('a receivable naming a debtor, endorsed without the debtor org', async () => {
    const world = await World.withLines();
    await onlyOwnersCommit(world, ID.supplier1, 'scf.receivable:IssueReceivable', issue('r1'), allBut(CORE), [CORE, SUP]);
  });

  it('a financing naming a bank, endorsed without the bank org', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await onlyOwnersCommit(world, ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '800000'], allBut(A), [A, SUP]);
  });

  it('a payment naming its payee, endorsed without the payee org', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await onlyOwnersCommit(world, ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1', '10', 'WIRE-1'], allBut(SUP), [CORE, SUP]);
  });

  it('a receipt naming an owner, endorsed without the owner org', async () => {
    const world = await World.registered();
    await onlyOwnersCommit(world, ID.warehouse, 'scf.warehouse:IssueReceipt', receipt('w1', 'LOT-1'), allBut(SUP), [SUP, WH]);
  });

  it('a participant of an org, endorsed by two other orgs', async () => {
    const world = await World.registered();
    const registration = ['sup7', ID.newSupplier.getID(), 'Supplier 7', 'supplier', '1', leiFromLabel('sup7')];
    await onlyOwnersCommit(world, ID.suppliersAdmin, 'scf.participant:RegisterParticipant', registration, [A, CORE], [SUP]);
  });

  it('a credit line and a consortium cap, endorsed without their owner org', async () => {
    const world = await World.registered();
    const terms = lineTerms('line9', '1000');
    await onlyOwnersCommit(
      world,
      ID.bankBOfficer,
      'scf.creditline:GrantCreditLine',
      grantArgs('line9', P.core, terms),
      allBut('BankBMSP'),
      ['BankBMSP'],
    );
    // Its terms go to the bank × core collection only; the bank's peer alone endorses them.
    await onlyOwnersCommit(world, ID.bankBOfficer, 'scf.creditline:RecordCreditLineTerms', ['line9'], [CORE], ['BankBMSP'], {
      ...lineTermsTransient(terms),
    });
    // A new cap creates each bank's draw keys: the auditor's and every bank's org must endorse it.
    await onlyOwnersCommit(world, ID.auditor, 'scf.creditline:SetConsortiumCap', [P.core, 'EUR', '1000'], allBut(AUD), [A, AUD, B]);
    await onlyOwnersCommit(world, ID.auditor, 'scf.creditline:SetConsortiumCap', [P.core, 'GBP', '1000'], allBut(B), [A, AUD, B]);
  });
});

describe('the guard keys', () => {
  it("ProtectCreationGuard gives an org's guard its policy once; a second call, heartbeats and creations leave it alone", async () => {
    const world = await World.registered();
    const guardPolicyWrites = () =>
      world.net.ledger.blocks.filter(({ tx, code }) => code === 'VALID' && tx.validationParameters.has(compositeKey(KeyType.guard, [CORE])))
        .length;
    expect(guardPolicyWrites()).toBe(1);
    expect(await world.submitOk(ID.coreAdmin, 'scf.system:ProtectCreationGuard', [])).toEqual({
      mspId: CORE,
      protected: false,
    });
    await world.submitOk(ID.core, 'scf.system:Heartbeat', ['again']);
    await world.submitOk(ID.supplier1, 'scf.receivable:IssueReceivable', issue('r1'));
    expect(guardPolicyWrites()).toBe(1);
    expect(ownersOf(world, KeyType.guard, [CORE])).toEqual([CORE]);
  });
});
