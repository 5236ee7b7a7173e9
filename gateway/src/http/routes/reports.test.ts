import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../app';
import { CredentialStore } from '../../auth/credentials';
import type { ReadModelRepository } from '../../readmodel/repository';
import { openSqliteReadModel } from '../../readmodel/sqlite-repository';
import { projections } from '../../readmodel/testing/repository-contract';
import { RiskDecisionStore } from '../../risk-gate/decision-store';
import { IdempotencyStore } from '../../store/idempotency-store';
import { memoryLineTerms } from '../../testing/test-app';
import { openSqlite, type SqliteDatabase } from '../../store/sqlite';
import { credentialsFor, FakeLedgers, fakeNetwork, testConfig } from '../../testing/fakes';
import { decisionSourceOf } from '../../reports/decision-source';
import { reportRoutes } from './reports';

const CALLERS = [
  ['auditor', 'Auditor', 'auditor'],
  ['bank-a', 'BankA', 'bank'],
  ['bank-b', 'BankB', 'bank'],
  ['supplier-1', 'Suppliers', 'supplier'],
  ['core', 'Core', 'core-enterprise'],
] as const;

const credentials = credentialsFor(CALLERS);

/*
 * The read model's test scenario (readmodel/testing/scenario.ts), looked at on 2025-06-01:
 * one line per bank on core (limit 100 000 000 each, cap 1 000 000 000); open financings f5
 * (BankA, supplier-2, 250 000, matured 2025-03-02) and f3 (BankB, supplier-1, 500 000, DEFAULTED,
 * matured 2025-05-01); open receivables r1-a 600 000 and r1-b 400 000 (due 2025-03-02, financed
 * by BankA), r2 450 000 (due 2025-04-01, BankA), r3 700 000 (due 2025-05-01, BankB), r4 300 000
 * (due 2025-02-10, its financing was rejected by BankB).
 */
const NOW = new Date('2025-06-01T12:00:00.000Z');

