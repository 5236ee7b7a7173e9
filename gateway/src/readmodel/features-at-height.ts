import type { BankBook, InvoiceTwins, SupplierHistory, TransferEdge } from '../risk/inputs';
import type { RequestTime, RiskFeatureReads, RiskFeatureSource } from './risk-features';
import type { Receivable } from '@scf/kernel/records/receivable';

/**
 * The read model's risk features, each read once per read-model height and arguments: the
 * approvals of one bank in one block share one reading of its book, of a borrower's history (at
 * the same second), of its requests to the bank (each financing leaves its own out of the same
 * list) and of its transfer graph, instead of one SQL read over the book per approval.
 *
 * Exactly as fresh as reading each time: the read model at a height is fixed (blocks 0 … h-1),
 * and an answer is reused only by a caller that saw the same height when it asked; an answer
 * begun at height h that a block projected meanwhile made fresher is fresher still. A failed read
 * is not kept. Answers of an older height are dropped when a new height is seen. The invoice-twin
 * lookup depends on the ledger's receivable record the gate passes in, so it is read each time.
 */
export class FeaturesAtHeight implements RiskFeatureSource {
  readonly #source: RiskFeatureReads;
  readonly #height: () => Promise<bigint>;
  #at: bigint | undefined;
  readonly #answers = new Map<string, Promise<unknown>>();

  constructor(source: RiskFeatureReads, height: () => Promise<bigint>) {
    this.#source = source;
    this.#height = height;
  }

  supplierHistory(supplierId: string, nowSeconds: number): Promise<SupplierHistory> {
    return this.#once(['supplier', supplierId, String(nowSeconds)], () => this.#source.supplierHistory(supplierId, nowSeconds));
  }

  bankBook(bankMsp: string): Promise<BankBook> {
    return this.#once(['book', bankMsp], () => this.#source.bankBook(bankMsp));
  }

  /** The borrower's requests read once per height; each caller's excluded financing left out of that list, as the repository does. */
  async recentRequestTimes(bankMsp: string, borrowerId: string, excludeFinancingId?: string): Promise<number[]> {
    const requests: readonly RequestTime[] = await this.#once(['requests', bankMsp, borrowerId], () =>
      this.#source.requestTimesById(bankMsp, borrowerId),
    );
    return requests.filter((r) => r.id !== excludeFinancingId).map((r) => r.at);
  }

  async transfersAround(participantId: string, maxDepth: number): Promise<TransferEdge[]> {
    const edges = await this.#once(['transfers', participantId, String(maxDepth)], () =>
      this.#source.transfersAround(participantId, maxDepth),
    );
    return [...edges];
  }

  invoiceTwins(receivable: Receivable): Promise<InvoiceTwins> {
    return this.#source.invoiceTwins(receivable);
  }

  async #once<T>(args: readonly string[], read: () => Promise<T>): Promise<T> {
    const height = await this.#height();
    if (height !== this.#at) {
      this.#at = height;
      this.#answers.clear();
    }
    // The height is in the key too: callers that saw different heights never share an answer.
    const key = [height.toString(), ...args].join('\u0000');
    const known = this.#answers.get(key) as Promise<T> | undefined;
    if (known !== undefined) {
      return known;
    }
    const answer = read();
    this.#answers.set(key, answer);
    answer.catch(() => {
      if (this.#answers.get(key) === answer) {
        this.#answers.delete(key);
      }
    });
    return answer;
  }
}
