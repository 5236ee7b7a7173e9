import fc from 'fast-check';
import { headroom, homeSlot, planDraw, planRelease, reallocateLimits, releaseFromSlot, slotOrder, splitEvenly } from './allocation';
import { sumOf } from '@scf/kernel/money';
import type { Draw, Slot } from '@scf/kernel/records/credit-line';
import { codeOf } from '@scf/kernel/testing/expect-code';

const slots = (limits: bigint[], drawn: bigint[] = []): Slot[] =>
  limits.map((limit, index) => ({ index, limit: limit.toString(), drawn: (drawn[index] ?? 0n).toString() }));

describe('splitEvenly', () => {
  it('gives the remainder to the first slots', () => {
    expect(splitEvenly(10n, 4)).toEqual([3n, 3n, 2n, 2n]);
  });

  it('always sums to the total and differs by at most one', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.integer({ min: 1, max: 64 }), (total, parts) => {
        const split = splitEvenly(total, parts);
        expect(sumOf(split)).toBe(total);
        const max = split.reduce((a, b) => (a > b ? a : b));
        const min = split.reduce((a, b) => (a < b ? a : b));
        expect(max - min <= 1n).toBe(true);
      }),
    );
  });
});

describe('reallocateLimits', () => {
  it('keeps every slot at or above its drawn amount', () => {
    expect(reallocateLimits(100n, [50n, 0n, 10n])).toEqual([64n, 13n, 23n]);
  });

  it('refuses a total below what is drawn', () => {
    expect(reallocateLimits(59n, [50n, 0n, 10n])).toBeUndefined();
  });
});

describe('homeSlot and slotOrder', () => {
  it('is deterministic and in range', () => {
    expect(homeSlot('fin-1', 16)).toBe(homeSlot('fin-1', 16));
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 64 }), (seed, n) => homeSlot(seed, n) >= 0 && homeSlot(seed, n) < n));
  });

  it('spreads ids over the slots', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => homeSlot(`fin-${i}`, 16)));
    expect(used.size).toBe(16);
  });

  it('wraps around from home', () => {
    expect(slotOrder(2, 4)).toEqual([2, 3, 0, 1]);
  });
});

describe('planDraw', () => {
  it('reads only the home slot when it has room', async () => {
    const state = slots([100n, 100n, 100n]);
    const loaded: number[] = [];
    const plan = await planDraw(40n, slotOrder(1, 3), (i) => {
      loaded.push(i);
      return Promise.resolve(state[i] as Slot);
    });
    expect(loaded).toEqual([1]);
    expect(plan?.draws).toEqual([{ index: 1, amount: '40' }]);
    expect(plan?.updated).toEqual([{ index: 1, limit: '100', drawn: '40' }]);
  });

  it('spills into later slots in order', async () => {
    const state = slots([100n, 100n, 100n], [0n, 90n, 100n]);
    const plan = await planDraw(50n, slotOrder(1, 3), (i) => Promise.resolve(state[i] as Slot));
    expect(plan?.draws).toEqual([
      { index: 1, amount: '10' },
      { index: 0, amount: '40' },
    ]);
  });

  it('refuses when all slots together lack headroom', async () => {
    const state = slots([100n, 100n], [60n, 60n]);
    expect(await planDraw(81n, slotOrder(0, 2), (i) => Promise.resolve(state[i] as Slot))).toBeUndefined();
  });

  it('never draws past a limit and draws exactly the amount', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 1000n })), { minLength: 1, maxLength: 8 }),
        fc.bigInt({ min: 1n, max: 5000n }),
        fc.nat(),
        async (pairs, amount, seed) => {
          const state = pairs.map(([limit, drawn], index): Slot => ({
            index,
            limit: limit.toString(),
            drawn: (drawn < limit ? drawn : limit).toString(),
          }));
          const plan = await planDraw(amount, slotOrder(seed % state.length, state.length), (i) => Promise.resolve(state[i] as Slot));
          const room = sumOf(state.map(headroom));
          if (plan === undefined) {
            expect(room < amount).toBe(true);
            return;
          }
          expect(sumOf(plan.draws.map((d) => BigInt(d.amount)))).toBe(amount);
          for (const slot of plan.updated) {
            expect(BigInt(slot.drawn) <= BigInt(slot.limit)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('planRelease', () => {
  const draws: Draw[] = [
    { index: 3, amount: '10' },
    { index: 0, amount: '40' },
  ];

  it('releases the last draw first', () => {
    expect(planRelease(draws, 45n)).toEqual({
      released: [
        { index: 0, amount: '40' },
        { index: 3, amount: '5' },
      ],
      remaining: [{ index: 3, amount: '5' }],
    });
  });

  it('refuses to release more than was drawn', () => {
    expect(codeOf(() => planRelease(draws, 51n))).toBe('INTERNAL');
  });

  it('conserves: released + remaining = drawn', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 100n }), { minLength: 1, maxLength: 6 }),
        fc.bigInt({ min: 0n, max: 600n }),
        (amounts, want) => {
          const list = amounts.map((a, index) => ({ index, amount: a.toString() }));
          const total = sumOf(amounts);
          const release = want > total ? total : want;
          const plan = planRelease(list, release);
          expect(sumOf(plan.released.map((d) => BigInt(d.amount)))).toBe(release);
          expect(sumOf(plan.remaining.map((d) => BigInt(d.amount)))).toBe(total - release);
        },
      ),
    );
  });

  it('releaseFromSlot refuses to go negative', () => {
    expect(codeOf(() => releaseFromSlot({ index: 0, limit: '10', drawn: '5' }, 6n))).toBe('INTERNAL');
  });
});
