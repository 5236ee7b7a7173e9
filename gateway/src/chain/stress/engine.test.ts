import fc from 'fast-check';
import { AS_OF_DAY, ChainFixture } from '../testing/chain-fixture';
import { smallChain } from '../testing/small-chain';
import { runStress } from './engine';
import { withShock, type StressScenario } from './scenario';

const losses = (scenario: StressScenario) =>
  Object.fromEntries(runStress(smallChain().snapshot(), scenario).banks.map((b) => [b.bankMsp, b.loss]));

describe('stress engine on the hand-worked chain', () => {
  it('core default without recovery: banks lose their receivable principal, everything owed goes overdue, s1 loses r3 as collateral', () => {
    const result = runStress(smallChain().snapshot(), { kind: 'core-default', coreId: 'core', recoveryBps: 0 });
    expect(result.banks).toEqual([
      { bankMsp: 'BankAMSP', currency: 'USD', exposure: '900', collateralAfter: '600', overdueExposure: '300', loss: '300' },
      { bankMsp: 'BankBMSP', currency: 'USD', exposure: '480', collateralAfter: '0', overdueExposure: '480', loss: '480' },
    ]);
    expect(result.receivables.overdueCount).toBe(4);
    expect(result.receivables.listed.map((r) => r.id)).toEqual(['r1a', 'r1b', 'r2', 'r3']);
    expect(result.totals).toEqual([{ currency: 'USD', exposure: '1380', loss: '780', overdueOutstanding: '1700', liquidityGap: '200' }]);
    expect(result.liquidityGap).toEqual({
      byTier: [{ tier: 1, currency: 'USD', suppliers: 1, gap: '200' }],
      suppliers: [{ supplierId: 's1', tier: 1, currency: 'USD', financeableBefore: '200', financeableAfter: '0', gap: '200' }],
    });
    expect(result.height).toBe('42');
  });

  it('core default with 50% recovered: 400×50% = 200 covers 200 of BankA’s 300; 600×50% = 300 of BankB’s 480', () => {
    expect(losses({ kind: 'core-default', coreId: 'core', recoveryBps: 5000 })).toEqual({ BankAMSP: '100', BankBMSP: '180' });
  });

  it('core pays 15 days late: only r3 (due in 10 days) goes overdue; no principal is lost', () => {
    const result = runStress(smallChain().snapshot(), { kind: 'core-late', coreId: 'core', days: 15 });
    expect(result.receivables.listed.map((r) => [r.id, r.effect])).toEqual([['r3', 'overdue']]);
    expect(result.banks.map((b) => b.loss)).toEqual(['0', '0']);
    expect(result.liquidityGap.byTier).toEqual([{ tier: 1, currency: 'USD', suppliers: 1, gap: '200' }]);
  });

  it('core pays 61 days late: the financed parts go overdue too', () => {
    const result = runStress(smallChain().snapshot(), { kind: 'core-late', coreId: 'core', days: 61 });
    expect(result.receivables.overdueCount).toBe(4);
    expect(result.banks.map((b) => [b.bankMsp, b.overdueExposure])).toEqual([
      ['BankAMSP', '300'],
      ['BankBMSP', '480'],
    ]);
  });

  it('copper −25%: 750 still meets 720, no call; −30%: 700 < 720, margin call but no loss; −50%: 500 < loan 600, BankA loses 100', () => {
    const at = (fallBps: number) => runStress(smallChain().snapshot(), { kind: 'price-fall', commodity: 'copper', fallBps });
    expect(at(2500).marginCalls).toEqual([]);
    expect(at(3000).marginCalls).toEqual([
      {
        pledgeId: 'pl1',
        bankMsp: 'BankAMSP',
        ownerId: 's1',
        commodity: 'copper',
        currency: 'USD',
        loan: '600',
        valueBefore: '1000',
        valueAfter: '700',
        requiredValue: '720',
      },
    ]);
    expect(at(3000).banks.map((b) => b.loss)).toEqual(['0', '0']);
    expect(at(5000).banks.map((b) => b.loss)).toEqual(['100', '0']);
  });

  it('supplier s1 fails with 30% dilution: r2 lost; r1a 400→280 under BankA’s 300 (loss 20); r1b 600→420 under 480 (loss 60); r3 200→140 (gap 60)', () => {
    const result = runStress(smallChain().snapshot(), { kind: 'supplier-failure', supplierId: 's1', dilutionBps: 3000 });
    expect(result.banks.map((b) => [b.bankMsp, b.loss])).toEqual([
      ['BankAMSP', '20'],
      ['BankBMSP', '60'],
    ]);
    expect(result.receivables).toMatchObject({ lostCount: 1, dilutedCount: 3, overdueCount: 0 });
    expect(result.liquidityGap.suppliers).toEqual([
      { supplierId: 's1', tier: 1, currency: 'USD', financeableBefore: '200', financeableAfter: '140', gap: '60' },
    ]);
  });

  it('supplier failure with 10% dilution leaves every financing covered', () => {
    expect(losses({ kind: 'supplier-failure', supplierId: 's1', dilutionBps: 1000 })).toEqual({ BankAMSP: '0', BankBMSP: '0' });
  });

  it('the same scenario on the same snapshot gives byte-identical JSON, whatever order its fields came in', () => {
    const a = JSON.stringify(runStress(smallChain().snapshot(), { kind: 'core-default', coreId: 'core', recoveryBps: 2500 }));
    const b = JSON.stringify(runStress(smallChain().snapshot(), { recoveryBps: 2500, coreId: 'core', kind: 'core-default' }));
    expect(b).toBe(a);
  });
});

