import type { CreditLineTerms } from '@scf/kernel/records/credit-line';

/** A bank's gateway sees a few thousand lines at most; past this the memo starts over. */
const MAX_LINES = 10_000;

/**
 * A credit line's private terms, remembered by the commitment they were checked against. The terms
 * of a line change only with a new commitment (the line's salted `termsHash`: a new limit is a new
 * salt and hash), so terms once read sealed and found to hash to a commitment are those terms for
 * as long as the line carries that commitment. The gate reads the line's current commitment on
 * every assessment (GetApprovalContext) and asks here first: one sealed evaluate per line and
 * commitment instead of one per assessment. Kept per bank: a bank's terms are read only for it.
 */
export class LineTermsMemo {
  readonly #terms = new Map<string, CreditLineTerms>();
  readonly #max: number;

  constructor(max = MAX_LINES) {
    this.#max = max;
  }

  /**
   * The terms of `lineId` under commitment `termsHash` for `bankMsp`: remembered ones, or `read()`'s,
   * remembered once `read` resolves (it checks them against the commitment; a rejection is not kept).
   */
  async terms(bankMsp: string, lineId: string, termsHash: string, read: () => Promise<CreditLineTerms>): Promise<CreditLineTerms> {
    const key = `${bankMsp}\u0000${lineId}\u0000${termsHash}`;
    const known = this.#terms.get(key);
    if (known !== undefined) {
      return known;
    }
    const terms = await read();
    if (this.#terms.size >= this.#max) {
      this.#terms.clear();
    }
    this.#terms.set(key, terms);
    return terms;
  }
}
