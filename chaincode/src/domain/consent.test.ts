import { AT, confirmedReceivable } from '../testing/domain-fixtures';
import { acceptDilution, rejectDilution, requestDilution, withdrawDilution } from './consent';
import { encumber } from './receivable';
import { SECONDS_PER_DAY, txTimeFromSeconds } from '@scf/kernel/dates';
import { codeOf } from '@scf/kernel/testing/expect-code';

const NOW = txTimeFromSeconds(BigInt(Date.UTC(2025, 0, 10) / 1000));
const LATER = (seconds: number): string => txTimeFromSeconds(NOW.seconds + BigInt(seconds)).iso;
const ask = { id: 'd1', kind: 'CREDIT_NOTE' as const, amount: 300n, reference: 'CN-1', expiresAt: NOW.seconds + 3600n };

describe("a debtor's dilution needs the holder's consent", () => {
  const r = confirmedReceivable('r1', 1000n);

  it('asking changes nothing; accepting applies it and records who asked', () => {
    const request = requestDilution(r, 'core1', ask, NOW);
    expect(request).toMatchObject({ status: 'PENDING', holderId: 'sup1', debtorId: 'core1', amount: '300', expiresAt: LATER(3600) });
    const accepted = acceptDilution(request, r, 'sup1', 0n, LATER(60));
    expect(accepted.receivable).toMatchObject({ outstanding: '700', diluted: '300', status: 'CONFIRMED' });
    expect(accepted.dilution).toMatchObject({ id: 'd1', recordedBy: 'sup1', requestedBy: 'core1', amount: '300' });
    expect(accepted.request).toMatchObject({ status: 'ACCEPTED', decidedBy: 'sup1' });
    expect(codeOf(() => acceptDilution(accepted.request, accepted.receivable, 'sup1', 0n, LATER(61)))).toBe('INVALID_STATE');
  });

  it('only the debtor asks, only the holder accepts or rejects, only the debtor withdraws', () => {
    expect(codeOf(() => requestDilution(r, 'sup1', ask, NOW))).toBe('FORBIDDEN');
    const request = requestDilution(r, 'core1', ask, NOW);
    expect(codeOf(() => acceptDilution(request, r, 'core1', 0n, AT))).toBe('FORBIDDEN');
    expect(codeOf(() => acceptDilution(request, r, 'sup2', 0n, AT))).toBe('FORBIDDEN');
    expect(codeOf(() => rejectDilution(request, r, 'core1', 'no', AT))).toBe('FORBIDDEN');
    expect(codeOf(() => withdrawDilution(request, 'sup1', AT))).toBe('FORBIDDEN');
    expect(rejectDilution(request, r, 'sup1', 'no such return', AT)).toMatchObject({ status: 'REJECTED', reason: 'no such return' });
    expect(withdrawDilution(request, 'core1', AT).status).toBe('WITHDRAWN');
  });

  it('expires: accepted up to expiresAt, refused one second later (still rejectable)', () => {
    const request = requestDilution(r, 'core1', ask, NOW);
    expect(acceptDilution(request, r, 'sup1', 0n, LATER(3600)).request.status).toBe('ACCEPTED');
    expect(codeOf(() => acceptDilution(request, r, 'sup1', 0n, LATER(3601)))).toBe('CONSENT_EXPIRED');
    expect(rejectDilution(request, r, 'sup1', 'late', LATER(3601)).status).toBe('REJECTED');
  });

  it('refuses an expiry in the past or beyond 90 days, and more than is outstanding', () => {
    expect(codeOf(() => requestDilution(r, 'core1', { ...ask, expiresAt: NOW.seconds }, NOW))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => requestDilution(r, 'core1', { ...ask, expiresAt: NOW.seconds + BigInt(90 * SECONDS_PER_DAY + 1) }, NOW))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => requestDilution(r, 'core1', { ...ask, amount: BigInt(r.outstanding) + 1n }, NOW))).toBe(
      'AMOUNT_EXCEEDS_OUTSTANDING',
    );
  });

  it("on a financed receivable, acceptance is judged on what the bank's principal leaves then", () => {
    const financed = encumber(r, 'f1', AT);
    const margin = BigInt(r.outstanding) - 800n;
    const request = requestDilution(financed, 'core1', { ...ask, amount: margin + 1n }, NOW);
    expect(codeOf(() => acceptDilution(request, financed, 'sup1', 800n, LATER(1)))).toBe('ENCUMBERED');
    expect(acceptDilution(request, financed, 'sup1', 799n, LATER(1)).receivable.outstanding).toBe('799');
  });
});
