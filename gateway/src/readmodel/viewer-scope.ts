import type { CollectionName } from './collections';
import type { Statement } from './sql';

/**
 * Whose data a caller may list. The auditor sees everything; a bank officer its own bank's
 * financings, lines and the receivables and payments behind them (never another bank's);
 * a supplier the receivables it holds, its financings and the payments on its receivables;
 * a core enterprise the receivables it owes, its lines and its payments. Anyone sees the
 * transactions it signed itself.
 */
export type Viewer =
  | { readonly kind: 'auditor' }
  | { readonly kind: 'bank'; readonly mspId: string; readonly clientId: string }
  | { readonly kind: 'supplier' | 'core'; readonly participantId: string; readonly mspId: string; readonly clientId: string }
  | { readonly kind: 'other'; readonly mspId: string; readonly clientId: string };

/** `undefined`: no restriction (auditor); `null`: nothing visible. */
export type Scope = Statement | undefined | null;

const where = (sql: string, ...params: string[]): Statement => ({ sql, params });

function ownTransactions(viewer: Exclude<Viewer, { kind: 'auditor' }>): Statement {
  return where('creator_msp = ? AND creator_id = ?', viewer.mspId, viewer.clientId);
}

export function scopeFor(viewer: Viewer, collection: CollectionName): Scope {
  if (viewer.kind === 'auditor') {
    return undefined;
  }
  if (collection === 'transactions') {
    return ownTransactions(viewer);
  }
  switch (viewer.kind) {
    case 'bank':
      return {
        receivables: where('id IN (SELECT receivable_id FROM rm_financings WHERE bank_msp = ?)', viewer.mspId),
        financings: where('bank_msp = ?', viewer.mspId),
        creditLines: where('bank_msp = ?', viewer.mspId),
        payments: where('financing_id IN (SELECT id FROM rm_financings WHERE bank_msp = ?)', viewer.mspId),
      }[collection];
    case 'supplier':
      return {
        receivables: where('holder_id = ?', viewer.participantId),
        financings: where('borrower_id = ?', viewer.participantId),
        creditLines: null,
        payments: where('receivable_id IN (SELECT id FROM rm_receivables WHERE holder_id = ?)', viewer.participantId),
      }[collection];
    case 'core':
      return {
        receivables: where('debtor_id = ?', viewer.participantId),
        financings: null,
        creditLines: where('core_id = ?', viewer.participantId),
        payments: where('debtor_id = ?', viewer.participantId),
      }[collection];
    case 'other':
      return null;
  }
}
