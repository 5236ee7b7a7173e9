import { homeSlot } from '../../domain/allocation';
import { ID } from '../../testing/identities';
import { violations } from '../../testing/invariants';
import { ASSESSMENT, lineTerms, ok, P, World } from '../../testing/world';
import { canonicalJson } from '@scf/kernel/canonical-json';
import { type CoreExposure, DRAW_START_MODULUS, SHARDS_PER_CAP, TRANCHES_PER_LINE } from '@scf/kernel/records/credit-line';
import type { ApprovalContext } from '@scf/kernel/records/approval-context';
import type { ApprovalResult, Financing } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';

describe('scf.financing hard rules', () => {
  it('only a risk gateway of the financing bank approves', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '800000']);
    expect(await world.submit(ID.bankAOfficer, 'scf.financing:ApproveFinancing', await world.approveArgs('f1'))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await world.submit(ID.bankBGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f1'))).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(
      await world.submit(
        ID.bankAGateway,
        'scf.financing:ApproveFinancing',
        await world.approveArgs('f1', JSON.stringify({ ...ASSESSMENT, decision: 'REVIEW' })),
      ),
    ).toMatchObject({
      ok: false,
      code: 'RISK_NOT_APPROVED',
    });
    await world.submitOk(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f1'));
  });

  it('refuses more than outstanding × advance rate (floored)', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1', '999');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '800']);
    expect(await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f1'))).toMatchObject({
      ok: false,
      code: 'ADVANCE_RATE_EXCEEDED',
    });
  });

  it('refuses a disputed or unconfirmed receivable at request time', async () => {
    const world = await World.withLines();
    await world.submitOk(ID.supplier1, 'scf.receivable:IssueReceivable', [
      'r1',
      P.core,
      'INV-1',
      'USD',
      '1000',
      '2025-01-05',
      '2025-04-01',
    ]);
    expect(await world.submit(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '100'])).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    await world.submitOk(ID.core, 'scf.receivable:DisputeReceivable', ['r1', 'wrong goods']);
    expect(await world.submit(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '100'])).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
  });

  it("refuses when the line, or the bank's share of the consortium cap, lacks headroom; no bank draws on another's share", async () => {
    const world = await World.withLines();
    // 1 000 000 split evenly: 500 000 for each bank org.
    await world.submitOk(ID.auditor, 'scf.creditline:SetConsortiumCap', [P.core, 'USD', '1000000']);
    await world.financedReceivable('r1', 'f1', '400000');
    await world.confirmedReceivable('r2');
    // The cap has 600 000 left, bank A's share only 100 000.
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f2', 'r2', 'line1', '200000']);
    const refused = await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f2'));
    expect(refused).toMatchObject({ ok: false, code: 'CAP_EXCEEDED' });
    expect(refused.ok ? '' : refused.raw).toContain("BankAMSP's share of the consortium cap");
    // Bank B draws on its own share, untouched by bank A's.
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f3', 'r2', 'line2', '300000']);
    await world.submitOk(ID.bankBGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f3'));
    expect(await world.evaluateOk(ID.auditor, 'scf.creditline:GetCoreExposure', [P.core, 'USD'])).toMatchObject({
      cap: '1000000',
      drawn: '700000',
      headroom: '300000',
      shares: [
        { bankMsp: 'BankAMSP', limit: '500000', drawn: '400000', headroom: '100000' },
        { bankMsp: 'BankBMSP', limit: '500000', drawn: '300000', headroom: '200000' },
      ],
    });
    // A cap whose even split leaves a bank below what it drew is refused, though the total would hold.
    expect(await world.submit(ID.auditor, 'scf.creditline:SetConsortiumCap', [P.core, 'USD', '700000'])).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    await world.submitOk(ID.auditor, 'scf.creditline:SetConsortiumCap', [P.core, 'USD', '5000000']);
    ok(await world.setLimit(ID.bankAOfficer, 'line1', '500000'));
    await world.confirmedReceivable('r3');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f4', 'r3', 'line1', '200000']);
    expect(await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f4'))).toMatchObject({
      ok: false,
      code: 'LIMIT_EXCEEDED',
    });
    expect(await world.setLimit(ID.bankAOfficer, 'line1', '399999')).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    expect(violations(world.net.ledger)).toEqual([]);
  });

  it('refuses a financing whose tenor exceeds the line, or an expired line', async () => {
    const world = await World.withLines();
    await world.grantLine(ID.bankAOfficer, lineTerms('short', '1000000', '2025-02-01', '8000', 30, 0), 'short');
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'short', '1000']);
    expect(await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f1'))).toMatchObject({
      ok: false,
      code: 'TENOR_EXCEEDED',
    });
    world.net.advanceDays(30);
    expect(await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f1'))).toMatchObject({
      ok: false,
      code: 'LINE_EXPIRED',
    });
  });

  it('a rejection is recorded with its assessment: the verdict, policy version and inputs hash only', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '1000']);
    // The bank's score and reason codes are refused: they would land in the block and on the public record.
    expect(
      await world.submit(ID.bankAGateway, 'scf.financing:RejectFinancing', [
        'f1',
        JSON.stringify({ ...ASSESSMENT, decision: 'REJECT', reasonCodes: ['DSO_HIGH'] }),
      ]),
    ).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    const rejected = await world.submitOk<Financing>(ID.bankAGateway, 'scf.financing:RejectFinancing', [
      'f1',
      JSON.stringify({ ...ASSESSMENT, decision: 'REJECT' }),
    ]);
    expect(rejected).toMatchObject({ status: 'REJECTED', assessment: { decision: 'REJECT', policyVersion: ASSESSMENT.policyVersion } });
    expect(Object.keys(rejected.assessment ?? {}).sort()).toEqual(['assessedAt', 'assessedBy', 'decision', 'inputsHash', 'policyVersion']);
  });
});

