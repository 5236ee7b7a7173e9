import { ALL_REASON_CODES } from './reason-codes';

describe('reason codes', () => {
  it('are unique and fit the ledger (/^[A-Z0-9_]{1,32}$/)', () => {
    expect(new Set(ALL_REASON_CODES).size).toBe(ALL_REASON_CODES.length);
    for (const code of ALL_REASON_CODES) {
      expect(code).toMatch(/^[A-Z0-9_]{1,32}$/);
    }
  });
});
