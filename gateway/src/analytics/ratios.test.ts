import { herfindahl, ratio4 } from './ratios';

describe('ratio4', () => {
  it('rounds half away from zero to 4 decimals, in bigint', () => {
    expect([ratio4(1n, 4n), ratio4(1n, 3n), ratio4(2n, 3n), ratio4(1n, 1n), ratio4(3n, 2n)]).toEqual([
      '0.2500',
      '0.3333',
      '0.6667',
      '1.0000',
      '1.5000',
    ]);
    expect(ratio4(1n, 20000n)).toBe('0.0001'); // exactly half of the last digit rounds up
    expect(ratio4(1n, 20001n)).toBe('0.0000');
    expect(ratio4(-1n, 3n)).toBe('-0.3333');
    expect(ratio4(-1n, 30000n)).toBe('0.0000');
    expect(ratio4(10n ** 30n + 1n, 10n ** 30n)).toBe('1.0000');
  });

  it('is 0.0000 over a zero or negative base', () => {
    expect(ratio4(5n, 0n)).toBe('0.0000');
    expect(ratio4(5n, -2n)).toBe('0.0000');
  });
});

describe('herfindahl', () => {
  it('is the sum of squared shares of the exact total', () => {
    expect(herfindahl([50n, 30n, 20n])).toBe('0.3800');
    expect(herfindahl([1n, 1n, 1n])).toBe('0.3333');
    expect(herfindahl([1n, 1n, 1n, 1n])).toBe('0.2500');
    expect(herfindahl([7n])).toBe('1.0000');
    expect(herfindahl([10n ** 28n, 3n * 10n ** 28n])).toBe('0.6250');
    expect(herfindahl([])).toBe('0.0000');
  });
});
