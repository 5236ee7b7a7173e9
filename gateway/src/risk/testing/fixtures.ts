import type {
  BankBook,
  ConsortiumExposure,
  FinancingRiskInputs,
  LineExposure,
  PledgeCollateral,
  PledgeRiskInputs,
  ReceivableCollateral,
  RequestInput,
  SupplierHistory,
  TransferEdge,
} from '../inputs';
import type { RiskPolicy } from '../policy';
import { CHECK_CODES, type CheckCode } from '../reason-codes';

/** 2025-01-10T00:00:00Z, epoch day 20098. */
export const NOW = 20098 * 86_400;
export const DAY = 86_400;

/** A policy for tests, independent of the banks' files: every code is worth 100 points. */
export function testPolicy(): RiskPolicy {
  return {
    bankMsp: 'BankAMSP',
    version: 'test/1',
    decision: { reviewFromScore: 250, rejectFromScore: 600 },
    financing: { maxAdvanceRateBps: 8000, maxTenorDays: 180 },
    line: { minHeadroomBps: 1000 },
    concentration: { maxSupplierShareBps: 2500, minBook: { USD: 1_000_000n } },
    supplierScore: {
      minRepaymentsForOnTimeShare: 3,
      minOnTimeShareBps: 9000,
      maxDilutionBps: 500,
      minTenureDays: 180,
      minMonthsForVolatility: 3,
      maxVolumeCvBps: 5000,
    },
    velocity: { windowDays: 30, maxMultipleBps: 30000, minNormRequests: 2 },
    circularTrade: { maxDepth: 4, severity: 'reject' },
    pledge: { minHaircutBps: 3000, maxPriceAgeSeconds: 86_400 },
    chain: {
      windowDays: 30,
      minRecentCount: 5,
      maxOverdueRiseBps: 1000,
      maxDilutionRiseBps: 500,
      maxChainShareBps: 6000,
      minChainBook: { USD: 1_000_000n },
      minPledgeCoverageBps: 11_000,
      tierVolumeWindows: 3,
      maxTierVolumeMultipleBps: 40_000,
      severity: 'review',
    },
    points: Object.fromEntries(CHECK_CODES.map((code) => [code, 100])) as Record<CheckCode, number>,
  };
}

/** A borrower with a clean, long, steady record. */
export function cleanSupplier(): SupplierHistory {
  return {
    financedCount: 24,
    onTimeRepaidCount: 20,
    lateRepaidCount: 0,
    defaultedCount: 0,
    totalFace: 50_000_000n,
    totalDiluted: 0n,
    tenureDays: 720,
    monthlyVolumes: [2_000_000n, 2_100_000n, 1_900_000n, 2_000_000n, 2_050_000n, 1_950_000n],
  };
}

/** A book of 10 suppliers at 1,000,000 each; the borrower holds one of them. */
export function cleanBook(): BankBook {
  const exposureBySupplier: Record<string, bigint> = {};
  for (let i = 0; i < 10; i++) {
    exposureBySupplier[`sup${i}`] = 1_000_000n;
  }
  return { exposureBySupplier };
}

export interface FinancingPatch {
  readonly now?: number;
  readonly request?: Partial<RequestInput>;
  readonly receivable?: Partial<ReceivableCollateral>;
  readonly line?: Partial<LineExposure>;
  readonly consortium?: Partial<ConsortiumExposure>;
  readonly book?: BankBook;
  readonly supplier?: Partial<SupplierHistory>;
  readonly recentRequestTimes?: readonly number[];
  readonly transfers?: readonly TransferEdge[];
}

/** A zero-risk financing of 700,000 against a confirmed 1,000,000 receivable due in 80 days; `patch` changes one part. */
export function financingInputs(patch: FinancingPatch = {}): FinancingRiskInputs {
  return {
    kind: 'financing',
    now: patch.now ?? NOW,
    request: { id: 'fin1', borrowerId: 'sup0', amount: 700_000n, currency: 'USD', ...patch.request },
    receivable: {
      id: 'r1',
      status: 'CONFIRMED',
      delinquency: 'CURRENT',
      face: 1_000_000n,
      outstanding: 1_000_000n,
      dueDate: '2025-03-31',
      encumbered: false,
      fingerprintUnique: true,
      nearDuplicateIds: [],
      provenanceFaults: [],
      ...patch.receivable,
    },
    line: { lineId: 'line1', limit: 10_000_000n, exposureAfter: 3_000_000n, ...patch.line },
    consortium: { cap: 50_000_000n, aggregateAfter: 20_000_000n, ...patch.consortium },
    book: patch.book ?? cleanBook(),
    supplier: { ...cleanSupplier(), ...patch.supplier },
    recentRequestTimes: patch.recentRequestTimes ?? [NOW - 20 * DAY, NOW - 50 * DAY],
    transfers: patch.transfers ?? [
      { from: 'core1', to: 'sup0' },
      { from: 'sup0', to: 'sup1' },
      { from: 'sup1', to: 'sup2' },
    ],
  };
}

export interface PledgePatch {
  readonly now?: number;
  readonly request?: Partial<RequestInput>;
  readonly pledge?: Partial<PledgeCollateral>;
}

/** A zero-risk pledge loan of 600,000 against goods worth 1,000,000 priced an hour ago. */
export function pledgeInputs(patch: PledgePatch = {}): PledgeRiskInputs {
  const base = financingInputs();
  return {
    kind: 'pledge',
    now: patch.now ?? NOW,
    request: { ...base.request, id: 'pl1', amount: 600_000n, ...patch.request },
    pledge: {
      receiptId: 'wr1',
      receiptStatus: 'ISSUED',
      encumbered: false,
      value: 1_000_000n,
      priceSetAt: NOW - 3600,
      haircutBps: 2000,
      tenorDays: 90,
      ...patch.pledge,
    },
    book: base.book,
    supplier: base.supplier,
    recentRequestTimes: base.recentRequestTimes,
    transfers: base.transfers,
  };
}
