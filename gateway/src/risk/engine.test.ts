import fc from 'fast-check';
import { assess, toLedgerAssessment } from './engine';
import type { RiskInputs } from './inputs';
import { decisionView, inputsHash } from './inputs-hash';
import { CHECK_CODES, type CheckCode } from './reason-codes';
import { DAY, financingInputs, NOW, pledgeInputs, testPolicy } from './testing/fixtures';
import { canonicalJson, sha256Hex } from '@scf/kernel/canonical-json';
import { parseRiskAssessment } from '@scf/kernel/records/risk-assessment';

const policy = testPolicy(); // 100 points per code; review from 250, reject from 600

describe('assess', () => {
  it('approves a zero-risk financing and a zero-risk pledge with score 0 and no reasons', () => {
    for (const inputs of [financingInputs(), pledgeInputs()]) {
      const result = assess(policy, inputs);
      expect(result).toMatchObject({ decision: 'APPROVE', score: 0, reasonCodes: [], explanations: [], policyVersion: 'test/1' });
      expect(result.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('takes the inputs hash the gate computed for the same inputs instead of hashing them again', () => {
    const inputs = financingInputs();
    const hashed = inputsHash(policy, inputs);
    expect(assess(policy, inputs, hashed)).toEqual(assess(policy, inputs));
    expect(assess(policy, inputs, hashed).inputsHash).toBe(hashed);
  });

  it('rejects on any reject finding, whatever the score', () => {
    const result = assess(policy, financingInputs({ receivable: { status: 'DISPUTED' } }));
    expect(result.decision).toBe('REJECT');
    expect(result.score).toBe(200);
    expect(result.reasonCodes).toEqual(['COLLATERAL_DISPUTED', 'COLLATERAL_NOT_CONFIRMED']);
    expect(result.explanations.map((f) => f.explanation)).toEqual([
      'the debtor disputes receivable r1',
      'receivable r1 is DISPUTED, not CONFIRMED',
    ]);
  });

  it('reviews on any review finding below the score bands', () => {
    const result = assess(policy, financingInputs({ line: { exposureAfter: 9_500_000n } }));
    expect(result).toMatchObject({ decision: 'REVIEW', score: 100, reasonCodes: ['LINE_HEADROOM_LOW'] });
  });

  it('approves with info findings below the review band, and names them', () => {
    const result = assess(policy, financingInputs({ supplier: { tenureDays: 30 } }));
    expect(result).toMatchObject({ decision: 'APPROVE', score: 100, reasonCodes: ['SHORT_TENURE'] });
  });

  it('reviews from reviewFromScore on info findings alone', () => {
    const weak = { tenureDays: 30, totalDiluted: 10_000_000n, monthlyVolumes: [1n, 100n, 1n, 100n] };
    const result = assess(policy, financingInputs({ supplier: weak }));
    expect(result.score).toBe(300);
    expect(result.decision).toBe('REVIEW');
    expect(result.reasonCodes).toEqual(['HIGH_DILUTION', 'RISK_SCORE_ELEVATED', 'SHORT_TENURE', 'VOLATILE_VOLUME']);
    expect(result.explanations.find((f) => f.code === 'RISK_SCORE_ELEVATED')?.explanation).toBe(
      'score 300 is at or above the review threshold 250',
    );
  });

  it('reviews at exactly reviewFromScore and rejects at exactly rejectFromScore', () => {
    const at = (points: number) =>
      assess({ ...policy, points: { ...policy.points, SHORT_TENURE: points } }, financingInputs({ supplier: { tenureDays: 30 } }));
    expect(at(249).decision).toBe('APPROVE');
    expect(at(250).decision).toBe('REVIEW');
    expect(at(599).decision).toBe('REVIEW');
    expect(at(600)).toMatchObject({ decision: 'REJECT', reasonCodes: ['RISK_SCORE_HIGH', 'SHORT_TENURE'] });
  });

  it('clamps the score at 1000', () => {
    const heavy = { ...policy, points: Object.fromEntries(CHECK_CODES.map((c) => [c, 1000])) as Record<CheckCode, number> };
    const result = assess(heavy, financingInputs({ receivable: { status: 'DISPUTED', encumbered: true } }));
    expect(result.score).toBe(1000);
  });

  it('is deterministic: the same inputs twice give identical output', () => {
    const inputs = financingInputs({ receivable: { status: 'ISSUED' }, supplier: { tenureDays: 10 } });
    expect(JSON.stringify(assess(policy, inputs))).toBe(JSON.stringify(assess(policy, structuredClone(inputs))));
  });

  it('hashes the inputs regardless of key order, and changes with any value', () => {
    const inputs = financingInputs();
    const reversed = reverseKeys(inputs) as RiskInputs;
    expect(Object.keys(reversed)[0]).not.toBe(Object.keys(inputs)[0]);
    expect(assess(policy, reversed).inputsHash).toBe(assess(policy, inputs).inputsHash);
    expect(inputsHash(policy, financingInputs({ request: { amount: 700_001n } }))).not.toBe(inputsHash(policy, inputs));
    expect(inputsHash(policy, financingInputs({ now: NOW + 1 }))).not.toBe(inputsHash(policy, inputs));
  });

  it("hashes the borrower's exposure and the book's total, not how the rest of the book is split", () => {
    const book = (entries: Record<string, bigint>) => financingInputs({ book: { exposureBySupplier: entries } });
    const base = inputsHash(policy, book({ sup0: 5n, a: 10n, b: 20n }));
    expect(inputsHash(policy, book({ sup0: 5n, b: 10n, a: 20n }))).toBe(base);
    expect(inputsHash(policy, book({ sup0: 5n, c: 30n }))).toBe(base);
    expect(inputsHash(policy, book({ sup0: 6n, a: 10n, b: 19n }))).not.toBe(base);
    expect(inputsHash(policy, book({ sup0: 5n, a: 10n, b: 21n }))).not.toBe(base);
  });

  it('hashes the transfers the circular-trade search can reach, in any order, and no others', () => {
    const depth = policy.circularTrade.maxDepth;
    const chainFrom = (start: string, hops: number) =>
      Array.from({ length: hops }, (_, i) => ({ from: i === 0 ? start : `n${i}`, to: `n${i + 1}` }));
    const reach = chainFrom('sup0', depth);
    const base = inputsHash(policy, financingInputs({ transfers: reach }));
    expect(inputsHash(policy, financingInputs({ transfers: [...reach].reverse() }))).toBe(base);
    expect(inputsHash(policy, financingInputs({ transfers: [...reach, ...reach] }))).toBe(base);
    // Leaving the last participant reached: one hop too far for the search.
    expect(inputsHash(policy, financingInputs({ transfers: [...reach, { from: `n${depth}`, to: 'sup0' }] }))).toBe(base);
    expect(inputsHash(policy, financingInputs({ transfers: [...reach, { from: 'x', to: 'y' }] }))).toBe(base);
    expect(inputsHash(policy, financingInputs({ transfers: [...reach, { from: `n${depth - 1}`, to: 'sup0' }] }))).not.toBe(base);
    expect(inputsHash(policy, financingInputs({ transfers: [...reach, { from: 'sup0', to: 'x' }] }))).not.toBe(base);
  });

  it('decides alike on any two inputs that agree on what the hash covers', () => {
    const names = ['sup0', 'sup1', 'sup2', 'core1', 'x', 'y'];
    const edge = fc.record({ from: fc.constantFrom(...names), to: fc.constantFrom(...names) });
    const book = fc.dictionary(fc.constantFrom(...names), fc.bigInt({ min: 0n, max: 3_000_000n }), { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(edge, { maxLength: 14 }), book, fc.bigInt({ min: 1n, max: 3_000_000n }), (transfers, exposure, amount) => {
        const inputs = financingInputs({ transfers, book: { exposureBySupplier: exposure }, request: { amount } });
        // Another inputs with the same view: only the reachable edges (reversed), the rest of the book in one entry.
        const view = decisionView(policy, inputs);
        const others = view.book.total - view.book.borrowerExposure;
        const reduced = financingInputs({
          transfers: [...view.transfers].reverse(),
          book: { exposureBySupplier: { sup0: view.book.borrowerExposure, ...(others > 0n ? { rest: others } : {}) } },
          request: { amount },
        });
        const full = assess(policy, inputs);
        const small = assess(policy, reduced);
        expect(small.inputsHash).toBe(full.inputsHash);
        expect({ decision: small.decision, score: small.score, reasonCodes: small.reasonCodes }).toEqual({
          decision: full.decision,
          score: full.score,
          reasonCodes: full.reasonCodes,
        });
      }),
    );
  });

  it('hashes the canonical JSON of the decision view, bigints as their decimal strings', () => {
    const view = decisionView(policy, financingInputs());
    const asJson: unknown = JSON.parse(JSON.stringify(view, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    expect(view.book).toEqual({ borrowerExposure: 1_000_000n, total: 10_000_000n });
    expect(inputsHash(policy, financingInputs())).toBe(sha256Hex(canonicalJson(asJson)));
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(reverseKeys);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

describe('toLedgerAssessment', () => {
  it('gives exactly what the chaincode accepts: the verdict, policy version and inputs hash, never the score or reasons', () => {
    const result = assess(policy, financingInputs({ receivable: { status: 'DISPUTED' }, supplier: { tenureDays: 1 } }));
    const ledger = toLedgerAssessment(result);
    expect(Object.keys(ledger).sort()).toEqual(['decision', 'inputsHash', 'policyVersion']);
    expect(parseRiskAssessment(JSON.parse(JSON.stringify(ledger)))).toEqual(ledger);
    expect(ledger).toEqual({ decision: result.decision, policyVersion: result.policyVersion, inputsHash: result.inputsHash });
  });
});

// ---- property tests ----

const amount = fc.bigInt({ min: 0n, max: 10n ** 18n });
const id = fc.constantFrom('sup0', 'sup1', 'sup2', 'sup3', 'core1', 'x');

const anyFinancing = fc
  .record({
    status: fc.constantFrom('ISSUED', 'DISPUTED', 'CONFIRMED', 'SPLIT', 'SETTLED' as const),
    delinquency: fc.constantFrom('CURRENT', 'OVERDUE', 'DEFAULTED' as const),
    outstanding: amount,
    requested: fc.bigInt({ min: 1n, max: 10n ** 18n }),
    dueInDays: fc.integer({ min: -30, max: 400 }),
    encumbered: fc.boolean(),
    fingerprintUnique: fc.boolean(),
    limit: amount,
    exposureAfter: amount,
    cap: amount,
    aggregateAfter: amount,
    exposures: fc.array(fc.tuple(id, amount), { maxLength: 6 }),
    counts: fc.tuple(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50)),
    totalFace: amount,
    totalDiluted: amount,
    tenureDays: fc.nat(3000),
    monthlyVolumes: fc.array(amount, { maxLength: 12 }),
    recentDaysAgo: fc.array(fc.integer({ min: -5, max: 90 }), { maxLength: 20 }),
    transfers: fc.array(fc.record({ from: id, to: id }), { maxLength: 30 }),
  })
  .map((r): RiskInputs =>
    financingInputs({
      request: { amount: r.requested },
      receivable: {
        status: r.status,
        delinquency: r.delinquency,
        outstanding: r.outstanding,
        dueDate: dueDate(r.dueInDays),
        encumbered: r.encumbered,
        fingerprintUnique: r.fingerprintUnique,
      },
      line: { limit: r.limit, exposureAfter: r.exposureAfter },
      consortium: { cap: r.cap, aggregateAfter: r.aggregateAfter },
      book: { exposureBySupplier: Object.fromEntries(r.exposures) },
      supplier: {
        financedCount: r.counts[0],
        onTimeRepaidCount: r.counts[1],
        lateRepaidCount: r.counts[2],
        defaultedCount: r.counts[3],
        totalFace: r.totalFace,
        totalDiluted: r.totalDiluted,
        tenureDays: r.tenureDays,
        monthlyVolumes: r.monthlyVolumes,
      },
      recentRequestTimes: r.recentDaysAgo.map((d) => NOW - d * DAY),
      transfers: r.transfers,
    }),
  );

const anyPoints = fc
  .array(fc.integer({ min: 0, max: 1000 }), { minLength: CHECK_CODES.length, maxLength: CHECK_CODES.length })
  .map((values) => ({
    ...policy,
    points: Object.fromEntries(CHECK_CODES.map((code, i) => [code, values[i] ?? 0])) as Record<CheckCode, number>,
  }));

function dueDate(inDays: number): string {
  const date = new Date((NOW + inDays * DAY) * 1000);
  return date.toISOString().slice(0, 10);
}

const REJECT_FAULTS: readonly ((inputs: RiskInputs) => RiskInputs)[] = [
  (i) => (i.kind === 'financing' ? { ...i, receivable: { ...i.receivable, status: 'DISPUTED' } } : i),
  (i) => (i.kind === 'financing' ? { ...i, receivable: { ...i.receivable, encumbered: true } } : i),
  (i) => (i.kind === 'financing' ? { ...i, receivable: { ...i.receivable, fingerprintUnique: false } } : i),
  (i) => (i.kind === 'financing' ? { ...i, line: { ...i.line, exposureAfter: i.line.limit + 1n } } : i),
  (i) => (i.kind === 'financing' ? { ...i, consortium: { ...i.consortium, aggregateAfter: i.consortium.cap + 1n } } : i),
];

describe('properties', () => {
  it('the score is always an integer within 0..1000 and the result is what the ledger accepts', () => {
    fc.assert(
      fc.property(anyPoints, anyFinancing, (p, inputs) => {
        const result = assess(p, inputs);
        expect(Number.isInteger(result.score) && result.score >= 0 && result.score <= 1000).toBe(true);
        expect(parseRiskAssessment(toLedgerAssessment(result))).toBeDefined();
        expect([...new Set(result.reasonCodes)].sort()).toEqual(result.reasonCodes);
      }),
    );
  });

  it('adding a reject-level fault always rejects and never lowers the score', () => {
    fc.assert(
      fc.property(anyPoints, anyFinancing, fc.constantFrom(...REJECT_FAULTS), (p, inputs, fault) => {
        const before = assess(p, inputs);
        const after = assess(p, fault(inputs));
        expect(after.decision).toBe('REJECT');
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
    );
  });

  it('a zero-risk input approves with score 0', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.integer({ min: 0, max: 8000 }),
        fc.integer({ min: 0, max: 180 }),
        fc.integer({ min: 180, max: 5000 }),
        (outstanding, rateBps, dueInDays, tenureDays) => {
          const amount = (outstanding * BigInt(rateBps)) / 10_000n + 1n;
          const receivableOutstanding = outstanding + 10n; // so that floor(80% of it) still covers the + 1n
          const others = Object.fromEntries(['a', 'b', 'c', 'd'].map((k) => [k, amount]));
          const inputs = financingInputs({
            request: { amount },
            receivable: { face: receivableOutstanding, outstanding: receivableOutstanding, dueDate: dueDate(dueInDays) },
            line: { limit: amount * 10n, exposureAfter: amount },
            consortium: { cap: amount * 10n, aggregateAfter: amount * 10n },
            book: { exposureBySupplier: others },
            supplier: { tenureDays },
          });
          expect(assess(policy, inputs)).toMatchObject({ decision: 'APPROVE', score: 0, reasonCodes: [] });
        },
      ),
    );
  });

  it('is deterministic on arbitrary inputs', () => {
    fc.assert(
      fc.property(anyFinancing, (inputs) => {
        expect(assess(policy, reverseKeys(inputs) as RiskInputs)).toEqual(assess(policy, inputs));
      }),
    );
  });
});
