import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import { CHECK_CODES, type CheckCode } from './reason-codes';
import { ScfError } from '@scf/kernel/errors';
import { parseAmount } from '@scf/kernel/money';
import { parseCurrency, parseMspId, parseText } from '@scf/kernel/text';

/**
 * A bank's risk policy: thresholds for every check, the points each reason code adds to the
 * score, and the score bands. One JSON file per bank, `gateway/policies/<mspId>.json`; its
 * `version` is recorded with every assessment. Rates are basis points, durations days or
 * seconds, money decimal strings of minor units.
 */
export interface RiskPolicy {
  readonly bankMsp: string;
  readonly version: string;
  /** Score bands: below reviewFromScore approve, from it review, from rejectFromScore reject. */
  readonly decision: { readonly reviewFromScore: number; readonly rejectFromScore: number };
  readonly financing: { readonly maxAdvanceRateBps: number; readonly maxTenorDays: number };
  /** Review when the line's headroom after the financing is below this share of its limit. */
  readonly line: { readonly minHeadroomBps: number };
  readonly concentration: {
    /** Review when the borrower's share of the bank's book, after this financing, is above this. */
    readonly maxSupplierShareBps: number;
    /** The check only applies once the book (after this financing) reaches this size, per currency; a currency not listed is always checked. */
    readonly minBook: Readonly<Record<string, bigint>>;
  };
  readonly supplierScore: {
    /** On-time share is only judged with at least this many repaid or defaulted financings. */
    readonly minRepaymentsForOnTimeShare: number;
    readonly minOnTimeShareBps: number;
    readonly maxDilutionBps: number;
    readonly minTenureDays: number;
    /** Volume stability is only judged with at least this many months. */
    readonly minMonthsForVolatility: number;
    /** Coefficient of variation of monthly volume (standard deviation / mean). */
    readonly maxVolumeCvBps: number;
  };
  readonly velocity: {
    readonly windowDays: number;
    /** Review when requests in the window exceed this multiple (bps: 30000 = 3×) of the supplier's norm. */
    readonly maxMultipleBps: number;
    /** The norm is never taken below this many requests per window (new suppliers have no history). */
    readonly minNormRequests: number;
  };
  readonly circularTrade: { readonly maxDepth: number; readonly severity: 'reject' | 'review' };
  readonly pledge: { readonly minHaircutBps: number; readonly maxPriceAgeSeconds: number };
  /** Early warning from the chain around the core enterprise (gateway/src/chain/signals.ts). */
  readonly chain: ChainPolicy;
  /** Points (0..1000) each reason code adds to the score when raised. */
  readonly points: Readonly<Record<CheckCode, number>>;
}

export interface ChainPolicy {
  /** Length of the recent window, and of each earlier window for the tier-volume norm. */
  readonly windowDays: number;
  /** A rate is only judged with at least this many receivables in the recent window. */
  readonly minRecentCount: number;
  /** Raise when the recent overdue (dilution) rate exceeds the history's by more than this. */
  readonly maxOverdueRiseBps: number;
  readonly maxDilutionRiseBps: number;
  /** Raise when the bank's share of its book on this core, after the request, is above this … */
  readonly maxChainShareBps: number;
  /** … once its book (after the request) reaches this size, per currency; a currency not listed is always checked. */
  readonly minChainBook: Readonly<Record<string, bigint>>;
  /** Raise when the chain's pledged goods are worth less than this share of their loans. */
  readonly minPledgeCoverageBps: number;
  /** How many earlier windows make a tier's volume norm; the jump is judged only with all of them non-empty. */
  readonly tierVolumeWindows: number;
  /** Raise when the tier's volume in the last window exceeds this multiple (bps) of its average window. */
  readonly maxTierVolumeMultipleBps: number;
  /** What a chain finding does to the decision: "review" puts the financing before an officer; "info" only adds points. */
  readonly severity: 'review' | 'info';
}

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

type Json = Record<string, unknown>;

const BPS_MAX = 10_000;
const SCORE_MAX = 1000;

function fail(path: string, message: string): never {
  throw new PolicyError(`${path} ${message}`);
}

function object(value: unknown, path: string, keys: readonly string[]): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(path, 'must be an object');
  }
  const record = value as Json;
  const unknownKey = Object.keys(record).find((key) => !keys.includes(key));
  if (unknownKey !== undefined) {
    fail(`${path}.${unknownKey}`, 'is not a policy field');
  }
  const missing = keys.find((key) => !(key in record));
  if (missing !== undefined) {
    fail(`${path}.${missing}`, 'is required');
  }
  return record;
}

