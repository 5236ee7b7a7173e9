import { DrawStarts } from './draw-starts';
import { DRAW_START_MODULUS, parseDrawStart } from '@scf/kernel/records/credit-line';

describe('DrawStarts', () => {
  it('counts up per bank from its first number, wrapping below the modulus', () => {
    const starts = new DrawStarts(() => DRAW_START_MODULUS - 2);
    expect([starts.next('BankAMSP'), starts.next('BankAMSP'), starts.next('BankBMSP'), starts.next('BankAMSP')]).toEqual([
      String(DRAW_START_MODULUS - 2),
      String(DRAW_START_MODULUS - 1),
      String(DRAW_START_MODULUS - 2),
      '0',
    ]);
  });

  it('gives numbers the chaincode takes, 32 consecutive ones on 32 different tranches', () => {
    const starts = new DrawStarts();
    const given = Array.from({ length: 32 }, () => starts.next('BankAMSP'));
    const parsed = given.map((s) => parseDrawStart(s));
    expect(parsed.every((n) => n !== undefined)).toBe(true);
    expect(new Set(parsed.map((n) => (n ?? 0) % 32)).size).toBe(32);
  });
});
