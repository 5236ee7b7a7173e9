import fc from 'fast-check';
import { AT, confirmedReceivable, core, participant, supplier1, supplier2, supplier3 } from '../testing/domain-fixtures';
import {
  applySettlement,
  confirmReceivable,
  conserves,
  delinquencyOn,
  diluteReceivable,
  dilutionHeadroom,
  disputeReceivable,
  encumber,
  issueReceivable,
  markDelinquency,
  releaseEncumbrance,
  reservePayment,
  splitReceivable,
} from './receivable';
import { sumOf } from '@scf/kernel/money';
import { codeOf } from '@scf/kernel/testing/expect-code';

const issuance = {
  id: 'r1',
  invoiceNumber: 'INV-1',
  currency: 'USD',
  face: 500n,
  issueDate: '2025-01-01',
  dueDate: '2025-04-01',
  issueDay: 20089,
  dueDay: 20179,
};

describe('issue', () => {
  it('creates an ISSUED claim held by its creditor', () => {
    const r = issueReceivable(issuance, supplier1, core, AT);
    expect(r).toMatchObject({
      status: 'ISSUED',
      holderId: 'sup1',
      debtorId: 'core1',
      face: '500',
      outstanding: '500',
      settled: '0',
      rootId: 'r1',
    });
    expect(conserves(r)).toBe(true);
  });

  it('refuses a debtor that is not a core enterprise', () => {
    expect(codeOf(() => issueReceivable(issuance, supplier1, supplier2, AT))).toBe('INVALID_ARGUMENT');
  });

  it('refuses a due date before the issue date', () => {
    expect(codeOf(() => issueReceivable({ ...issuance, dueDay: 20000 }, supplier1, core, AT))).toBe('INVALID_ARGUMENT');
  });
});

describe('invoice fingerprint', () => {
  const issuance = {
    id: 'r1',
    invoiceNumber: 'INV-001',
    currency: 'USD',
    face: 100n,
    issueDate: '2025-01-01',
    dueDate: '2025-04-01',
    issueDay: 20089,
    dueDay: 20179,
  };

  it('keys on the legal entities: a second participant id of the seller issues the same fingerprint', () => {
    const twin = { ...participant('sup1-desk2', 'supplier', 'SuppliersMSP', 1), legalEntityId: supplier1.legalEntityId };
    const first = issueReceivable(issuance, supplier1, core, AT);
    expect(issueReceivable({ ...issuance, id: 'r2', invoiceNumber: 'ІNV-٠٠١' }, twin, core, AT).invoiceFingerprint).toBe(
      first.invoiceFingerprint,
    );
    expect(issueReceivable(issuance, supplier2, core, AT).invoiceFingerprint).not.toBe(first.invoiceFingerprint);
  });
});

describe('confirm and dispute', () => {
  const issued = issueReceivable(issuance, supplier1, core, AT);

  it('only the debtor confirms', () => {
    expect(codeOf(() => confirmReceivable(issued, 'sup1', AT))).toBe('FORBIDDEN');
    expect(confirmReceivable(issued, 'core1', AT).status).toBe('CONFIRMED');
  });

  it('a dispute can be resolved by confirming, which clears the reason', () => {
    const disputed = disputeReceivable(issued, 'core1', 'goods damaged', AT);
    expect(disputed).toMatchObject({ status: 'DISPUTED', disputeReason: 'goods damaged' });
    expect(confirmReceivable(disputed, 'core1', AT).disputeReason).toBeUndefined();
  });

  it('a confirmed receivable cannot be disputed', () => {
    expect(codeOf(() => disputeReceivable(confirmReceivable(issued, 'core1', AT), 'core1', 'x', AT))).toBe('INVALID_STATE');
  });
});

