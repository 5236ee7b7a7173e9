import { createHash } from 'node:crypto';
import { acceptanceCall, approvalDecision, signedBy } from '../support/decisions';
import { committedTransaction } from '../support/fabric';
import { startGatewayProcess } from '../support/gateway-process';
import { evaluateAs, invoiceTerms, grantLineAs, lineTerms, outcome, runId, runUniqueFace, submitAs } from '../support/ledger';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { SHARDS_PER_CAP } from '@scf/kernel/records/credit-line';
import type { Financing } from '@scf/kernel/records/financing';
import type { FinancingApprovalDecision, RiskKey } from '@scf/kernel/records/gate-decision';

const assessment = JSON.stringify({
  decision: 'APPROVE',
  policyVersion: 'test-1',
  inputsHash: 'b'.repeat(64),
});

/** ApproveFinancing submitted straight through fabric-gateway as Bank A's risk-gateway identity, bypassing the gate. */
function approveDirectly(financingId: string, decisionJson: string, assessmentJson = assessment): Promise<string> {
  return outcome(() =>
    submitAs('bank-a-risk', call(tx.financing.ApproveFinancing, { financingId, assessmentJson, decisionJson, drawStart: '' })),
  );
}

describe('ApproveFinancing on the real network requires the risk gate’s signed decision', () => {
  const lineId = runId('sd-line');
  const id = runId('sd');
  const financingId = `${id}-f`;

  beforeAll(async () => {
    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
    await grantLineAs('bank-a', lineTerms(lineId));
    await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id)));
    await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
    await submitAs('supplier-1', call(tx.financing.RequestFinancing, { financingId, receivableId: id, lineId, amount: '700000' }));
    // A second request of the same borrower, for a decision signed for it used on the first.
    await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(`${id}-2`)));
    await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: `${id}-2` }));
    await submitAs(
      'supplier-1',
      call(tx.financing.RequestFinancing, { financingId: `${id}-2-f`, receivableId: `${id}-2`, lineId, amount: '700000' }),
    );
  });

  it('each bank has its risk gateway’s certificate key registered, by its org admin', async () => {
    const key = await evaluateAs<RiskKey>('auditor', call(tx.participant.GetRiskKey, { bankMsp: 'BankAMSP' }));
    expect(key.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(key.registeredBy).toContain('OU=admin');
    // A bank officer is not its org's admin: it cannot put its own key there.
    expect(await outcome(() => submitAs('bank-a', call(tx.participant.RegisterRiskKey, { publicKeyPem: key.publicKeyPem })))).toBe(
      'REFUSED:FORBIDDEN',
    );
  });

  it.each<[string, Partial<FinancingApprovalDecision>, string]>([
    ['a tampered amount', { amount: '699999' }, 'DECISION_MISMATCH'],
    ['another financing', { financingId: 'other-financing' }, 'DECISION_MISMATCH'],
    ['an expired decision', { expiresAt: `${new Date(Date.now() - 60_000).toISOString().slice(0, 19)}Z` }, 'DECISION_EXPIRED'],
  ])('refuses %s, though signed with the registered key', async (_what, overrides, code) => {
    const decision = await approvalDecision(financingId, assessment, overrides);
    expect(await approveDirectly(financingId, await signedBy('bank-a-risk', decision))).toBe(`REFUSED:${code}`);
  });

  it('refuses a decision signed for another financing of the same bank', async () => {
    const other = await approvalDecision(`${id}-2-f`, assessment);
    expect(await approveDirectly(financingId, await signedBy('bank-a-risk', other))).toBe('REFUSED:DECISION_MISMATCH');
  });

  it('refuses a decision signed with another bank’s risk key', async () => {
    const decision = await approvalDecision(financingId, assessment);
    expect(await approveDirectly(financingId, await signedBy('bank-b-risk', decision))).toBe('REFUSED:DECISION_SIGNATURE_INVALID');
  });

  it('refuses a missing or unsigned decision', async () => {
    expect(await approveDirectly(financingId, '')).toBe('REFUSED:DECISION_UNSIGNED');
    const decision = await approvalDecision(financingId, assessment);
    expect(await approveDirectly(financingId, JSON.stringify({ decision }))).toBe('REFUSED:DECISION_UNSIGNED');
  });

  it('nothing of the refused approvals changed the financing; the signed, bound, live one commits', async () => {
    expect((await evaluateAs<Financing>('auditor', call(tx.financing.GetFinancing, { financingId }))).status).toBe('REQUESTED');
    const decision = await approvalDecision(financingId, assessment);
    expect(await approveDirectly(financingId, await signedBy('bank-a-risk', decision))).toBe('COMMITTED');
    expect((await evaluateAs<Financing>('auditor', call(tx.financing.GetFinancing, { financingId }))).status).toBe('ACTIVE');
  });
});

