import path from 'node:path';
import { testDecisionSigners } from '../testing/decision-signers';
import { CredentialStore } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import type { RiskFeatureSource } from '../readmodel/risk-features';
import { loadPolicy } from '../risk/policy';
import { openSqlite } from '../store/sqlite';
import { FakeLedgers, fakeNetwork, TEST_CREDENTIALS, type RecordedCall } from '../testing/fakes';
import {
  approvedFinancing as approved,
  confirmedReceivable as receivable,
  confirmedWorld,
  DRAWN_SLOT,
  requestedFinancing as financing,
  SHARD_LIMIT,
  spread,
  TRANCHE_LIMIT,
} from '../testing/risk-gate-fixtures';
import { type ProvenanceWorld, SUPPLIERS_PEER_ENDORSEMENT } from '../testing/provenance-fixtures';
import { SUPPLIERS_USER1 } from '../readmodel/testing/provenance-certs';
import { temporaryDir } from '../testing/test-app';
import { RiskDecisionStore } from './decision-store';
import { approvalContextFrom, lineTermsAnswerFrom } from '../testing/approval-context';
import { DECISION_TTL_SECONDS, FinancingGate } from './financing-gate';
import { sha256Hex } from '@scf/kernel/canonical-json';
import { txTimeFromSeconds } from '@scf/kernel/dates';
import { parseSignedDecision, verifyDecisionSignature } from '@scf/kernel/records/gate-decision';
import { BANK_A_RISK_KEY, BANK_B_RISK_KEY, publicKeyOf } from '@scf/kernel/testing/risk-keys';
import type { ExposureAfter, Financing } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';
import { tx } from '@scf/kernel/catalogue/catalogue';
import { TransientKey } from '@scf/kernel/transient';
import { parseDrawStart } from '@scf/kernel/records/credit-line';

const NOW = Date.UTC(2026, 0, 15) / 1000;
const encoder = new TextEncoder();
const json = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

/** A seasoned supplier with a clean record: nothing in its history raises the score. */
const cleanFeatures: RiskFeatureSource = {
  supplierHistory: () =>
    Promise.resolve({
      financedCount: 10,
      onTimeRepaidCount: 10,
      lateRepaidCount: 0,
      defaultedCount: 0,
      totalFace: 50_000_000n,
      totalDiluted: 0n,
      tenureDays: 900,
      monthlyVolumes: [5_000_000n, 5_000_000n, 5_000_000n, 5_000_000n],
    }),
  bankBook: () => Promise.resolve({ exposureBySupplier: {} }),
  recentRequestTimes: () => Promise.resolve([]),
  transfersAround: () => Promise.resolve([]),
  invoiceTwins: () => Promise.resolve({ sameInvoiceIds: [], nearDuplicateIds: [] }),
};

interface GateState {
  financing?: Financing;
  receivable?: Receivable;
  endorsed?: Financing;
  /** The line's drawn total the gate reads before endorsement (spread over its tranches). */
  lineDrawn?: string;
  /** The line's grace days (one of its private terms: other terms are another commitment); 0 unless set. */
  lineGraceDays?: number;
  /** The core enterprise's drawn total (all banks) the gate reads before endorsement (spread over its shards). */
  coreDrawn?: string;
  /** Overrides of the post-state the endorsed ApproveFinancing reports. */
  exposureAfter?: Partial<ExposureAfter>;
  /** The endorsed result verbatim, instead of a well-formed one. */
  rawResult?: unknown;
  /** The blocks behind the receivable; absent, confirmedWorld() (issued by supplier-1, confirmed by core). */
  provenance?: ProvenanceWorld;
}

const trancheDrawn = (state: GateState): bigint[] => spread(BigInt(state.lineDrawn ?? '0'), TRANCHE_LIMIT);
const shardDrawn = (state: GateState): bigint[] => spread(BigInt(state.coreDrawn ?? '0'), SHARD_LIMIT);
/** A tranche in the endorsed result: no limit (the line's private terms; the gate adds it from the terms it passed). */
const trancheAfter = (drawnAfter: bigint, index = DRAWN_SLOT) => ({ index, drawnAfter: drawnAfter.toString() });
const slotAfter = (limit: bigint, drawnAfter: bigint) => ({
  index: DRAWN_SLOT,
  limit: limit.toString(),
  drawnAfter: drawnAfter.toString(),
});

