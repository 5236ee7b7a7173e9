/**
 * How far the read model has projected the ledger (the next block it will project), and waits for
 * it to reach a block: a read served from the read model after a write the gateway acknowledged
 * can wait (boundedly) until that write is projected.
 */
export class ProjectedHeight {
  #next: bigint | undefined;
  readonly #waiters = new Set<{ readonly target: bigint; readonly release: () => void }>();
  #closed = false;

  /** The next block to project, or undefined before the listener loaded its checkpoint. */
  get next(): bigint | undefined {
    return this.#next;
  }

  /** Every block below `next` is projected. The height never goes down. */
  advance(next: bigint): void {
    if (this.#next !== undefined && next <= this.#next) {
      return;
    }
    this.#next = next;
    for (const waiter of this.#waiters) {
      if (next > waiter.target) {
        waiter.release();
      }
    }
  }

  /** Undefined when block `blockNumber` is projected already; else resolves when it is, after `waitMs`, or at close(). */
  until(blockNumber: bigint, waitMs: number): Promise<void> | undefined {
    if (this.#closed || waitMs <= 0 || (this.#next !== undefined && this.#next > blockNumber)) {
      return undefined;
    }
    return new Promise<void>((resolve) => {
      const waiter = {
        target: blockNumber,
        release: (): void => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.release, waitMs);
      this.#waiters.add(waiter);
    });
  }

  /** Releases every waiter; later waits resolve at once. */
  close(): void {
    this.#closed = true;
    for (const waiter of this.#waiters) {
      waiter.release();
    }
  }
}
