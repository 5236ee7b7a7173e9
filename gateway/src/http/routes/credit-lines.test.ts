/** Unit tests (app.inject over scripted fake ledgers): the scf.creditline routes. */
import { capFixture, creditLineFixture, historyOf } from '../../testing/ledger-fixtures';
import {
  expectRouteReachesLedger,
  expectSchemaRejects,
  ledgerRouteHarness,
  type LedgerRouteCase,
  type LedgerRouteHarness,
  type ScriptedLedgers,
} from '../../testing/ledger-route-testing';
import { creditLineRoutes } from './credit-lines';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { creditLineTermsHash, parseCreditLineTermsJson } from '@scf/kernel/records/line-terms';
import { TEST_KEYS } from '../../testing/fakes';
import { LedgerRefusal, NetworkUnavailable } from '../../ledger/errors';
import { ErrorCode } from '@scf/kernel/errors';
import type { CreditLineTerms } from '@scf/kernel/records/credit-line';

const grant = {
  lineId: 'line-1',
  coreId: 'core',
  currency: 'USD',
  limit: '1000000',
  expiresOn: '2026-12-31',
  maxAdvanceRateBps: '8000',
  maxTenorDays: 180,
  graceDays: 10,
};
/** GetCreditLine's answer: the public part only (no terms, no headroom, no tranche limits). */
const exposure = {
  line: { ...creditLineFixture, termsRecorded: false },
  drawn: '800',
  tranches: [{ lineId: 'line-1', index: 0, drawn: '800' }],
};

const cases: [string, LedgerRouteCase][] = [
  [
    'get with exposure',
    {
      method: 'GET',
      url: '/v1/credit-lines/line-1',
      ledgerCall: call(tx.creditLine.GetCreditLine, { lineId: 'line-1' }),
      result: exposure,
    },
  ],
  [
    'history',
    {
      method: 'GET',
      url: '/v1/credit-lines/line-1/history',
      ledgerCall: call(tx.creditLine.GetCreditLineHistory, { lineId: 'line-1' }),
      result: historyOf(creditLineFixture),
    },
  ],
  [
    'list by bank',
    {
      method: 'GET',
      url: '/v1/orgs/BankAMSP/credit-lines',
      ledgerCall: call(tx.creditLine.ListCreditLinesByBank, { bankMsp: 'BankAMSP' }),
      result: [creditLineFixture],
    },
  ],
  [
    'list by core',
    {
      method: 'GET',
      url: '/v1/participants/core/credit-lines',
      ledgerCall: call(tx.creditLine.ListCreditLinesByCore, { coreId: 'core' }),
      result: [],
    },
  ],
  [
    'set consortium cap',
    {
      method: 'PUT',
      url: '/v1/consortium-caps/core/USD',
      body: { cap: '5000000' },
      ledgerCall: call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '5000000' }),
      result: capFixture,
    },
  ],
  [
    'core exposure',
    {
      method: 'GET',
      url: '/v1/consortium-caps/core/USD',
      ledgerCall: call(tx.creditLine.GetCoreExposure, { coreId: 'core', currency: 'USD' }),
      result: {
        coreId: 'core',
        currency: 'USD',
        cap: '5000000',
        drawn: '800',
        headroom: '4999200',
        shares: [
          { bankMsp: 'BankAMSP', limit: '2500000', drawn: '800', headroom: '2499200' },
          { bankMsp: 'BankBMSP', limit: '2500000', drawn: '0', headroom: '2500000' },
        ],
        shards: [
          { coreId: 'core', currency: 'USD', bankMsp: 'BankAMSP', index: 0, limit: '2500000', drawn: '800' },
          { coreId: 'core', currency: 'USD', bankMsp: 'BankBMSP', index: 0, limit: '2500000', drawn: '0' },
        ],
      },
    },
  ],
  [
    'core exposure without a cap',
    {
      method: 'GET',
      url: '/v1/consortium-caps/core/EUR',
      ledgerCall: call(tx.creditLine.GetCoreExposure, { coreId: 'core', currency: 'EUR' }),
      result: { coreId: 'core', currency: 'EUR', cap: null, drawn: '0', headroom: '0', shares: [], shards: [] },
    },
  ],
];