describe('ApproveFinancing reports the post-state of the keys it touched', () => {
  it('returns the financing and the line, cap, tranches and shards it drew on, as canonical JSON', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r0', 'f0', '100000');
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '800000']);
    const before = await world.evaluateOk<{ tranches: { index: number; limit: string; drawn: string }[] }>(
      ID.auditor,
      'scf.creditline:GetCreditLine',
      ['line1'],
    );
    // The approval context's draws are those of the financing bank's share, the slots it draws on.
    const beforeCore = (await world.evaluateOk<ApprovalContext>(ID.bankAGateway, 'scf.financing:GetApprovalContext', ['f1'])).core;
    const slotLimits = (await world.evaluateOk<CoreExposure>(ID.auditor, 'scf.creditline:GetCoreExposure', [P.core, 'USD'])).shards;

    const outcome = await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f1'));
    if (!outcome.ok) {
      throw new Error(outcome.raw);
    }
    const result = JSON.parse(outcome.payload) as ApprovalResult;
    expect(outcome.payload).toBe(canonicalJson(result));
    expect(Object.keys(result).sort()).toEqual(['exposureAfter', 'financing']);
    expect(result.financing).toMatchObject({ id: 'f1', status: 'ACTIVE', amount: '800000', outstandingPrincipal: '800000' });
    const after = result.exposureAfter;
    expect(after).toMatchObject({ lineId: 'line1', coreId: P.core, currency: 'USD', consortiumCap: '50000000' });
    // The result lands in the block: no line term (the line's limit, the tranches' limits) is in it.
    expect(after).not.toHaveProperty('lineLimit');
    expect(outcome.payload).not.toMatch(/"limit":"625000"|10000000/);
    // Exactly the slots it drew on, each with its drawn amount after the draw.
    expect(after.tranches.map((t) => t.index)).toEqual(result.financing.trancheDraws.map((d) => d.index));
    expect(after.shards.map((s) => s.index)).toEqual(result.financing.capDraws.map((d) => d.index));
    for (const [slots, pre, draws] of [
      [after.tranches, before.tranches, result.financing.trancheDraws],
      [after.shards, beforeCore.draws, result.financing.capDraws],
    ] as const) {
      for (const [i, slot] of slots.entries()) {
        const old = pre.find((p) => p.index === slot.index);
        expect(BigInt(slot.drawnAfter)).toBe(BigInt(old?.drawn ?? 'x') + BigInt(draws[i]?.amount ?? 'x'));
      }
    }
    for (const slot of after.shards) {
      expect(slot.limit).toBe(slotLimits.find((p) => p.bankMsp === 'BankAMSP' && p.index === slot.index)?.limit);
    }
    // The reported slots are what the ledger holds once the approval commits.
    const line = await world.evaluateOk<{ drawn: string; tranches: { index: number; limit: string; drawn: string }[] }>(
      ID.auditor,
      'scf.creditline:GetCreditLine',
      ['line1'],
    );
    expect(line.drawn).toBe('900000');
    for (const slot of after.tranches) {
      expect(line.tranches.find((t) => t.index === slot.index)).toEqual({ lineId: 'line1', index: slot.index, drawn: slot.drawnAfter });
    }
    const core = await world.evaluateOk<CoreExposure>(ID.auditor, 'scf.creditline:GetCoreExposure', [P.core, 'USD']);
    expect(core.drawn).toBe('900000');
    for (const slot of after.shards) {
      expect(core.shards.find((s) => s.bankMsp === 'BankAMSP' && s.index === slot.index)).toMatchObject({
        limit: slot.limit,
        drawn: slot.drawnAfter,
      });
    }
  });

  it('a draw committed on the same tranche after endorsement invalidates the approval (the slots it reports are in its read set)', async () => {
    const world = await World.withLines();
    const [first, second] = Array.from({ length: 2000 }, (_, i) => `f${i}`).filter((id) => homeSlot(id, TRANCHES_PER_LINE) === 0);
    if (first === undefined || second === undefined) {
      throw new Error('two ids with home tranche 0 expected');
    }
    for (const [i, id] of [first, second].entries()) {
      await world.confirmedReceivable(`r${i}`);
      await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', [id, `r${i}`, 'line1', '1000']);
    }
    const a = await world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs(first));
    const b = await world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs(second));
    if (!a.ok || !b.ok) {
      throw new Error('both endorsements should succeed on the same state');
    }
    // Both report tranche 0 at 1000 after: neither saw the other.
    expect((JSON.parse(b.payload) as ApprovalResult).exposureAfter.tranches).toEqual([{ index: 0, drawnAfter: '1000' }]);
    expect(world.net.ledger.commit(a.tx)).toBe('VALID');
    expect(world.net.ledger.commit(b.tx)).toBe('MVCC_READ_CONFLICT');
    expect(await world.evaluateOk(ID.auditor, 'scf.creditline:GetCreditLine', ['line1'])).toMatchObject({ drawn: '1000' });
  });
});