describe('through the gate: the signed approval commits, and the auditor recomputes its inputs hash', () => {
  it('assess → signed ApproveFinancing commits; GET /v1/risk/inputs/:hash gives the inputs whose SHA-256 the ledger carries', async () => {
    const gw = await startGatewayProcess();
    try {
      const id = runId('sd-gate');
      const lineId = `${id}-line`;
      await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
      await grantLineAs('bank-a', lineTerms(lineId));
      await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id, { amount: String(runUniqueFace()) })));
      await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
      await submitAs(
        'supplier-1',
        call(tx.financing.RequestFinancing, { financingId: `${id}-f`, receivableId: id, lineId, amount: '500000' }),
      );
      const assessed = await gw.ok<{ decision: string }>('bank-a', 'POST', `/v1/financings/${id}-f/assess`);
      // The engine may want a second officer (a look-alike invoice of an earlier run); that approval goes through the gate too.
      const approved =
        assessed.decision === 'REVIEW'
          ? await gw.ok<{ decision: string; transactionId: string }>('bank-a-2', 'POST', `/v1/risk/reviews/${id}-f/decision`, {
              decision: 'APPROVE',
              note: 'ok',
            })
          : (assessed as { decision: string; transactionId: string });
      expect(approved).toMatchObject({ decision: 'APPROVE' });
      // The gate names the approval's three owner orgs, endorsed at once; the bank's peer (where the gate saw it commit) found it VALID.
      const committed = await committedTransaction('BankA', approved.transactionId);
      expect(committed.validationCode).toBe(0);
      expect([...new Set(committed.endorserMspIds)].sort()).toEqual(['BankAMSP', 'CoreMSP', 'SuppliersMSP']);
      const onLedger = await evaluateAs<Financing>('auditor', call(tx.financing.GetFinancing, { financingId: `${id}-f` }));
      expect(onLedger.status).toBe('ACTIVE');
      const hash = onLedger.assessment?.inputsHash ?? '';
      // The inputs stay in the bank's own gateway: its officer hands them to the auditor, who recomputes the hash.
      const kept = await gw.ok<{ inputsHash: string; inputsJson: string }>('bank-a', 'GET', `/v1/risk/inputs/${hash}`);
      expect(createHash('sha256').update(kept.inputsJson).digest('hex')).toBe(hash);
      expect(JSON.parse(kept.inputsJson)).toMatchObject({ rest: { request: { id: `${id}-f`, amount: '500000' } } });
      // Another bank's gateway does not have them; a supplier's gateway has no risk routes at all.
      expect((await gw.fetch('bank-b', 'GET', `/v1/risk/inputs/${hash}`)).status).toBe(404);
      expect(await gw.fetch('supplier-1', 'GET', `/v1/risk/inputs/${hash}`)).toMatchObject({
        status: 404,
        body: { code: 'ROUTE_NOT_FOUND' },
      });
    } finally {
      await gw.stop();
    }
  });
});

describe('AcceptPledge on the real network requires the signed decision for its terms', () => {
  it('a bank officer cannot accept directly with terms the gate did not sign, nor without a decision', async () => {
    const id = runId('sd-pl');
    const commodity = `${id}-copper`;
    await submitAs('price-oracle', call(tx.warehouse.SetPrice, { commodity, grade: 'A', unit: 't', currency: 'USD', pricePerUnit: '100' }));
    await submitAs(
      'warehouse',
      call(tx.warehouse.IssueReceipt, {
        receiptId: `${id}-wr`,
        ownerId: 'supplier-1',
        lotId: `${id}-lot`,
        commodity,
        grade: 'A',
        unit: 't',
        quantity: '1000',
        location: 'Bay 1',
      }),
    );
    const pledgeId = `${id}-pl`;
    await submitAs(
      'supplier-1',
      call(tx.warehouse.RequestPledge, { pledgeId, receiptId: `${id}-wr`, bankMsp: 'BankAMSP', loanAmount: '50000' }),
    );
    const signed = await acceptanceCall(pledgeId, '2000', '12000');
    const decisionJson = signed.args[3] ?? '';
    const accept = (haircutBps: string, decision: string): Promise<string> =>
      outcome(() =>
        submitAs('bank-a', call(tx.warehouse.AcceptPledge, { pledgeId, haircutBps, maintenanceRatioBps: '12000', decisionJson: decision })),
      );
    expect(await accept('100', decisionJson)).toBe('REFUSED:DECISION_MISMATCH');
    expect(await accept('2000', '')).toBe('REFUSED:DECISION_UNSIGNED');
    expect((await evaluateAs<{ status: string }>('auditor', call(tx.warehouse.GetPledge, { pledgeId }))).status).toBe('REQUESTED');
    expect(await accept('2000', decisionJson)).toBe('COMMITTED');
  });
});

describe('a consortium cap set now', () => {
  it('splits each bank share into SHARDS_PER_CAP (128) slots, so concurrent approvals of a bank rarely share one', async () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const currency = `Z${Array.from({ length: 2 }, () => letters.charAt(Math.floor(Math.random() * letters.length))).join('')}`;
    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency, cap: '256000000' }));
    const exposure = await evaluateAs<{ shards: { bankMsp: string; index: number; limit: string }[] }>(
      'auditor',
      call(tx.creditLine.GetCoreExposure, { coreId: 'core', currency }),
    );
    const slotsOf = (bankMsp: string) => exposure.shards.filter((s) => s.bankMsp === bankMsp);
    expect(slotsOf('BankAMSP')).toHaveLength(SHARDS_PER_CAP);
    expect(slotsOf('BankBMSP')).toHaveLength(SHARDS_PER_CAP);
    expect(SHARDS_PER_CAP).toBe(128);
    expect(new Set(slotsOf('BankAMSP').map((s) => s.limit))).toEqual(new Set(['1000000']));
  });
});
