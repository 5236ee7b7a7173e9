/** The REST gateway's Prometheus /metrics, diffed around a workload: mean time per series. */
import type { RestClient } from './rest';

type Totals = Map<string, { sum: number; count: number }>;

const SERIES =
  /^(scf_gateway_ledger_round_trip_seconds|scf_gateway_http_request_duration_seconds|scf_gateway_risk_gate_leg_seconds)_(sum|count)(\{[^}]*\}) ([0-9.eE+-]+)$/;

/**
 * One org gateway's /metrics: `as` is that org's admin key (`bank-a-admin`: its admin listener,
 * where the org's operators read their own gateway's figures) or the auditor's (the auditor's gateway).
 */
export async function scrape(rest: RestClient, as: string): Promise<Totals> {
  const totals: Totals = new Map();
  const answer = await rest.request(as, 'GET', '/metrics');
  if (answer.status !== 200 || typeof answer.body !== 'string') {
    throw new Error(`GET /metrics as ${as}: ${String(answer.status)}`);
  }
  const text = answer.body;
  for (const line of text.split('\n')) {
    const match = SERIES.exec(line);
    if (!match) {
      continue;
    }
    const [, name = '', kind = '', labels = '', value = '0'] = match;
    const key = `${name}${labels}`;
    const entry = totals.get(key) ?? { sum: 0, count: 0 };
    if (kind === 'sum') {
      entry.sum = Number(value);
    } else {
      entry.count = Number(value);
    }
    totals.set(key, entry);
  }
  return totals;
}

/** Series that moved between two scrapes, matching `filter`: count and mean ms in between. */
export function diff(before: Totals, after: Totals, filter: RegExp): Record<string, { n: number; meanMs: number }> {
  const out: Record<string, { n: number; meanMs: number }> = {};
  for (const [key, end] of after) {
    const start = before.get(key) ?? { sum: 0, count: 0 };
    const n = end.count - start.count;
    if (n > 0 && filter.test(key)) {
      out[key.replace(/^scf_gateway_/, '')] = { n, meanMs: Math.round(((end.sum - start.sum) * 1000) / n) };
    }
  }
  return out;
}