describe('credit line routes', () => {
  let h: LedgerRouteHarness;
  beforeAll(async () => {
    h = await ledgerRouteHarness([creditLineRoutes]);
  });
  afterAll(() => h.t.close());

  it.each(cases)('%s', (_name, c) => expectRouteReachesLedger(h, c));

  it('grants in two steps: the public line commits to the terms, the terms go in the transient map to the bank peer only', async () => {
    h.ledgers.reset();
    h.ledgers.results.set(tx.creditLine.RecordCreditLineTerms.name, { ...creditLineFixture, id: 'line-1' });
    const response = await h.send('POST', '/v1/credit-lines', grant);
    expect(response.statusCode).toBe(201);
    const [granted, recorded] = h.ledgers.calls;
    expect(h.ledgers.calls.map((c) => c.transaction)).toEqual(['GrantCreditLine', 'RecordCreditLineTerms']);
    // No term is an argument (arguments land in the block): only the commitment.
    expect(granted?.args.slice(0, 3)).toEqual(['line-1', 'core', 'USD']);
    expect(granted?.args[3]).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(h.ledgers.calls)).not.toMatch(/1000000|2026-12-31|8000/);
    expect(recorded?.args).toEqual(['line-1']);
    const options = h.ledgers.optionsOf(tx.creditLine.RecordCreditLineTerms.name) as {
      transient: Record<string, string>;
      endorsingOrganizations: string[];
    };
    expect(options.endorsingOrganizations).toEqual(['BankAMSP']);
    const terms = parseCreditLineTermsJson(options.transient.lineTerms ?? '');
    expect(terms).toMatchObject({ limit: '1000000', expiresOn: '2026-12-31', maxAdvanceRateBps: '8000', maxTenorDays: 180, graceDays: 10 });
    expect(terms.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(creditLineTermsHash(terms)).toBe(granted?.args[3]);
    expect(response.json()).toMatchObject({ id: 'line-1', limit: '1000000', expiresOn: '2026-12-31' });
    expect(response.json()).not.toHaveProperty('salt');
  });

  it('sets a limit through the transient map, to the bank peer only', async () => {
    h.ledgers.reset();
    h.ledgers.results.set(tx.creditLine.SetCreditLineLimit.name, creditLineFixture);
    h.ledgers.results.set(tx.creditLine.GetCreditLineTerms.name, { salt: '0'.repeat(32), limit: '5', trancheLimits: ['5'] });
    const response = await h.send('PUT', '/v1/credit-lines/line-1/limit', { limit: '5' });
    expect(response.statusCode).toBe(200);
    expect(h.ledgers.calls[0]).toMatchObject({ transaction: 'SetCreditLineLimit', args: ['line-1'] });
    expect(h.ledgers.optionsOf(tx.creditLine.SetCreditLineLimit.name)).toEqual({
      transient: { limit: '5' },
      endorsingOrganizations: ['BankAMSP'],
    });
    expect(response.json()).toMatchObject({ limit: '5' });
  });

  it("the line's bank reads its terms (sealed), its headroom and tranche limits; the auditor the public part only", async () => {
    h.ledgers.reset();
    h.ledgers.results.set(tx.creditLine.GetCreditLine.name, { ...exposure, line: creditLineFixture });
    const terms = {
      salt: '1'.repeat(32),
      limit: '1000',
      expiresOn: '2026-12-31',
      maxAdvanceRateBps: '8000',
      maxTenorDays: 90,
      graceDays: 5,
      trancheLimits: ['1000'],
    };
    h.ledgers.results.set(tx.creditLine.GetCreditLineTerms.name, terms);
    const bank = await h.send('GET', '/v1/credit-lines/line-1');
    expect(bank.json()).toMatchObject({
      line: { limit: '1000', maxTenorDays: 90, graceDays: 5 },
      headroom: '200',
      tranches: [{ index: 0, limit: '1000', drawn: '800' }],
    });
    expect(JSON.stringify(bank.json())).not.toContain(terms.salt);
    h.ledgers.calls.length = 0;
    const auditor = await h.send('GET', '/v1/credit-lines/line-1', undefined, TEST_KEYS.auditor);
    expect(auditor.statusCode).toBe(200);
    expect(h.ledgers.calls.map((c) => c.transaction)).toEqual(['GetCreditLine']);
    expect(auditor.json()).not.toHaveProperty('headroom');
    expect(JSON.stringify(auditor.json())).not.toMatch(/"limit"/);
  });

  it.each([
    ['a numeric limit', 'POST', '/v1/credit-lines', { ...grant, limit: 1000000 }, '/body/limit'],
    ['a decimal limit', 'POST', '/v1/credit-lines', { ...grant, limit: '10.5' }, '/body/limit'],
    ['a leading-zero limit', 'PUT', '/v1/credit-lines/line-1/limit', { limit: '007' }, '/body/limit'],
    ['a 31-digit limit', 'PUT', '/v1/credit-lines/line-1/limit', { limit: '1'.repeat(31) }, '/body/limit'],
    ['a non-ISO expiry', 'POST', '/v1/credit-lines', { ...grant, expiresOn: '31/12/2026' }, '/body/expiresOn'],
    ['month 13', 'POST', '/v1/credit-lines', { ...grant, expiresOn: '2026-13-01' }, '/body/expiresOn'],
    ['a negative rate', 'POST', '/v1/credit-lines', { ...grant, maxAdvanceRateBps: '-1' }, '/body/maxAdvanceRateBps'],
    ['a zero tenor', 'POST', '/v1/credit-lines', { ...grant, maxTenorDays: 0 }, '/body/maxTenorDays'],
    ['a lower-case currency', 'PUT', '/v1/consortium-caps/core/usd', { cap: '1' }, '/params/currency'],
    ['a bad line id', 'POST', '/v1/credit-lines/line%201/close', undefined, '/params/lineId'],
  ] as const)('rejects %s', (_name, method, url, body, path) => expectSchemaRejects(h, method, url, body, path));
});

