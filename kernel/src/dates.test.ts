import fc from 'fast-check';
import { formatEpochDay, parseIsoDate, parseLedgerTimestamp, txTimeFromSeconds } from './dates';
import { ScfError } from './errors';

describe('calendar dates', () => {
  it('converts known dates', () => {
    expect(parseIsoDate('1970-01-01', 'd')).toBe(0);
    expect(parseIsoDate('2000-03-01', 'd')).toBe(11017);
    expect(parseIsoDate('2025-01-10', 'd')).toBe(20098);
    expect(parseIsoDate('2024-02-29', 'd')).toBe(19782);
  });

  it.each(['2025-02-29', '2023-13-01', '2025-00-10', '2025-1-10', '25-01-10', '2025-01-10T00:00:00Z', '1969-12-31', ''])(
    'rejects %j',
    (text) => {
      expect(() => parseIsoDate(text, 'd')).toThrow(ScfError);
    },
  );

  it('round-trips every day from 1970 to 9999 (agreeing with Date.UTC)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_932_896 }), (day) => {
        const text = formatEpochDay(day);
        expect(parseIsoDate(text, 'd')).toBe(day);
        expect(Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / 86_400_000).toBe(day);
      }),
    );
  });

  it('formats a transaction time', () => {
    expect(txTimeFromSeconds(1_736_500_000n)).toEqual({ seconds: 1_736_500_000n, day: 20098, iso: '2025-01-10T09:06:40Z' });
  });

  it('parses a ledger timestamp back to the seconds of the transaction time it formats', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 253_402_300_799n }), (seconds) => {
        expect(parseLedgerTimestamp(txTimeFromSeconds(seconds).iso, 'at')).toBe(seconds);
      }),
    );
    for (const bad of ['2025-01-10T24:00:00Z', '2025-01-10T09:06:40', '2025-02-30T00:00:00Z', '2025-01-10 09:06:40Z', 1]) {
      expect(() => parseLedgerTimestamp(bad, 'at')).toThrow(ScfError);
    }
  });
});