/** Random chains: one core, up to 4 suppliers, up to 3 banks; financings below each receivable's outstanding, or above it (already short). */
const arbitraryChain = fc
  .record({
    receivables: fc.array(
      fc.record({
        supplier: fc.integer({ min: 0, max: 3 }),
        face: fc.bigInt({ min: 1n, max: 1_000_000n }),
        status: fc.constantFrom('CONFIRMED', 'ISSUED', 'DISPUTED', 'SETTLED'),
        dueIn: fc.integer({ min: -30, max: 120 }),
        bank: fc.option(fc.integer({ min: 0, max: 2 })),
        advancePct: fc.integer({ min: 1, max: 120 }),
      }),
      { maxLength: 25 },
    ),
    pledges: fc.array(
      fc.record({
        bank: fc.integer({ min: 0, max: 2 }),
        quantity: fc.bigInt({ min: 1n, max: 1000n }),
        loan: fc.bigInt({ min: 1n, max: 200_000n }),
      }),
      { maxLength: 5 },
    ),
  })
  .map(({ receivables, pledges }) => {
    const f = new ChainFixture().participant('core', 'core-enterprise');
    for (let s = 0; s < 4; s++) {
      f.participant(`s${String(s)}`, 'supplier', 1 + (s % 2));
    }
    f.price('copper', 100n);
    receivables.forEach((spec, i) => {
      const r = f.receivable(`r${String(i).padStart(3, '0')}`, {
        debtorId: 'core',
        creditorId: `s${String(spec.supplier)}`,
        face: spec.face,
        status: spec.status,
        dueDay: AS_OF_DAY + spec.dueIn,
      });
      if (spec.bank !== null && spec.status === 'CONFIRMED') {
        f.finance(`f${String(i)}`, r, `Bank${String(spec.bank)}MSP`, (spec.face * BigInt(spec.advancePct)) / 100n + 1n);
      }
    });
    pledges.forEach((p, i) => f.pledge(`p${String(i)}`, 's0', `Bank${String(p.bank)}MSP`, 'copper', p.quantity, p.loan));
    return f.snapshot();
  });

const arbitraryScenario = fc.constantFrom<StressScenario>(
  { kind: 'core-default', coreId: 'core', recoveryBps: 0 },
  { kind: 'core-late', coreId: 'core', days: 0 },
  { kind: 'price-fall', commodity: 'copper', fallBps: 0 },
  { kind: 'supplier-failure', supplierId: 's1', dilutionBps: 0 },
);

describe('stress engine properties', () => {
  it('no bank loses more than its exposure, nor less than nothing', () => {
    fc.assert(
      fc.property(arbitraryChain, arbitraryScenario, fc.integer({ min: 0, max: 10_000 }), (snapshot, scenario, shock) => {
        for (const bank of runStress(snapshot, withShock(scenario, shock)).banks) {
          expect(BigInt(bank.loss)).toBeGreaterThanOrEqual(0n);
          expect(BigInt(bank.loss)).toBeLessThanOrEqual(BigInt(bank.exposure));
        }
      }),
    );
  });

  it('a zero shock gives zero loss and no margin call', () => {
    fc.assert(
      fc.property(arbitraryChain, arbitraryScenario, (snapshot, scenario) => {
        const result = runStress(snapshot, withShock(scenario, 0));
        expect(result.banks.every((b) => b.loss === '0')).toBe(true);
        expect(result.marginCalls).toEqual([]);
      }),
    );
  });

  it('losses never fall as the shock grows', () => {
    fc.assert(
      fc.property(
        arbitraryChain,
        arbitraryScenario,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (snapshot, scenario, x, y) => {
          const [small, large] = x <= y ? [x, y] : [y, x];
          const before = runStress(snapshot, withShock(scenario, small));
          const after = runStress(snapshot, withShock(scenario, large));
          const lossAfter = new Map(after.banks.map((b) => [`${b.bankMsp}/${b.currency}`, BigInt(b.loss)]));
          for (const bank of before.banks) {
            expect(lossAfter.get(`${bank.bankMsp}/${bank.currency}`) ?? 0n).toBeGreaterThanOrEqual(BigInt(bank.loss));
          }
        },
      ),
    );
  });
});