describe('split', () => {
  const r = confirmedReceivable('r1', 1000n);

  it('children sum to the parent, carry lineage and the parent becomes inactive', () => {
    const { parent, children } = splitReceivable(
      r,
      supplier1,
      [
        { id: 'r1.a', amount: 600n, holder: supplier1 },
        { id: 'r1.b', amount: 400n, holder: supplier2 },
      ],
      AT,
    );
    expect(parent).toMatchObject({ status: 'SPLIT', outstanding: '0', splitOff: '1000', childIds: ['r1.a', 'r1.b'] });
    expect(children.map((c) => [c.id, c.parentId, c.rootId, c.holderId, c.face, c.status])).toEqual([
      ['r1.a', 'r1', 'r1', 'sup1', '600', 'CONFIRMED'],
      ['r1.b', 'r1', 'r1', 'sup2', '400', 'CONFIRMED'],
    ]);
    expect([parent, ...children].every(conserves)).toBe(true);
  });

  it('refuses to transfer or split a receivable with nothing outstanding (INVALID_STATE, not a shape error)', () => {
    const empty = { ...r, outstanding: '0' };
    expect(codeOf(() => splitReceivable(empty, supplier1, [{ id: 'a', amount: 1n, holder: supplier2 }], AT))).toBe('INVALID_STATE');
  });

  it('refuses parts that do not sum exactly', () => {
    expect(codeOf(() => splitReceivable(r, supplier1, [{ id: 'a', amount: 999n, holder: supplier1 }], AT))).toBe('INVALID_ARGUMENT');
  });

  it('refuses transfers downstream or to non-suppliers', () => {
    const tier2Holder = { ...r, holderId: 'sup2' };
    expect(codeOf(() => splitReceivable(tier2Holder, supplier2, [{ id: 'a', amount: 1000n, holder: supplier1 }], AT))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => splitReceivable(r, supplier1, [{ id: 'a', amount: 1000n, holder: core }], AT))).toBe('INVALID_ARGUMENT');
    expect(splitReceivable(r, supplier1, [{ id: 'a', amount: 1000n, holder: supplier3 }], AT).children[0]?.holderId).toBe('sup3');
  });

  it('refuses a suspended recipient', () => {
    const suspended = { ...participant('sup9', 'supplier', 'SuppliersMSP', 2), status: 'SUSPENDED' as const };
    expect(codeOf(() => splitReceivable(r, supplier1, [{ id: 'a', amount: 1000n, holder: suspended }], AT))).toBe('INVALID_ARGUMENT');
  });

  it('refuses financed, disputed and non-holder splits', () => {
    const part = [{ id: 'a', amount: 1000n, holder: supplier2 }];
    expect(codeOf(() => splitReceivable(encumber(r, 'f1', AT), supplier1, part, AT))).toBe('ENCUMBERED');
    expect(codeOf(() => splitReceivable({ ...r, status: 'DISPUTED' }, supplier1, part, AT))).toBe('INVALID_STATE');
    expect(codeOf(() => splitReceivable(r, supplier2, part, AT))).toBe('FORBIDDEN');
  });

  it('conserves for any partition', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 10 }), (amounts) => {
        const face = sumOf(amounts);
        const { parent, children } = splitReceivable(
          confirmedReceivable('p', face),
          supplier1,
          amounts.map((amount, i) => ({ id: `c${i}`, amount, holder: supplier2 })),
          AT,
        );
        expect(sumOf(children.map((c) => BigInt(c.face)))).toBe(BigInt(parent.splitOff));
        expect(conserves(parent)).toBe(true);
      }),
    );
  });
});

describe('dilution', () => {
  const r = confirmedReceivable('r1', 1000n);

  it('moves outstanding to diluted, closing an unfinanced claim at zero', () => {
    const d = diluteReceivable(r, 'sup1', 300n, 0n, AT);
    expect(d).toMatchObject({ outstanding: '700', diluted: '300', status: 'CONFIRMED' });
    expect(conserves(d)).toBe(true);
    expect(diluteReceivable(d, 'sup1', 700n, 0n, AT)).toMatchObject({ outstanding: '0', diluted: '1000', status: 'SETTLED' });
  });

  it('refuses more than is available and strangers', () => {
    expect(codeOf(() => diluteReceivable(r, 'sup1', 1001n, 0n, AT))).toBe('AMOUNT_EXCEEDS_OUTSTANDING');
    expect(codeOf(() => diluteReceivable(reservePayment(r, 'core1', 'p1', 800n, AT), 'sup1', 201n, 0n, AT))).toBe(
      'AMOUNT_EXCEEDS_OUTSTANDING',
    );
    expect(codeOf(() => diluteReceivable(r, 'sup2', 1n, 0n, AT))).toBe('FORBIDDEN');
    // The debtor's dilution needs the holder's consent (consent.ts): it cannot record one alone.
    expect(codeOf(() => diluteReceivable(r, 'core1', 1n, 0n, AT))).toBe('FORBIDDEN');
  });
});

