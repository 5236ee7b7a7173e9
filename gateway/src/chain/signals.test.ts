import { testPolicy } from '../risk/testing/fixtures';
import { ChainFiguresMemo, chainFigures } from './signals';
import { AS_OF_DAY, largeChain } from './testing/chain-fixture';
import { smallChain } from './testing/small-chain';

const policy = testPolicy().chain;
const asked = { id: 'new', bankMsp: 'BankAMSP', borrowerId: 's2', debtorId: 'core', currency: 'USD', amount: 100n };

describe('chain figures for the risk gate', () => {
  it('works out the small chain’s figures for a new BankA financing of 100 to tier-2 s2', () => {
    const figures = chainFigures(smallChain().snapshot(), policy, asked, AS_OF_DAY);
    expect(figures).toEqual({
      coreId: 'core',
      // Nothing is due yet: no overdue sample.
      overdue: { recent: { count: 0, amount: 0n, base: 0n }, history: { count: 0, amount: 0n, base: 0n } },
      // r1, r2, r3 issued 30 days ago: in the history window (the recent one is the last 30 days, exclusive).
      dilution: { recent: { count: 0, amount: 0n, base: 0n }, history: { count: 3, amount: 0n, base: 1700n } },
      // BankA: 300 on r1a, all on this core, plus the 100 asked.
      bankOnChain: { chainExposureAfter: 400n, bookAfter: 400n },
      pledgeCoverage: { pledges: 1, value: 1000n, loans: 600n },
      // Tier 2: BankB's 480 to s2, asked 5 days ago, plus this 100.
      tierVolume: { tier: 2, recent: 580n, prior: [0n, 0n, 0n] },
    });
  });

  it('splits overdue receivables into the recent window and the history before it', () => {
    const f = smallChain();
    f.receivable('old', { debtorId: 'core', creditorId: 's1', face: 1000n, outstanding: 400n, dueDay: AS_OF_DAY - 45 });
    f.receivable('new1', { debtorId: 'core', creditorId: 's1', face: 500n, outstanding: 500n, dueDay: AS_OF_DAY - 3 });
    f.receivable('paid', { debtorId: 'core', creditorId: 's1', face: 800n, outstanding: 0n, status: 'SETTLED', dueDay: AS_OF_DAY - 10 });
    const figures = chainFigures(f.snapshot(), policy, asked, AS_OF_DAY);
    expect(figures.overdue).toEqual({ recent: { count: 2, amount: 500n, base: 1300n }, history: { count: 1, amount: 400n, base: 1000n } });
  });

  it('gives, from one computation per scope, the very figures chainFigures gives each financing on its own', () => {
    // Financings of every bank, status, currency and age (requested 0 … 140 days ago), some asked again by their own id.
    const f = smallChain();
    const statuses = ['ACTIVE', 'DEFAULTED', 'REQUESTED', 'REJECTED', 'CANCELLED', 'REPAID'];
    for (let i = 0; i < 36; i++) {
      const r = f.receivable(`x${String(i)}`, {
        debtorId: i % 5 === 0 ? 'other-core' : 'core',
        creditorId: i % 2 === 0 ? 's1' : 's2',
        face: 1000n,
      });
      f.finance(`fx${String(i)}`, r, i % 3 === 0 ? 'BankBMSP' : 'BankAMSP', BigInt(100 + i), {
        status: statuses[i % statuses.length] ?? 'ACTIVE',
        requestedDay: AS_OF_DAY - i * 4,
        currency: i % 7 === 0 ? 'CNY' : 'USD',
      });
    }
    for (const snapshot of [f.snapshot(), largeChain(300)]) {
      const memo = new ChainFiguresMemo(snapshot);
      const asks = [
        ...snapshot.financings.map((x) => ({ ...x, amount: x.amount + 7n })),
        { ...asked, id: 'not-on-the-ledger' },
        { ...asked, id: 'fx1', bankMsp: 'BankBMSP' },
        { ...asked, id: 'fx2', currency: 'CNY' },
      ];
      for (const day of [AS_OF_DAY, AS_OF_DAY + 45, AS_OF_DAY - 20]) {
        for (const ask of asks) {
          expect(memo.figures(policy, ask, day)).toEqual(chainFigures(snapshot, policy, ask, day));
        }
      }
    }
  });
});
