import { homeSlot } from '../../domain/allocation';
import { TRANCHES_PER_LINE } from '../../domain/credit-line';
import { canonicalJson } from '../../domain/canonical-json';
import type { ApprovalResult, Financing } from '../../domain/financing';
import type { Receivable } from '../../domain/receivable';
import { ID } from '../../testing/identities';
import { ASSESSMENT, P, World } from '../../testing/world';

const approve = JSON.stringify(ASSESSMENT);

describe('scf.financing hard rules', () => {
  it('only a risk gateway of the financing bank approves', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '800000']);
    expect(await world.submit(ID.bankAOfficer, 'scf.financing:ApproveFinancing', ['f1', approve])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await world.submit(ID.bankBGateway, 'scf.financing:ApproveFinancing', ['f1', approve])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['f1', JSON.stringify({ ...ASSESSMENT, decision: 'REVIEW' })])).toMatchObject({
      ok: false,
      code: 'RISK_NOT_APPROVED',
    });
    await world.submitOk(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['f1', approve]);
  });

  it('refuses more than outstanding × advance rate (floored)', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1', '999');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '800']);
    expect(await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['f1', approve])).toMatchObject({ ok: false, code: 'ADVANCE_RATE_EXCEEDED' });
  });

  it('refuses a disputed or unconfirmed receivable at request time', async () => {
    const world = await World.withLines();
    await world.submitOk(ID.supplier1, 'scf.receivable:IssueReceivable', ['r1', P.core, 'INV-1', 'USD', '1000', '2025-01-05', '2025-04-01']);
    expect(await world.submit(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '100'])).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    await world.submitOk(ID.core, 'scf.receivable:DisputeReceivable', ['r1', 'wrong goods']);
    expect(await world.submit(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '100'])).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });

  it('refuses when the line or the consortium cap lacks headroom', async () => {
    const world = await World.withLines();
    await world.submitOk(ID.auditor, 'scf.creditline:SetConsortiumCap', [P.core, 'USD', '1000000']);
    await world.financedReceivable('r1', 'f1', '800000');
    await world.confirmedReceivable('r2');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f2', 'r2', 'line2', '300000']);
    expect(await world.submit(ID.bankBGateway, 'scf.financing:ApproveFinancing', ['f2', approve])).toMatchObject({ ok: false, code: 'CAP_EXCEEDED' });
    await world.submitOk(ID.bankAOfficer, 'scf.creditline:SetCreditLineLimit', ['line1', '900000']);
    await world.submitOk(ID.auditor, 'scf.creditline:SetConsortiumCap', [P.core, 'USD', '5000000']);
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f3', 'r2', 'line1', '200000']);
    expect(await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['f3', approve])).toMatchObject({ ok: false, code: 'LIMIT_EXCEEDED' });
    expect(await world.submit(ID.bankAOfficer, 'scf.creditline:SetCreditLineLimit', ['line1', '799999'])).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });

  it('refuses a financing whose tenor exceeds the line, or an expired line', async () => {
    const world = await World.withLines();
    await world.submitOk(ID.bankAOfficer, 'scf.creditline:GrantCreditLine', ['short', P.core, 'USD', '1000000', '2025-02-01', '8000', '30', '0']);
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'short', '1000']);
    expect(await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['f1', approve])).toMatchObject({ ok: false, code: 'TENOR_EXCEEDED' });
    world.net.advanceDays(30);
    expect(await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['f1', approve])).toMatchObject({ ok: false, code: 'LINE_EXPIRED' });
  });

  it('a rejection is recorded with its assessment', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '1000']);
    const rejected = await world.submitOk<Financing>(ID.bankAGateway, 'scf.financing:RejectFinancing', ['f1', JSON.stringify({ ...ASSESSMENT, decision: 'REJECT', reasonCodes: ['DSO_HIGH'] })]);
    expect(rejected).toMatchObject({ status: 'REJECTED', assessment: { decision: 'REJECT', reasonCodes: ['DSO_HIGH'] } });
  });
});

describe('ApproveFinancing reports the post-state it computed', () => {
  it('returns the financing and the line and consortium totals after its draw, as canonical JSON', async () => {
    const world = await World.withLines();
    // Bank B already drew 300 000 on the same core enterprise: it counts in the consortium total, not in line1's.
    await world.confirmedReceivable('rb');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['fb', 'rb', 'line2', '300000']);
    await world.submitOk(ID.bankBGateway, 'scf.financing:ApproveFinancing', ['fb', approve]);
    await world.financedReceivable('r0', 'f0', '100000');
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f1', 'r1', 'line1', '800000']);

    const outcome = await world.submit(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['f1', approve]);
    if (!outcome.ok) {
      throw new Error(outcome.raw);
    }
    const result = JSON.parse(outcome.payload) as ApprovalResult;
    expect(outcome.payload).toBe(canonicalJson(result));
    expect(Object.keys(result).sort()).toEqual(['exposureAfter', 'financing']);
    expect(result.financing).toMatchObject({ id: 'f1', status: 'ACTIVE', amount: '800000', outstandingPrincipal: '800000' });
    expect(result.exposureAfter).toEqual({
      lineId: 'line1',
      lineLimit: '10000000',
      lineDrawnAfter: '900000',
      coreId: P.core,
      currency: 'USD',
      coreExposureAfter: '1200000',
      consortiumCap: '50000000',
    });
    // The reported post-state is what the ledger holds once the approval commits.
    expect(await world.evaluateOk(ID.auditor, 'scf.creditline:GetCreditLine', ['line1'])).toMatchObject({ drawn: '900000' });
    expect(await world.evaluateOk(ID.auditor, 'scf.creditline:GetCoreExposure', [P.core, 'USD'])).toMatchObject({ drawn: '1200000' });
  });

  it('a draw committed elsewhere on the line after endorsement invalidates the approval (its totals are in the read set)', async () => {
    const world = await World.withLines();
    for (const id of ['1', '2']) {
      await world.confirmedReceivable(`r${id}`);
      await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', [`f${id}`, `r${id}`, 'line1', '1000']);
    }
    const first = await world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['f1', approve]);
    const second = await world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['f2', approve]);
    if (!first.ok || !second.ok) {
      throw new Error('both endorsements should succeed on the same state');
    }
    // Each reports only its own draw: neither saw the other.
    expect((JSON.parse(second.payload) as ApprovalResult).exposureAfter.lineDrawnAfter).toBe('1000');
    expect(world.net.ledger.commit(first.tx)).toBe('VALID');
    expect(['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT']).toContain(world.net.ledger.commit(second.tx));
    expect(await world.evaluateOk(ID.auditor, 'scf.creditline:GetCreditLine', ['line1'])).toMatchObject({ drawn: '1000' });
  });
});

