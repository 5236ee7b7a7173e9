import { FakeIdentity } from '../../testing/fake-identity';
import { type SealedAnswer, openSealed } from '@scf/kernel/sealed-answer';
import { SEALING_CERT, SEALING_KEY } from '@scf/kernel/testing/certificates';
import { ID } from '../../testing/identities';
import { P, World } from '../../testing/world';
import type { Pledge, PledgeAcceptanceResult, WarehouseReceipt } from '@scf/kernel/records/warehouse';

async function pledged(): Promise<World> {
  const world = await World.registered();
  await world.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', [
    'w1',
    P.supplier1,
    'LOT-7',
    'COPPER',
    'A',
    'KG',
    '1000',
    'Shanghai bay 3',
  ]);
  await world.submitOk(ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '100']);
  await world.submitOk(ID.supplier1, 'scf.warehouse:RequestPledge', ['p1', 'w1', 'BankAMSP', '80000']);
  await world.submitOk(ID.bankAOfficer, 'scf.warehouse:AcceptPledge', await world.acceptArgs('p1', '2000', '11000'));
  return world;
}

describe('scf.warehouse', () => {
  it('a lot backs one receipt only (lot fingerprint)', async () => {
    const world = await World.registered();
    await world.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', [
      'w1',
      P.supplier1,
      'LOT-7',
      'COPPER',
      'A',
      'KG',
      '1000',
      'Shanghai bay 3',
    ]);
    const again = await world.submit(ID.warehouse, 'scf.warehouse:IssueReceipt', [
      'w2',
      P.supplier2,
      'lot-7',
      'COPPER',
      'B',
      'KG',
      '5',
      'Shanghai bay 3',
    ]);
    expect(again).toMatchObject({ ok: false, code: 'DUPLICATE_FINGERPRINT' });
  });

  it('the location is compared regardless of case and spacing ("Bay 3" is "bay  3"), a different bay is another lot', async () => {
    const world = await World.registered();
    await world.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', ['w1', P.supplier1, 'LOT-7', 'COPPER', 'A', 'KG', '1000', 'Bay 3']);
    for (const [id, location] of [
      ['w2', 'bay 3'],
      ['w3', 'BAY   3'],
    ] as const) {
      expect(
        await world.submit(ID.warehouse, 'scf.warehouse:IssueReceipt', [id, P.supplier2, 'LOT-7', 'COPPER', 'A', 'KG', '1000', location]),
      ).toMatchObject({
        ok: false,
        code: 'DUPLICATE_FINGERPRINT',
      });
    }
    expect(
      await world.submitOk<WarehouseReceipt>(ID.warehouse, 'scf.warehouse:IssueReceipt', [
        'w4',
        P.supplier2,
        'LOT-7',
        'COPPER',
        'A',
        'KG',
        '1000',
        'Bay 4',
      ]),
    ).toMatchObject({
      id: 'w4',
      location: 'Bay 4',
    });
  });

  it('loan at most value × (1 − haircut); one pledge at a time', async () => {
    const world = await World.registered();
    await world.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', [
      'w1',
      P.supplier1,
      'LOT-7',
      'COPPER',
      'A',
      'KG',
      '1000',
      'Shanghai bay 3',
    ]);
    await world.submitOk(ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '100']);
    await world.submitOk(ID.supplier1, 'scf.warehouse:RequestPledge', ['p1', 'w1', 'BankAMSP', '80001']);
    expect(await world.submit(ID.bankAOfficer, 'scf.warehouse:AcceptPledge', await world.acceptArgs('p1', '2000', '11000'))).toMatchObject({
      ok: false,
      code: 'COLLATERAL_INSUFFICIENT',
    });
    await world.submitOk(ID.supplier1, 'scf.warehouse:RequestPledge', ['p2', 'w1', 'BankBMSP', '80000']);
    expect(await world.submit(ID.bankAOfficer, 'scf.warehouse:AcceptPledge', await world.acceptArgs('p2', '2000', '11000'))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    await world.submitOk(ID.bankBOfficer, 'scf.warehouse:AcceptPledge', await world.acceptArgs('p2', '2000', '11000'));
    expect(await world.submit(ID.supplier1, 'scf.warehouse:RequestPledge', ['p3', 'w1', 'BankAMSP', '1'])).toMatchObject({
      ok: false,
      code: 'ENCUMBERED',
    });
  });

  it('AcceptPledge returns the pledge and the valuation it accepted at', async () => {
    const world = await World.registered();
    await world.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', [
      'w1',
      P.supplier1,
      'LOT-7',
      'COPPER',
      'A',
      'KG',
      '1000',
      'Shanghai bay 3',
    ]);
    const price = await world.submitOk<{ price: { setAt: string } }>(ID.oracle, 'scf.warehouse:SetPrice', [
      'COPPER',
      'A',
      'KG',
      'USD',
      '100',
    ]);
    await world.submitOk(ID.supplier1, 'scf.warehouse:RequestPledge', ['p1', 'w1', 'BankAMSP', '70000']);
    const accepted = await world.submitOk<PledgeAcceptanceResult>(
      ID.bankAOfficer,
      'scf.warehouse:AcceptPledge',
      await world.acceptArgs('p1', '2500', '11000'),
    );
    expect(Object.keys(accepted).sort()).toEqual(['pledge', 'valuation']);
    expect(accepted.pledge).toMatchObject({ id: 'p1', status: 'ACTIVE', loanAmount: '70000', haircutBps: '2500' });
    expect(accepted.valuation).toEqual({
      receiptId: 'w1',
      quantity: '1000',
      currency: 'USD',
      pricePerUnit: '100',
      priceSetAt: price.price.setAt,
      value: '100000',
      haircutBps: '2500',
      maxLoan: '75000',
      loanAmount: '70000',
    });
  });

  it('a price drop breaking the maintenance ratio puts the loan in margin call; a recovery cures it', async () => {
    const world = await pledged();
    const drop = await world.submitOk<{ changedPledges: Pledge[] }>(ID.oracle, 'scf.warehouse:SetPrice', [
      'COPPER',
      'A',
      'KG',
      'USD',
      '87',
    ]);
    expect(drop.changedPledges.map((p) => [p.id, p.status])).toEqual([['p1', 'MARGIN_CALL']]);
    const event = world.net.ledger.blocks[world.net.ledger.blocks.length - 1]?.tx.event;
    expect(JSON.parse(event?.payload.toString() ?? '{}')).toMatchObject({ pledges: [{ pledgeId: 'p1', status: 'MARGIN_CALL' }] });
    const cure = await world.submitOk<{ changedPledges: Pledge[] }>(ID.oracle, 'scf.warehouse:SetPrice', [
      'COPPER',
      'A',
      'KG',
      'USD',
      '88',
    ]);
    expect(cure.changedPledges.map((p) => p.status)).toEqual(['ACTIVE']);
  });

  it('redemption only when not pledged; release on repayment frees the receipt', async () => {
    const world = await pledged();
    expect(await world.submit(ID.warehouse, 'scf.warehouse:RedeemReceipt', ['w1'])).toMatchObject({ ok: false, code: 'ENCUMBERED' });
    await world.submitOk(ID.bankAOfficer, 'scf.warehouse:ReleasePledge', ['p1']);
    const redeemed = await world.submitOk<WarehouseReceipt>(ID.warehouse, 'scf.warehouse:RedeemReceipt', ['w1']);
    expect(redeemed.status).toBe('REDEEMED');
    const afterRelease = await world.submitOk<{ changedPledges: Pledge[] }>(ID.oracle, 'scf.warehouse:SetPrice', [
      'COPPER',
      'A',
      'KG',
      'USD',
      '1',
    ]);
    expect(afterRelease.changedPledges).toEqual([]);
  });

  it('pledge terms go to the bank × owner-org collection', async () => {
    const world = await pledged();
    const terms = JSON.stringify({ salt: 'ab'.repeat(20), rateKind: 'INTEREST', rateBps: '650' });
    await world.submitOk(ID.bankAOfficer, 'scf.warehouse:RecordPledgeTerms', ['p1'], { transient: { terms } });
    expect(world.net.ledger.blockBytes()).toContain('terms_BankAMSP_SuppliersMSP');
    const owner = new FakeIdentity('SuppliersMSP', ID.supplier1.getID(), SEALING_CERT);
    const sealed = await world.evaluateOk<SealedAnswer>(owner, 'scf.warehouse:GetPledgeTerms', ['p1']);
    expect(JSON.stringify(sealed)).not.toContain('650');
    expect(JSON.parse(openSealed(sealed, SEALING_KEY).toString('utf8'))).toMatchObject({ rateBps: '650' });
  });
});
