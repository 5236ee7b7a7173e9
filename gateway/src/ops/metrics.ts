import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The gateway's own registry (not prom-client's global one) so tests and a second app in the
 * same process never collide. Metric objects are module singletons: one process, one set.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'scf_gateway_' });

export const httpRequestsTotal = new Counter({
  name: 'scf_gateway_http_requests_total',
  help: 'HTTP requests answered, by route pattern, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  registers: [metricsRegistry],
});

export const httpRequestDurationSeconds = new Histogram({
  name: 'scf_gateway_http_request_duration_seconds',
  help: 'HTTP request duration, by route pattern, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export type LedgerOperation = 'evaluate' | 'endorse' | 'submit' | 'commit' | 'commit-status';

export const ledgerRoundTripSeconds = new Histogram({
  name: 'scf_gateway_ledger_round_trip_seconds',
  help: 'Duration of one fabric-gateway call, by operation, contract, transaction and outcome',
  labelNames: ['operation', 'contract', 'transaction', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [metricsRegistry],
});

/** Times one ledger call into `ledgerRoundTripSeconds`, labelled ok or error. */
export async function timeLedgerCall<T>(
  operation: LedgerOperation,
  contract: string,
  transaction: string,
  call: () => Promise<T>,
): Promise<T> {
  const stop = ledgerRoundTripSeconds.startTimer({ operation, contract, transaction });
  try {
    const value = await call();
    stop({ outcome: 'ok' });
    return value;
  } catch (error) {
    stop({ outcome: 'error' });
    throw error;
  }
}

export const ledgerResendsTotal = new Counter({
  name: 'scf_gateway_ledger_resends_total',
  help: 'Signed transactions sent to the ordering service again (same envelope): the submit failed, or its commit was not seen in time',
  labelNames: ['contract', 'transaction', 'reason'] as const,
  registers: [metricsRegistry],
});

export const ledgerRetriesTotal = new Counter({
  name: 'scf_gateway_ledger_retries_total',
  help: 'Transactions re-proposed, by contract, transaction and why: the validation code of a read conflict, ENDORSEMENT_MISMATCH (endorsers disagreed) or NO_ENDORSEMENT_PLAN (no endorsers known yet)',
  labelNames: ['contract', 'transaction', 'validation_code'] as const,
  registers: [metricsRegistry],
});

/** Incremented by the risk module: one count per gate decision and reason code. */
export const riskDecisionsTotal = new Counter({
  name: 'scf_gateway_risk_decisions_total',
  help: 'Risk gate decisions, by kind (financing, pledge), decision (APPROVE, REJECT, REVIEW) and reason code',
  labelNames: ['kind', 'decision', 'reason'] as const,
  registers: [metricsRegistry],
});

/** Each org peer's committed height as its block event stream reports it (read-your-writes). */
export const peerBlockHeight = new Gauge({
  name: 'scf_gateway_peer_block_height',
  help: 'Committed ledger height of each org peer this gateway uses, from its block event stream',
  labelNames: ['peer'] as const,
  registers: [metricsRegistry],
});

export const highestCommittedBlock = new Gauge({
  name: 'scf_gateway_highest_committed_block',
  help: 'Highest block number a transaction submitted through this gateway committed in',
  registers: [metricsRegistry],
});

/** Calls that had to wait for their peer to commit this gateway's latest write, by how the wait ended. */
export const readYourWritesWaitsTotal = new Counter({
  name: 'scf_gateway_read_your_writes_waits_total',
  help: "Ledger calls held until their peer caught up with this gateway's own commits, by peer and outcome (caught_up, timeout, closed)",
  labelNames: ['peer', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** The risk gate's legs before the endorsement (ledger context, the line's terms, provenance, read-model features, chain figures, the engine). */
export const riskGateLegSeconds = new Histogram({
  name: 'scf_gateway_risk_gate_leg_seconds',
  help: 'Duration of one leg of a risk-gate decision before the endorsement, by leg',
  labelNames: ['leg'] as const,
  buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** Times one leg of the risk gate into `riskGateLegSeconds` (failures too: a leg's time is spent either way). */
export async function timeGateLeg<T>(leg: string, fn: () => Promise<T>): Promise<T> {
  const stop = riskGateLegSeconds.startTimer({ leg });
  try {
    return await fn();
  } finally {
    stop();
  }
}
