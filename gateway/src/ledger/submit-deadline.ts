/**
 * How long one submit (the peer gateway's Broadcast to an orderer) may take before the ledger
 * client gives it up and sends the same envelope again: the configured `submitMs`, or three
 * times the recent submit latency when the ordering service is slower than that, capped.
 *
 * Why (issue 18): `submitMs` (1.5 s) cuts off a submit held by an orderer that still forwards to
 * a dead Raft leader. But at 50 approvals in flight on a saturated machine the ordinary submit
 * leg averaged 1.1 s, and 108 of 279 submits ran out the 1.5 s and were sent again: copies that
 * every peer validates and invalidates (DUPLICATE_TXID), more load on a machine that had none to
 * spare. Only answered submits are observed, so a stuck orderer never raises the deadline; the
 * cap keeps a failover's stuck submit well under the orderer's own 7 s cluster timeout.
 */
export const SUBMIT_DEADLINE_CAP_MS = 4_000;

/** Weight of the newest answered submit in the moving average. */
const WEIGHT = 0.2;

export class SubmitLatency {
  #averageMs: number | undefined;

  constructor(private readonly configuredMs: number) {}

  /** An answered submit's duration. */
  observe(ms: number): void {
    this.#averageMs = this.#averageMs === undefined ? ms : this.#averageMs + WEIGHT * (ms - this.#averageMs);
  }

  /** The deadline for the next submit. */
  deadlineMs(): number {
    const adapted = 3 * (this.#averageMs ?? 0);
    return Math.max(this.configuredMs, Math.min(SUBMIT_DEADLINE_CAP_MS, adapted));
  }
}