/** The line as the fake's GetCreditLine gives it; its limit and grace days become its (private) terms. */
const lineOf = (state: GateState) => ({ id: 'line1', limit: '10000000', graceDays: state.lineGraceDays ?? 0 });

/** What ApproveFinancing reports by default: slot 3 of the line and of the cap as pre-read, plus this financing's 700 000. */
function endorsedResult(state: GateState): unknown {
  if ('rawResult' in state) {
    return state.rawResult;
  }
  const exposureAfter: ExposureAfter = {
    lineId: 'line1',
    tranches: [trancheAfter((trancheDrawn(state)[DRAWN_SLOT] ?? 0n) + 700_000n)],
    coreId: 'core',
    currency: 'USD',
    consortiumCap: '50000000',
    shards: [slotAfter(SHARD_LIMIT, (shardDrawn(state)[DRAWN_SLOT] ?? 0n) + 700_000n)],
    ...state.exposureAfter,
  };
  return { financing: state.endorsed ?? approved, exposureAfter };
}

function setup(state: GateState = {}): {
  gate: FinancingGate;
  ledgers: FakeLedgers;
  decisions: RiskDecisionStore;
  credentials: CredentialStore;
} {
  const ledgers = new FakeLedgers();
  const world = state.provenance ?? confirmedWorld();
  const stateAnswer = (call: RecordedCall): Uint8Array => {
    switch (call.transaction) {
      case tx.financing.GetFinancing.name:
        return json(state.financing ?? financing);
      case tx.receivable.GetReceivable.name:
        return json(state.receivable ?? receivable);
      case tx.creditLine.GetCreditLine.name:
        return json({
          line: lineOf(state),
          drawn: state.lineDrawn ?? '0',
          tranches: trancheDrawn(state).map((drawn, index) => ({
            lineId: 'line1',
            index,
            limit: TRANCHE_LIMIT.toString(),
            drawn: drawn.toString(),
          })),
        });
      case tx.creditLine.GetCoreExposure.name:
        return json({
          cap: '50000000',
          drawn: state.coreDrawn ?? '0',
          shards: shardDrawn(state).map((drawn, index) => ({
            coreId: 'core',
            currency: 'USD',
            bankMsp: 'BankAMSP',
            index,
            limit: SHARD_LIMIT.toString(),
            drawn: drawn.toString(),
          })),
        });
      case tx.financing.ApproveFinancing.name:
        return json(endorsedResult(state));
      case tx.financing.RejectFinancing.name:
        return json({ ...(state.financing ?? financing), status: 'REJECTED' });
      default:
        throw new Error(`unexpected ${call.transaction}`);
    }
  };
  // The provenance reads (history, participants) come from the world; the receivable itself from the state.
  const single = (call: RecordedCall): Uint8Array => {
    const fromWorld = call.transaction === tx.receivable.GetReceivable.name ? undefined : world.answer(call);
    return fromWorld === undefined ? stateAnswer(call) : json(fromWorld);
  };
  // The gate reads all of it with one GetApprovalContext, composed here as the chaincode composes it.
  // The line's terms come sealed from GetCreditLineTerms (read as the officer), derived from the same line.
  ledgers.answer = (call) => {
    if (call.transaction === tx.creditLine.GetCreditLineTerms.name) {
      return json(lineTermsAnswerFrom(call, single));
    }
    return call.transaction === tx.financing.GetApprovalContext.name ? json(approvalContextFrom(call, single)) : single(call);
  };
  const decisions = new RiskDecisionStore(openSqlite(path.join(temporaryDir(), 'gate.db')));
  const credentials = new CredentialStore(TEST_CREDENTIALS, fakeNetwork());
  const policyDir = path.join(__dirname, '..', '..', 'policies');
  const gate = new FinancingGate({
    signers: testDecisionSigners,
    ledgers,
    credentials,
    features: cleanFeatures,
    decisions,
    policyFor: (msp) => loadPolicy(policyDir, msp),
    nowSeconds: () => NOW,
    provenance: world.readers(),
  });
  return { gate, ledgers, decisions, credentials };
}

const officer = (credentials: CredentialStore, name = 'bank-a') =>
  credentials.byName(name) ??
  (() => {
    throw new Error(name);
  })();
