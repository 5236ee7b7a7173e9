import { pledgeValue } from '../risk/checks/pledge-value';
import { priceFreshness } from '../risk/checks/price-freshness';
import type { Finding } from '../risk/finding';
import type { PledgeRiskInputs } from '../risk/inputs';
import type { RiskPolicy } from '../risk/policy';
import { decodePledgeAcceptance, type EndorsedPledgeAcceptance, EndorsedResultError } from './endorsed-results';
import { formatAmount, parseAmount } from '@scf/kernel/money';
import type { Pledge } from '@scf/kernel/records/warehouse';

const reject = (code: Finding['code'], explanation: string): Finding => ({ code, severity: 'reject', points: 0, explanation });

/**
 * Re-checks an endorsed AcceptPledge against the bank's policy before it is submitted: it must
 * accept the assessed pledge (same id and loan, now ACTIVE) on the assessed receipt with the
 * offered haircut, and the valuation it was decided on (the oracle price the transaction read,
 * which may have moved since the gate's own read) must still carry the loan after the policy's
 * haircut (PLEDGE_VALUE_INSUFFICIENT) and be fresh enough (PRICE_STALE). The same check functions
 * as the engine's, on the endorsed figures. A result that cannot be decoded is refused.
 */
export function recheckEndorsedPledge(
  policy: RiskPolicy,
  inputs: PledgeRiskInputs,
  assessed: Pledge,
  offeredHaircutBps: string,
  result: Uint8Array,
): Finding[] {
  let endorsed: EndorsedPledgeAcceptance;
  try {
    endorsed = decodePledgeAcceptance(result);
  } catch (error) {
    if (error instanceof EndorsedResultError) {
      return [reject('POST_STATE_UNREADABLE', error.message)];
    }
    throw error;
  }
  const { pledge, valuation } = endorsed;
  const loan = parseAmount(assessed.loanAmount, 'pledge.loanAmount');
  const findings: Finding[] = [];
  const changed = amountChanged(pledge, valuation, assessed, loan);
  if (changed !== undefined) {
    findings.push(changed);
  }
  const mismatch = valuationMismatch(valuation, assessed, offeredHaircutBps);
  if (mismatch !== undefined) {
    return [...findings, mismatch];
  }
  return [...findings, ...endorsedValuationFindings(policy, inputs, loan, valuation)];
}

type EndorsedValuation = EndorsedPledgeAcceptance['valuation'];

/** POST_STATE_AMOUNT_CHANGED unless the endorsement accepts the assessed pledge, for the assessed loan. */
function amountChanged(
  pledge: EndorsedPledgeAcceptance['pledge'],
  valuation: EndorsedValuation,
  assessed: Pledge,
  loan: bigint,
): Finding | undefined {
  if (
    pledge.id === assessed.id &&
    pledge.status === 'ACTIVE' &&
    pledge.loanAmount === assessed.loanAmount &&
    valuation.loanAmount === loan
  ) {
    return undefined;
  }
  return reject(
    'POST_STATE_AMOUNT_CHANGED',
    `endorsement returned pledge ${pledge.id} ${pledge.status} for ${pledge.loanAmount}, not the assessed ${assessed.loanAmount}`,
  );
}

/** POST_STATE_MISMATCH unless the endorsed valuation is of the assessed receipt, at the offered haircut, and adds up. */
function valuationMismatch(valuation: EndorsedValuation, assessed: Pledge, offeredHaircutBps: string): Finding | undefined {
  if (
    valuation.receiptId === assessed.receiptId &&
    valuation.haircutBps === parseAmount(offeredHaircutBps, 'haircutBps') &&
    valuation.value === valuation.quantity * valuation.pricePerUnit
  ) {
    return undefined;
  }
  return reject(
    'POST_STATE_MISMATCH',
    `the endorsed valuation (receipt ${valuation.receiptId}, haircut ${formatAmount(valuation.haircutBps)} bps, ${formatAmount(valuation.quantity)} × ${formatAmount(valuation.pricePerUnit)} = ${formatAmount(valuation.value)}) is not the acceptance assessed (receipt ${assessed.receiptId}, haircut ${offeredHaircutBps} bps)`,
  );
}

/** The engine's pledge-value and price-freshness checks on the endorsed figures, saying so when they differ from the gate's own read. */
function endorsedValuationFindings(policy: RiskPolicy, inputs: PledgeRiskInputs, loan: bigint, valuation: EndorsedValuation): Finding[] {
  const endorsedInputs: PledgeRiskInputs = {
    ...inputs,
    request: { ...inputs.request, amount: loan },
    pledge: { ...inputs.pledge, value: valuation.value, priceSetAt: valuation.priceSetAt, haircutBps: Number(valuation.haircutBps) },
  };
  const drifted = valuation.value !== inputs.pledge.value || valuation.priceSetAt !== inputs.pledge.priceSetAt;
  return [pledgeValue(policy, endorsedInputs), priceFreshness(policy, endorsedInputs)]
    .filter((finding) => finding !== undefined)
    .map((finding) =>
      drifted
        ? {
            ...finding,
            explanation: `${finding.explanation} (endorsed valuation; the gate's own read valued the receipt at ${formatAmount(inputs.pledge.value)})`,
          }
        : finding,
    );
}