describe("ApproveFinancing's draw start", () => {
  it('names the first tranche (drawStart mod 32) and cap slot (mod 128) the draw reads', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '1000']);
    const approved = await world.submitOk<ApprovalResult>(
      ID.bankAGateway,
      'scf.financing:ApproveFinancing',
      await world.approveArgs('f1', ASSESSMENT, '165'),
    );
    expect(approved.financing.trancheDraws).toEqual([{ index: 165 % TRANCHES_PER_LINE, amount: '1000' }]);
    expect(approved.financing.capDraws).toEqual([{ index: 165 % SHARDS_PER_CAP, amount: '1000' }]);
  });

  it.each(['-1', '1.5', '01', ' 7', 'x', String(DRAW_START_MODULUS)])(
    'refuses %j as INVALID_ARGUMENT and writes nothing',
    async (drawStart) => {
      const world = await World.withLines();
      await world.confirmedReceivable('r1');
      await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '1000']);
      expect(
        await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f1', ASSESSMENT, drawStart)),
      ).toMatchObject({
        ok: false,
        code: 'INVALID_ARGUMENT',
      });
      expect(await world.evaluateOk(ID.auditor, 'scf.financing:GetFinancing', ['f1'])).toMatchObject({ status: 'REQUESTED' });
    },
  );
});