const utf8 = new TextEncoder();

describe('a grant cut between its two transactions', () => {
  let h: LedgerRouteHarness;
  beforeAll(async () => {
    h = await ledgerRouteHarness([creditLineRoutes]);
  });
  afterAll(() => h.t.close());
  let scripted: ScriptedLedgers['answer'];
  beforeEach(() => {
    h.ledgers.reset();
    scripted = h.ledgers.answer;
  });
  afterEach(() => {
    h.ledgers.answer = scripted;
  });

  const sentTerms = (): CreditLineTerms[] =>
    h.ledgers.options
      .filter((o) => o.transaction === tx.creditLine.RecordCreditLineTerms.name)
      .map((o) => parseCreditLineTermsJson((o.options as { transient: Record<string, string> }).transient.lineTerms ?? ''));
  const committedHashes = (): string[] =>
    h.ledgers.calls.filter((c) => c.transaction === tx.creditLine.GrantCreditLine.name).map((c) => String(c.args[3]));

  /** The ledger after the first attempt: the line committed to `termsHash`, GrantCreditLine refused as a repeat, the terms not recorded. */
  function lineCommittedTo(termsHash: string, recorded = false): void {
    h.ledgers.answer = (c) => {
      if (c.transaction === tx.creditLine.GrantCreditLine.name) {
        throw new LedgerRefusal(ErrorCode.ALREADY_EXISTS, 'credit line line-1 already exists', undefined, undefined);
      }
      if (c.transaction === tx.creditLine.GetCreditLine.name) {
        return utf8.encode(JSON.stringify({ ...exposure, line: { ...exposure.line, termsHash, termsRecorded: recorded } }));
      }
      return scripted(c);
    };
  }

  it('is finished by granting the same line again: the kept salt, the line found committed to it, the terms recorded', async () => {
    h.ledgers.answer = (c) => {
      if (c.transaction === tx.creditLine.RecordCreditLineTerms.name) {
        throw new NetworkUnavailable('the ledger network did not answer in time', undefined, undefined);
      }
      return scripted(c);
    };
    expect((await h.send('POST', '/v1/credit-lines', grant)).statusCode).toBe(503);
    const [first] = sentTerms();
    const [committed] = committedHashes();
    expect(creditLineTermsHash(first ?? ({} as CreditLineTerms))).toBe(committed);

    // Other terms for the waiting line are refused; the kept ones are not replaced.
    lineCommittedTo(committed ?? '');
    h.ledgers.results.set(tx.creditLine.RecordCreditLineTerms.name, { ...creditLineFixture, id: 'line-1', termsRecorded: true });
    const other = await h.send('POST', '/v1/credit-lines', { ...grant, limit: '2000000' });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'ALREADY_EXISTS' });

    const retried = await h.send('POST', '/v1/credit-lines', grant);
    expect(retried.statusCode).toBe(201);
    const [, again] = sentTerms();
    expect(again).toEqual(first);
    expect(retried.json()).toMatchObject({ id: 'line-1', limit: '1000000' });
  });

  it('forgets the terms once recorded: granting the line again is a repeat, refused, with fresh terms', async () => {
    h.ledgers.results.set(tx.creditLine.RecordCreditLineTerms.name, { ...creditLineFixture, id: 'line-2', termsRecorded: true });
    expect((await h.send('POST', '/v1/credit-lines', { ...grant, lineId: 'line-2' })).statusCode).toBe(201);
    lineCommittedTo(committedHashes()[0] ?? '', true);
    const repeat = await h.send('POST', '/v1/credit-lines', { ...grant, lineId: 'line-2' });
    expect(repeat.statusCode).toBe(409);
    const [firstHash, secondHash] = committedHashes();
    expect(secondHash).not.toBe(firstHash);
    expect(h.ledgers.calls.map((c) => c.transaction)).not.toContain(tx.creditLine.GetCreditLineTerms.name);
  });
});
