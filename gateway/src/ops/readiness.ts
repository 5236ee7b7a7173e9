import type { LedgerDirectory } from '../ledger/ledger';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

export interface ReadinessOptions {
  /** How long one answer is reused, so a flood of probes costs one ledger call. */
  readonly cacheMs?: number;
  readonly now?: () => number;
}

/** Ready = the network answers an evaluate of scf.system:Version. */
export class ReadinessProbe {
  readonly #ledgers: Pick<LedgerDirectory, 'any'>;
  readonly #cacheMs: number;
  readonly #now: () => number;
  #last: { readonly at: number; readonly ready: boolean } | undefined;
  #pending: Promise<boolean> | undefined;

  constructor(ledgers: Pick<LedgerDirectory, 'any'>, options: ReadinessOptions = {}) {
    this.#ledgers = ledgers;
    this.#cacheMs = options.cacheMs ?? 2_000;
    this.#now = options.now ?? Date.now;
  }

  async isReady(): Promise<boolean> {
    const last = this.#last;
    if (last !== undefined && this.#now() - last.at < this.#cacheMs) {
      return last.ready;
    }
    this.#pending ??= this.#check().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #check(): Promise<boolean> {
    let ready: boolean;
    try {
      await this.#ledgers.any().evaluate(call(tx.system.Version));
      ready = true;
    } catch {
      ready = false;
    }
    this.#last = { at: this.#now(), ready };
    return ready;
  }
}
