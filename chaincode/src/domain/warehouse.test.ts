import { AT, core, participant, supplier1 } from '../testing/domain-fixtures';
import { acceptPledge, cancelPledge, issueReceipt, redeemReceipt, releasePledge, requestPledge, revaluePledge } from './warehouse';
import { lotFingerprint } from '@scf/kernel/fingerprints';
import { type CommodityPrice, maxLoan } from '@scf/kernel/records/warehouse';
import { codeOf } from '@scf/kernel/testing/expect-code';

const warehouse = participant('wh1', 'warehouse', 'WarehouseMSP');
const receipt = issueReceipt(
  { id: 'w1', lotId: 'LOT-7', commodity: 'COPPER', grade: 'A', unit: 'KG', quantity: 1000n, location: 'SH-3' },
  warehouse,
  supplier1,
  AT,
);
const price = (pricePerUnit: string): CommodityPrice => ({
  commodity: 'COPPER',
  grade: 'A',
  unit: 'KG',
  currency: 'USD',
  pricePerUnit,
  setBy: 'oracle',
  setAt: AT,
});
const terms = { haircutBps: 2000n, maintenanceRatioBps: 11000n };

describe('receipts', () => {
  it('are issued to a supplier or core enterprise with a lot fingerprint', () => {
    expect(receipt).toMatchObject({
      status: 'ISSUED',
      ownerId: 'sup1',
      quantity: '1000',
      lotFingerprint: lotFingerprint(warehouse.legalEntityId, 'SH-3', 'lot-7'),
    });
    expect(
      issueReceipt({ id: 'w2', lotId: 'L', commodity: 'C', grade: 'A', unit: 'KG', quantity: 1n, location: 'X' }, warehouse, core, AT)
        .ownerId,
    ).toBe('core1');
    expect(
      codeOf(() =>
        issueReceipt(
          { id: 'w2', lotId: 'L', commodity: 'C', grade: 'A', unit: 'KG', quantity: 1n, location: 'X' },
          warehouse,
          warehouse,
          AT,
        ),
      ),
    ).toBe('INVALID_ARGUMENT');
  });
});

describe('lot fingerprint', () => {
  it("ignores case, whitespace, width, look-alike letters and the digits' script in the location and lot id", () => {
    const base = lotFingerprint('wh1', 'Bay 3', 'LOT-7');
    for (const [location, lot] of [
      ['bay 3', 'LOT-7'],
      ['BAY 3', 'lot-7'],
      ['  Bay   3 ', 'Lot-7'],
      ['Bay\t3', 'LOT-7'],
      ['Ｂａｙ\u30003', 'LOT-7'],
      ['Ваy ३', 'LОТ-७'], // Cyrillic В, а, О, Т; Devanagari digits
    ] as const) {
      expect(lotFingerprint('wh1', location, lot)).toBe(base);
    }
  });

  it('different lots, locations or warehouses do not collide', () => {
    const fingerprints = [
      lotFingerprint('wh1', 'Bay 3', 'LOT-7'),
      lotFingerprint('wh1', 'Bay 3', 'LOT-8'),
      lotFingerprint('wh1', 'Bay 4', 'LOT-7'),
      lotFingerprint('wh1', 'Bay 30', 'LOT-7'),
      lotFingerprint('wh1', 'Bay3', 'LOT-7'),
      lotFingerprint('wh2', 'Bay 3', 'LOT-7'),
    ];
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('the same goods issued as "Bay 3" and "bay 3" share one fingerprint on their receipts', () => {
    const again = issueReceipt(
      { id: 'w2', lotId: 'lot-7', commodity: 'COPPER', grade: 'A', unit: 'KG', quantity: 5n, location: 'sh-3' },
      warehouse,
      core,
      AT,
    );
    expect(again.lotFingerprint).toBe(receipt.lotFingerprint);
  });
});

describe('pledges', () => {
  const pledge = requestPledge('p1', receipt, 'sup1', 'BankAMSP', 80_000n, AT);

  it('loan at most value × (1 − haircut)', () => {
    expect(maxLoan(100_000n, 2000n)).toBe(80_000n);
    const accepted = acceptPledge(pledge, receipt, price('100'), terms, AT);
    expect(accepted.pledge).toMatchObject({ status: 'ACTIVE', haircutBps: '2000', currency: 'USD' });
    expect(accepted.receipt.pledgeId).toBe('p1');
    expect(codeOf(() => acceptPledge(pledge, receipt, price('99'), terms, AT))).toBe('COLLATERAL_INSUFFICIENT');
  });

  it('one active pledge at a time, and only the owner pledges', () => {
    const { receipt: pledged } = acceptPledge(pledge, receipt, price('100'), terms, AT);
    expect(codeOf(() => requestPledge('p2', pledged, 'sup1', 'BankBMSP', 1n, AT))).toBe('ENCUMBERED');
    expect(codeOf(() => acceptPledge({ ...pledge, id: 'p2' }, pledged, price('100'), terms, AT))).toBe('ENCUMBERED');
    expect(codeOf(() => requestPledge('p2', receipt, 'sup2', 'BankBMSP', 1n, AT))).toBe('FORBIDDEN');
  });

  it('a price drop below the maintenance ratio is a margin call, a recovery cures it', () => {
    const { pledge: active } = acceptPledge(pledge, receipt, price('100'), terms, AT);
    // loan 80 000 at 110% needs goods worth 88 000: 1000 kg at 88.
    expect(revaluePledge(active, price('87'), AT).status).toBe('MARGIN_CALL');
    expect(revaluePledge(active, price('88'), AT)).toBe(active);
    expect(revaluePledge(revaluePledge(active, price('80'), AT), price('88'), AT).status).toBe('ACTIVE');
  });

  it('release frees the receipt; redemption only when unpledged and by the issuing warehouse', () => {
    const accepted = acceptPledge(pledge, receipt, price('100'), terms, AT);
    expect(codeOf(() => redeemReceipt(accepted.receipt, 'wh1', AT))).toBe('ENCUMBERED');
    const released = releasePledge(accepted.pledge, accepted.receipt, AT);
    expect(released.pledge.status).toBe('RELEASED');
    expect(released.receipt.pledgeId).toBeUndefined();
    expect(codeOf(() => redeemReceipt(released.receipt, 'wh2', AT))).toBe('FORBIDDEN');
    expect(redeemReceipt(released.receipt, 'wh1', AT).status).toBe('REDEEMED');
  });

  it('cancel only by the owner while requested', () => {
    expect(codeOf(() => cancelPledge(pledge, 'sup2', AT))).toBe('FORBIDDEN');
    expect(cancelPledge(pledge, 'sup1', AT).status).toBe('CANCELLED');
  });
});
