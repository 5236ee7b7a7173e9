import { AT, confirmedReceivable, creditLine, creditLineTerms, DAY_2025_01_10, supplier1, supplier2 } from '../testing/domain-fixtures';
import {
  approvalResult,
  approveFinancing,
  cancelFinancing,
  checkApprovalRules,
  markTermsRecorded,
  recheckCoverage,
  rejectFinancing,
  repayPrincipal,
  requestFinancing,
} from './financing';
import { diluteReceivable, encumber } from './receivable';
import type { ConsortiumCap } from '@scf/kernel/records/credit-line';
import type { Financing } from '@scf/kernel/records/financing';
import { type RiskAssessment, parseRiskAssessment } from '@scf/kernel/records/risk-assessment';
import { codeOf } from '@scf/kernel/testing/expect-code';
import { formatEpochDay, parseIsoDate } from '@scf/kernel/dates';

const approve: RiskAssessment = { decision: 'APPROVE', policyVersion: 'v1', inputsHash: 'a'.repeat(64) };
const recorded = { ...approve, assessedBy: 'gw', assessedAt: AT };
const receivable = confirmedReceivable('r1', 1_000_000n);
const line = creditLine();
const terms = creditLineTerms();

function requested(amount = 800_000n): Financing {
  return requestFinancing({ id: 'f1', amount }, receivable, line, supplier1, AT);
}

describe('request', () => {
  it('creates a REQUESTED financing for the line bank', () => {
    expect(requested()).toMatchObject({
      status: 'REQUESTED',
      bankMsp: 'BankAMSP',
      borrowerId: 'sup1',
      amount: '800000',
      outstandingPrincipal: '0',
      maturityDate: '2025-04-01',
    });
  });

  it('only the holder, only on the debtor line, same currency', () => {
    expect(codeOf(() => requestFinancing({ id: 'f', amount: 1n }, receivable, line, supplier2, AT))).toBe('FORBIDDEN');
    expect(codeOf(() => requestFinancing({ id: 'f', amount: 1n }, receivable, creditLine({ coreId: 'other' }), supplier1, AT))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => requestFinancing({ id: 'f', amount: 1n }, receivable, creditLine({ currency: 'EUR' }), supplier1, AT))).toBe(
      'CURRENCY_MISMATCH',
    );
  });
});

describe('approval rules', () => {
  const today = DAY_2025_01_10;

  it('passes for a sound request', () => {
    expect(() => {
      checkApprovalRules(requested(), receivable, line, terms, approve, today);
    }).not.toThrow();
  });

  it.each([
    [
      'RISK_NOT_APPROVED',
      () => {
        checkApprovalRules(requested(), receivable, line, terms, { ...approve, decision: 'REVIEW' }, today);
      },
    ],
    [
      'ADVANCE_RATE_EXCEEDED',
      () => {
        checkApprovalRules(requested(800_001n), receivable, line, terms, approve, today);
      },
    ],
    [
      'ENCUMBERED',
      () => {
        checkApprovalRules(requested(), encumber(receivable, 'other', AT), line, terms, approve, today);
      },
    ],
    [
      'INVALID_STATE',
      () => {
        checkApprovalRules(requested(), { ...receivable, status: 'DISPUTED' }, line, terms, approve, today);
      },
    ],
    [
      'INVALID_STATE',
      () => {
        checkApprovalRules(requested(), { ...receivable, holderId: 'sup2' }, line, terms, approve, today);
      },
    ],
    [
      'LINE_EXPIRED',
      () => {
        checkApprovalRules(requested(), receivable, line, creditLineTerms({ expiresOn: '2025-01-09' }), approve, today);
      },
    ],
    [
      'TENOR_EXCEEDED',
      () => {
        checkApprovalRules(requested(), receivable, line, creditLineTerms({ maxTenorDays: 80 }), approve, today);
      },
    ],
    [
      'TENOR_EXCEEDED',
      () => {
        checkApprovalRules(requested(), receivable, line, terms, approve, 20180);
      },
    ],
    [
      'INVALID_STATE',
      () => {
        checkApprovalRules(requested(), receivable, creditLine({ status: 'CLOSED' }), terms, approve, today);
      },
    ],
  ])('refuses with %s', (code, fn) => {
    expect(codeOf(fn)).toBe(code);
  });

  it('the advance limit is floored: 80% of 999 is 799', () => {
    const small = confirmedReceivable('r2', 999n);
    const f = requestFinancing({ id: 'f', amount: 800n }, small, line, supplier1, AT);
    expect(
      codeOf(() => {
        checkApprovalRules(f, small, line, terms, approve, today);
      }),
    ).toBe('ADVANCE_RATE_EXCEEDED');
    const ok = requestFinancing({ id: 'f', amount: 799n }, small, line, supplier1, AT);
    expect(
      codeOf(() => {
        checkApprovalRules(ok, small, line, terms, approve, today);
      }),
    ).toBe('NO_ERROR');
  });
});

