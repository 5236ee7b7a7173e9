/** Workload 3's operation: one assessment through the REST risk gate, and the officer's approval of a REVIEW. */
import type { RestClient } from './rest';
import type { Outcome } from './stats';

/** What workload 3 counts and times across its concurrent operations. */
export interface AssessTally {
  readonly decisions: Record<string, number>;
  readonly reasons: Record<string, number>;
  readonly assessMs: number[];
  readonly officerMs: number[];
}

interface AssessBody {
  decision?: string;
  code?: string;
  review?: { reasonCodes?: string[] };
  details?: { reasonCodes?: string[] };
}

type OpResult = Outcome | { outcome: Outcome; detail: string };

const refused = (code: string | undefined, detail: string): OpResult => ({ outcome: code === 'CONFLICT' ? 'conflict' : 'failed', detail });

/** Counts the decision (or the error code, or the status) and the reason codes of one assessment. */
function countDecision(tally: AssessTally, body: AssessBody, status: number): void {
  const decision = body.decision ?? body.code ?? String(status);
  tally.decisions[decision] = (tally.decisions[decision] ?? 0) + 1;
  for (const code of body.review?.reasonCodes ?? body.details?.reasonCodes ?? []) {
    tally.reasons[code] = (tally.reasons[code] ?? 0) + 1;
  }
}

/** One financing assessed as bank-a: APPROVE is done, a REVIEW goes on to the officer's approval. */
export async function assessAndApprove(rest: RestClient, financingId: string, tally: AssessTally): Promise<OpResult> {
  const t0 = performance.now();
  const response = await rest.request('bank-a', 'POST', `/v1/financings/${financingId}/assess`);
  tally.assessMs.push(performance.now() - t0);
  const body = (response.body ?? {}) as AssessBody;
  countDecision(tally, body, response.status);
  if (response.status === 200 && body.decision === 'APPROVE') {
    return 'ok';
  }
  if (response.status === 202 && body.decision === 'REVIEW') {
    return officerApproves(rest, financingId, tally);
  }
  return refused(body.code, `${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
}

/** The officer approves the queued review: the same endorse, re-check, submit path. */
async function officerApproves(rest: RestClient, financingId: string, tally: AssessTally): Promise<OpResult> {
  const t0 = performance.now();
  const officer = await rest.request('bank-a', 'POST', `/v1/risk/reviews/${financingId}/decision`, {
    decision: 'APPROVE',
    note: 'network bench',
  });
  tally.officerMs.push(performance.now() - t0);
  const decided = (officer.body ?? {}) as { decision?: string; code?: string };
  if (officer.status < 300 && decided.decision === 'APPROVE') {
    return 'ok';
  }
  return refused(decided.code, `officer ${officer.status} ${JSON.stringify(officer.body).slice(0, 200)}`);
}
