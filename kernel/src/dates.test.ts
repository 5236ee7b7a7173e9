import fc from 'fast-check';
import { CALENDAR_DATE, formatEpochDay, parseIsoDate, parseLedgerTimestamp, txTimeFromSeconds } from './dates';
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

  it('CALENDAR_DATE matches exactly the dates parseIsoDate accepts', () => {
    const accepts = (text: string): boolean => {
      try {
        parseIsoDate(text, 'd');
        return true;
      } catch {
        return false;
      }
    };
    // Every day of every year from 1960 to 2500 with every day number 00..32, and each century's 29 February.
    const digits = (n: number, width: number): string => String(n).padStart(width, '0');
    const candidates = [];
    for (let year = 1960; year <= 2500; year++) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          candidates.push(`${digits(year, 4)}-${digits(month, 2)}-${digits(day, 2)}`);
        }
      }
    }
    for (let century = 20; century <= 99; century++) {
      candidates.push(`${String(century)}00-02-29`, `${String(century)}04-02-29`, `${String(century)}99-12-31`);
    }
    const disagreements = candidates.filter((text) => CALENDAR_DATE.test(text) !== accepts(text));
    expect(disagreements).toEqual([]);
    // The test can fail: the pattern refuses what the parser refuses.
    expect(CALENDAR_DATE.test('2100-02-29')).toBe(false);
    expect(CALENDAR_DATE.test('2000-02-29')).toBe(true);
    expect(CALENDAR_DATE.test('1969-12-31')).toBe(false);
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