const approvals = (ledgers: FakeLedgers) => ledgers.calls.filter((c) => c.transaction === tx.financing.ApproveFinancing.name);
const ledgerRejections = (ledgers: FakeLedgers) => ledgers.calls.filter((c) => c.transaction === tx.financing.RejectFinancing.name);
const writes = (ledgers: FakeLedgers) => ledgers.calls.filter((c) => c.method !== 'evaluate');
const submits = (ledgers: FakeLedgers) => ledgers.calls.filter((c) => c.method === 'submit');

describe('the financing risk gate', () => {
  it('approves a clean request: endorsed and submitted as the bank risk-gateway identity, decision kept with its tx id', async () => {
    const { gate, ledgers, decisions, credentials } = setup();
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome.decision).toBe('APPROVE');
    expect(approvals(ledgers)).toHaveLength(1);
    const [approval] = approvals(ledgers);
    expect(approval).toMatchObject({ identity: 'BankAMSP/User2', method: 'endorseThenDecide' });
    // The three owner orgs are named, so the peer gateway endorses on them at once.
    expect(approval?.endorsingOrganizations).toEqual(['BankAMSP', 'CoreMSP', 'SuppliersMSP']);
    expect(approval?.args[0]).toBe('f1');
    expect(JSON.parse(String(approval?.args[1]))).toMatchObject({ decision: 'APPROVE', policyVersion: 'bank-a/2025.1' });
    const [kept] = decisions.decisions({ financingId: 'f1', limit: 10 });
    expect(kept).toMatchObject({ decision: 'APPROVE', stage: 'assessment', decidedBy: 'bank-a' });
    expect(kept?.transactionId).toMatch(/^tx-/);
  });

  it('signs the approval with the bank risk key, bound to the financing and assessment, live for DECISION_TTL_SECONDS; keeps the inputs', async () => {
    const { gate, ledgers, decisions, credentials } = setup();
    await gate.assess('f1', officer(credentials));
    const [approval] = approvals(ledgers);
    const assessment = JSON.parse(String(approval?.args[1])) as { policyVersion: string; inputsHash: string };
    const signed = parseSignedDecision(String(approval?.args[2]), 'financing-approval');
    expect(signed.decision).toMatchObject({
      bankMsp: 'BankAMSP',
      financingId: 'f1',
      policyVersion: assessment.policyVersion,
      inputsHash: assessment.inputsHash,
      expiresAt: txTimeFromSeconds(BigInt(NOW + DECISION_TTL_SECONDS)).iso,
    });
    // Its envelope is never sent (nor sent again by an Idempotency-Key retry) after the decision expired.
    expect(approval?.sendUntilMs).toBe((NOW + DECISION_TTL_SECONDS) * 1000);
    expect(verifyDecisionSignature(signed.decision, signed.signature, publicKeyOf(BANK_A_RISK_KEY))).toBe(true);
    expect(verifyDecisionSignature(signed.decision, signed.signature, publicKeyOf(BANK_B_RISK_KEY))).toBe(false);
    // The inputs behind the hash are kept: their SHA-256 is the hash the ledger gets.
    const kept = decisions.inputsOf(assessment.inputsHash);
    expect(kept?.bankMsps).toEqual(['BankAMSP']);
    expect(sha256Hex(kept?.inputsJson ?? '')).toBe(assessment.inputsHash);
  });

  it('rejects collateral in dispute before anything is endorsed', async () => {
    const { gate, ledgers, decisions, credentials } = setup({ receivable: { ...receivable, status: 'DISPUTED' } });
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome.decision).toBe('REJECT');
    expect(approvals(ledgers)).toHaveLength(0);
    expect(decisions.decisions({ reasonCode: 'COLLATERAL_DISPUTED', limit: 10 })).toHaveLength(1);
  });

  it("rejects collateral whose confirmation the blocks do not show signed and endorsed by the debtor's org", async () => {
    const world = confirmedWorld();
    // The measured forgery: a supplier confirmed its own receivable on the core, endorsed by non-core peers only.
    world.tamper('confirm-r1', (t) => ({
      ...t,
      mspId: 'SuppliersMSP',
      creatorCert: SUPPLIERS_USER1.certificate,
      endorsements: [SUPPLIERS_PEER_ENDORSEMENT],
    }));
    const { gate, ledgers, decisions, credentials } = setup({ provenance: world });
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome.decision).toBe('REJECT');
    expect(outcome.record.reasonCodes).toEqual(['PROVENANCE_UNVERIFIED', 'RISK_SCORE_HIGH']);
    expect(approvals(ledgers)).toHaveLength(0);
    const [recorded] = decisions.decisions({ reasonCode: 'PROVENANCE_UNVERIFIED', limit: 10 });
    expect(JSON.stringify(recorded)).toContain('the confirmation of r1 (tx confirm-r1): it was created by SuppliersMSP');
    // With the legitimate blocks the same request is approved: the check is what rejected it.
    const legitimate = setup({ provenance: confirmedWorld() });
    await expect(legitimate.gate.assess('f1', officer(legitimate.credentials))).resolves.toMatchObject({ decision: 'APPROVE' });
  });

  it('an advance above the bank policy (80%) is rejected although the chaincode line allows more', async () => {
    const { gate, ledgers, credentials } = setup({ financing: { ...financing, amount: '850000' } });
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome.decision === 'REJECT' && outcome.record.reasonCodes).toContain('ADVANCE_RATE_ABOVE_POLICY');
    expect(approvals(ledgers)).toHaveLength(0);
  });

  it('does not submit when the endorsed result is not what was assessed', async () => {
    const { gate, ledgers, credentials } = setup({
      endorsed: { ...approved, amount: '900000', trancheDraws: [{ index: 3, amount: '900000' }] },
    });
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome).toMatchObject({
      decision: 'REJECT',
      record: { stage: 'post-endorsement', reasonCodes: expect.arrayContaining(['POST_STATE_AMOUNT_CHANGED']) as unknown },
    });
    expect(approvals(ledgers)).toHaveLength(1);
    expect(ledgers.calls.filter((c) => c.method === 'submit')).toHaveLength(0);
  });

  it('queues a request near the line limit for review; an officer approval goes through the same endorse-check-submit', async () => {
    const { gate, ledgers, decisions, credentials } = setup({ lineDrawn: '8900000' });
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome.decision).toBe('REVIEW');
    expect(approvals(ledgers)).toHaveLength(0);
    expect(decisions.reviews('BankAMSP', 'PENDING').map((r) => r.financingId)).toEqual(['f1']);

    const decided = await gate.decideReview('f1', officer(credentials, 'bank-a-2'), 'APPROVE', 'known customer');
    expect(decided.decision).toBe('APPROVE');
    const sent = JSON.parse(String(approvals(ledgers)[0]?.args[1])) as Record<string, unknown>;
    // The ledger gets the verdict and what binds it; the reasons stay in the bank's own record.
    expect(Object.keys(sent).sort()).toEqual(['decision', 'inputsHash', 'policyVersion']);
    expect(sent.decision).toBe('APPROVE');
    expect(decisions.decisions({ financingId: 'f1', limit: 1 })[0]).toMatchObject({
      stage: 'officer-review',
      decision: 'APPROVE',
      decidedBy: 'bank-a-2',
      reasonCodes: expect.arrayContaining(['LINE_HEADROOM_LOW']) as unknown,
    });
    expect(decisions.review('f1')).toMatchObject({
      status: 'APPROVED',
      requestedBy: 'bank-a',
      decidedBy: 'bank-a-2',
      note: 'known customer',
    });
    await expect(gate.decideReview('f1', officer(credentials, 'bank-a-2'), 'REJECT', null)).rejects.toMatchObject({ httpStatus: 409 });
  });

  it('four eyes: the officer who asked for the assessment may not decide its review, approve or reject', async () => {
    const { gate, ledgers, decisions, credentials } = setup({ lineDrawn: '8900000' });
    expect((await gate.assess('f1', officer(credentials))).decision).toBe('REVIEW');
    await expect(gate.decideReview('f1', officer(credentials), 'APPROVE', null)).rejects.toMatchObject({
      httpStatus: 403,
      code: 'FORBIDDEN',
    });
    await expect(gate.decideReview('f1', officer(credentials), 'REJECT', null)).rejects.toMatchObject({
      httpStatus: 403,
      code: 'FORBIDDEN',
    });
    expect(ledgers.calls.filter((c) => c.method !== 'evaluate')).toEqual([]);
    expect(decisions.review('f1')?.status).toBe('PENDING');
  });

  it("a second officer's approval re-assesses on the current state: a financing that now breaks a hard rule is not submitted", async () => {
    const state: { lineDrawn: string } = { lineDrawn: '8900000' };
    const { gate, ledgers, decisions, credentials } = setup(state);
    expect((await gate.assess('f1', officer(credentials))).decision).toBe('REVIEW');
    // Meanwhile the line filled up: the engine would now reject outright.
    state.lineDrawn = '9900000';
    const decided = await gate.decideReview('f1', officer(credentials, 'bank-a-2'), 'APPROVE', null);
    expect(decided).toMatchObject({ decision: 'REJECT', record: { stage: 'officer-review', decision: 'REJECT' } });
    expect(approvals(ledgers)).toHaveLength(0);
    expect(decisions.review('f1')?.status).toBe('PENDING');
  });

  it("a second officer's approval re-assesses on current state with one ledger read (GetApprovalContext)", async () => {
    const world = confirmedWorld();
    const { gate, ledgers, credentials } = setup({ lineDrawn: '8900000', provenance: world });
    expect((await gate.assess('f1', officer(credentials))).decision).toBe('REVIEW');
    const evaluatesBefore = ledgers.calls.filter((c) => c.method === 'evaluate').length;
    const blockReadsBefore = world.transactionReads.length;
    expect(blockReadsBefore).toBeGreaterThan(0);
    expect((await gate.decideReview('f1', officer(credentials, 'bank-a-2'), 'APPROVE', null)).decision).toBe('APPROVE');
    const evaluates = ledgers.calls.filter((c) => c.method === 'evaluate').slice(evaluatesBefore);
    expect(evaluates.filter((c) => c.transaction === tx.financing.GetApprovalContext.name)).toHaveLength(1);
    expect(evaluates.map((c) => c.transaction)).not.toContain(tx.financing.GetFinancing.name);
    // Time passes between the assessment and an officer's decision: the provenance is read again.
    expect(world.transactionReads.length).toBeGreaterThan(blockReadsBefore);
    expect(approvals(ledgers)).toHaveLength(1);
  });

  it("reads a line's terms sealed once per commitment: again only when the line commits to other terms", async () => {
    const state: GateState = {};
    const { gate, ledgers, credentials } = setup(state);
    const termsReads = () => ledgers.calls.filter((c) => c.transaction === tx.creditLine.GetCreditLineTerms.name).length;
    expect((await gate.assess('f1', officer(credentials))).decision).toBe('APPROVE');
    expect(termsReads()).toBe(1);
    expect((await gate.assess('f1', officer(credentials))).decision).toBe('APPROVE');
    expect(termsReads()).toBe(1);
    // Other terms (the bank changed the line's grace days): a new commitment, the remembered terms no longer apply.
    state.lineGraceDays = 7;
    expect((await gate.assess('f1', officer(credentials))).decision).toBe('APPROVE');
    expect(termsReads()).toBe(2);
    // The approval carried the terms of the line's commitment at the time: the new ones.
    const sent = approvals(ledgers).map((c) => JSON.parse(String(c.transient?.[TransientKey.lineTerms])) as { graceDays: number });
    expect(sent.map((t) => t.graceDays)).toEqual([0, 0, 7]);
  });

  it('an engine REJECT submits nothing at all (neither approval nor ledger rejection)', async () => {
    const { gate, ledgers, credentials } = setup({ receivable: { ...receivable, status: 'DISPUTED' } });
    expect((await gate.assess('f1', officer(credentials))).decision).toBe('REJECT');
    expect(writes(ledgers)).toEqual([]);
  });

  it("an officer's rejection of a review is closed on the ledger too: RejectFinancing as the risk-gateway identity", async () => {
    const { gate, ledgers, decisions, credentials } = setup({ lineDrawn: '8900000' });
    expect((await gate.assess('f1', officer(credentials))).decision).toBe('REVIEW');
    const decided = await gate.decideReview('f1', officer(credentials, 'bank-a-2'), 'REJECT', 'order book not confirmed');
    expect(decided).toMatchObject({
      decision: 'REJECT',
      onLedger: { financing: { id: 'f1', status: 'REJECTED' }, transactionId: expect.stringMatching(/^tx-/) as unknown },
      record: { stage: 'officer-review' },
    });
    expect(approvals(ledgers)).toHaveLength(0);
    const [rejection] = ledgerRejections(ledgers);
    expect(rejection).toMatchObject({ identity: 'BankAMSP/User2', method: 'submit' });
    const sent = JSON.parse(String(rejection?.args[1])) as Record<string, unknown>;
    expect(sent).toMatchObject({ decision: 'REJECT' });
    expect(sent).not.toHaveProperty('reasonCodes');
    expect(decisions.review('f1')).toMatchObject({ status: 'REJECTED', note: 'order book not confirmed' });
    const [kept] = decisions.decisions({ financingId: 'f1', limit: 1 });
    expect(kept).toMatchObject({
      decision: 'REJECT',
      stage: 'officer-review',
      transactionId: decided.decision === 'REJECT' ? decided.onLedger?.transactionId : 'none',
    });
  });

  it('a bank officer declines a request on the ledger (POST /reject): assessed, then RejectFinancing (verdict, policy, inputs hash)', async () => {
    const { gate, ledgers, decisions, credentials } = setup();
    const outcome = await gate.reject('f1', officer(credentials), 'no appetite');
    expect(outcome.onLedger?.financing.status).toBe('REJECTED');
    expect(writes(ledgers)).toEqual([
      expect.objectContaining({ identity: 'BankAMSP/User2', method: 'submit', transaction: tx.financing.RejectFinancing.name }),
    ]);
    const sent = JSON.parse(String(ledgerRejections(ledgers)[0]?.args[1])) as Record<string, unknown>;
    expect(sent).toEqual({
      decision: 'REJECT',
      policyVersion: 'bank-a/2025.1',
      inputsHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(decisions.decisions({ financingId: 'f1', limit: 1 })[0]).toMatchObject({
      decision: 'REJECT',
      stage: 'officer-review',
      decidedBy: 'bank-a',
    });
  });

  it('only an officer of the financing bank declines it, and only while it is requested', async () => {
    const other = setup({ financing: { ...financing, bankMsp: 'BankBMSP' } });
    await expect(other.gate.reject('f1', officer(other.credentials), null)).rejects.toMatchObject({ httpStatus: 403 });
    await expect(other.gate.reject('f1', officer(other.credentials, 'supplier-1'), null)).rejects.toMatchObject({ httpStatus: 403 });
    const active = setup({ financing: { ...financing, status: 'ACTIVE' } });
    await expect(active.gate.reject('f1', officer(active.credentials), null)).rejects.toMatchObject({ httpStatus: 409 });
    expect([...writes(other.ledgers), ...writes(active.ledgers)]).toEqual([]);
  });

  it('approves on an endorsed post-state within policy and answers the financing the endorsement returned', async () => {
    const { gate, credentials } = setup({ lineDrawn: '7000000', coreDrawn: '40000000' });
    const outcome = await gate.assess('f1', officer(credentials));
    expect(outcome).toMatchObject({ decision: 'APPROVE', financing: { id: 'f1', status: 'ACTIVE', amount: '700000' } });
  });

  describe('re-checks the pre-read totals corrected by the endorsed figures of the slots the approval drew on', () => {
    async function refused(state: GateState, code: string): Promise<void> {
      const { gate, ledgers, decisions, credentials } = setup(state);
      const outcome = await gate.assess('f1', officer(credentials));
      expect(outcome).toMatchObject({ decision: 'REJECT', record: { stage: 'post-endorsement', decision: 'REJECT', transactionId: null } });
      expect(outcome.record.reasonCodes).toContain(code);
      // Endorsed once, never sent to the orderer; the decision is kept with its reasons.
      expect(approvals(ledgers)).toHaveLength(1);
      expect(submits(ledgers)).toHaveLength(0);
      expect(decisions.decisions({ financingId: 'f1', limit: 10 })).toEqual([
        expect.objectContaining({ decision: 'REJECT', stage: 'post-endorsement', reasonCodes: expect.arrayContaining([code]) as unknown }),
      ]);
    }

    it('a concurrent draw on the tranche it drew on, between read and endorsement, leaves the line below its minimum headroom: refused', async () => {
      // Pre-read: 7 000 000 drawn, tranche 3 empty, so 7 700 000 after (23% headroom). Endorsement saw
      // tranche 3 at 2 500 000 after (1 800 000 drawn there meanwhile): 7 000 000 − 0 + 2 500 000 = 9 500 000 (5%, below 10%).
      await refused({ lineDrawn: '7000000', exposureAfter: { tranches: [trancheAfter(2_500_000n)] } }, 'LINE_HEADROOM_LOW');
    });

    it('the finding says what the pre-endorsement reads alone had given', async () => {
      const { gate, credentials } = setup({ lineDrawn: '7000000', exposureAfter: { tranches: [trancheAfter(2_500_000n)] } });
      const outcome = await gate.assess('f1', officer(credentials));
      const explained = outcome.record.explanations.map((e) => e.explanation).join(' ');
      expect(explained).toMatch(/headroom would be 500000 /);
      expect(explained).toMatch(/pre-endorsement reads gave 7700000 of 10000000/);
    });

    it('sends a draw start the chaincode takes (consecutive per bank: DrawStarts)', async () => {
      const { gate, ledgers, credentials } = setup();
      expect((await gate.assess('f1', officer(credentials))).decision).toBe('APPROVE');
      const approve = ledgers.calls.find((c) => c.transaction === tx.financing.ApproveFinancing.name);
      expect(approve?.args).toHaveLength(tx.financing.ApproveFinancing.args.length);
      expect(parseDrawStart(approve?.args[3])).toEqual(expect.any(Number));
    });

    it('the endorsed result carries no line term; the limits are the ones the gate passed (its terms)', async () => {
      const { gate, ledgers, credentials } = setup();
      expect((await gate.assess('f1', officer(credentials))).decision).toBe('APPROVE');
      const approve = ledgers.calls.find((c) => c.transaction === tx.financing.ApproveFinancing.name);
      expect(approve).toBeDefined();
      // A result that still names a line limit is not the promised shape.
      await refused({ exposureAfter: { lineLimit: '600000' } as Partial<ExposureAfter> }, 'POST_STATE_UNREADABLE');
    });

    it("the consortium cap the endorsement read was cut below the core enterprise's total after (all banks): refused", async () => {
      await refused({ coreDrawn: '40000000', exposureAfter: { consortiumCap: '40000000' } }, 'CONSORTIUM_CAP_EXCEEDED');
    });

    it('a concurrent draw on a shard it drew on is counted, and the shard limits keep the total within the cap', async () => {
      // Pre-read: 49 000 000 (shard 3 at 11 500 000); endorsement saw shard 3 full at 12 500 000: 50 000 000 after, at the cap.
      const { gate, credentials } = setup({ coreDrawn: '49000000', exposureAfter: { shards: [slotAfter(SHARD_LIMIT, SHARD_LIMIT)] } });
      expect((await gate.assess('f1', officer(credentials))).decision).toBe('APPROVE');
    });

    it("a concurrent draw on another tranche between read and endorsement is not seen: accepted (the chaincode's tranche limits hold the line limit)", async () => {
      // The approval reads only tranche 3, so a draw committed on tranche 0 meanwhile is in neither
      // figure; the gate checks 7 700 000 after. The ledger's line limit holds regardless (every tranche
      // stays within its own limit), and a draw on tranche 3 itself would have been seen or would
      // invalidate the approval at commit.
      const { gate, credentials } = setup({ lineDrawn: '7000000' });
      expect((await gate.assess('f1', officer(credentials))).decision).toBe('APPROVE');
    });

    it('a post-state about another line or cap, or about other slots than the financing drew on, is refused', async () => {
      await refused({ exposureAfter: { lineId: 'line9' } }, 'POST_STATE_MISMATCH');
      await refused({ exposureAfter: { coreId: 'other-core' } }, 'POST_STATE_MISMATCH');
      await refused({ exposureAfter: { tranches: [trancheAfter(700_000n, 2)] } }, 'POST_STATE_MISMATCH');
      await refused(
        { exposureAfter: { shards: [slotAfter(SHARD_LIMIT, 700_000n), slotAfter(SHARD_LIMIT, 700_000n)] } },
        'POST_STATE_MISMATCH',
      );
      await refused({ exposureAfter: { tranches: [trancheAfter(TRANCHE_LIMIT + 1n)] } }, 'POST_STATE_MISMATCH');
      // A slot the pre-read does not know (the line has 4 tranches).
      const elsewhere: Financing = { ...approved, trancheDraws: [{ index: 9, amount: '700000' }] };
      await refused({ endorsed: elsewhere, exposureAfter: { tranches: [trancheAfter(700_000n, 9)] } }, 'POST_STATE_MISMATCH');
    });

    it('a result that is not the promised shape is refused, never guessed at', async () => {
      // The old result (the financing alone), the totals-based result, amounts as numbers, a missing or empty slot list, an unknown field.
      await refused({ rawResult: approved }, 'POST_STATE_UNREADABLE');
      const wellFormed = endorsedResult({}) as { financing: Financing; exposureAfter: ExposureAfter };
      const totals = {
        lineId: 'line1',
        lineLimit: '10000000',
        lineDrawnAfter: '700000',
        coreId: 'core',
        currency: 'USD',
        coreExposureAfter: '700000',
        consortiumCap: '50000000',
      };
      await refused({ rawResult: { ...wellFormed, exposureAfter: totals } }, 'POST_STATE_UNREADABLE');
      await refused(
        {
          rawResult: {
            ...wellFormed,
            exposureAfter: { ...wellFormed.exposureAfter, tranches: [{ index: 3, limit: '2500000', drawnAfter: 700000 }] },
          },
        },
        'POST_STATE_UNREADABLE',
      );
      const withoutShards = Object.fromEntries(Object.entries(wellFormed.exposureAfter).filter(([key]) => key !== 'shards'));
      await refused({ rawResult: { ...wellFormed, exposureAfter: withoutShards } }, 'POST_STATE_UNREADABLE');
      await refused(
        { rawResult: { ...wellFormed, exposureAfter: { ...wellFormed.exposureAfter, tranches: [] } } },
        'POST_STATE_UNREADABLE',
      );
      await refused({ rawResult: { ...wellFormed, extra: true } }, 'POST_STATE_UNREADABLE');
      await refused({ rawResult: 'not json at all' }, 'POST_STATE_UNREADABLE');
    });

    it('an officer approving a review still stops on a hard breach after endorsement, not on headroom it accepted', async () => {
      // 8 900 000 pre-read (tranche 3 at 1 400 000); endorsement saw tranche 3 at 2 400 000 after: 9 900 000 (1% headroom).
      const near = setup({ lineDrawn: '8900000', exposureAfter: { tranches: [trancheAfter(2_400_000n)] } });
      expect((await near.gate.assess('f1', officer(near.credentials))).decision).toBe('REVIEW');
      expect((await near.gate.decideReview('f1', officer(near.credentials, 'bank-a-2'), 'APPROVE', null)).decision).toBe('APPROVE');

      const capped = setup({ lineDrawn: '8900000', exposureAfter: { consortiumCap: '600000' } });
      expect((await capped.gate.assess('f1', officer(capped.credentials))).decision).toBe('REVIEW');
      const decided = await capped.gate.decideReview('f1', officer(capped.credentials, 'bank-a-2'), 'APPROVE', null);
      expect(decided).toMatchObject({
        decision: 'REJECT',
        record: { stage: 'post-endorsement', reasonCodes: ['CONSORTIUM_CAP_EXCEEDED'] },
      });
      expect(submits(capped.ledgers)).toHaveLength(0);
      expect(capped.decisions.review('f1')).toMatchObject({ status: 'REJECTED' });
    });
  });

  it('refuses callers who are not an officer of the financing bank', async () => {
    const { gate, credentials } = setup({ financing: { ...financing, bankMsp: 'BankBMSP' } });
    await expect(gate.assess('f1', officer(credentials))).rejects.toMatchObject({ httpStatus: 403, code: 'FORBIDDEN' });
    await expect(gate.assess('f1', officer(credentials, 'supplier-1'))).rejects.toBeInstanceOf(ApiError);
  });

  it('refuses a financing that is no longer a request', async () => {
    const { gate, credentials } = setup({ financing: { ...financing, status: 'ACTIVE' } });
    await expect(gate.assess('f1', officer(credentials))).rejects.toMatchObject({ httpStatus: 409, code: 'INVALID_STATE' });
  });
});