describe('report routes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-reports-'));
  let app: FastifyInstance;
  let repository: ReadModelRepository;
  let idempotency: IdempotencyStore;
  let decisionsDb: SqliteDatabase;

  beforeAll(async () => {
    repository = await openSqliteReadModel(path.join(dir, 'read-model.db'));
    for (const projection of projections()) {
      await repository.applyBlock(projection);
    }
    decisionsDb = openSqlite(path.join(dir, 'gateway.db'));
    const decisions = new RiskDecisionStore(decisionsDb);
    const decided = (
      financingId: string,
      bankMsp: string,
      decision: 'APPROVE' | 'REVIEW' | 'REJECT',
      reasonCodes: string[],
      decidedAt: string,
    ): void => {
      decisions.record({
        financingId,
        bankMsp,
        borrowerId: 'supplier-1',
        stage: 'assessment',
        decision,
        score: 0,
        reasonCodes,
        explanations: [],
        policyVersion: 'test',
        inputsHash: 'h',
        transactionId: null,
        decidedBy: 'test',
        decidedAt,
      });
    };
    decided('x1', 'BankAMSP', 'REJECT', ['ADVANCE_RATE_ABOVE_POLICY', 'RISK_SCORE_HIGH'], '2025-05-20T08:00:00.000Z');
    decided('x2', 'BankAMSP', 'REJECT', ['ADVANCE_RATE_ABOVE_POLICY'], '2025-05-20T09:00:00.000Z');
    decided('x3', 'BankAMSP', 'APPROVE', [], '2025-06-01T10:00:00.000Z');
    decided('x4', 'BankBMSP', 'REVIEW', ['LINE_HEADROOM_LOW'], '2025-05-21T10:00:00.000Z');
    decided('x5', 'BankAMSP', 'REJECT', ['CIRCULAR_TRADE'], '2025-04-01T10:00:00.000Z');
    idempotency = IdempotencyStore.open(path.join(dir, 'gateway.db'));
    app = await buildApp({
      config: testConfig(dir),
      credentials: new CredentialStore(credentials, fakeNetwork()),
      ledgers: new FakeLedgers(),
      stores: { idempotency, lineTerms: memoryLineTerms(), readModel: { repository, listenerStatus: () => undefined } },
      routes: [reportRoutes(decisionSourceOf(decisions), () => NOW)],
    });
  });
  afterAll(async () => {
    await app.close();
    await repository.close();
    idempotency.close();
    decisionsDb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = async (caller: string, url: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer key-${caller}`, ...headers } });
    const json = String(response.headers['content-type']).includes('json');
    return { status: response.statusCode, text: response.body, body: json ? response.json<Record<string, unknown>>() : undefined };
  };
  const json = async (caller: string, url: string): Promise<Record<string, unknown>> => {
    const { status, body, text } = await get(caller, url);
    expect([status, text]).toEqual([200, expect.any(String)]);
    return body ?? {};
  };

  it("exposure: the auditor sees every bank's exposure and the cap, not the lines' private terms; asOf defaults to today (UTC)", async () => {
    expect(await json('auditor', '/v1/reports/exposure')).toEqual({
      asOf: '2025-06-01',
      byCore: [
        {
          coreId: 'core',
          currency: 'USD',
          consortiumCap: '1000000000',
          exposure: '750000',
          headroom: '999250000',
          banks: [
            {
              bankMsp: 'BankAMSP',
              lineIds: ['line-BankAMSP'],
              limit: null,
              exposure: '250000',
              headroom: null,
              lines: [
                {
                  lineId: 'line-BankAMSP',
                  status: 'ACTIVE',
                  expiresOn: null,
                  lineLimit: null,
                  limit: null,
                  exposure: '250000',
                  headroom: null,
                },
              ],
            },
            {
              bankMsp: 'BankBMSP',
              lineIds: ['line-BankBMSP'],
              limit: null,
              exposure: '500000',
              headroom: null,
              lines: [expect.objectContaining({ lineId: 'line-BankBMSP', exposure: '500000' })],
            },
          ],
        },
      ],
      byBank: [
        { bankMsp: 'BankAMSP', currency: 'USD', limit: null, exposure: '250000', headroom: null },
        { bankMsp: 'BankBMSP', currency: 'USD', limit: null, exposure: '500000', headroom: null },
      ],
    });
  });

  it("exposure: a bank sees its own positions and the consortium totals, never another bank's", async () => {
    const report = await json('bank-a', '/v1/reports/exposure');
    expect(report.byCore).toEqual([
      expect.objectContaining({
        coreId: 'core',
        consortiumCap: '1000000000',
        exposure: '750000',
        banks: [expect.objectContaining({ bankMsp: 'BankAMSP', exposure: '250000' })],
      }),
    ]);
    expect(report.byBank).toEqual([expect.objectContaining({ bankMsp: 'BankAMSP' })]);
    const { text } = await get('bank-a', '/v1/reports/exposure?format=csv');
    for (const body of [JSON.stringify(report), text]) {
      expect(body).not.toContain('BankBMSP');
      expect(body).not.toContain('500000');
    }
  });

  it('exposure as CSV, by format=csv or Accept: text/csv', async () => {
    const expected = [
      'asOf,level,coreId,currency,bankMsp,lineIds,limit,exposure,headroom',
      '2025-06-01,core,core,USD,,,1000000000,750000,999250000',
      '2025-06-01,core-bank,core,USD,BankAMSP,line-BankAMSP,,250000,',
      '2025-06-01,line,core,USD,BankAMSP,line-BankAMSP,,250000,',
      '2025-06-01,core-bank,core,USD,BankBMSP,line-BankBMSP,,500000,',
      '2025-06-01,line,core,USD,BankBMSP,line-BankBMSP,,500000,',
      '2025-06-01,bank,,USD,BankAMSP,,,250000,',
      '2025-06-01,bank,,USD,BankBMSP,,,500000,',
      '',
    ].join('\r\n');
    for (const [url, headers] of [
      ['/v1/reports/exposure?format=csv', {}],
      ['/v1/reports/exposure', { accept: 'text/csv' }],
    ] as const) {
      const response = await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer key-auditor', ...headers } });
      expect([response.statusCode, response.headers['content-type'], response.headers['content-disposition'], response.body]).toEqual([
        200,
        'text/csv; charset=utf-8',
        'attachment; filename="exposure-2025-06-01.csv"',
        expected,
      ]);
    }
  });

  it('overdue aging: receivables by days past due and financings by days past maturity', async () => {
    const report = await json('auditor', '/v1/reports/overdue-aging?asOf=2025-06-01');
    expect(report.scope).toBe('consortium');
    expect(report.buckets).toEqual([
      { bucket: 'current', receivableCount: 0, receivableOutstanding: '0', financingCount: 0, financingOutstanding: '0' },
      { bucket: '1-30', receivableCount: 0, receivableOutstanding: '0', financingCount: 0, financingOutstanding: '0' },
      { bucket: '31-60', receivableCount: 1, receivableOutstanding: '700000', financingCount: 1, financingOutstanding: '500000' },
      { bucket: '61-90', receivableCount: 1, receivableOutstanding: '450000', financingCount: 0, financingOutstanding: '0' },
      { bucket: '90+', receivableCount: 3, receivableOutstanding: '1300000', financingCount: 1, financingOutstanding: '250000' },
    ]);
    const early = await json('auditor', '/v1/reports/overdue-aging?asOf=2025-03-02&currency=USD');
    expect(
      (early.buckets as { bucket: string; receivableCount: number; financingCount: number }[]).map((b) => [
        b.bucket,
        b.receivableCount,
        b.financingCount,
      ]),
    ).toEqual([
      ['current', 4, 2],
      ['1-30', 1, 0],
      ['31-60', 0, 0],
      ['61-90', 0, 0],
      ['90+', 0, 0],
    ]);
  });

  it("overdue aging: a bank's buckets cover only its own book", async () => {
    const report = await json('bank-a', '/v1/reports/overdue-aging?asOf=2025-06-01');
    expect(report.scope).toBe('BankAMSP');
    expect(
      (report.buckets as Record<string, unknown>[]).map((b) => [
        b.bucket,
        b.receivableCount,
        b.receivableOutstanding,
        b.financingCount,
        b.financingOutstanding,
      ]),
    ).toEqual([
      ['current', 0, '0', 0, '0'],
      ['1-30', 0, '0', 0, '0'],
      ['31-60', 0, '0', 0, '0'],
      ['61-90', 1, '450000', 0, '0'],
      ['90+', 2, '1000000', 1, '250000'],
    ]);
    const { text } = await get('bank-a', '/v1/reports/overdue-aging?asOf=2025-06-01&format=csv');
    expect(text.split('\r\n').slice(0, 2)).toEqual([
      'asOf,scope,currency,bucket,receivableCount,receivableOutstanding,financingCount,financingOutstanding',
      '2025-06-01,BankAMSP,ALL,current,0,0,0,0',
    ]);
  });

  it('risk decisions: per day, bank, outcome and reason code over the last 30 days by default', async () => {
    expect(await json('auditor', '/v1/reports/risk-decisions')).toEqual({
      from: '2025-05-03',
      to: '2025-06-01',
      rows: [
        { day: '2025-05-20', bankMsp: 'BankAMSP', outcome: 'REJECT', reasonCode: 'ADVANCE_RATE_ABOVE_POLICY', count: 2 },
        { day: '2025-05-20', bankMsp: 'BankAMSP', outcome: 'REJECT', reasonCode: 'RISK_SCORE_HIGH', count: 1 },
        { day: '2025-05-21', bankMsp: 'BankBMSP', outcome: 'REVIEW', reasonCode: 'LINE_HEADROOM_LOW', count: 1 },
        { day: '2025-06-01', bankMsp: 'BankAMSP', outcome: 'APPROVE', reasonCode: 'NONE', count: 1 },
      ],
      totals: [
        { day: '2025-05-20', bankMsp: 'BankAMSP', outcome: 'REJECT', count: 2 },
        { day: '2025-05-21', bankMsp: 'BankBMSP', outcome: 'REVIEW', count: 1 },
        { day: '2025-06-01', bankMsp: 'BankAMSP', outcome: 'APPROVE', count: 1 },
      ],
    });
    const bankB = await json('bank-b', '/v1/reports/risk-decisions?from=2025-01-01&to=2025-12-31');
    expect(bankB.rows).toEqual([{ day: '2025-05-21', bankMsp: 'BankBMSP', outcome: 'REVIEW', reasonCode: 'LINE_HEADROOM_LOW', count: 1 }]);
    const { text } = await get('bank-a', '/v1/reports/risk-decisions?from=2025-04-01&to=2025-04-01&format=csv');
    expect(text).toBe('day,bankMsp,outcome,reasonCode,count\r\n2025-04-01,BankAMSP,REJECT,CIRCULAR_TRADE,1\r\n');
  });

  it('concentration: shares by core and borrower and the Herfindahl index; a bank sees its own entry only', async () => {
    expect(await json('auditor', '/v1/reports/concentration')).toEqual({
      asOf: '2025-06-01',
      banks: [
        {
          bankMsp: 'BankAMSP',
          currency: 'USD',
          exposure: '250000',
          hhi: '1.0000',
          hhiByCore: '1.0000',
          byCore: [{ coreId: 'core', exposure: '250000', share: '1.0000' }],
          byBorrower: [{ borrowerId: 'supplier-2', exposure: '250000', share: '1.0000' }],
        },
        {
          bankMsp: 'BankBMSP',
          currency: 'USD',
          exposure: '500000',
          hhi: '1.0000',
          hhiByCore: '1.0000',
          byCore: [{ coreId: 'core', exposure: '500000', share: '1.0000' }],
          byBorrower: [{ borrowerId: 'supplier-1', exposure: '500000', share: '1.0000' }],
        },
      ],
    });
    const bankB = await json('bank-b', '/v1/reports/concentration');
    expect((bankB.banks as { bankMsp: string }[]).map((b) => b.bankMsp)).toEqual(['BankBMSP']);
    const { text } = await get('bank-b', '/v1/reports/concentration?format=csv');
    expect(text.split('\r\n')).toEqual([
      'asOf,level,bankMsp,currency,id,exposure,share,hhi,hhiByCore',
      '2025-06-01,bank,BankBMSP,USD,,500000,1.0000,1.0000,1.0000',
      '2025-06-01,core,BankBMSP,USD,core,500000,1.0000,,',
      '2025-06-01,borrower,BankBMSP,USD,supplier-1,500000,1.0000,,',
      '',
    ]);
  });

  it('refuses suppliers and core enterprises (403) whatever they ask, and needs a key (401)', async () => {
    for (const caller of ['supplier-1', 'core']) {
      for (const url of [
        '/v1/reports/exposure',
        '/v1/reports/overdue-aging?asOf=not-a-date',
        '/v1/reports/risk-decisions',
        '/v1/reports/concentration?format=csv',
      ]) {
        const { status, body } = await get(caller, url);
        expect([caller, url, status, body?.code]).toEqual([caller, url, 403, 'FORBIDDEN']);
      }
    }
    expect((await app.inject({ method: 'GET', url: '/v1/reports/exposure' })).statusCode).toBe(401);
  });

  it.each([
    '/v1/reports/exposure?asOf=2025-02-30',
    '/v1/reports/exposure?asOf=yesterday',
    '/v1/reports/exposure?bankMsp=BankBMSP',
    '/v1/reports/overdue-aging?asOf=2025-13-01',
    '/v1/reports/overdue-aging?currency=usd',
    '/v1/reports/risk-decisions?from=2025-06-02&to=2025-06-01',
    '/v1/reports/risk-decisions?from=2024-01-01&to=2025-06-01',
    '/v1/reports/risk-decisions?to=2025-02-29',
    '/v1/reports/concentration?format=xml',
    '/v1/reports/concentration?asOf=2025-06-01',
  ])('answers 400 INVALID_ARGUMENT in the one error shape to %s', async (url) => {
    const { status, body } = await get('auditor', url);
    expect(status).toBe(400);
    expect(body).toEqual({
      code: 'INVALID_ARGUMENT',
      message: expect.any(String) as unknown,
      details: {
        violations: expect.arrayContaining([
          expect.objectContaining({ path: expect.stringMatching(/^\/querystring/) as unknown }),
        ]) as unknown,
      },
    });
  });
});