describe('dilution under a live financing', () => {
  const financed = encumber(confirmedReceivable('r1', 1000n), 'f1', AT);

  it('may take the unfinanced margin, down to exactly the principal, and the claim stays open', () => {
    expect(dilutionHeadroom(financed, 800n)).toBe(200n);
    const d = diluteReceivable(financed, 'sup1', 200n, 800n, AT);
    expect(d).toMatchObject({ outstanding: '800', diluted: '200', status: 'CONFIRMED', financingId: 'f1' });
    expect(conserves(d)).toBe(true);
  });

  it('never reaches into the principal, so it can neither settle the claim nor leave it below the principal', () => {
    expect(codeOf(() => diluteReceivable(financed, 'sup1', 201n, 800n, AT))).toBe('ENCUMBERED');
    expect(codeOf(() => diluteReceivable(financed, 'sup1', 1000n, 800n, AT))).toBe('ENCUMBERED');
    const atPrincipal = diluteReceivable(financed, 'sup1', 200n, 800n, AT);
    expect(codeOf(() => diluteReceivable(atPrincipal, 'sup1', 1n, 800n, AT))).toBe('ENCUMBERED');
  });

  it('counts a payment awaiting acknowledgement against the margin', () => {
    const reserved = reservePayment(financed, 'core1', 'p1', 100n, AT);
    expect(dilutionHeadroom(reserved, 800n)).toBe(100n);
    expect(codeOf(() => diluteReceivable(reserved, 'sup1', 101n, 800n, AT))).toBe('ENCUMBERED');
    expect(diluteReceivable(reserved, 'sup1', 100n, 800n, AT).outstanding).toBe('900');
  });

  it('once the principal is repaid and the encumbrance released, the rest may be diluted and the claim settles', () => {
    const repaid = releaseEncumbrance(applySettlement(reservePayment(financed, 'core1', 'p1', 800n, AT), 'p1', 800n, AT), 'f1', AT);
    expect(repaid).toMatchObject({ outstanding: '200', status: 'CONFIRMED' });
    expect(diluteReceivable(repaid, 'sup1', 200n, 0n, AT)).toMatchObject({ outstanding: '0', status: 'SETTLED' });
  });

  it('for any principal and dilution, what remains outstanding still covers the principal', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: 1000n }), (principal, amount) => {
        let diluted;
        try {
          diluted = diluteReceivable(financed, 'sup1', amount, principal, AT);
        } catch {
          return amount > 1000n - principal;
        }
        return BigInt(diluted.outstanding) >= principal && diluted.status === 'CONFIRMED' && conserves(diluted);
      }),
    );
  });
});

describe('payments', () => {
  const r = confirmedReceivable('r1', 1000n);

  it('reserves then settles allocation by allocation', () => {
    const reserved = reservePayment(r, 'core1', 'p1', 600n, AT);
    expect(reserved).toMatchObject({ pendingPaymentId: 'p1', pendingAmount: '600', outstanding: '1000' });
    const half = applySettlement(reserved, 'p1', 400n, AT);
    expect(half).toMatchObject({ pendingPaymentId: 'p1', pendingAmount: '200', outstanding: '600', settled: '400' });
    const done = applySettlement(half, 'p1', 200n, AT);
    expect(done.pendingPaymentId).toBeUndefined();
    expect(done).toMatchObject({ outstanding: '400', settled: '600', status: 'CONFIRMED' });
    expect(conserves(done)).toBe(true);
  });

  it('only the debtor pays, one payment at a time, never more than outstanding', () => {
    expect(codeOf(() => reservePayment(r, 'sup1', 'p1', 1n, AT))).toBe('FORBIDDEN');
    expect(codeOf(() => reservePayment(r, 'core1', 'p1', 1001n, AT))).toBe('AMOUNT_EXCEEDS_OUTSTANDING');
    expect(codeOf(() => reservePayment(reservePayment(r, 'core1', 'p1', 1n, AT), 'core1', 'p2', 1n, AT))).toBe('INVALID_STATE');
  });

  it('settles fully', () => {
    expect(applySettlement(reservePayment(r, 'core1', 'p1', 1000n, AT), 'p1', 1000n, AT).status).toBe('SETTLED');
  });
});

describe('encumbrance', () => {
  it('one financing at a time', () => {
    const r = encumber(confirmedReceivable(), 'f1', AT);
    expect(codeOf(() => encumber(r, 'f2', AT))).toBe('ENCUMBERED');
    expect(releaseEncumbrance(r, 'f1', AT).financingId).toBeUndefined();
    expect(codeOf(() => releaseEncumbrance(r, 'f2', AT))).toBe('INTERNAL');
  });
});

describe('delinquency', () => {
  it('overdue after the due date, default after the grace period', () => {
    expect(delinquencyOn(100, 110, 100)).toBe('CURRENT');
    expect(delinquencyOn(100, 110, 101)).toBe('OVERDUE');
    expect(delinquencyOn(100, 110, 110)).toBe('OVERDUE');
    expect(delinquencyOn(100, 110, 111)).toBe('DEFAULTED');
  });

  it('only gets worse', () => {
    const overdue = markDelinquency(confirmedReceivable(), 'OVERDUE', AT);
    expect(codeOf(() => markDelinquency(overdue, 'OVERDUE', AT))).toBe('INVALID_STATE');
    expect(markDelinquency(overdue, 'DEFAULTED', AT).delinquency).toBe('DEFAULTED');
  });
});
