import { copyFileSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cachedPolicies, loadPolicy, parsePolicy, PolicyError } from './policy';
import { CHECK_CODES } from './reason-codes';

const DIR = join(__dirname, '..', '..', 'policies');

function bankA(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(loadPolicyJson('BankAMSP'))) as Record<string, unknown>;
}

function loadPolicyJson(mspId: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(DIR, `${mspId}.json`)) as unknown;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return error instanceof PolicyError ? error.message : 'not a PolicyError';
  }
}

describe('bank policy files', () => {
  it.each(['BankAMSP', 'BankBMSP'])('%s loads, names its bank and gives points to every reason code', (mspId) => {
    const policy = loadPolicy(DIR, mspId);
    expect(policy.bankMsp).toBe(mspId);
    expect(Object.keys(policy.points).sort()).toEqual([...CHECK_CODES].sort());
  });

  it('the two banks have different policies', () => {
    const a = loadPolicy(DIR, 'BankAMSP');
    const b = loadPolicy(DIR, 'BankBMSP');
    expect(a.version).not.toBe(b.version);
    expect(a.financing.maxAdvanceRateBps).toBeLessThan(b.financing.maxAdvanceRateBps);
    expect(a.decision.reviewFromScore).not.toBe(b.decision.reviewFromScore);
    expect(a.concentration.minBook.USD).toBe(100_000_000n);
  });
});

describe('parsePolicy validates strictly, naming the field', () => {
  const withChange = (change: (json: Record<string, Record<string, unknown>>) => void): string => {
    const json = bankA() as Record<string, Record<string, unknown>>;
    change(json);
    return errorOf(() => parsePolicy(json, 'BankAMSP.json'));
  };

  it('accepts the file as it is', () => {
    expect(withChange(() => undefined)).toBe('no error');
  });

  it.each([
    ['a missing section', (j: Record<string, Record<string, unknown>>) => delete j.velocity, 'BankAMSP.json.velocity is required'],
    [
      'a missing field',
      (j: Record<string, Record<string, unknown>>) => delete j.financing?.maxTenorDays,
      'BankAMSP.json.financing.maxTenorDays is required',
    ],
    [
      'an unknown field',
      (j: Record<string, Record<string, unknown>>) => ((j.line ?? {}).maxHeadroomBps = 1),
      'BankAMSP.json.line.maxHeadroomBps is not a policy field',
    ],
    [
      'a rate above 100%',
      (j: Record<string, Record<string, unknown>>) => ((j.financing ?? {}).maxAdvanceRateBps = 10_001),
      'BankAMSP.json.financing.maxAdvanceRateBps must be an integer from 0 to 10000',
    ],
    [
      'a rate as a string',
      (j: Record<string, Record<string, unknown>>) => ((j.financing ?? {}).maxAdvanceRateBps = '8000'),
      'BankAMSP.json.financing.maxAdvanceRateBps must be an integer from 0 to 10000',
    ],
    [
      'a fractional day count',
      (j: Record<string, Record<string, unknown>>) => ((j.financing ?? {}).maxTenorDays = 1.5),
      'BankAMSP.json.financing.maxTenorDays must be an integer from 0 to 3660',
    ],
    [
      'a missing reason code',
      (j: Record<string, Record<string, unknown>>) => delete j.points?.PRICE_STALE,
      'BankAMSP.json.points.PRICE_STALE is required',
    ],
    [
      'an unknown reason code',
      (j: Record<string, Record<string, unknown>>) => ((j.points ?? {}).NEW_CODE = 5),
      'BankAMSP.json.points.NEW_CODE is not a policy field',
    ],
    [
      'points above 1000',
      (j: Record<string, Record<string, unknown>>) => ((j.points ?? {}).PRICE_STALE = 1001),
      'BankAMSP.json.points.PRICE_STALE must be an integer from 0 to 1000',
    ],
    [
      'bands the wrong way round',
      (j: Record<string, Record<string, unknown>>) => ((j.decision ?? {}).rejectFromScore = 100),
      'BankAMSP.json.decision.rejectFromScore must not be below decision.reviewFromScore',
    ],
    [
      'an unknown severity',
      (j: Record<string, Record<string, unknown>>) => ((j.circularTrade ?? {}).severity = 'info'),
      'BankAMSP.json.circularTrade.severity must be "reject" or "review"',
    ],
    [
      'money as a number',
      (j: Record<string, Record<string, unknown>>) => ((j.concentration ?? {}).minBook = { USD: 100 }),
      'BankAMSP.json.concentration.minBook.USD must be a string of digits',
    ],
    [
      'money with a decimal point',
      (j: Record<string, Record<string, unknown>>) => ((j.concentration ?? {}).minBook = { USD: '1.5' }),
      'BankAMSP.json.concentration.minBook.USD must be a canonical non-negative integer of minor units',
    ],
    [
      'a bad currency',
      (j: Record<string, Record<string, unknown>>) => ((j.concentration ?? {}).minBook = { usd: '1' }),
      'BankAMSP.json.concentration.minBook.usd must be an ISO 4217 code such as USD',
    ],
    ['an empty version', (j: Record<string, unknown>) => (j.version = ''), 'BankAMSP.json.version must be 1-64 characters'],
  ])('rejects %s', (_name, change, message) => {
    expect(withChange(change as (j: Record<string, Record<string, unknown>>) => void)).toBe(message);
  });

  it('rejects a non-object', () => {
    expect(errorOf(() => parsePolicy([], 'p.json'))).toBe('p.json must be an object');
  });
});

