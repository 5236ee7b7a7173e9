import { coreMetrics } from './core-metrics';
import { ratio4 } from '../analytics/ratios';
import { chainGraph } from './graph';
import { smallChain } from './testing/small-chain';

describe('chain graph', () => {
  it('links the core to its tier-1 seller and the seller to the tier-2 supplier it split a part to, with each bank’s exposure per edge', () => {
    const graph = chainGraph(smallChain().snapshot());
    expect(graph.nodes.map((n) => [n.id, n.tier])).toEqual([
      ['core', null],
      ['s1', 1],
      ['s2', 2],
      ['warehouse', null],
    ]);
    expect(graph.edges).toEqual([
      {
        kind: 'goods',
        coreId: null,
        from: 'warehouse',
        to: 's1',
        currency: 'USD',
        amount: '1000',
        count: 1,
        banks: [{ bankMsp: 'BankAMSP', exposure: '600' }],
      },
      // r1a (kept by s1, arrived with r1), r2 and r3: 400 + 500 + 200.
      {
        kind: 'receivable',
        coreId: 'core',
        from: 'core',
        to: 's1',
        currency: 'USD',
        amount: '1100',
        count: 3,
        banks: [{ bankMsp: 'BankAMSP', exposure: '300' }],
      },
      {
        kind: 'receivable',
        coreId: 'core',
        from: 's1',
        to: 's2',
        currency: 'USD',
        amount: '600',
        count: 1,
        banks: [{ bankMsp: 'BankBMSP', exposure: '480' }],
      },
    ]);
    expect(graph).toMatchObject({ height: '42', asOf: '2025-01-10' });
  });
});

describe('core metrics', () => {
  it('works out payables, share financed, bank concentration, depth and goods coverage for the small chain', () => {
    const [core] = coreMetrics(smallChain().snapshot());
    expect(core).toMatchObject({
      coreId: 'core',
      currency: 'USD',
      confirmedPayablesOutstanding: '1200', // r1a 400 + r1b 600 + r3 200
      financedOutstanding: '780', // 300 + 480
      shareFinanced: '0.6500',
      hhi: '0.5266', // (300² + 480²) / 780² = 320400 / 608400
      bankCount: 2,
      tierDepth: 2,
      supplierCount: 2,
      overdueOutstanding: '0',
      dilutionRate: '0.0000',
      goods: { pledgedValue: '1000', loans: '600', coverage: '1.6667' },
    });
    expect(core?.banks).toEqual([
      { bankMsp: 'BankAMSP', exposure: '300', share: '0.3846' },
      { bankMsp: 'BankBMSP', exposure: '480', share: '0.6154' },
    ]);
    expect(core?.monthly).toEqual([
      { month: '2024-12', issuedFace: '1700', diluted: '0', dilutionRate: '0.0000', overdue: '0', overdueRate: '0.0000' },
    ]);
  });

  it('counts a receivable overdue once past due and unpaid, against the face issued in its month', () => {
    const f = smallChain();
    f.receivable('r4', {
      debtorId: 'core',
      creditorId: 's1',
      face: 300n,
      outstanding: 250n,
      diluted: 50n,
      dueDay: (f.receivables[0]?.dueDay ?? 0) - 90,
    });
    const [core] = coreMetrics(f.snapshot());
    expect(core).toMatchObject({ overdueOutstanding: '250', overdueRate: ratio4(250n, 2000n), dilutionRate: ratio4(50n, 2000n) });
  });
});
