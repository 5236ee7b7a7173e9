import { ErrorCode } from '@scf/chaincode/domain/errors';
import type { Caller } from '../auth/credentials';
import { ApiError } from '../http/api-error';

/**
 * Who reads a report: the auditor sees every bank's positions; a bank officer its own bank's in
 * full and consortium-wide totals only. Every other role is refused.
 */
export type ReportViewer = { readonly kind: 'auditor' } | { readonly kind: 'bank'; readonly bankMsp: string };

export function reportViewerOf(caller: Pick<Caller, 'role' | 'mspId'>): ReportViewer {
  if (caller.role === 'auditor') {
    return { kind: 'auditor' };
  }
  if (caller.role === 'bank') {
    return { kind: 'bank', bankMsp: caller.mspId };
  }
  throw new ApiError(403, ErrorCode.FORBIDDEN, 'reports are open to bank officers and the auditor only');
}

/** Whether the viewer may see one bank's individual positions. */
export function seesBank(viewer: ReportViewer, bankMsp: string): boolean {
  return viewer.kind === 'auditor' || viewer.bankMsp === bankMsp;
}

/** The bank a query is narrowed to; undefined for the auditor (the whole consortium). */
export function bankScopeOf(viewer: ReportViewer): string | undefined {
  return viewer.kind === 'bank' ? viewer.bankMsp : undefined;
}
