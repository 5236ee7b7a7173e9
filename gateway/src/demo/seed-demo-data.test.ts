import { seedDemoData, type DemoApi } from './seed-demo-data';

type Call = readonly [as: string, method: string, path: string];

/** Records writes; GETs answer from what was written (status ACTIVE), or 404. */
function recordingApi(answerAssess: { status: number; body: unknown }): { api: DemoApi; writes: Call[]; seen: Set<string> } {
  const writes: Call[] = [];
  const seen = new Set<string>();
  const api: DemoApi = {
    call(as, method, path) {
      if (method === 'GET') {
        if (path.startsWith('/v1/risk/decisions')) {
          return Promise.resolve({ status: 200, body: [] });
        }
        if (path.startsWith('/v1/consortium-caps/')) {
          return Promise.resolve({ status: 200, body: { cap: seen.has(path) ? '1' : null } });
        }
        return Promise.resolve(
          seen.has(path) ? { status: 200, body: { status: 'ACTIVE' } } : { status: 404, body: { code: 'NOT_FOUND', message: path } },
        );
      }
      writes.push([as, method, path]);
      if (path.endsWith('/assess')) {
        return Promise.resolve(answerAssess);
      }
      return Promise.resolve({ status: 200, body: {} });
    },
  };
  return { api, writes, seen };
}

describe('the demo data loader', () => {
  it('takes each step as the participant who may take it, and has a second officer approve a financing the gate sends to review unless it is the one left queued', async () => {
    const { api, writes } = recordingApi({ status: 202, body: { decision: 'REVIEW' } });
    const ran = await seedDemoData(api, new Date('2026-11-29T10:00:00Z'), () => undefined);
    expect(ran).toBe(writes.filter(([, , path]) => !path.includes('/risk/reviews/')).length);
    expect(writes[0]).toEqual(['auditor', 'PUT', '/v1/consortium-caps/core/USD']);
    expect(writes).toContainEqual(['core', 'POST', '/v1/receivables/demo-inv-1/confirm']);
    expect(writes).not.toContainEqual(['core', 'POST', '/v1/receivables/demo-inv-4/confirm']);
    // Four eyes: bank A's desk asked, its credit committee decides; bank B has no second officer, its review stays queued.
    expect(writes).toContainEqual(['bank-a-2', 'POST', '/v1/risk/reviews/demo-fin-1/decision']);
    expect(writes.filter(([as]) => as === 'bank-a' || as === 'bank-b').map(([, , path]) => path)).not.toContainEqual(
      expect.stringContaining('/v1/risk/reviews/'),
    );
    expect(writes).not.toContainEqual(['bank-a-2', 'POST', '/v1/risk/reviews/demo-fin-4/decision']);
    expect(writes.map(([, , path]) => path)).not.toContain('/v1/risk/reviews/demo-fin-2/decision');
    expect(writes).toContainEqual(['bank-a', 'POST', '/v1/pledges/demo-pledge-1/accept']);
  });

  it('skips every step already on the ledger, so a second start writes nothing', async () => {
    const { api, writes, seen } = recordingApi({ status: 200, body: { decision: 'APPROVE' } });
    for (const path of [
      '/v1/consortium-caps/core/USD',
      '/v1/credit-lines/demo-line-a',
      '/v1/credit-lines/demo-line-b',
      '/v1/warehouse-receipts/demo-receipt-1',
      '/v1/prices/copper/A/t',
      '/v1/pledges/demo-pledge-1',
    ]) {
      seen.add(path);
    }
    for (const n of ['1', '2', '3', '4']) {
      seen.add(`/v1/receivables/demo-inv-${n}`).add(`/v1/financings/demo-fin-${n}`);
    }
    seen.add('/v1/receivables/demo-inv-2-t2').add('/v1/receivables/demo-inv-2-t3');
    expect(await seedDemoData(api, new Date('2026-11-29T10:00:00Z'), () => undefined)).toBe(0);
    expect(writes).toEqual([]);
  });

  it('takes a risk rejection as the outcome of an assessment, and any other refusal as a failure', async () => {
    const rejected = recordingApi({ status: 422, body: { code: 'RISK_REJECTED', message: 'no' } });
    await expect(seedDemoData(rejected.api, new Date('2026-11-29T10:00:00Z'), () => undefined)).resolves.toBeGreaterThan(0);
    expect(rejected.writes).toContainEqual(['bank-a', 'POST', '/v1/pledges/demo-pledge-1/accept']);
    const refused = recordingApi({ status: 422, body: { code: 'LINE_LIMIT_EXCEEDED', message: 'no' } });
    await expect(seedDemoData(refused.api, new Date('2026-11-29T10:00:00Z'), () => undefined)).rejects.toThrow(
      'assessing demo-fin-1 as bank-a answered 422',
    );
  });

  it('stops at the first refused step with what was refused', async () => {
    const api: DemoApi = {
      call: (_as, method) =>
        Promise.resolve(method === 'GET' ? { status: 404, body: {} } : { status: 403, body: { code: 'FORBIDDEN', message: 'no' } }),
    };
    await expect(seedDemoData(api, new Date('2026-11-29T10:00:00Z'), () => undefined)).rejects.toThrow(
      'PUT /v1/consortium-caps/core/USD as auditor answered 403',
    );
  });
});
