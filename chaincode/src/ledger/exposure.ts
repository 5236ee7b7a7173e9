import { homeSlot, planDraw, planRelease, releaseFromSlot, slotOrder } from '../domain/allocation';
import { type ApprovalDraws } from '../domain/financing';
import { loadShard, loadTranche, loadTrancheDraw, saveDraw, saveTranche } from './credit-lines';
import type { CapShard, CreditLineTerms, Tranche, TrancheDraw } from '@scf/kernel/records/credit-line';
import type { Store } from './store';
import { ErrorCode, fail } from '@scf/kernel/errors';
import type { ConsortiumCap, CreditLine } from '@scf/kernel/records/credit-line';
import type { Financing } from '@scf/kernel/records/financing';

export interface ExposurePlan extends ApprovalDraws {
  readonly tranches: readonly Tranche[];
  readonly shards: readonly CapShard[];
}

/** A release: the tranches' new drawn amounts (no limits needed to give back) and the shards'. */
export interface ReleasePlan extends ApprovalDraws {
  readonly tranches: readonly TrancheDraw[];
  readonly shards: readonly CapShard[];
}

/**
 * Plans drawing `amount` for a financing from its credit line's tranches and the slots of its
 * bank's share of the core enterprise's cap (reading the auditor's shard limits, writing only the
 * bank's own draw keys), starting at the slots the caller's `drawStart` names, else at home
 * slots hashed from the financing id (so that concurrent financings touch different keys).
 * Reads only; nothing is written until saveExposure, so a refusal leaves no partial writes.
 */
export async function planExposure(
  store: Store,
  line: CreditLine,
  terms: CreditLineTerms,
  cap: ConsortiumCap,
  start: DrawStart,
  amount: bigint,
): Promise<ExposurePlan> {
  const tranchePlan = await planDraw(amount, slotOrder(firstSlot(start, line.trancheCount), line.trancheCount), (i) =>
    loadTranche(store, line.id, i, terms),
  );
  if (tranchePlan === undefined) {
    return fail(ErrorCode.LIMIT_EXCEEDED, `credit line ${line.id} lacks headroom for this amount`);
  }
  // Same seed for both: two financings on one line that miss each other's tranche also miss each other's shard.
  const capPlan = await planDraw(amount, slotOrder(firstSlot(start, cap.shardCount), cap.shardCount), (i) =>
    loadShard(store, cap.coreId, cap.currency, line.bankMsp, i),
  );
  if (capPlan === undefined) {
    return fail(
      ErrorCode.CAP_EXCEEDED,
      `${line.bankMsp}'s share of the consortium cap on ${cap.coreId} (${cap.currency}) lacks headroom for this amount`,
    );
  }
  return {
    trancheDraws: tranchePlan.draws,
    capDraws: capPlan.draws,
    tranches: tranchePlan.updated,
    shards: capPlan.updated,
  };
}

/** Where a draw begins: `drawStart` (parseDrawStart) when the caller gave one, else hashed from the financing id. */
export interface DrawStart {
  readonly financingId: string;
  readonly drawStart: number | undefined;
}

function firstSlot({ financingId, drawStart }: DrawStart, count: number): number {
  return drawStart === undefined ? homeSlot(financingId, count) : drawStart % count;
}

export async function saveExposure(store: Store, plan: Pick<ReleasePlan, 'tranches' | 'shards'>): Promise<void> {
  for (const tranche of plan.tranches) {
    await saveTranche(store, tranche);
  }
  for (const shard of plan.shards) {
    await saveDraw(store, shard);
  }
}

/** Plans releasing `amount` of a financing's exposure (last draw first); returns the draws that remain. */
export async function planExposureRelease(store: Store, financing: Financing, amount: bigint): Promise<ReleasePlan> {
  const tranches = planRelease(financing.trancheDraws, amount);
  const caps = planRelease(financing.capDraws, amount);
  const trancheRecords = await Promise.all(
    tranches.released.map(async (draw) => releaseFromSlot(await loadTrancheDraw(store, financing.lineId, draw.index), BigInt(draw.amount))),
  );
  const shardRecords = await Promise.all(
    caps.released.map(async (draw) =>
      releaseFromSlot(await loadShard(store, financing.debtorId, financing.currency, financing.bankMsp, draw.index), BigInt(draw.amount)),
    ),
  );
  return { trancheDraws: tranches.remaining, capDraws: caps.remaining, tranches: trancheRecords, shards: shardRecords };
}
