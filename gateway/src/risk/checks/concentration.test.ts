import { financingInputs, testPolicy } from '../testing/fixtures';
import { concentration } from './concentration';

const policy = testPolicy(); // at most 25%, once the book reaches 1,000,000 USD
const book = { exposureBySupplier: { other1: 1_000_000n, other2: 1_000_000n, other3: 1_000_000n } };

describe('SUPPLIER_CONCENTRATION_HIGH', () => {
  it('passes at exactly the maximum share and reviews one unit above', () => {
    // 1,000,000 of 4,000,000 = 25%
    expect(concentration(policy, financingInputs({ book, request: { amount: 1_000_000n } }))).toBeUndefined();
    expect(concentration(policy, financingInputs({ book, request: { amount: 1_000_001n } }))).toEqual({
      code: 'SUPPLIER_CONCENTRATION_HIGH',
      severity: 'review',
      points: 100,
      explanation: 'sup0 would hold 1000001 of a 4000001 book (25.00%), above 25.00%',
    });
  });

  it("counts the borrower's existing exposure", () => {
    const withBorrower = { exposureBySupplier: { ...book.exposureBySupplier, sup0: 500_000n } };
    expect(concentration(policy, financingInputs({ book: withBorrower, request: { amount: 600_000n } }))?.code).toBe(
      'SUPPLIER_CONCENTRATION_HIGH',
    );
  });

  it('does not judge a book below the minimum size for its currency', () => {
    const empty = { exposureBySupplier: {} };
    expect(concentration(policy, financingInputs({ book: empty, request: { amount: 999_999n } }))).toBeUndefined();
    expect(concentration(policy, financingInputs({ book: empty, request: { amount: 1_000_000n } }))?.explanation).toContain('(100.00%)');
  });

  it('judges any book in a currency without a minimum', () => {
    expect(
      concentration(policy, financingInputs({ book: { exposureBySupplier: {} }, request: { amount: 1n, currency: 'EUR' } }))?.code,
    ).toBe('SUPPLIER_CONCENTRATION_HIGH');
  });
});