describe('exactly one financing encumbers a receivable', () => {
  it('a second approval after the first is refused ENCUMBERED', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['fa', 'r1', 'line1', '500000']);
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['fb', 'r1', 'line2', '500000']);
    await world.submitOk(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('fa'));
    expect(await world.submit(ID.bankBGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('fb'))).toMatchObject({
      ok: false,
      code: 'ENCUMBERED',
    });
  });

  it('two banks racing in the same block: one commits, the other fails MVCC and leaves no trace', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['fa', 'r1', 'line1', '500000']);
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['fb', 'r1', 'line2', '500000']);
    const a = await world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('fa'));
    const b = await world.net.simulate(ID.bankBGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('fb'));
    if (!a.ok || !b.ok) {
      throw new Error('both endorsements should succeed on the same state');
    }
    expect(world.net.ledger.commit(a.tx)).toBe('VALID');
    expect(world.net.ledger.commit(b.tx)).toBe('MVCC_READ_CONFLICT');
    const receivable = await world.evaluateOk<Receivable>(ID.auditor, 'scf.receivable:GetReceivable', ['r1']);
    expect(receivable.financingId).toBe('fa');
    expect(await world.evaluateOk<Financing>(ID.auditor, 'scf.financing:GetFinancing', ['fb'])).toMatchObject({ status: 'REQUESTED' });
    expect(await world.evaluateOk(ID.auditor, 'scf.creditline:GetCreditLine', ['line2'])).toMatchObject({ drawn: '0' });
  });
});

describe('tranches keep a busy line from serialising', () => {
  async function approveConcurrently(
    financingIds: readonly string[],
    drawStart?: (i: number) => string,
  ): Promise<{ committed: number; drawn: string }> {
    const world = await World.withLines();
    for (const [i, financingId] of financingIds.entries()) {
      await world.confirmedReceivable(`r${i}`, '10000');
      await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', [financingId, `r${i}`, 'line1', '1000']);
    }
    // All endorsed on the same state, then ordered into one block.
    const endorsed = await Promise.all(
      financingIds.map(async (id, i) =>
        world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs(id, ASSESSMENT, drawStart?.(i))),
      ),
    );
    const codes = endorsed.map((e) => (e.ok ? world.net.ledger.commit(e.tx) : e.code));
    expect(codes.filter((c) => c !== 'VALID' && c !== 'MVCC_READ_CONFLICT')).toEqual([]);
    const line = await world.evaluateOk<{ drawn: string }>(ID.auditor, 'scf.creditline:GetCreditLine', ['line1']);
    return { committed: codes.filter((c) => c === 'VALID').length, drawn: line.drawn };
  }

  it('most of 16 concurrent approvals on one line commit', async () => {
    const { committed, drawn } = await approveConcurrently(Array.from({ length: 16 }, (_, i) => `f${i}`));
    expect(committed).toBeGreaterThanOrEqual(10);
    expect(drawn).toBe(String(committed * 1000));
  });

  it('given consecutive draw starts (as the risk gate gives them), all 16 commit', async () => {
    const { committed, drawn } = await approveConcurrently(
      Array.from({ length: 16 }, (_, i) => `f${i}`),
      // Across the wrap-around: the counter stays consecutive modulo every power-of-two slot count.
      (i) => String((DRAW_START_MODULUS - 8 + i) % DRAW_START_MODULUS),
    );
    expect(committed).toBe(16);
    expect(drawn).toBe('16000');
  });

  it('where they all share one home tranche (a hot key), exactly one commits', async () => {
    const sameHome = Array.from({ length: 2000 }, (_, i) => `f${i}`)
      .filter((id) => homeSlot(id, TRANCHES_PER_LINE) === 0)
      .slice(0, 16);
    const { committed } = await approveConcurrently(sameHome);
    expect(committed).toBe(1);
  });
});

