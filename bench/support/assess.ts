/**
 * Workload 3's operations: an assessment through the REST risk gate, and an approval through it.
 *
 * The bench's borrower (supplier-1, a few minutes of tenure, hundreds of requests in a minute) is
 * scored REVIEW by the engine (SHORT_TENURE + VELOCITY_SPIKE), as a real bank's policy should score
 * it. So an approval is the second officer's (`bank-a-2`: four eyes, the assessing officer may not
 * decide its own review) `POST /v1/risk/reviews/{id}/decision`, which runs the whole approval
 * through the gate: gather the inputs, assess on the current state, endorse, re-check, submit,
 * commit. Assessments and approvals are timed as two closed loops, so that each has its own TPS.
 */
import type { RestClient } from './rest';
import type { Outcome } from './stats';

/** What workload 3 counts across its concurrent operations. */
export interface AssessTally {
  readonly decisions: Record<string, number>;
  readonly reasons: Record<string, number>;
  /** Financings the engine sent to review: the approval loop's inputs. */
  readonly reviewed: string[];
  /** Financings the engine approved at once (the assessment was the whole approval). */
  readonly approved: string[];
}

interface AssessBody {
  decision?: string;
  code?: string;
  review?: { reasonCodes?: string[] };
  details?: { reasonCodes?: string[] };
}

type OpResult = Outcome | { outcome: Outcome; detail: string };

/** The officer who decides the reviews: not the one who asked for the assessment (four eyes). */
export const SECOND_OFFICER = 'bank-a-2';

const refused = (code: string | undefined, detail: string): OpResult => ({ outcome: code === 'CONFLICT' ? 'conflict' : 'failed', detail });

/** Counts the decision (or the error code, or the status) and the reason codes of one assessment. */
function countDecision(tally: AssessTally, body: AssessBody, status: number): void {
  const decision = body.decision ?? body.code ?? String(status);
  tally.decisions[decision] = (tally.decisions[decision] ?? 0) + 1;
  for (const code of body.review?.reasonCodes ?? body.details?.reasonCodes ?? []) {
    tally.reasons[code] = (tally.reasons[code] ?? 0) + 1;
  }
}

/** One financing assessed as bank-a: APPROVE (committed) or REVIEW (queued) is a success. */
export async function assessOnce(rest: RestClient, financingId: string, tally: AssessTally): Promise<OpResult> {
  const response = await rest.request('bank-a', 'POST', `/v1/financings/${financingId}/assess`);
  const body = (response.body ?? {}) as AssessBody;
  countDecision(tally, body, response.status);
  if (response.status === 200 && body.decision === 'APPROVE') {
    tally.approved.push(financingId);
    return 'ok';
  }
  if (response.status === 202 && body.decision === 'REVIEW') {
    tally.reviewed.push(financingId);
    return 'ok';
  }
  return refused(body.code, `${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
}

/** The second officer approves a queued review: gather, assess, endorse, re-check, submit, commit. */
export async function officerApproves(rest: RestClient, financingId: string): Promise<OpResult> {
  const officer = await rest.request(SECOND_OFFICER, 'POST', `/v1/risk/reviews/${financingId}/decision`, {
    decision: 'APPROVE',
    note: 'network bench',
  });
  const decided = (officer.body ?? {}) as { decision?: string; code?: string };
  if (officer.status < 300 && decided.decision === 'APPROVE') {
    return 'ok';
  }
  return refused(decided.code, `officer ${officer.status} ${JSON.stringify(officer.body).slice(0, 200)}`);
}
