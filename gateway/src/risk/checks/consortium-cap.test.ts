import { financingInputs, testPolicy } from '../testing/fixtures';
import { consortiumCap } from './consortium-cap';

describe('CONSORTIUM_CAP_EXCEEDED', () => {
  const at = (aggregateAfter: bigint) => consortiumCap(testPolicy(), financingInputs({ consortium: { cap: 50_000_000n, aggregateAfter } }));

  it('passes at exactly the cap and rejects one unit above', () => {
    expect(at(50_000_000n)).toBeUndefined();
    expect(at(50_000_001n)).toEqual({
      code: 'CONSORTIUM_CAP_EXCEEDED',
      severity: 'reject',
      points: 100,
      explanation: "the debtor's consortium exposure would be 50000001, above its cap 50000000",
    });
  });
});
