import type { ReportCapRow, ReportFinancingRow, ReportLineRow, ReportReceivableRow } from '../readmodel/report-source';

/** Small hand-worked books for the report tests. */
export function line(id: string, bankMsp: string, coreId: string, limit: string, extra: Partial<ReportLineRow> = {}): ReportLineRow {
  return { id, bankMsp, coreId, currency: 'USD', limit, status: 'ACTIVE', expiresOn: '2026-12-31', ...extra };
}

export function cap(coreId: string, value: string, currency = 'USD'): ReportCapRow {
  return { coreId, currency, cap: value };
}

export function financing(
  id: string,
  lineId: string,
  bankMsp: string,
  borrowerId: string,
  coreId: string,
  outstanding: string,
  extra: Partial<ReportFinancingRow> = {},
): ReportFinancingRow {
  return {
    id,
    lineId,
    bankMsp,
    borrowerId,
    coreId,
    currency: 'USD',
    outstandingPrincipal: outstanding,
    maturityDate: '2026-06-30',
    ...extra,
  };
}

export function receivable(
  id: string,
  outstanding: string,
  dueDate: string,
  extra: Partial<ReportReceivableRow> = {},
): ReportReceivableRow {
  return { id, debtorId: 'core-1', holderId: 's1', currency: 'USD', outstanding, dueDate, ...extra };
}
