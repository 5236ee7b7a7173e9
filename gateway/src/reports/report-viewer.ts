import type { Caller } from '../auth/credentials';
import { positionViewerOf, type PositionViewer } from '../analytics/position-viewer';

export { seesBank } from '../analytics/position-viewer';
export type ReportViewer = PositionViewer;

export function reportViewerOf(caller: Pick<Caller, 'role' | 'mspId'>): ReportViewer {
  return positionViewerOf(caller, 'reports are open to bank officers and the auditor only');
}

/** The bank a query is narrowed to; undefined for the auditor (the whole consortium). */
export function bankScopeOf(viewer: ReportViewer): string | undefined {
  return viewer.kind === 'bank' ? viewer.bankMsp : undefined;
}
