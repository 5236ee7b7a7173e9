import { coreDraws, listTranches, requireCreditLine, totalDrawn } from './credit-lines';
import { requireFinancing } from './financings';
import { requireReceivable } from './receivables';
import type { Store } from './store';
import type { ApprovalContext, ReceivableHistoryItem } from '@scf/kernel/records/approval-context';
import type { CreditLineExposure } from '@scf/kernel/records/credit-line';
import { KeyType } from '@scf/kernel/keys';
import { formatAmount } from '@scf/kernel/money';
import type { Receivable } from '@scf/kernel/records/receivable';

/** Deeper than any supply chain's tiers; the gateway's provenance check refuses a longer chain. */
export const MAX_LINEAGE = 64;

/**
 * What the risk gate reads before it endorses an approval of `financingId` (ApprovalContext), in
 * one simulation. Read-only; the line's figures are computed as GetCreditLine computes them, the
 * cap's drawn total as GetCoreExposure's (from the draw keys only). A parent chain that loops or
 * runs past MAX_LINEAGE stops there (the gateway reports it as a provenance fault).
 */
export async function approvalContext(store: Store, financingId: string): Promise<ApprovalContext> {
  const financing = await requireFinancing(store, financingId);
  const line = await requireCreditLine(store, financing.lineId);
  const tranches = await listTranches(store, line.id);
  const lineExposure: CreditLineExposure = { line, drawn: formatAmount(totalDrawn(tranches)), tranches };
  // The total over every bank; the draws of the financing bank's share only (the slots its approval draws on).
  const core = await coreDraws(store, financing.debtorId, financing.currency, financing.bankMsp);
  const chain: Receivable[] = [await requireReceivable(store, financing.receivableId)];
  for (let top = chain[0]; top?.parentId !== undefined && chain.length < MAX_LINEAGE; top = chain[0]) {
    const parentId = top.parentId;
    if (chain.some((r) => r.id === parentId)) {
      break;
    }
    chain.unshift(await requireReceivable(store, parentId));
  }
  const lineage = [];
  for (const receivable of chain) {
    lineage.push({
      receivable,
      history: (await store.history<Receivable>(KeyType.receivable, [receivable.id])) as ReceivableHistoryItem[],
    });
  }
  return { financing, line: lineExposure, core, lineage };
}
