import path from 'node:path';
import { CredentialStore } from '../auth/credentials';
import type { RiskFeatureSource } from '../readmodel/risk-features';
import { loadPolicy } from '../risk/policy';
import { openSqlite } from '../store/sqlite';
import { FakeLedgers, fakeNetwork, TEST_CREDENTIALS, type RecordedCall } from '../testing/fakes';
import { freshPrice, issuedReceipt as receipt, pledgeValuation, requestedPledge as pledge } from '../testing/risk-gate-fixtures';
import { temporaryDir } from '../testing/test-app';
import { testDecisionSigners } from '../testing/decision-signers';
import { RiskDecisionStore } from './decision-store';
import { PledgeGate } from './pledge-gate';
import { riskDecisionsTotal } from '../ops/metrics';
import type { CommodityPrice, Pledge, PledgeValuation } from '@scf/kernel/records/warehouse';
import { tx } from '@scf/kernel/catalogue/catalogue';

const NOW = Date.UTC(2026, 0, 15) / 1000;
const encoder = new TextEncoder();
const json = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

const features: RiskFeatureSource = {
  supplierHistory: () =>
    Promise.resolve({
      financedCount: 5,
      onTimeRepaidCount: 5,
      lateRepaidCount: 0,
      defaultedCount: 0,
      totalFace: 10_000_000n,
      totalDiluted: 0n,
      tenureDays: 800,
      monthlyVolumes: [1n, 1n, 1n],
    }),
  bankBook: () => Promise.resolve({ exposureBySupplier: {} }),
  recentRequestTimes: () => Promise.resolve([]),
  transfersAround: () => Promise.resolve([]),
  invoiceTwins: () => Promise.resolve({ sameInvoiceIds: [], nearDuplicateIds: [] }),
};

interface PledgeState {
  pledge?: Pledge;
  /** The price the gate reads before endorsement. */
  price?: CommodityPrice;
  /** The price the endorsing AcceptPledge reads (by default the same). */
  endorsedPrice?: CommodityPrice;
  /** The endorsed result verbatim, instead of a well-formed one. */
  rawResult?: unknown;
}

/** AcceptPledge's result, valued as the chaincode values it: quantity × price, less the offered haircut. */
function acceptanceResult(state: PledgeState, haircutBps: string): unknown {
  if ('rawResult' in state) {
    return state.rawResult;
  }
  const assessed = state.pledge ?? pledge;
  const price = state.endorsedPrice ?? state.price ?? freshPrice;
  const valuation = pledgeValuation(receipt, price, haircutBps, assessed.loanAmount);
  return { pledge: { ...assessed, status: 'ACTIVE', haircutBps }, valuation };
}

function setup(state: PledgeState = {}): {
  gate: PledgeGate;
  ledgers: FakeLedgers;
  decisions: RiskDecisionStore;
  officer: NonNullable<ReturnType<CredentialStore['byName']>>;
  second: NonNullable<ReturnType<CredentialStore['byName']>>;
} {
  const ledgers = new FakeLedgers();
  ledgers.answer = (call: RecordedCall): Uint8Array => {
    switch (call.transaction) {
      case tx.warehouse.GetPledge.name:
        return json(state.pledge ?? pledge);
      case tx.warehouse.GetReceipt.name:
        return json(receipt);
      case tx.warehouse.GetPrice.name:
        return json(state.price ?? freshPrice);
      case tx.warehouse.AcceptPledge.name:
        return json(acceptanceResult(state, String(call.args[1])));
      default:
        throw new Error(`unexpected ${call.transaction}`);
    }
  };
  const decisions = new RiskDecisionStore(openSqlite(path.join(temporaryDir(), 'pledge.db')));
  const policyDir = path.join(__dirname, '..', '..', 'policies');
  const credentials = new CredentialStore(TEST_CREDENTIALS, fakeNetwork());
  const gate = new PledgeGate({
    ledgers,
    features,
    decisions,
    policyFor: (msp) => loadPolicy(policyDir, msp),
    nowSeconds: () => NOW,
    credentials,
    signers: testDecisionSigners,
  });
  const officer = credentials.byName('bank-a');
  if (!officer) {
    throw new Error('no bank-a credential');
  }
  const second = new CredentialStore(TEST_CREDENTIALS, fakeNetwork()).byName('bank-a-2');
  if (!second) {
    throw new Error('no bank-a-2 credential');
  }
  return { gate, ledgers, decisions, officer, second };
}

