import { financingInputs, testPolicy } from '../testing/fixtures';
import { circularTrade, findCycle } from './circular-trade';

const policy = testPolicy(); // depth 4, reject
const chain = (...ids: string[]) => ids.slice(1).map((to, i) => ({ from: ids[i] ?? '', to }));

describe('CIRCULAR_TRADE', () => {
  it('passes when transfers only flow away from the borrower', () => {
    expect(circularTrade(policy, financingInputs())).toBeUndefined();
  });

  it('finds the shortest way back to the borrower and names it', () => {
    const transfers = [...chain('sup0', 'a', 'b', 'c', 'sup0'), ...chain('sup0', 'x', 'sup0')];
    expect(circularTrade(policy, financingInputs({ transfers }))).toEqual({
      code: 'CIRCULAR_TRADE',
      severity: 'reject',
      points: 100,
      explanation: 'transfers return to sup0 in 2 hops: sup0 → x → sup0 (searched 4)',
    });
  });

  it('searches exactly maxDepth hops', () => {
    expect(findCycle(chain('sup0', 'a', 'b', 'c', 'sup0'), 'sup0', 4)).toEqual(['sup0', 'a', 'b', 'c', 'sup0']);
    expect(findCycle(chain('sup0', 'a', 'b', 'c', 'd', 'sup0'), 'sup0', 4)).toBeUndefined();
  });

  it('ignores cycles that do not pass through the borrower, and terminates on them', () => {
    expect(findCycle([...chain('sup0', 'a', 'b', 'a'), ...chain('b', 'c', 'b')], 'sup0', 16)).toBeUndefined();
  });

  it('a self-transfer is a one-hop cycle', () => {
    expect(findCycle([{ from: 'sup0', to: 'sup0' }], 'sup0', 1)).toEqual(['sup0', 'sup0']);
  });

  it("takes the severity from the bank's policy", () => {
    const lenient = { ...policy, circularTrade: { maxDepth: 4, severity: 'review' as const } };
    expect(circularTrade(lenient, financingInputs({ transfers: chain('sup0', 'x', 'sup0') }))?.severity).toBe('review');
  });
});
