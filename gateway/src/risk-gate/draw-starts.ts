import { randomInt } from 'node:crypto';
import { DRAW_START_MODULUS } from '@scf/kernel/records/credit-line';

/**
 * The `drawStart` of each approval a bank's gate sends (kernel parseDrawStart): consecutive
 * numbers per bank, from a random first one, so that approvals in flight together begin their
 * draws on different tranches of a line and different slots of the bank's cap share, instead of
 * meeting on one at random and being endorsed again (MVCC). Only the order in which the chaincode
 * reads the slots follows from it; a repeated number (a restart, a second gateway of the bank)
 * costs at most a conflict.
 */
export class DrawStarts {
  readonly #next = new Map<string, number>();
  readonly #first: () => number;

  constructor(first: () => number = () => randomInt(DRAW_START_MODULUS)) {
    this.#first = first;
  }

  next(bankMsp: string): string {
    const start = this.#next.get(bankMsp) ?? this.#first();
    this.#next.set(bankMsp, (start + 1) % DRAW_START_MODULUS);
    return String(start);
  }
}
