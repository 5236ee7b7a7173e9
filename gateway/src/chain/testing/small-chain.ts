import { ChainFixture } from './chain-fixture';

/**
 * The hand-worked chain of the tests: core owes tier-1 s1 three receivables. r1 (1000) is split:
 * s1 keeps r1a (400, financed by BankA for 300), s2 (tier 2) gets r1b (600, financed by BankB for 480).
 * r2 (500) is unconfirmed, due in 20 days; r3 (200) confirmed, due in 10 days, unfinanced.
 * s1 has pledged 10 kg of copper at 100 to BankA for a loan of 600 (maintenance 120%: 720).
 */
export function smallChain(): ChainFixture {
  const f = new ChainFixture().participant('core', 'core-enterprise').participant('s1', 'supplier', 1).participant('s2', 'supplier', 2);
  const r1 = f.receivable('r1', { debtorId: 'core', creditorId: 's1', face: 1000n, outstanding: 0n, status: 'SPLIT' });
  const r1a = f.part('r1a', r1, 's1', 400n);
  const r1b = f.part('r1b', r1, 's2', 600n);
  f.receivable('r2', { debtorId: 'core', creditorId: 's1', face: 500n, status: 'ISSUED', dueDay: r1.dueDay - 40 });
  f.receivable('r3', { debtorId: 'core', creditorId: 's1', face: 200n, dueDay: r1.dueDay - 50 });
  f.finance('fa', r1a, 'BankAMSP', 300n).finance('fb', r1b, 'BankBMSP', 480n);
  f.price('copper', 100n).pledge('pl1', 's1', 'BankAMSP', 'copper', 10n, 600n);
  return f;
}