function int(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    return fail(path, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** Runs a chaincode parser, restating its error against the policy path. */
function viaDomain<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    return error instanceof ScfError ? fail(path, error.detail.replace(/^\S+\s/, '')) : fail(path, 'is invalid');
  }
}

/** Validates a parsed policy file strictly: every field present, no unknown field, every number in range. */
export function parsePolicy(json: unknown, source = 'policy'): RiskPolicy {
  const root = object(json, source, [
    'bankMsp',
    'version',
    'decision',
    'financing',
    'line',
    'concentration',
    'supplierScore',
    'velocity',
    'circularTrade',
    'pledge',
    'chain',
    'points',
  ]);
  const at = (key: string): string => `${source}.${key}`;

  const decision = object(root.decision, at('decision'), ['reviewFromScore', 'rejectFromScore']);
  const reviewFromScore = int(decision.reviewFromScore, at('decision.reviewFromScore'), 1, SCORE_MAX);
  const rejectFromScore = int(decision.rejectFromScore, at('decision.rejectFromScore'), 1, SCORE_MAX);
  if (rejectFromScore < reviewFromScore) {
    fail(at('decision.rejectFromScore'), 'must not be below decision.reviewFromScore');
  }

  const financing = object(root.financing, at('financing'), ['maxAdvanceRateBps', 'maxTenorDays']);
  const line = object(root.line, at('line'), ['minHeadroomBps']);
  const concentration = object(root.concentration, at('concentration'), ['maxSupplierShareBps', 'minBook']);
  const supplier = object(root.supplierScore, at('supplierScore'), [
    'minRepaymentsForOnTimeShare',
    'minOnTimeShareBps',
    'maxDilutionBps',
    'minTenureDays',
    'minMonthsForVolatility',
    'maxVolumeCvBps',
  ]);
  const velocity = object(root.velocity, at('velocity'), ['windowDays', 'maxMultipleBps', 'minNormRequests']);
  const circular = object(root.circularTrade, at('circularTrade'), ['maxDepth', 'severity']);
  const severity = circular.severity;
  if (severity !== 'reject' && severity !== 'review') {
    fail(at('circularTrade.severity'), 'must be "reject" or "review"');
  }
  const pledge = object(root.pledge, at('pledge'), ['minHaircutBps', 'maxPriceAgeSeconds']);
  const pointsJson = object(root.points, at('points'), CHECK_CODES);
  const points = Object.fromEntries(CHECK_CODES.map((code) => [code, int(pointsJson[code], at(`points.${code}`), 0, SCORE_MAX)])) as Record<
    CheckCode,
    number
  >;

  return {
    bankMsp: viaDomain(at('bankMsp'), () => parseMspId(root.bankMsp, 'bankMsp')),
    version: viaDomain(at('version'), () => parseText(root.version, 'version', 64)),
    decision: { reviewFromScore, rejectFromScore },
    financing: {
      maxAdvanceRateBps: int(financing.maxAdvanceRateBps, at('financing.maxAdvanceRateBps'), 0, BPS_MAX),
      maxTenorDays: int(financing.maxTenorDays, at('financing.maxTenorDays'), 0, 3660),
    },
    line: { minHeadroomBps: int(line.minHeadroomBps, at('line.minHeadroomBps'), 0, BPS_MAX) },
    concentration: {
      maxSupplierShareBps: int(concentration.maxSupplierShareBps, at('concentration.maxSupplierShareBps'), 0, BPS_MAX),
      minBook: parseMinBook(concentration.minBook, at('concentration.minBook')),
    },
    supplierScore: {
      minRepaymentsForOnTimeShare: int(supplier.minRepaymentsForOnTimeShare, at('supplierScore.minRepaymentsForOnTimeShare'), 1, 1_000_000),
      minOnTimeShareBps: int(supplier.minOnTimeShareBps, at('supplierScore.minOnTimeShareBps'), 0, BPS_MAX),
      maxDilutionBps: int(supplier.maxDilutionBps, at('supplierScore.maxDilutionBps'), 0, BPS_MAX),
      minTenureDays: int(supplier.minTenureDays, at('supplierScore.minTenureDays'), 0, 36_600),
      minMonthsForVolatility: int(supplier.minMonthsForVolatility, at('supplierScore.minMonthsForVolatility'), 2, 120),
      maxVolumeCvBps: int(supplier.maxVolumeCvBps, at('supplierScore.maxVolumeCvBps'), 0, 1_000_000),
    },
    velocity: {
      windowDays: int(velocity.windowDays, at('velocity.windowDays'), 1, 366),
      maxMultipleBps: int(velocity.maxMultipleBps, at('velocity.maxMultipleBps'), BPS_MAX, 1_000_000),
      minNormRequests: int(velocity.minNormRequests, at('velocity.minNormRequests'), 1, 10_000),
    },
    circularTrade: { maxDepth: int(circular.maxDepth, at('circularTrade.maxDepth'), 1, 16), severity },
    pledge: {
      minHaircutBps: int(pledge.minHaircutBps, at('pledge.minHaircutBps'), 0, BPS_MAX),
      maxPriceAgeSeconds: int(pledge.maxPriceAgeSeconds, at('pledge.maxPriceAgeSeconds'), 1, 366 * 86_400),
    },
    chain: parseChainPolicy(root.chain, at('chain')),
    points,
  };
}