describe('loadPolicy', () => {
  it('refuses a file that names another bank', () => {
    const dir = mkdtempSync(join(tmpdir(), 'risk-policy-'));
    copyFileSync(join(DIR, 'BankAMSP.json'), join(dir, 'BankCMSP.json'));
    expect(errorOf(() => loadPolicy(dir, 'BankCMSP'))).toBe('BankCMSP.json.bankMsp is BankAMSP, not BankCMSP');
  });

  it('refuses a missing file, invalid JSON and an MSP id that is not one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'risk-policy-'));
    writeFileSync(join(dir, 'BankXMSP.json'), '{ nope');
    expect(errorOf(() => loadPolicy(dir, 'BankZMSP'))).toBe(`no risk policy file BankZMSP.json in ${dir}`);
    expect(errorOf(() => loadPolicy(dir, 'BankXMSP'))).toBe('BankXMSP.json is not valid JSON');
    expect(errorOf(() => loadPolicy(dir, '../BankAMSP'))).toBe('mspId must be an MSP id');
  });
});

describe('cachedPolicies', () => {
  it('parses a file once while it is unchanged, and again once it is edited', () => {
    const dir = mkdtempSync(join(tmpdir(), 'risk-policy-'));
    copyFileSync(join(DIR, 'BankAMSP.json'), join(dir, 'BankAMSP.json'));
    const policyFor = cachedPolicies(dir);
    const first = policyFor('BankAMSP');
    expect(policyFor('BankAMSP')).toBe(first);
    writeFileSync(join(dir, 'BankAMSP.json'), JSON.stringify({ ...bankA(), version: 'bank-a/edited-in-the-test' }));
    const edited = policyFor('BankAMSP');
    expect(edited.version).toBe('bank-a/edited-in-the-test');
    expect(edited).not.toBe(first);
  });

  it('refuses what loadPolicy refuses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'risk-policy-'));
    copyFileSync(join(DIR, 'BankAMSP.json'), join(dir, 'BankCMSP.json'));
    const policyFor = cachedPolicies(dir);
    expect(errorOf(() => policyFor('BankCMSP'))).toBe('BankCMSP.json.bankMsp is BankAMSP, not BankCMSP');
    expect(errorOf(() => policyFor('BankZMSP'))).toBe(`no risk policy file BankZMSP.json in ${dir}`);
    expect(errorOf(() => policyFor('../BankAMSP'))).toBe('mspId must be an MSP id');
  });
});
