/** Unit tests (app.inject over fake ledgers): the risk-gated routes, their commit log lines, the review queue for financings and pledges. */
import { testDecisionSigners } from '../../testing/decision-signers';
import type { LightMyRequestResponse } from 'fastify';
import path from 'node:path';
import pino from 'pino';
import { CredentialStore } from '../../auth/credentials';
import { CommitOutcomeUnknownError } from '../../ledger/errors';
import { riskDecisionsTotal } from '../../ops/metrics';
import { RiskDecisionStore } from '../../risk-gate/decision-store';
import { FinancingGate } from '../../risk-gate/financing-gate';
import { PledgeGate } from '../../risk-gate/pledge-gate';
import { openSqlite } from '../../store/sqlite';
import { FakeLedgers, fakeNetwork, TEST_CREDENTIALS, TEST_KEYS } from '../../testing/fakes';
import {
  cleanFeatures,
  confirmedWorld,
  GATE_NOW,
  gateLedgerAnswers,
  type GateLedgerState,
  policyFor,
  stalePrice,
} from '../../testing/risk-gate-fixtures';
import { buildTestApp, temporaryDir, type TestApp } from '../../testing/test-app';
import { financingApprovalRoutes, pledgeAcceptanceRoutes } from './risk';
import { tx } from '@scf/kernel/catalogue/catalogue';

interface Harness {
  readonly t: TestApp;
  readonly ledgers: FakeLedgers;
  readonly lines: Record<string, unknown>[];
  readonly state: GateLedgerState;
  send(method: 'GET' | 'POST', url: string, body?: object, key?: string): Promise<LightMyRequestResponse>;
}

