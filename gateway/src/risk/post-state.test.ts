import { recheckPostState, type EndorsedPostState } from './post-state';
import { testPolicy } from './testing/fixtures';

const policy = testPolicy();
const clean: EndorsedPostState = {
  financedAmount: 700_000n,
  receivableOutstanding: 1_000_000n,
  line: { lineId: 'line1', limit: 10_000_000n, exposureAfter: 3_000_000n },
  consortium: { cap: 50_000_000n, aggregateAfter: 20_000_000n },
};

describe('recheckPostState', () => {
  it('finds nothing in a post-state that matches the assessment and the policy', () => {
    expect(recheckPostState(policy, 700_000n, clean)).toEqual([]);
  });

  it('reports every violated rule, with the same codes as the engine', () => {
    const post: EndorsedPostState = {
      financedAmount: 900_000n,
      receivableOutstanding: 1_000_000n,
      line: { lineId: 'line1', limit: 10_000_000n, exposureAfter: 10_000_001n },
      consortium: { cap: 50_000_000n, aggregateAfter: 50_000_001n },
    };
    expect(recheckPostState(policy, 700_000n, post).map((f) => [f.code, f.severity])).toEqual([
      ['POST_STATE_AMOUNT_CHANGED', 'reject'],
      ['ADVANCE_RATE_ABOVE_POLICY', 'reject'],
      ['LINE_LIMIT_EXCEEDED', 'reject'],
      ['CONSORTIUM_CAP_EXCEEDED', 'reject'],
    ]);
  });

  it('reports low headroom that appeared since the assessment', () => {
    const findings = recheckPostState(policy, 700_000n, { ...clean, line: { ...clean.line, exposureAfter: 9_500_000n } });
    expect(findings.map((f) => f.code)).toEqual(['LINE_HEADROOM_LOW']);
  });

  it('passes at exactly the limits', () => {
    const post = {
      ...clean,
      financedAmount: 800_000n,
      line: { ...clean.line, exposureAfter: 9_000_000n },
      consortium: { cap: 1n, aggregateAfter: 1n },
    };
    expect(recheckPostState(policy, 800_000n, post)).toEqual([]);
  });
});
