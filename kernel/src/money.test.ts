import fc from 'fast-check';
import { codeOf } from './testing/expect-code';
import { AMOUNT_PATTERN, applyBpsFloor, formatAmount, parseAmount, parseBps, parsePositiveAmount, parseSmallInt } from './money';

describe('parseAmount', () => {
  it.each(['0', '1', '10', '1000000000000', '123456789012345678901234567890'])('accepts %s', (text) => {
    expect(parseAmount(text, 'amount').toString()).toBe(text);
  });

  it.each(['', ' 1', '1 ', '01', '00', '+1', '-1', '1.0', '1e3', '0x10', '1_000', '１', 'NaN', '1234567890123456789012345678901'])(
    'rejects %j',
    (text) => {
      expect(codeOf(() => parseAmount(text, 'amount'))).toBe('INVALID_ARGUMENT');
    },
  );

  it('rejects non-strings, including numbers', () => {
    expect(codeOf(() => parseAmount(5, 'amount'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => parseAmount(undefined, 'amount'))).toBe('INVALID_ARGUMENT');
  });

  it('round-trips every non-negative bigint of up to 30 digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n - 1n }), (value) => {
        expect(parseAmount(formatAmount(value), 'amount')).toBe(value);
      }),
    );
  });

  it('parsePositiveAmount refuses zero', () => {
    expect(codeOf(() => parsePositiveAmount('0', 'amount'))).toBe('INVALID_ARGUMENT');
    expect(parsePositiveAmount('7', 'amount')).toBe(7n);
  });
});

describe('basis points', () => {
  it('bounds rates to 100% by default', () => {
    expect(parseBps('10000', 'rate')).toBe(10000n);
    expect(codeOf(() => parseBps('10001', 'rate'))).toBe('INVALID_ARGUMENT');
  });

  it('floors advance limits', () => {
    expect(applyBpsFloor(999n, 8000n)).toBe(799n);
    expect(applyBpsFloor(1000n, 8000n)).toBe(800n);
    expect(applyBpsFloor(1n, 9999n)).toBe(0n);
  });

  it('never exceeds the exact product', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 0n, max: 10000n }), (amount, bps) => {
        const floored = applyBpsFloor(amount, bps);
        expect(floored * 10000n <= amount * bps).toBe(true);
        expect((floored + 1n) * 10000n > amount * bps).toBe(true);
      }),
    );
  });
});

describe('formatAmount', () => {
  it('refuses negatives', () => {
    expect(codeOf(() => formatAmount(-1n))).toBe('INTERNAL');
  });
});

describe('parseSmallInt', () => {
  it('checks bounds', () => {
    expect(parseSmallInt('3', 'tier', 1, 9)).toBe(3);
    expect(codeOf(() => parseSmallInt('0', 'tier', 1, 9))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => parseSmallInt('10', 'tier', 1, 9))).toBe('INVALID_ARGUMENT');
  });
});

describe('AMOUNT_PATTERN', () => {
  it('accepts exactly what parseAmount accepts', () => {
    const digitsish = fc.stringMatching(/^[-+0-9. e]{0,32}$/);
    fc.assert(
      fc.property(fc.oneof(digitsish, fc.bigInt({ min: 0n, max: 10n ** 31n }).map(String)), (text) => {
        let parsed = true;
        try {
          parseAmount(text, 'x');
        } catch {
          parsed = false;
        }
        expect(AMOUNT_PATTERN.test(text)).toBe(parsed);
      }),
    );
  });
});