/** The fourth argument of AcceptPledge: the gate's signed pledge-acceptance decision. */
const SIGNED_PLEDGE_DECISION: unknown = expect.stringMatching(
  /^\{"decision":\{"kind":"pledge-acceptance".*"signature":"[A-Za-z0-9+/=]+"\}$/,
);
const accepts = (ledgers: FakeLedgers) => ledgers.calls.filter((c) => c.transaction === tx.warehouse.AcceptPledge.name);
const submits = (ledgers: FakeLedgers) => ledgers.calls.filter((c) => c.method === 'submit');
const terms = { haircutBps: '3000', maintenanceRatioBps: '12000', officerReviewed: false };
const stale = { ...freshPrice, setAt: '2026-01-10T00:00:00Z' };

describe('the pledge risk gate', () => {
  it('accepts a loan within value after haircut, signed by the bank officer', async () => {
    const { gate, ledgers, officer } = setup();
    const outcome = await gate.accept('p1', officer, terms);
    expect(outcome.decision).toBe('APPROVE');
    expect(accepts(ledgers)).toEqual([
      expect.objectContaining({
        identity: 'BankAMSP/User1',
        method: 'endorseThenDecide',
        args: ['p1', '3000', '12000', SIGNED_PLEDGE_DECISION],
      }),
    ]);
  });

  it('refuses a loan above value × (1 − policy haircut) without endorsing anything', async () => {
    const { gate, ledgers, officer } = setup({ pledge: { ...pledge, loanAmount: '60000000' } });
    const outcome = await gate.accept('p1', officer, terms);
    expect(outcome).toMatchObject({
      decision: 'REJECT',
      record: { reasonCodes: expect.arrayContaining(['PLEDGE_VALUE_INSUFFICIENT']) as unknown },
    });
    expect(accepts(ledgers)).toHaveLength(0);
  });

  it('sends a stale price to the review queue (kind pledge) with its terms; nothing is endorsed', async () => {
    const { gate, ledgers, decisions, officer } = setup({ price: stale });
    const outcome = await gate.accept('p1', officer, terms);
    expect(outcome).toMatchObject({
      decision: 'REVIEW',
      review: { kind: 'pledge', financingId: 'p1', status: 'PENDING', terms: { haircutBps: '3000', maintenanceRatioBps: '12000' } },
    });
    expect(accepts(ledgers)).toHaveLength(0);
    expect(decisions.reviews('BankAMSP', 'PENDING').map((r) => [r.kind, r.financingId])).toEqual([['pledge', 'p1']]);
  });

  it("an officer's approval of a queued pledge endorses AcceptPledge with the queued terms, checks it and submits", async () => {
    const { gate, ledgers, decisions, officer, second } = setup({ price: stale });
    await gate.accept('p1', officer, { ...terms, haircutBps: '3500' });
    const outcome = await gate.decideReview('p1', second, 'APPROVE', 'price confirmed by phone');
    expect(outcome).toMatchObject({
      decision: 'APPROVE',
      transactionId: expect.stringMatching(/^tx-/) as unknown,
      record: { stage: 'officer-review', decision: 'APPROVE' },
    });
    expect(accepts(ledgers)).toEqual([
      expect.objectContaining({
        identity: 'BankAMSP/User3',
        method: 'endorseThenDecide',
        args: ['p1', '3500', '12000', SIGNED_PLEDGE_DECISION],
      }),
    ]);
    expect(decisions.review('p1', 'pledge')).toMatchObject({
      status: 'APPROVED',
      requestedBy: 'bank-a',
      decidedBy: 'bank-a-2',
      note: 'price confirmed by phone',
    });
    await expect(gate.decideReview('p1', second, 'REJECT', null)).rejects.toMatchObject({ httpStatus: 409 });
  });

  it("an officer's rejection of a queued pledge closes the review and submits nothing (no bank-side rejection on the chaincode)", async () => {
    const { gate, ledgers, decisions, officer, second } = setup({ price: stale });
    await gate.accept('p1', officer, terms);
    const outcome = await gate.decideReview('p1', second, 'REJECT', 'no');
    expect(outcome).toMatchObject({ decision: 'REJECT', record: { stage: 'officer-review', transactionId: null } });
    expect(ledgers.calls.filter((c) => c.method !== 'evaluate')).toEqual([]);
    expect(decisions.review('p1', 'pledge')?.status).toBe('REJECTED');
    // A financing review of the same id is another item.
    expect(decisions.review('p1')).toBeUndefined();
  });

  it('four eyes: the officer who asked may neither approve nor reject the review, and officerReviewed no longer skips the queue', async () => {
    const { gate, ledgers, decisions, officer } = setup({ price: stale });
    expect((await gate.accept('p1', officer, { ...terms, officerReviewed: true })).decision).toBe('REVIEW');
    await expect(gate.decideReview('p1', officer, 'APPROVE', null)).rejects.toMatchObject({ httpStatus: 403, code: 'FORBIDDEN' });
    await expect(gate.decideReview('p1', officer, 'REJECT', null)).rejects.toMatchObject({ httpStatus: 403, code: 'FORBIDDEN' });
    expect(accepts(ledgers)).toHaveLength(0);
    expect(decisions.review('p1', 'pledge')?.status).toBe('PENDING');
  });

  it('a review decision needs a pending pledge review of the officer bank', async () => {
    const { gate, second } = setup();
    await expect(gate.decideReview('p1', second, 'APPROVE', null)).rejects.toMatchObject({ httpStatus: 404 });
  });

  it('counts pledge decisions in scf_gateway_risk_decisions_total (kind pledge)', async () => {
    const count = async (decision: string): Promise<number> =>
      (await riskDecisionsTotal.get()).values
        .filter((v) => v.labels.kind === 'pledge' && v.labels.decision === decision)
        .reduce((sum, v) => sum + v.value, 0);
    const [approveBefore, reviewBefore, rejectBefore] = [await count('APPROVE'), await count('REVIEW'), await count('REJECT')];
    const { gate, officer } = setup();
    await gate.accept('p1', officer, terms);
    const reviewed = setup({ price: stale });
    await reviewed.gate.accept('p1', reviewed.officer, terms);
    const rejected = setup({ pledge: { ...pledge, loanAmount: '60000000' } });
    await rejected.gate.accept('p1', rejected.officer, terms);
    expect(await count('APPROVE')).toBeGreaterThan(approveBefore);
    expect(await count('REVIEW')).toBeGreaterThan(reviewBefore);
    expect(await count('REJECT')).toBeGreaterThan(rejectBefore);
  });

  it('answers the pledge the endorsement returned', async () => {
    const { gate, officer } = setup();
    expect(await gate.accept('p1', officer, terms)).toMatchObject({
      decision: 'APPROVE',
      pledge: { id: 'p1', status: 'ACTIVE', loanAmount: '50000000' },
    });
  });

  describe("re-checks the valuation the endorsement was decided on, not the gate's own read", () => {
    async function refused(state: PledgeState, code: string, offered = terms): Promise<void> {
      const { gate, ledgers, officer } = setup(state);
      const outcome = await gate.accept('p1', officer, offered);
      expect(outcome).toMatchObject({ decision: 'REJECT', record: { decision: 'REJECT', transactionId: null } });
      expect(outcome.record.reasonCodes).toContain(code);
      expect(accepts(ledgers)).toHaveLength(1);
      expect(submits(ledgers)).toHaveLength(0);
    }

    it('the price fell between the read and the endorsement: the loan exceeds value after the policy haircut, refused', async () => {
      // Read: 100 t × 800 000 = 80 000 000, less 30% = 56 000 000 ≥ 50 000 000. Endorsed at 700 000:
      // 70 000 000 less the policy's 30% = 49 000 000 < 50 000 000. The chaincode, applying only the
      // offered 20%, would accept (56 000 000).
      await refused({ endorsedPrice: { ...freshPrice, pricePerUnit: '700000' } }, 'PLEDGE_VALUE_INSUFFICIENT', {
        ...terms,
        haircutBps: '2000',
      });
    });

    it('the endorsing transaction valued the goods at a stale price: refused, whatever the asking officer says', async () => {
      const stale = { ...freshPrice, setAt: '2026-01-10T00:00:00Z' };
      await refused({ endorsedPrice: stale }, 'PRICE_STALE');
      // The deprecated officerReviewed no longer lets the asking officer wave it through (four eyes).
      const reviewed = setup({ endorsedPrice: stale });
      expect((await reviewed.gate.accept('p1', reviewed.officer, { ...terms, officerReviewed: true })).decision).toBe('REJECT');
    });

    it('a valuation of another receipt or haircut, or one that does not add up, is refused', async () => {
      const good = acceptanceResult({}, '3000') as { pledge: Pledge; valuation: PledgeValuation };
      await refused({ rawResult: { ...good, valuation: { ...good.valuation, receiptId: 'w9' } } }, 'POST_STATE_MISMATCH');
      await refused({ rawResult: { ...good, valuation: { ...good.valuation, haircutBps: '1000' } } }, 'POST_STATE_MISMATCH');
      await refused({ rawResult: { ...good, valuation: { ...good.valuation, value: '99000000' } } }, 'POST_STATE_MISMATCH');
    });

    it('a result that is not the promised shape is refused', async () => {
      await refused({ rawResult: { ...pledge, status: 'ACTIVE', haircutBps: '3000' } }, 'POST_STATE_UNREADABLE');
    });
  });

  it('refuses a pledge offered to another bank', async () => {
    const { gate, officer } = setup({ pledge: { ...pledge, bankMsp: 'BankBMSP' } });
    await expect(gate.accept('p1', officer, terms)).rejects.toMatchObject({ httpStatus: 403 });
  });
});
