import { sha256Hex } from '@scf/kernel/canonical-json';
import { ErrorCode, fail } from '@scf/kernel/errors';
import { formatAmount, minOf, sumOf } from '@scf/kernel/money';
import type { Draw, Slot } from '@scf/kernel/records/credit-line';
import { splitEvenly } from '@scf/kernel/records/line-terms';

export { splitEvenly };

/**
 * New limits for slots that already carry draws: each slot keeps what is drawn on it and
 * the remaining headroom is split evenly, so no slot ends up over its limit.
 * Returns undefined when the new total is below what is already drawn.
 */
export function reallocateLimits(total: bigint, drawn: readonly bigint[]): bigint[] | undefined {
  const alreadyDrawn = sumOf(drawn);
  if (total < alreadyDrawn) {
    return undefined;
  }
  const shares = splitEvenly(total - alreadyDrawn, drawn.length);
  return drawn.map((d, i) => d + (shares[i] ?? 0n));
}

export function homeSlot(seed: string, count: number): number {
  return Number(BigInt(`0x${sha256Hex(seed).slice(0, 12)}`) % BigInt(count));
}

/** Slot indexes starting at `home`, wrapping around. */
export function slotOrder(home: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (home + i) % count);
}

export function headroom(slot: Slot): bigint {
  const room = BigInt(slot.limit) - BigInt(slot.drawn);
  return room > 0n ? room : 0n;
}

export interface DrawPlan<S extends Slot> {
  readonly draws: Draw[];
  /** The slots that change, with their new drawn amounts. */
  readonly updated: S[];
}

/**
 * Draws `amount` across slots in `order`, loading each only when needed.
 * Returns undefined when all slots together lack headroom.
 */
export async function planDraw<S extends Slot>(
  amount: bigint,
  order: readonly number[],
  load: (index: number) => Promise<S>,
): Promise<DrawPlan<S> | undefined> {
  let remaining = amount;
  const draws: Draw[] = [];
  const updated: S[] = [];
  for (const index of order) {
    if (remaining === 0n) {
      break;
    }
    const slot = await load(index);
    const take = minOf(headroom(slot), remaining);
    if (take > 0n) {
      draws.push({ index, amount: formatAmount(take) });
      updated.push({ ...slot, drawn: formatAmount(BigInt(slot.drawn) + take) });
      remaining -= take;
    }
  }
  return remaining === 0n ? { draws, updated } : undefined;
}

export interface ReleasePlan {
  readonly released: Draw[];
  readonly remaining: Draw[];
}

/** Releases `amount` from existing draws, last draw first (the reverse of drawing). */
export function planRelease(draws: readonly Draw[], amount: bigint): ReleasePlan {
  let toRelease = amount;
  const released: Draw[] = [];
  const remaining: Draw[] = [];
  for (const draw of [...draws].reverse()) {
    const take = minOf(BigInt(draw.amount), toRelease);
    toRelease -= take;
    if (take > 0n) {
      released.push({ index: draw.index, amount: formatAmount(take) });
    }
    const left = BigInt(draw.amount) - take;
    if (left > 0n) {
      remaining.unshift({ index: draw.index, amount: formatAmount(left) });
    }
  }
  if (toRelease > 0n) {
    fail(ErrorCode.INTERNAL, 'release exceeds what was drawn');
  }
  return { released, remaining };
}

/** Applies a release to one slot. */
export function releaseFromSlot<S extends Pick<Slot, 'index' | 'drawn'>>(slot: S, amount: bigint): S {
  const drawn = BigInt(slot.drawn) - amount;
  if (drawn < 0n) {
    fail(ErrorCode.INTERNAL, `slot ${slot.index} would go negative`);
  }
  return { ...slot, drawn: formatAmount(drawn) };
}
