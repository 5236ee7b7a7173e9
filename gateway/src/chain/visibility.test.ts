import { ApiError } from '../http/api-error';
import { coreMetrics } from './core-metrics';
import { chainGraph } from './graph';
import { runStress } from './stress/engine';
import { smallChain } from './testing/small-chain';
import { chainViewerOf, graphFor, metricsFor, narrowTo, stressFor } from './visibility';

const bankA = { kind: 'bank', bankMsp: 'BankAMSP' } as const;
const banksIn = (value: unknown): string[] => [...JSON.stringify(value).matchAll(/Bank[A-Z]MSP/g)].map((m) => m[0]);

describe('chain visibility', () => {
  it('admits bank officers and the auditor only', () => {
    expect(chainViewerOf({ role: 'auditor', mspId: 'AuditorMSP' })).toEqual({ kind: 'auditor' });
    expect(chainViewerOf({ role: 'bank', mspId: 'BankAMSP' })).toEqual(bankA);
    expect(() => chainViewerOf({ role: 'supplier', mspId: 'SuppliersMSP' })).toThrow(ApiError);
  });

  it('refuses a bank naming another bank, lets the auditor narrow to any bank', () => {
    expect(() => narrowTo(bankA, 'BankBMSP')).toThrow(expect.objectContaining({ httpStatus: 403, code: 'FORBIDDEN' }) as Error);
    expect(narrowTo(bankA, 'BankAMSP')).toEqual(bankA);
    expect(narrowTo({ kind: 'auditor' }, 'BankBMSP')).toEqual({ kind: 'bank', bankMsp: 'BankBMSP' });
  });

  it('never shows Bank A another bank’s position in the graph, the metrics or a stress result', () => {
    const snapshot = smallChain().snapshot();
    const result = runStress(snapshot, { kind: 'core-default', coreId: 'core', recoveryBps: 0 });
    expect(banksIn(chainGraph(snapshot))).toContain('BankBMSP');
    expect(banksIn(result)).toContain('BankBMSP');
    for (const view of [graphFor(bankA, chainGraph(snapshot)), metricsFor(bankA, coreMetrics(snapshot)), stressFor(bankA, result)]) {
      expect(banksIn(view).every((bank) => bank === 'BankAMSP')).toBe(true);
    }
    // Listed receivables: only those Bank A finances (never an unfinanced one, nor another bank's).
    const listed = stressFor(bankA, result).receivables.listed;
    expect(result.receivables.listed.some((r) => r.bankMsp === null)).toBe(true);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((r) => r.bankMsp === 'BankAMSP')).toBe(true);
    // Consortium-wide aggregates stay: the total loss (300 + 480) and the HHI over both banks.
    expect(stressFor(bankA, result).totals[0]?.loss).toBe('780');
    expect(metricsFor(bankA, coreMetrics(snapshot))[0]).toMatchObject({ hhi: '0.5266', bankCount: 2, financedOutstanding: '780' });
  });
});