async function harness(): Promise<Harness> {
  const state: GateLedgerState = {};
  const ledgers = new FakeLedgers();
  ledgers.answer = gateLedgerAnswers(state);
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const decisions = new RiskDecisionStore(openSqlite(path.join(temporaryDir(), 'decisions.db')));
  const deps = {
    ledgers,
    features: cleanFeatures,
    decisions,
    policyFor,
    nowSeconds: () => GATE_NOW,
    signers: testDecisionSigners,
    credentials: new CredentialStore(TEST_CREDENTIALS, fakeNetwork()),
  };
  state.provenance = confirmedWorld();
  const gate = new FinancingGate({ ...deps, provenance: state.provenance.readers() });
  const pledgeGate = new PledgeGate(deps);
  const t = await buildTestApp({
    routes: [financingApprovalRoutes(gate, decisions, pledgeGate), pledgeAcceptanceRoutes(pledgeGate)],
    ledgers,
    logger,
  });
  return {
    t,
    ledgers,
    lines,
    state,
    send: (method, url, body, key = TEST_KEYS.bankOfficer) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${key}`, 'x-request-id': 'req-7' },
        ...(body === undefined ? {} : { payload: body }),
      }),
  };
}

function committedLine(h: Harness, transactionId: string): void {
  expect(h.lines).toContainEqual(
    expect.objectContaining({ msg: 'transaction committed', txId: transactionId, reqId: 'req-7', blockNumber: '7' }),
  );
}
const writes = (h: Harness) => h.ledgers.calls.filter((c) => c.method !== 'evaluate').map((c) => c.transaction);
const pledgeDecisions = async (decision: string): Promise<number> =>
  (await riskDecisionsTotal.get()).values
    .filter((v) => v.labels.kind === 'pledge' && v.labels.decision === decision)
    .reduce((sum, v) => sum + v.value, 0);

describe('risk-gated routes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.t.close());

  it('/assess approves and logs the commit with its Fabric transaction id', async () => {
    const response = await h.send('POST', '/v1/financings/f1/assess');
    expect(response.statusCode).toBe(200);
    const { transactionId } = response.json<{ transactionId: string }>();
    committedLine(h, transactionId);
    expect(writes(h)).toEqual([tx.financing.ApproveFinancing.name]);
  });

  it('POST /v1/financings/:id/reject declines on the ledger as the risk-gateway identity, and logs the commit', async () => {
    const response = await h.send('POST', '/v1/financings/f1/reject', { note: 'no appetite' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ decision: string; transactionId: string; financing: { status: string }; assessment: { stage: string } }>();
    expect(body).toMatchObject({ decision: 'REJECT', financing: { status: 'REJECTED' }, assessment: { stage: 'officer-review' } });
    expect(h.ledgers.calls.filter((c) => c.transaction === tx.financing.RejectFinancing.name)).toEqual([
      expect.objectContaining({ identity: 'BankAMSP/User2', method: 'submit' }),
    ]);
    committedLine(h, body.transactionId);
  });

  it('only a bank officer may decline a financing', async () => {
    const response = await h.send('POST', '/v1/financings/f1/reject', {}, TEST_KEYS.supplier1);
    expect(response.statusCode).toBe(403);
    expect(writes(h)).toEqual([]);
  });

  it('a financing review: queued (202), listed with its kind, rejected by the officer on the ledger (logged)', async () => {
    h.state.lineDrawn = '8900000';
    expect((await h.send('POST', '/v1/financings/f1/assess')).statusCode).toBe(202);
    const queue = (await h.send('GET', '/v1/risk/reviews?status=PENDING')).json<{ kind: string; financingId: string }[]>();
    expect(queue.map((r) => [r.kind, r.financingId])).toEqual([['financing', 'f1']]);
    const response = await h.send('POST', '/v1/risk/reviews/f1/decision', { decision: 'REJECT', note: 'no' }, TEST_KEYS.secondOfficer);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ kind: string; decision: string; transactionId: string; review: { status: string } }>();
    expect(body).toMatchObject({ kind: 'financing', decision: 'REJECT', review: { status: 'REJECTED' } });
    expect(writes(h)).toEqual([tx.financing.RejectFinancing.name]);
    committedLine(h, body.transactionId);
  });

  it('a financing review approved by the officer goes through endorse → check → submit (logged)', async () => {
    h.state.lineDrawn = '8900000';
    await h.send('POST', '/v1/financings/f1/assess');
    const response = await h.send('POST', '/v1/risk/reviews/f1/decision', { decision: 'APPROVE' }, TEST_KEYS.secondOfficer);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ decision: string; transactionId: string; financing: { status: string } }>();
    expect(body).toMatchObject({ decision: 'APPROVE', financing: { status: 'ACTIVE' } });
    committedLine(h, body.transactionId);
  });

  it('pledge accept: approved (logged, counted as a pledge decision)', async () => {
    const before = await pledgeDecisions('APPROVE');
    const response = await h.send('POST', '/v1/pledges/p1/accept', { haircutBps: '3000', maintenanceRatioBps: '12000' });
    expect(response.statusCode).toBe(200);
    committedLine(h, response.json<{ transactionId: string }>().transactionId);
    expect(await pledgeDecisions('APPROVE')).toBeGreaterThan(before);
  });

  it('a pledge REVIEW goes into the same queue (202, kind pledge); the officer approves it there (endorse → check → submit, logged)', async () => {
    h.state.price = stalePrice;
    const reviewsBefore = await pledgeDecisions('REVIEW');
    const queued = await h.send('POST', '/v1/pledges/p1/accept', { haircutBps: '3200', maintenanceRatioBps: '12000' });
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({ decision: 'REVIEW', review: { kind: 'pledge', financingId: 'p1', status: 'PENDING' } });
    expect(await pledgeDecisions('REVIEW')).toBeGreaterThan(reviewsBefore);
    expect(writes(h)).toEqual([]);
    const queue = (await h.send('GET', '/v1/risk/reviews')).json<{ kind: string; financingId: string }[]>();
    expect(queue.map((r) => [r.kind, r.financingId])).toEqual([['pledge', 'p1']]);

    const response = await h.send(
      'POST',
      '/v1/risk/reviews/p1/decision',
      { decision: 'APPROVE', note: 'price confirmed' },
      TEST_KEYS.secondOfficer,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      kind: string;
      decision: string;
      transactionId: string;
      pledge: { status: string };
      review: { status: string };
    }>();
    expect(body).toMatchObject({ kind: 'pledge', decision: 'APPROVE', pledge: { status: 'ACTIVE' }, review: { status: 'APPROVED' } });
    expect(h.ledgers.calls.filter((c) => c.transaction === tx.warehouse.AcceptPledge.name).map((c) => c.args.slice(0, 3))).toEqual([
      ['p1', '3200', '12000'],
    ]);
    committedLine(h, body.transactionId);
  });

  it('a pledge review rejected by the officer submits nothing and is counted', async () => {
    h.state.price = stalePrice;
    await h.send('POST', '/v1/pledges/p1/accept', { haircutBps: '3000', maintenanceRatioBps: '12000' });
    const before = await pledgeDecisions('REJECT');
    const response = await h.send('POST', '/v1/risk/reviews/p1/decision', { decision: 'REJECT', kind: 'pledge' }, TEST_KEYS.secondOfficer);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ kind: 'pledge', decision: 'REJECT', transactionId: null, review: { status: 'REJECTED' } });
    expect(writes(h)).toEqual([]);
    // Once per reason code of the queued assessment.
    expect(await pledgeDecisions('REJECT')).toBeGreaterThan(before);
  });

  it('a financing and a pledge under one id: the decision must name the kind', async () => {
    h.state.price = stalePrice;
    h.state.lineDrawn = '8900000';
    await h.send('POST', '/v1/pledges/p1/accept', { haircutBps: '3000', maintenanceRatioBps: '12000' });
    // The fake ledger answers GetFinancing with f1 whatever the id, so p1 is also a financing here.
    await h.send('POST', '/v1/financings/p1/assess');
    expect((await h.send('POST', '/v1/risk/reviews/p1/decision', { decision: 'REJECT' }, TEST_KEYS.secondOfficer)).statusCode).toBe(409);
    expect(
      (await h.send('POST', '/v1/risk/reviews/p1/decision', { decision: 'REJECT', kind: 'pledge' }, TEST_KEYS.secondOfficer)).statusCode,
    ).toBe(200);
  });

  it('an approval whose commit is unknown keeps its Idempotency-Key; once committed, the retry answers the approval without a new proposal', async () => {
    const answer = h.ledgers.answer;
    h.ledgers.answer = async (call) => {
      const result = await answer(call);
      if (call.transaction === tx.financing.ApproveFinancing.name) {
        throw new CommitOutcomeUnknownError('tx-unknown', result, new Error('commit status deadline'));
      }
      return result;
    };
    const headers = { authorization: `Bearer ${TEST_KEYS.bankOfficer}`, 'idempotency-key': 'assess-1' };
    const first = await h.t.app.inject({ method: 'POST', url: '/v1/financings/f1/assess', headers });
    expect(first.json()).toMatchObject({ code: 'COMMIT_STATUS_UNKNOWN', details: { transactionId: 'tx-unknown' } });
    expect((await h.t.app.inject({ method: 'POST', url: '/v1/financings/f1/assess', headers })).statusCode).toBe(503);
    h.ledgers.fates.set('tx-unknown', { state: 'committed', blockNumber: undefined });
    const retry = await h.t.app.inject({ method: 'POST', url: '/v1/financings/f1/assess', headers });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ decision: 'APPROVE', transactionId: 'tx-unknown', financing: { id: 'f1', status: 'ACTIVE' } });
    expect(h.ledgers.calls.filter((c) => c.transaction === tx.financing.ApproveFinancing.name)).toHaveLength(1);
  });

  it('review decisions: only bank officers; the kind is checked by the schema', async () => {
    expect((await h.send('POST', '/v1/risk/reviews/f1/decision', { decision: 'APPROVE' }, TEST_KEYS.supplier1)).statusCode).toBe(403);
    expect(
      (await h.send('POST', '/v1/risk/reviews/f1/decision', { decision: 'APPROVE', kind: 'loan' }, TEST_KEYS.secondOfficer)).statusCode,
    ).toBe(400);
    expect((await h.send('POST', '/v1/risk/reviews/f1/decision', { decision: 'APPROVE' }, TEST_KEYS.secondOfficer)).statusCode).toBe(404);
  });
});
