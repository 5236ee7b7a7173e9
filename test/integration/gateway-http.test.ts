import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@scf/network';
import { blockBytesFrom, blockHeight, eventually, network } from '../support/fabric';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { evaluateAs, invoiceTerms, isoDay, restLineTerms, runId as newRunId, runUniqueFace, submitAs } from '../support/ledger';
import { expectReadModelMatchesLedger, withReadModelFile } from '../support/readmodel-vs-ledger';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const exec = promisify(execFile);

interface Body {
  [key: string]: unknown;
}

let gw: GatewayProcess;

/** Every run id this file creates, and its pledges: the read model is compared with the ledger for all of them. */
const runIds: string[] = [];
const pledgeIds: string[] = [];
function runId(prefix: string): string {
  const id = newRunId(prefix);
  runIds.push(id);
  return id;
}

beforeAll(async () => {
  gw = await startGatewayProcess();
});

afterAll(async () => {
  await gw.stop();
});

const ok = (participant: string, method: string, urlPath: string, body?: unknown): Promise<Body> =>
  gw.ok<Body>(participant, method, urlPath, body);

/** A confirmed receivable of 1 000 000 held by supplier-1, and a fresh Bank A line, through the API. */
async function confirmedReceivableAndLine(id: string, lineLimit: string): Promise<{ receivableId: string; lineId: string }> {
  await ok('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: '1000000000000' });
  const lineId = `${id}-line`;
  await ok('bank-a', 'POST', '/v1/credit-lines', restLineTerms(lineId, { limit: lineLimit }));
  await ok('supplier-1', 'POST', '/v1/receivables', invoiceTerms(id, { amount: String(runUniqueFace()) }));
  await ok('core', 'POST', `/v1/receivables/${id}/confirm`);
  return { receivableId: id, lineId };
}

/**
 * Blocks committed since `height` that carry a `transaction` naming `objectId`: a transaction the
 * gate refused must never reach the orderer, so it can be in no block.
 */
async function transactionsInBlocksSince(height: number, transaction: string, objectId: string): Promise<number> {
  const blocks = await blockBytesFrom('Auditor', height);
  return blocks.filter((b) => b.includes(transaction) && b.includes(objectId)).length;
}

/** Every peer at the same height: nothing is still being committed. */
async function settledHeight(): Promise<number> {
  return eventually(async () => {
    const heights = await Promise.all(network().orgs.map((o) => blockHeight(o.name)));
    expect(new Set(heights).size).toBe(1);
    return heights[0] ?? 0;
  });
}

describe('the gateway over HTTP on the real network', () => {
  it("runs the README's curl walk-through from issue to settlement", async () => {
    const { stdout, stderr } = await exec('bash', [path.join(repoRoot, 'scripts', 'walkthrough.sh')], {
      // No GATEWAY_URL: each party calls its own org's gateway, the URL beside its key.
      env: { ...process.env, GATEWAY_URL: '', DEMO_KEYS: gw.keysFile, RUN_ID: runId('walk') },
    });
    expect(stderr).toContain('the claim is settled');
    expect(stdout).toContain('REPAID');
    expect(stdout).toContain('SETTLED');
  });

  it('a financing the risk engine rejects never reaches the orderer, and its reasons are recorded', async () => {
    const id = runId('reject');
    const { receivableId, lineId } = await confirmedReceivableAndLine(id, '50000000');
    // 85% of the receivable: the line (and so the chaincode) allows 90%, Bank A's policy 80%.
    await ok('supplier-1', 'POST', '/v1/financings', { financingId: `${id}-f`, receivableId, lineId, amount: '850000' });
    const before = await settledHeight();

    const assessed = await gw.fetch('bank-a', 'POST', `/v1/financings/${id}-f/assess`);
    expect(assessed.status).toBe(422);
    expect(assessed.body).toMatchObject({
      code: 'RISK_REJECTED',
      details: { stage: 'assessment', reasonCodes: expect.arrayContaining(['ADVANCE_RATE_ABOVE_POLICY']) as unknown },
    });

    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await transactionsInBlocksSince(before, tx.financing.ApproveFinancing.name, `${id}-f`)).toBe(0);
    expect(await evaluateAs('auditor', call(tx.financing.GetFinancing, { financingId: `${id}-f` }))).toMatchObject({ status: 'REQUESTED' });
    expect(await evaluateAs<Body>('auditor', call(tx.receivable.GetReceivable, { receivableId }))).not.toHaveProperty('financingId');
    const decisions = await ok('bank-a', 'GET', `/v1/risk/decisions?financingId=${id}-f`);
    expect(decisions).toEqual([
      expect.objectContaining({
        decision: 'REJECT',
        transactionId: null,
        reasonCodes: expect.arrayContaining(['ADVANCE_RATE_ABOVE_POLICY']) as unknown,
      }),
    ]);
    // Bank B sees none of Bank A's decisions.
    expect(await ok('bank-b', 'GET', `/v1/risk/decisions?financingId=${id}-f`)).toEqual([]);
  });

  it('a financing sent to review waits for an officer; the approval then commits through the gate', async () => {
    const id = runId('review');
    // 700 000 of a 750 000 line leaves under 10% headroom: Bank A's policy wants a human to look.
    const { receivableId, lineId } = await confirmedReceivableAndLine(id, '750000');
    await ok('supplier-1', 'POST', '/v1/financings', { financingId: `${id}-f`, receivableId, lineId, amount: '700000' });
    const queued = await gw.fetch('bank-a', 'POST', `/v1/financings/${id}-f/assess`);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      decision: 'REVIEW',
      review: { status: 'PENDING', reasonCodes: expect.arrayContaining(['LINE_HEADROOM_LOW']) as unknown },
    });
    const pending = (await ok('bank-a', 'GET', '/v1/risk/reviews?status=PENDING')) as unknown as { financingId: string }[];
    expect(pending.map((r) => r.financingId)).toContain(`${id}-f`);
    expect(
      ((await ok('bank-b', 'GET', '/v1/risk/reviews')) as unknown as { financingId: string }[]).map((r) => r.financingId),
    ).not.toContain(`${id}-f`);

    // Four eyes: the officer who asked for the assessment may not decide its review.
    const same = await gw.fetch('bank-a', 'POST', `/v1/risk/reviews/${id}-f/decision`, { decision: 'APPROVE', note: 'mine' });
    expect(same.status).toBe(403);
    expect(same.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(await evaluateAs('auditor', call(tx.financing.GetFinancing, { financingId: `${id}-f` }))).toMatchObject({ status: 'REQUESTED' });
    // Another officer of Bank A decides: the approval re-assesses on the current state, then commits.
    const decided = await ok('bank-a-2', 'POST', `/v1/risk/reviews/${id}-f/decision`, {
      decision: 'APPROVE',
      note: 'core enterprise confirmed the order book',
    });
    expect(decided).toMatchObject({
      decision: 'APPROVE',
      financing: { status: 'ACTIVE' },
      review: { status: 'APPROVED', requestedBy: 'bank-a', decidedBy: 'bank-a-2' },
    });
    const onLedger = await evaluateAs<{ assessment: Record<string, unknown> }>(
      'auditor',
      call(tx.financing.GetFinancing, { financingId: `${id}-f` }),
    );
    // The ledger keeps the verdict and what binds it; the score and reasons are the bank's own record.
    expect(onLedger.assessment).toMatchObject({ decision: 'APPROVE', assessedBy: 'bank-a-risk' });
    expect(Object.keys(onLedger.assessment).sort()).toEqual(['assessedAt', 'assessedBy', 'decision', 'inputsHash', 'policyVersion']);
    const kept = await gw.ok<{ stage: string; decision: string; reasonCodes: string[]; decidedBy: string; inputsHash: string }[]>(
      'bank-a',
      'GET',
      `/v1/risk/decisions?financingId=${id}-f`,
    );
    expect(kept.find((d) => d.stage === 'officer-review')).toMatchObject({
      decision: 'APPROVE',
      decidedBy: 'bank-a-2',
      inputsHash: onLedger.assessment.inputsHash,
      reasonCodes: expect.arrayContaining(['LINE_HEADROOM_LOW']) as unknown,
    });
    expect(await gw.ok<unknown[]>('bank-b', 'GET', `/v1/risk/decisions?financingId=${id}-f`)).toEqual([]);
  });

  it("an officer's rejection closes the financing on the ledger (RejectFinancing as the bank's risk gateway), from a review and directly", async () => {
    const id = runId('decline');
    const { receivableId, lineId } = await confirmedReceivableAndLine(id, '750000');
    await ok('supplier-1', 'POST', '/v1/financings', { financingId: `${id}-f`, receivableId, lineId, amount: '700000' });
    expect((await gw.fetch('bank-a', 'POST', `/v1/financings/${id}-f/assess`)).status).toBe(202);
    expect((await gw.fetch('bank-a', 'POST', `/v1/risk/reviews/${id}-f/decision`, { decision: 'REJECT' })).status).toBe(403);
    const decided = await ok('bank-a-2', 'POST', `/v1/risk/reviews/${id}-f/decision`, {
      decision: 'REJECT',
      note: 'order book not confirmed',
    });
    expect(decided).toMatchObject({
      kind: 'financing',
      decision: 'REJECT',
      financing: { status: 'REJECTED' },
      review: { status: 'REJECTED' },
    });
    // The assessment is the bank's (and the auditor's) to read: the borrower sees the status only.
    const onLedger = await evaluateAs<{ status: string; assessment: { decision: string; assessedBy: string } }>(
      'bank-a',
      call(tx.financing.GetFinancing, { financingId: `${id}-f` }),
    );
    expect(onLedger).toMatchObject({ status: 'REJECTED', assessment: { decision: 'REJECT', assessedBy: 'bank-a-risk' } });
    expect(onLedger.assessment).not.toHaveProperty('reasonCodes');
    const kept = await gw.ok<{ stage: string; decision: string; reasonCodes: string[] }[]>(
      'bank-a',
      'GET',
      `/v1/risk/decisions?financingId=${id}-f`,
    );
    expect(kept.find((d) => d.stage === 'officer-review')).toMatchObject({
      decision: 'REJECT',
      reasonCodes: expect.arrayContaining(['LINE_HEADROOM_LOW']) as unknown,
    });

    // A second receivable, declined without any review.
    const second = await confirmedReceivableAndLine(`${id}-2`, '5000000');
    await ok('supplier-1', 'POST', '/v1/financings', {
      financingId: `${id}-g`,
      receivableId: second.receivableId,
      lineId: second.lineId,
      amount: '500000',
    });
    // A supplier cannot reach a bank's risk gate: its own org's gateway has none, and the bank's gateway refuses its key.
    expect((await gw.fetch('supplier-1', 'POST', `/v1/financings/${id}-g/reject`, {})).status).toBe(404);
    const atBank = await fetch(`${gw.urlOf('BankA')}/v1/financings/${id}-g/reject`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.keys['supplier-1'] ?? ''}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(atBank.status).toBe(401);
    const declined = await ok('bank-a', 'POST', `/v1/financings/${id}-g/reject`, { note: 'no appetite' });
    expect(declined).toMatchObject({ decision: 'REJECT', financing: { status: 'REJECTED' } });
    expect(await ok('supplier-1', 'GET', `/v1/financings/${id}-g`)).toMatchObject({ status: 'REJECTED' });
  });

  it('heartbeats through the API: any caller writes one, anyone reads it back', async () => {
    const label = runId('hb').replace(/[^A-Za-z0-9_.-]/g, '');
    const written = await ok('supplier-1', 'POST', '/v1/system/heartbeats', { label });
    expect(written).toMatchObject({ label, mspId: 'SuppliersMSP', transactionId: expect.any(String) as unknown });
    expect(written.txId).toBe(written.transactionId);
    expect(await ok('auditor', 'GET', `/v1/system/heartbeats/SuppliersMSP/${label}`)).toMatchObject({
      label,
      mspId: 'SuppliersMSP',
      txId: written.transactionId,
    });
    expect((await gw.fetch('auditor', 'GET', `/v1/system/heartbeats/BankAMSP/${label}`)).status).toBe(404);
  });

  it('a warehouse pledge goes through the bank risk policy; a price fall puts the loan in margin call', async () => {
    const id = runId('wh');
    const commodity = `cu${id.replace(/[^A-Za-z0-9]/g, '')}`;
    for (const receiptId of [`${id}-r1`, `${id}-r2`]) {
      await ok('warehouse', 'POST', '/v1/warehouse-receipts', {
        receiptId,
        ownerId: 'supplier-1',
        lotId: `${receiptId}-lot`,
        commodity,
        grade: 'A',
        unit: 't',
        quantity: '100',
        location: 'Bay 7',
      });
    }
    // 100 t at 8 000.00 a tonne: worth 80 000 000 minor units.
    await ok('price-oracle', 'PUT', `/v1/prices/${commodity}/A/t`, { currency: 'USD', pricePerUnit: '800000' });

    // Bank A's policy haircut is 30%: at most 56 000 000 against this receipt.
    pledgeIds.push(`${id}-p1`, `${id}-p2`);
    await ok('supplier-1', 'POST', '/v1/pledges', {
      pledgeId: `${id}-p1`,
      receiptId: `${id}-r1`,
      bankMsp: 'BankAMSP',
      loanAmount: '60000000',
    });
    const before = await settledHeight();
    const refused = await gw.fetch('bank-a', 'POST', `/v1/pledges/${id}-p1/accept`, { haircutBps: '2000', maintenanceRatioBps: '12000' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'RISK_REJECTED',
      details: { reasonCodes: expect.arrayContaining(['PLEDGE_VALUE_INSUFFICIENT']) as unknown },
    });
    expect(await transactionsInBlocksSince(before, tx.warehouse.AcceptPledge.name, `${id}-p1`)).toBe(0);
    expect(await ok('auditor', 'GET', `/v1/pledges/${id}-p1`)).toMatchObject({ status: 'REQUESTED' });

    await ok('supplier-1', 'POST', '/v1/pledges', {
      pledgeId: `${id}-p2`,
      receiptId: `${id}-r2`,
      bankMsp: 'BankAMSP',
      loanAmount: '50000000',
    });
    expect(await ok('bank-a', 'POST', `/v1/pledges/${id}-p2/accept`, { haircutBps: '3000', maintenanceRatioBps: '12000' })).toMatchObject({
      status: 'ACTIVE',
      loanAmount: '50000000',
    });
    // The receipt is now worth 50 000 000, under 120% of the loan.
    await ok('price-oracle', 'PUT', `/v1/prices/${commodity}/A/t`, { currency: 'USD', pricePerUnit: '500000' });
    expect(await ok('auditor', 'GET', `/v1/pledges/${id}-p2`)).toMatchObject({ status: 'MARGIN_CALL' });
    const redeemWhilePledged = await gw.fetch('warehouse', 'POST', `/v1/warehouse-receipts/${id}-r2/redeem`);
    expect(redeemWhilePledged.status).toBe(409);
    await ok('bank-a', 'POST', `/v1/pledges/${id}-p2/release`);
    expect(await ok('warehouse', 'POST', `/v1/warehouse-receipts/${id}-r2/redeem`)).toMatchObject({ status: 'REDEEMED' });
  });

  it('50 concurrent financings of one receivable through the API: exactly one commits', async () => {
    const id = runId('race50');
    await ok('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: '1000000000000' });
    const lineId = `${id}-line`;
    await ok('bank-a', 'POST', '/v1/credit-lines', restLineTerms(lineId));
    await ok('supplier-3', 'POST', '/v1/receivables', invoiceTerms(id, { amount: String(runUniqueFace()) }));
    await ok('core', 'POST', `/v1/receivables/${id}/confirm`);
    const financingIds = Array.from({ length: 50 }, (_, i) => `${id}-f${String(i)}`);
    for (let i = 0; i < financingIds.length; i += 10) {
      await Promise.all(
        financingIds
          .slice(i, i + 10)
          .map((financingId) => ok('supplier-3', 'POST', '/v1/financings', { financingId, receivableId: id, lineId, amount: '500000' })),
      );
    }

    const outcomes = await Promise.all(
      financingIds.map((financingId) => gw.fetch('bank-a', 'POST', `/v1/financings/${financingId}/assess`)),
    );
    const approved = outcomes.filter((o) => o.status === 200);
    expect(approved).toHaveLength(1);
    // The others lose at endorsement (already encumbered), at commit (MVCC) or at the gate's own checks.
    expect(outcomes.filter((o) => o.status !== 200).every((o) => [409, 422].includes(o.status))).toBe(true);
    const receivable = await evaluateAs<Body>('auditor', call(tx.receivable.GetReceivable, { receivableId: id }));
    expect(receivable.financingId).toBe(((approved[0]?.body as Body).financing as Body).id);
    const active = await Promise.all(
      financingIds.map((f) => evaluateAs<Body>('auditor', call(tx.financing.GetFinancing, { financingId: f }))),
    );
    expect(active.filter((f) => f.status === 'ACTIVE')).toHaveLength(1);
  });

  it('50 concurrent replays of one Idempotency-Key write the ledger once', async () => {
    const id = runId('idem');
    const key = `issue-${id}`;
    const body = {
      receivableId: id,
      debtorId: 'core',
      invoiceNumber: `INV-${id}`,
      currency: 'USD',
      amount: '250000',
      issueDate: isoDay(-1),
      dueDate: isoDay(45),
    };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => gw.fetch('supplier-1', 'POST', '/v1/receivables', body, { 'idempotency-key': key })),
    );
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.status === 201 || (r.status === 409 && (r.body as Body).code === 'IDEMPOTENCY_IN_FLIGHT'))).toBe(true);
    expect(new Set(created.map((r) => (r.body as Body).transactionId)).size).toBe(1);

    const replay = await gw.fetch('supplier-1', 'POST', '/v1/receivables', body, { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect((replay.body as Body).transactionId).toBe((created[0]?.body as Body).transactionId);
    const history = await evaluateAs<unknown[]>('auditor', call(tx.receivable.GetReceivableHistory, { receivableId: id }));
    expect(history).toHaveLength(1);

    const reused = await gw.fetch('supplier-1', 'POST', '/v1/receivables', { ...body, amount: '250001' }, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('the read model equals the ledger after a run and after the gateway is killed mid-run', async () => {
    const id = runId('rm');
    const readModelFile = path.join(gw.dir, 'read-model.db');
    /** Every peer at one height, and the gateway's read model past it. */
    const waitCaughtUp = async (): Promise<void> => {
      const height = BigInt(await settledHeight());
      await eventually(async () => {
        const status = (await ok('auditor', 'GET', '/v1/readmodel/status')) as { nextBlock: string };
        expect(BigInt(status.nextBlock)).toBeGreaterThanOrEqual(height);
      }, 60_000);
    };
    const matchesLedger = (): Promise<Record<string, number>> =>
      withReadModelFile(readModelFile, (rm) => expectReadModelMatchesLedger(rm, { runIds, pledgeIds }));
    const ids = [`${id}-a`, `${id}-b`, `${id}-c`];
    await ok('supplier-1', 'POST', '/v1/receivables', {
      receivableId: ids[0],
      debtorId: 'core',
      invoiceNumber: `INV-${ids[0] ?? ''}`,
      currency: 'USD',
      amount: '1000',
      issueDate: isoDay(-1),
      dueDate: isoDay(30),
    });
    await waitCaughtUp();
    // After the run of this file's tests: every entity they created, as the gateway projected it.
    const before = await matchesLedger();
    // Not a comparison of nothing: the tests above created every kind of entity (if one of them failed, so may this).
    const tables = [
      'rm_participants',
      'rm_credit_lines',
      'rm_consortium_caps',
      'rm_receivables',
      'rm_transfers',
      'rm_financings',
      'rm_payments',
      'rm_payment_allocations',
      'rm_receipts',
      'rm_pledges',
      'rm_prices',
    ];
    expect(tables.filter((table) => (before[table] ?? 0) === 0)).toEqual([]);

    await gw.kill();
    // While the gateway is down the ledger moves on without it.
    await submitAs(
      'supplier-1',
      call(tx.receivable.IssueReceivable, {
        receivableId: ids[1] ?? '',
        debtorId: 'core',
        invoiceNumber: `INV-${ids[1] ?? ''}`,
        currency: 'USD',
        amount: '2000',
        issueDate: isoDay(-1),
        dueDate: isoDay(30),
      }),
    );
    await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: ids[0] ?? '' }));
    await gw.restart();
    await ok('supplier-1', 'POST', '/v1/receivables', {
      receivableId: ids[2],
      debtorId: 'core',
      invoiceNumber: `INV-${ids[2] ?? ''}`,
      currency: 'USD',
      amount: '3000',
      issueDate: isoDay(-1),
      dueDate: isoDay(30),
    });
    await waitCaughtUp();

    // After the crash and the catch-up: the same comparison, now with the receivables written while it was down.
    const after = await matchesLedger();
    expect(after.rm_receivables).toBe((before.rm_receivables ?? 0) + 2);
    for (const receivableId of ids) {
      const page = (await ok('auditor', 'GET', `/v1/search/receivables?rootId=${receivableId}`)) as { items: Body[] };
      const onLedger = await evaluateAs<Body>('auditor', call(tx.receivable.GetReceivable, { receivableId }));
      expect(page.items).toHaveLength(1);
      expect(page.items[0]).toMatchObject({
        id: receivableId,
        status: onLedger.status,
        outstanding: onLedger.outstanding,
        updatedAt: onLedger.updatedAt,
      });
    }
    const txs = (await ok('auditor', 'GET', `/v1/search/transactions?limit=100&sort=-block`)) as { items: { txId: string }[] };
    const txIds = txs.items.map((t) => t.txId);
    expect(new Set(txIds).size).toBe(txIds.length);
  });
});
