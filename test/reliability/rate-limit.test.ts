/**
 * Rate limits per credential (issue 7), on the gateway as a process with a small budget
 * (GATEWAY_RATE_PER_SECOND=2, GATEWAY_RATE_BURST=4): a credential over its budget gets 429 with
 * Retry-After in the error shape, a refused write reaches no ledger, and other credentials are
 * not affected.
 */
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { chaincodeErrorCode, evaluateAs, isoDay, runId } from '../support/ledger';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const BURST = 4;
let gw: GatewayProcess;

type Answer = Awaited<ReturnType<GatewayProcess['fetch']>>;

beforeAll(async () => {
  gw = await startGatewayProcess({ GATEWAY_RATE_PER_SECOND: '2', GATEWAY_RATE_BURST: String(BURST) });
}, 120_000);

afterAll(async () => {
  await gw.stop();
});

function expectRateLimited(answer: Answer): number {
  expect(answer.status).toBe(429);
  expect(answer.body).toMatchObject({
    code: 'RATE_LIMITED',
    message: expect.any(String) as unknown,
    details: { retryAfterSeconds: expect.any(Number) as unknown },
  });
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  return retryAfter;
}

describe('rate limits per credential', () => {
  it('over its burst a credential gets 429 with Retry-After; others are unaffected; after Retry-After it is served again', async () => {
    const started = performance.now();
    const burst = await Promise.all(Array.from({ length: 3 * BURST }, () => gw.fetch('supplier-3', 'GET', '/v1/me')));
    // A token bucket serves its burst plus what refilled (2 per second) while the requests arrived:
    // on a loaded machine twelve requests can take long enough for a token or two to come back.
    const refilled = Math.ceil(((performance.now() - started) / 1000) * 2);
    const served = burst.filter((a) => a.status === 200).length;
    expect(served).toBeGreaterThanOrEqual(1);
    expect(served).toBeLessThanOrEqual(BURST + 1 + refilled);
    const limited = burst.filter((a) => a.status !== 200);
    expect(limited.length).toBeGreaterThanOrEqual(Math.min(2 * BURST - 1, 3 * BURST - (BURST + 1 + refilled)));
    expect(limited.length).toBeGreaterThanOrEqual(1);
    const retryAfter = Math.max(...limited.map(expectRateLimited));
    // At once, before a token can refill (2 per second): still over budget. (Asked after the other
    // credentials' calls, a loaded machine could take long enough for a token to come back.)
    expect((await gw.fetch('supplier-3', 'GET', '/v1/me')).status).toBe(429);

    // Other credentials have their own budgets.
    for (const other of ['core', 'auditor', 'bank-b']) {
      expect((await gw.fetch(other, 'GET', '/v1/me')).status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await gw.fetch('supplier-3', 'GET', '/v1/me')).status).toBe(200);
  }, 60_000);

  it('a write refused with 429 never reaches the ledger', async () => {
    const prefix = runId('rate');
    const ids = Array.from({ length: 3 * BURST }, (_, i) => `${prefix}-${String(i)}`);
    const answers = await Promise.all(
      ids.map((id) =>
        gw.fetch('supplier-2', 'POST', '/v1/receivables', {
          receivableId: id,
          debtorId: 'core',
          invoiceNumber: `INV-${id}`,
          currency: 'USD',
          amount: '1000',
          issueDate: isoDay(-1),
          dueDate: isoDay(30),
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    const limited = ids.filter((_, i) => answers[i]?.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(2 * BURST - 1);
    expect(answers.every((a) => a.status === 201 || a.status === 429)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // Read straight from the ledger: the auditor's API budget is small here too.
    for (const id of limited) {
      const code = await evaluateAs('auditor', call(tx.receivable.GetReceivable, { receivableId: id })).then(
        () => 'FOUND',
        chaincodeErrorCode,
      );
      expect([id, code]).toEqual([id, 'NOT_FOUND']);
    }
  }, 60_000);
});
