import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../ops/metrics';

export const readModelNextBlock = new Gauge({
  name: 'scf_gateway_readmodel_next_block',
  help: 'The next block the read model will project (blocks below it are projected)',
  registers: [metricsRegistry],
});

export const readModelBlocksTotal = new Counter({
  name: 'scf_gateway_readmodel_blocks_total',
  help: 'Blocks the read model listener received, by outcome (applied, skipped as already applied)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const readModelReconnectsTotal = new Counter({
  name: 'scf_gateway_readmodel_reconnects_total',
  help: 'Times the block event stream failed and was reopened from the checkpoint',
  registers: [metricsRegistry],
});

export const readModelSkippedTransactionsTotal = new Counter({
  name: 'scf_gateway_readmodel_skipped_transactions_total',
  help: 'Committed transactions whose writes the read model could not project or store (kept with their error in rm_skipped_transactions; the next blocks are projected)',
  registers: [metricsRegistry],
});
