import type { Caller } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import { ErrorCode } from '@scf/kernel/errors';

/**
 * Who may look at banks' positions (reports, the chain view): the auditor sees every bank's; a bank
 * officer its own bank's in full and consortium-wide totals only, never another bank's individual
 * positions or terms. Every other role is refused.
 */
export type PositionViewer = { readonly kind: 'auditor' } | { readonly kind: 'bank'; readonly bankMsp: string };

/** `refusal` says to the refused caller what it asked for. */
export function positionViewerOf(caller: Pick<Caller, 'role' | 'mspId'>, refusal: string): PositionViewer {
  if (caller.role === 'auditor') {
    return { kind: 'auditor' };
  }
  if (caller.role === 'bank') {
    return { kind: 'bank', bankMsp: caller.mspId };
  }
  throw new ApiError(ErrorCode.FORBIDDEN, refusal);
}

/** Whether the viewer may see one bank's individual positions. */
export function seesBank(viewer: PositionViewer, bankMsp: string): boolean {
  return viewer.kind === 'auditor' || viewer.bankMsp === bankMsp;
}