describe('dilution of a financed receivable', () => {
  it('re-checks coverage and flags the financing', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1', '800000');
    const result = await world.submitOk<{ financing: Financing; receivable: Receivable }>(ID.supplier1, 'scf.receivable:RecordDilution', [
      'r1',
      'cn1',
      'CREDIT_NOTE',
      '1',
      'CN-1',
    ]);
    expect(result.receivable).toMatchObject({ outstanding: '999999', diluted: '1' });
    expect(result.financing).toMatchObject({ id: 'f1', coverageBreach: true });
    expect(await world.submit(ID.supplier1, 'scf.receivable:RecordDilution', ['r1', 'cn1', 'RETURN', '1', 'CN-2'])).toMatchObject({
      ok: false,
      code: 'ALREADY_EXISTS',
    });
  });

  it('never strands the financing: a credit note may not reach into the principal, so the debtor can still repay it', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1', '800000');
    // The whole face as a credit note would have SETTLED the receivable under an ACTIVE financing.
    expect(
      await world.submit(ID.supplier1, 'scf.receivable:RecordDilution', ['r1', 'cn1', 'CREDIT_NOTE', '1000000', 'CN-1']),
    ).toMatchObject({
      ok: false,
      code: 'ENCUMBERED',
    });
    expect(await world.submit(ID.supplier1, 'scf.receivable:RecordDilution', ['r1', 'cn1', 'RETURN', '200001', 'RET-1'])).toMatchObject({
      ok: false,
      code: 'ENCUMBERED',
    });
    expect(await world.evaluateOk<Receivable>(ID.auditor, 'scf.receivable:GetReceivable', ['r1'])).toMatchObject({
      outstanding: '1000000',
      diluted: '0',
      status: 'CONFIRMED',
    });
    // Down to exactly the principal is allowed, and breaches coverage at the 80 % advance rate.
    const diluted = await world.submitOk<{ financing: Financing; receivable: Receivable }>(ID.supplier1, 'scf.receivable:RecordDilution', [
      'r1',
      'cn1',
      'CREDIT_NOTE',
      '200000',
      'CN-1',
    ]);
    expect(diluted.receivable).toMatchObject({ outstanding: '800000', diluted: '200000', status: 'CONFIRMED', financingId: 'f1' });
    expect(diluted.financing).toMatchObject({ status: 'ACTIVE', outstandingPrincipal: '800000', coverageBreach: true });
    expect(await world.submit(ID.supplier1, 'scf.receivable:RecordDilution', ['r1', 'cn2', 'CREDIT_NOTE', '1', 'CN-2'])).toMatchObject({
      ok: false,
      code: 'ENCUMBERED',
    });
    expect(violations(world.net.ledger)).toEqual([]);
    // The debtor pays what is left; it all goes to the bank, which is repaid in full and releases the exposure.
    expect(await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1', '800000', 'WIRE-1'])).toMatchObject({
      allocations: [{ payeeKind: 'BANK', amount: '800000' }],
    });
    const ack = await world.submitOk<{ financing: Financing; receivable: Receivable }>(
      ID.bankAOfficer,
      'scf.repayment:AcknowledgePayment',
      ['pay1'],
    );
    expect(ack.financing).toMatchObject({ status: 'REPAID', outstandingPrincipal: '0', trancheDraws: [], capDraws: [] });
    expect(ack.receivable).toMatchObject({ status: 'SETTLED', outstanding: '0', settled: '800000', diluted: '200000' });
    expect(ack.receivable.financingId).toBeUndefined();
    expect(await world.evaluateOk(ID.auditor, 'scf.creditline:GetCreditLine', ['line1'])).toMatchObject({ drawn: '0' });
    expect(await world.evaluateOk(ID.auditor, 'scf.creditline:GetCoreExposure', [P.core, 'USD'])).toMatchObject({ drawn: '0' });
    expect(violations(world.net.ledger)).toEqual([]);
  });

  it('a diluted financed receivable can still go overdue and default, and a late payment still repays the bank', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1', '800000');
    await world.submitOk(ID.supplier1, 'scf.receivable:RecordDilution', ['r1', 'ret1', 'RETURN', '200000', 'RET-1']);
    world.net.seconds = Date.UTC(2025, 3, 2) / 1000;
    expect(await world.submitOk<Receivable>(ID.bankAGateway, 'scf.repayment:MarkDelinquency', ['r1'])).toMatchObject({
      delinquency: 'OVERDUE',
    });
    world.net.seconds = Date.UTC(2025, 3, 12) / 1000;
    expect(await world.submitOk<Receivable>(ID.bankAGateway, 'scf.repayment:MarkDelinquency', ['r1'])).toMatchObject({
      delinquency: 'DEFAULTED',
      status: 'CONFIRMED',
    });
    expect(await world.evaluateOk<Financing>(ID.auditor, 'scf.financing:GetFinancing', ['f1'])).toMatchObject({
      status: 'DEFAULTED',
      outstandingPrincipal: '800000',
    });
    await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay1', 'r1', '800000', 'WIRE-1']);
    const ack = await world.submitOk<{ financing: Financing }>(ID.bankAOfficer, 'scf.repayment:AcknowledgePayment', ['pay1']);
    expect(ack.financing).toMatchObject({ status: 'REPAID', repaidPrincipal: '800000' });
    expect(await world.evaluateOk(ID.auditor, 'scf.creditline:GetCreditLine', ['line1'])).toMatchObject({ drawn: '0' });
    expect(violations(world.net.ledger)).toEqual([]);
  });

  it('refuses transfer of a financed part', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1');
    const parts = JSON.stringify([{ id: 'r1a', amount: '1000000', holderId: P.supplier2 }]);
    expect(await world.submit(ID.supplier1, 'scf.receivable:SplitReceivable', ['r1', parts])).toMatchObject({
      ok: false,
      code: 'ENCUMBERED',
    });
  });

  it('GetApprovalContext answers what the separate queries answer, the lineage root first', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r0', 'f0', '300000');
    await world.confirmedReceivable('r1');
    const parts = JSON.stringify([
      { id: 'r1a', amount: '600000', holderId: P.supplier1 },
      { id: 'r1b', amount: '400000', holderId: P.supplier2 },
    ]);
    await world.submitOk(ID.supplier1, 'scf.receivable:SplitReceivable', ['r1', parts]);
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1a', 'line1', '400000']);
    const context = await world.evaluateOk<ApprovalContext>(ID.bankAGateway, 'scf.financing:GetApprovalContext', ['f1']);
    const financing = await world.evaluateOk<Financing>(ID.bankAGateway, 'scf.financing:GetFinancing', ['f1']);
    expect(context.financing).toEqual(financing);
    expect(context.line).toEqual(await world.evaluateOk(ID.bankAGateway, 'scf.creditline:GetCreditLine', ['line1']));
    // The cap and the total drawn as GetCoreExposure gives them; the draws of the financing bank's share only.
    const core = await world.evaluateOk<CoreExposure>(ID.bankAGateway, 'scf.creditline:GetCoreExposure', [financing.debtorId, 'USD']);
    const own = core.shards.filter((s) => s.bankMsp === financing.bankMsp);
    expect(context.core).toEqual({
      coreId: core.coreId,
      currency: core.currency,
      cap: core.cap,
      drawn: core.drawn,
      draws: own.map(({ coreId, currency, bankMsp, index, drawn }) => ({ coreId, currency, bankMsp, index, drawn })),
    });
    expect(context.core.draws).toHaveLength(SHARDS_PER_CAP);
    expect(context.core.drawn).toBe('300000');
    expect(context.line.drawn).toBe('300000');
    expect(context.lineage.map((l) => l.receivable.id)).toEqual(['r1', 'r1a']);
    for (const { receivable, history } of context.lineage) {
      expect(receivable).toEqual(await world.evaluateOk(ID.bankAGateway, 'scf.receivable:GetReceivable', [receivable.id]));
      expect(history).toEqual(await world.evaluateOk(ID.bankAGateway, 'scf.receivable:GetReceivableHistory', [receivable.id]));
    }
    expect(await world.net.evaluate(ID.bankAGateway, 'scf.financing:GetApprovalContext', ['nope'])).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });
});