describe('lifecycle', () => {
  const draws = { trancheDraws: [{ index: 2, amount: '800000' }], capDraws: [{ index: 5, amount: '800000' }] };

  it('approve keeps what later checks need, and no line term: the outstanding advanced against, the last day before default', () => {
    const f = approveFinancing(requested(), terms, receivable, recorded, draws, AT);
    expect(f).toMatchObject({
      status: 'ACTIVE',
      outstandingPrincipal: '800000',
      advancedAgainst: receivable.outstanding,
      defaultsAfter: formatEpochDay(parseIsoDate(receivable.dueDate, 'dueDate') + terms.graceDays),
      assessment: recorded,
    });
    expect(JSON.stringify(f)).not.toMatch(/advanceRateBps|graceDays|maxAdvanceRateBps/);
  });

  it('repays in parts down to REPAID', () => {
    const f = approveFinancing(requested(), terms, receivable, recorded, draws, AT);
    const part = repayPrincipal(f, 300_000n, draws, AT);
    expect(part).toMatchObject({ status: 'ACTIVE', outstandingPrincipal: '500000', repaidPrincipal: '300000' });
    expect(repayPrincipal(part, 500_000n, { trancheDraws: [], capDraws: [] }, AT).status).toBe('REPAID');
    expect(codeOf(() => repayPrincipal(part, 500_001n, draws, AT))).toBe('INTERNAL');
  });

  it('flags coverage after dilution', () => {
    const f = approveFinancing(requested(), terms, receivable, recorded, draws, AT);
    const diluted = diluteReceivable(encumber(receivable, 'f1', AT), 'sup1', 1n, 800_000n, AT);
    expect(recheckCoverage(f, BigInt(diluted.outstanding), AT).coverageBreach).toBe(true);
    expect(recheckCoverage(f, 1_000_000n, AT).coverageBreach).toBe(false);
    // At the financing's own ratio (800,000 against 1,000,000): 999,999 outstanding no longer covers 800,000.
    expect(recheckCoverage(f, 999_999n, AT).coverageBreach).toBe(true);
    // Half the principal repaid: half the outstanding still covers it.
    expect(recheckCoverage({ ...f, outstandingPrincipal: '400000' }, 500_000n, AT).coverageBreach).toBe(false);
  });

  it('reject needs a REJECT decision; cancel only by the borrower; both only while REQUESTED', () => {
    expect(codeOf(() => rejectFinancing(requested(), recorded, AT))).toBe('INVALID_ARGUMENT');
    expect(rejectFinancing(requested(), { ...recorded, decision: 'REJECT' }, AT).status).toBe('REJECTED');
    expect(codeOf(() => cancelFinancing(requested(), 'sup2', AT))).toBe('FORBIDDEN');
    const active = approveFinancing(requested(), terms, receivable, recorded, draws, AT);
    expect(codeOf(() => cancelFinancing(active, 'sup1', AT))).toBe('INVALID_STATE');
  });

  it('terms are recorded once', () => {
    const f = markTermsRecorded(requested(), AT);
    expect(codeOf(() => markTermsRecorded(f, AT))).toBe('ALREADY_EXISTS');
  });
});

describe('approvalResult', () => {
  const cap: ConsortiumCap = {
    coreId: line.coreId,
    currency: 'USD',
    cap: '50000000',
    shares: [{ bankMsp: 'BankAMSP', limit: '50000000' }],
    shardCount: 16,
    setBy: 'auditor',
    updatedAt: AT,
  };
  const draws = { trancheDraws: [{ index: 2, amount: '800000' }], capDraws: [{ index: 2, amount: '800000' }] };

  it('reports the approved financing with the line, the cap and the slots it drew on after the draw, as decimal strings, and no line term', () => {
    const active = approveFinancing(requested(), terms, receivable, recorded, draws, AT);
    const touched = {
      tranches: [
        { index: 2, limit: '625000', drawn: '625000' },
        { index: 3, limit: '625000', drawn: '400000' },
      ],
      shards: [{ index: 2, limit: '3125000', drawn: '1800000' }],
    };
    expect(approvalResult(active, line, cap, touched)).toEqual({
      financing: active,
      exposureAfter: {
        lineId: 'line1',
        tranches: [
          { index: 2, drawnAfter: '625000' },
          { index: 3, drawnAfter: '400000' },
        ],
        coreId: line.coreId,
        currency: 'USD',
        consortiumCap: '50000000',
        shards: [{ index: 2, limit: '3125000', drawnAfter: '1800000' }],
      },
    });
  });

  it("refuses to report a cap that is not the line's", () => {
    const active = approveFinancing(requested(), terms, receivable, recorded, draws, AT);
    expect(codeOf(() => approvalResult(active, line, { ...cap, coreId: 'other' }, { tranches: [], shards: [] }))).toBe('INTERNAL');
    expect(codeOf(() => approvalResult(active, line, { ...cap, currency: 'EUR' }, { tranches: [], shards: [] }))).toBe('INTERNAL');
  });
});

describe('parseRiskAssessment', () => {
  it('accepts a well-formed assessment', () => {
    expect(parseRiskAssessment({ ...approve })).toEqual(approve);
  });

  it.each([{ ...approve, decision: 'MAYBE' }, { ...approve, inputsHash: 'A'.repeat(64) }, { ...approve, extra: 1 }, []])(
    'rejects %j',
    (value) => {
      expect(codeOf(() => parseRiskAssessment(value))).toBe('INVALID_ARGUMENT');
    },
  );

  it('refuses the score and reason codes by name: they stay with the bank, never in a block or the world state', () => {
    for (const extra of [{ score: 120 }, { reasonCodes: ['OK'] }, { explanations: [] }]) {
      expect(() => parseRiskAssessment({ ...approve, ...extra })).toThrow(/stays with the bank/);
    }
  });
});