function parseChainPolicy(value: unknown, path: string): ChainPolicy {
  const chain = object(value, path, [
    'windowDays',
    'minRecentCount',
    'maxOverdueRiseBps',
    'maxDilutionRiseBps',
    'maxChainShareBps',
    'minChainBook',
    'minPledgeCoverageBps',
    'tierVolumeWindows',
    'maxTierVolumeMultipleBps',
    'severity',
  ]);
  const severity = chain.severity;
  if (severity !== 'review' && severity !== 'info') {
    fail(`${path}.severity`, 'must be "review" or "info"');
  }
  return {
    windowDays: int(chain.windowDays, `${path}.windowDays`, 1, 366),
    minRecentCount: int(chain.minRecentCount, `${path}.minRecentCount`, 1, 1_000_000),
    maxOverdueRiseBps: int(chain.maxOverdueRiseBps, `${path}.maxOverdueRiseBps`, 0, BPS_MAX),
    maxDilutionRiseBps: int(chain.maxDilutionRiseBps, `${path}.maxDilutionRiseBps`, 0, BPS_MAX),
    maxChainShareBps: int(chain.maxChainShareBps, `${path}.maxChainShareBps`, 0, BPS_MAX),
    minChainBook: parseMinBook(chain.minChainBook, `${path}.minChainBook`),
    minPledgeCoverageBps: int(chain.minPledgeCoverageBps, `${path}.minPledgeCoverageBps`, 0, 100_000),
    tierVolumeWindows: int(chain.tierVolumeWindows, `${path}.tierVolumeWindows`, 1, 24),
    maxTierVolumeMultipleBps: int(chain.maxTierVolumeMultipleBps, `${path}.maxTierVolumeMultipleBps`, BPS_MAX, 1_000_000),
    severity,
  };
}

function parseMinBook(value: unknown, path: string): Record<string, bigint> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(path, 'must be an object of currency → amount');
  }
  const entries = Object.entries(value as Json).map(([currency, amount]): [string, bigint] => [
    viaDomain(`${path}.${currency}`, () => parseCurrency(currency, 'currency')),
    viaDomain(`${path}.${currency}`, () => parseAmount(amount, 'amount')),
  ]);
  return Object.fromEntries(entries);
}

/** Reads and validates `<dir>/<mspId>.json`; the file must name the same bank. */
export function loadPolicy(dir: string, mspId: string): RiskPolicy {
  const file = `${viaDomain('mspId', () => parseMspId(mspId, 'mspId'))}.json`;
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new PolicyError(`no risk policy file ${file} in ${dir}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new PolicyError(`${file} is not valid JSON`);
  }
  const policy = parsePolicy(json, file);
  if (policy.bankMsp !== mspId) {
    throw new PolicyError(`${file}.bankMsp is ${policy.bankMsp}, not ${mspId}`);
  }
  return policy;
}

/**
 * `loadPolicy` for a gateway that asks on every decision: a bank's parsed policy is kept while its
 * file's modification time and size stay the same (one stat per call instead of a read, a parse
 * and a validation), so an edited policy file still applies to the next decision.
 */
export function cachedPolicies(dir: string): (mspId: string) => RiskPolicy {
  const cache = new Map<string, { readonly stamp: string; readonly policy: RiskPolicy }>();
  return (mspId) => {
    let stamp: string;
    try {
      const stat = statSync(join(dir, `${viaDomain('mspId', () => parseMspId(mspId, 'mspId'))}.json`));
      stamp = `${String(stat.mtimeMs)}/${String(stat.size)}`;
    } catch {
      return loadPolicy(dir, mspId);
    }
    const cached = cache.get(mspId);
    if (cached?.stamp === stamp) {
      return cached.policy;
    }
    const policy = loadPolicy(dir, mspId);
    cache.set(mspId, { stamp, policy });
    return policy;
  };
}