describe('exactly one financing encumbers a receivable', () => {
  it('a second approval after the first is refused ENCUMBERED', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['fa', 'r1', 'line1', '500000']);
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['fb', 'r1', 'line2', '500000']);
    await world.submitOk(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['fa', approve]);
    expect(await world.submit(ID.bankBGateway, 'scf.financing:ApproveFinancing', ['fb', approve])).toMatchObject({ ok: false, code: 'ENCUMBERED' });
  });

  it('two banks racing in the same block: one commits, the other fails MVCC and leaves no trace', async () => {
    const world = await World.withLines();
    await world.confirmedReceivable('r1');
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['fa', 'r1', 'line1', '500000']);
    await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['fb', 'r1', 'line2', '500000']);
    const a = await world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', ['fa', approve]);
    const b = await world.net.simulate(ID.bankBGateway, 'scf.financing:ApproveFinancing', ['fb', approve]);
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

describe('approvals on one line serialise on the totals they report', () => {
  async function approveConcurrently(financingIds: readonly string[]): Promise<{ codes: string[]; drawn: string }> {
    const world = await World.withLines();
    for (const [i, financingId] of financingIds.entries()) {
      await world.confirmedReceivable(`r${i}`, '10000');
      await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', [financingId, `r${i}`, 'line1', '1000']);
    }
    // All endorsed on the same state, then ordered into one block.
    const endorsed = await Promise.all(financingIds.map((id) => world.net.simulate(ID.bankAGateway, 'scf.financing:ApproveFinancing', [id, approve])));
    const codes = endorsed.map((e) => (e.ok ? world.net.ledger.commit(e.tx) : e.code));
    const line = await world.evaluateOk<{ drawn: string }>(ID.auditor, 'scf.creditline:GetCreditLine', ['line1']);
    return { codes, drawn: line.drawn };
  }

  // Each approval reads every tranche and cap shard to report the totals after its draw, so a
  // block commits one approval per line (and per core enterprise); the gateway retries the rest
  // with a new endorsement, which then reports, and is re-checked on, the new totals.
  it('of 16 endorsed on one state, exactly one commits; the rest fail validation and leave no trace', async () => {
    const { codes, drawn } = await approveConcurrently(Array.from({ length: 16 }, (_, i) => `f${i}`));
    expect(codes.filter((c) => c === 'VALID')).toHaveLength(1);
    expect(codes.every((c) => c === 'VALID' || c === 'MVCC_READ_CONFLICT' || c === 'PHANTOM_READ_CONFLICT')).toBe(true);
    expect(drawn).toBe('1000');
  });

  it('also where they all share one home tranche (a hot key)', async () => {
    const sameHome = Array.from({ length: 2000 }, (_, i) => `f${i}`)
      .filter((id) => homeSlot(id, TRANCHES_PER_LINE) === 0)
      .slice(0, 16);
    const { codes } = await approveConcurrently(sameHome);
    expect(codes.filter((c) => c === 'VALID')).toHaveLength(1);
  });
});

describe('dilution of a financed receivable', () => {
  it('re-checks coverage and flags the financing', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1', '800000');
    const result = await world.submitOk<{ financing: Financing; receivable: Receivable }>(ID.core, 'scf.receivable:RecordDilution', ['r1', 'cn1', 'CREDIT_NOTE', '1', 'CN-1']);
    expect(result.receivable).toMatchObject({ outstanding: '999999', diluted: '1' });
    expect(result.financing).toMatchObject({ id: 'f1', coverageBreach: true });
    expect(await world.submit(ID.core, 'scf.receivable:RecordDilution', ['r1', 'cn1', 'RETURN', '1', 'CN-2'])).toMatchObject({ ok: false, code: 'ALREADY_EXISTS' });
  });

  it('refuses transfer of a financed part', async () => {
    const world = await World.withLines();
    await world.financedReceivable('r1', 'f1');
    const parts = JSON.stringify([{ id: 'r1a', amount: '1000000', holderId: P.supplier2 }]);
    expect(await world.submit(ID.supplier1, 'scf.receivable:SplitReceivable', ['r1', parts])).toMatchObject({ ok: false, code: 'ENCUMBERED' });
  });
});
