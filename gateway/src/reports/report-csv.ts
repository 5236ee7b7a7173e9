import type { AgingBucket, AgingReport } from './aging-report';
import type { ConcentrationReport } from './concentration-report';
import { toCsv, type CsvCell } from '../analytics/csv';
import type { ExposureReport } from './exposure-report';
import type { RiskDecisionReport } from './risk-decision-report';

/**
 * Each report as one CSV table with a header row. Nested reports are flattened with a `level`
 * column saying what a row is (see docs/reports.md).
 */
export function exposureCsv(report: ExposureReport): string {
  const rows: CsvCell[][] = [];
  for (const core of report.byCore) {
    rows.push(['core', core.coreId, core.currency, null, null, core.consortiumCap, core.exposure, core.headroom]);
    for (const bank of core.banks) {
      rows.push(['core-bank', core.coreId, core.currency, bank.bankMsp, bank.lineIds.join(' '), bank.limit, bank.exposure, bank.headroom]);
      for (const line of bank.lines) {
        rows.push(['line', core.coreId, core.currency, bank.bankMsp, line.lineId, line.limit, line.exposure, line.headroom]);
      }
    }
  }
  for (const bank of report.byBank) {
    rows.push(['bank', null, bank.currency, bank.bankMsp, null, bank.limit, bank.exposure, bank.headroom]);
  }
  return toCsv(
    ['asOf', 'level', 'coreId', 'currency', 'bankMsp', 'lineIds', 'limit', 'exposure', 'headroom'],
    rows.map((row) => [report.asOf, ...row]),
  );
}

export function agingCsv(report: AgingReport): string {
  const bucketRows = (currency: string, buckets: readonly AgingBucket[]): CsvCell[][] =>
    buckets.map((b) => [
      report.asOf,
      report.scope,
      currency,
      b.bucket,
      b.receivableCount,
      b.receivableOutstanding,
      b.financingCount,
      b.financingOutstanding,
    ]);
  return toCsv(
    ['asOf', 'scope', 'currency', 'bucket', 'receivableCount', 'receivableOutstanding', 'financingCount', 'financingOutstanding'],
    [...bucketRows('ALL', report.buckets), ...report.byCurrency.flatMap((c) => bucketRows(c.currency, c.buckets))],
  );
}

export function riskDecisionCsv(report: RiskDecisionReport): string {
  return toCsv(
    ['day', 'bankMsp', 'outcome', 'reasonCode', 'count'],
    report.rows.map((r) => [r.day, r.bankMsp, r.outcome, r.reasonCode, r.count]),
  );
}

export function concentrationCsv(report: ConcentrationReport): string {
  const rows: CsvCell[][] = [];
  for (const bank of report.banks) {
    rows.push(['bank', bank.bankMsp, bank.currency, null, bank.exposure, '1.0000', bank.hhi, bank.hhiByCore]);
    for (const core of bank.byCore) {
      rows.push(['core', bank.bankMsp, bank.currency, core.coreId, core.exposure, core.share, null, null]);
    }
    for (const borrower of bank.byBorrower) {
      rows.push(['borrower', bank.bankMsp, bank.currency, borrower.borrowerId, borrower.exposure, borrower.share, null, null]);
    }
  }
  return toCsv(
    ['asOf', 'level', 'bankMsp', 'currency', 'id', 'exposure', 'share', 'hhi', 'hhiByCore'],
    rows.map((row) => [report.asOf, ...row]),
  );
}
