import { parseAmount } from '@scf/chaincode/domain/money';
import type { CommodityPrice, Pledge, WarehouseReceipt } from '@scf/chaincode/domain/warehouse';
import type { Caller } from '../auth/credentials';
import { ApiError } from '../http/api-error';
import { type Assessment, assess } from '../risk/engine';
import type { Finding } from '../risk/finding';
import type { PledgeRiskInputs } from '../risk/inputs';
import type { RecordedDecision } from './decision-store';
import { decodePledgeAcceptance } from './endorsed-results';
import type { RiskGateDeps } from './gate-deps';
import { recheckEndorsedPledge } from './pledge-post-state';

export interface PledgeAcceptanceTerms {
  readonly haircutBps: string;
  readonly maintenanceRatioBps: string;
  /** The officer has looked at review-level findings and accepts them (never reject-level ones). */
  readonly officerReviewed: boolean;
}

export type PledgeOutcome =
  | { readonly decision: 'APPROVE'; readonly pledge: Pledge; readonly transactionId: string; readonly blockNumber: string | null; readonly record: RecordedDecision }
  | { readonly decision: 'REJECT' | 'REVIEW'; readonly record: RecordedDecision };

const utf8 = new TextDecoder();

/**
 * A bank accepting a warehouse-receipt pledge goes through its risk policy too: the loan against
 * the receipt's value after haircut and the freshness of the oracle's price. The acceptance is
 * signed by the bank officer (the chaincode's rule for pledges) and submitted only if the engine
 * approves it and the endorsed pledge is the one assessed.
 */
export class PledgeGate {
  constructor(private readonly deps: RiskGateDeps) {}

  async accept(pledgeId: string, officer: Caller, terms: PledgeAcceptanceTerms): Promise<PledgeOutcome> {
    if (officer.role !== 'bank') {
      throw new ApiError(403, 'FORBIDDEN', 'only a bank officer accepts a pledge');
    }
    const ledger = this.deps.ledgers.forIdentity(officer.identity);
    const read = async <T>(contract: string, tx: string, args: string[]): Promise<T> => JSON.parse(utf8.decode(await ledger.evaluate(contract, tx, args))) as T;
    const pledge = await read<Pledge>('scf.warehouse', 'GetPledge', [pledgeId]);
    if (pledge.bankMsp !== officer.mspId) {
      throw new ApiError(403, 'FORBIDDEN', `pledge ${pledgeId} was offered to ${pledge.bankMsp}`);
    }
    const [receipt, price] = await Promise.all([
      read<WarehouseReceipt>('scf.warehouse', 'GetReceipt', [pledge.receiptId]),
      read<CommodityPrice>('scf.warehouse', 'GetPrice', [pledge.commodity, pledge.grade, pledge.unit]),
    ]);
    const policy = this.deps.policyFor(officer.mspId);
    const now = this.deps.nowSeconds();
    const loan = parseAmount(pledge.loanAmount, 'pledge.loanAmount');
    const [supplier, book, recentRequestTimes, transfers] = await Promise.all([
      this.deps.features.supplierHistory(pledge.ownerId, now),
      this.deps.features.bankBook(pledge.bankMsp),
      this.deps.features.recentRequestTimes(pledge.bankMsp, pledge.ownerId),
      this.deps.features.transfersAround(pledge.ownerId, policy.circularTrade.maxDepth),
    ]);
    const inputs: PledgeRiskInputs = {
      kind: 'pledge',
      now,
      request: { id: pledge.id, borrowerId: pledge.ownerId, amount: loan, currency: price.currency },
      book,
      supplier,
      recentRequestTimes: recentRequestTimes.filter((t) => t < now),
      transfers,
      pledge: {
        receiptId: receipt.id,
        receiptStatus: receipt.status,
        encumbered: receipt.pledgeId !== undefined && receipt.pledgeId !== pledge.id,
        value: parseAmount(receipt.quantity, 'receipt.quantity') * parseAmount(price.pricePerUnit, 'price.pricePerUnit'),
        priceSetAt: Math.floor(Date.parse(price.setAt) / 1000),
        haircutBps: Number(parseAmount(terms.haircutBps, 'haircutBps')),
        // A pledge loan runs until repaid: the ledger gives it no maturity.
        tenorDays: 0,
      },
    };
    const assessment = assess(policy, inputs);
    const accepted = assessment.decision === 'APPROVE' || (assessment.decision === 'REVIEW' && terms.officerReviewed);
    if (!accepted) {
      return { decision: assessment.decision === 'REVIEW' ? 'REVIEW' : 'REJECT', record: this.record(pledge, assessment, officer, null) };
    }
    const gated = await ledger.endorseThenDecide('scf.warehouse', 'AcceptPledge', [pledge.id, terms.haircutBps, terms.maintenanceRatioBps], (result) => {
      // An officer who reviewed has accepted review-level findings; only a hard breach stops it now.
      const findings: Finding[] = recheckEndorsedPledge(policy, inputs, pledge, terms.haircutBps, result).filter((f) => !terms.officerReviewed || f.severity === 'reject');
      return Promise.resolve({ proceed: findings.length === 0, findings });
    });
    if (!gated.submitted) {
      const rejected: Assessment = { ...assessment, decision: 'REJECT', reasonCodes: gated.decision.findings.map((f) => f.code), explanations: gated.decision.findings };
      return { decision: 'REJECT', record: this.record(pledge, rejected, officer, null) };
    }
    return {
      decision: 'APPROVE',
      pledge: decodePledgeAcceptance(gated.result).pledge,
      transactionId: gated.transactionId,
      blockNumber: gated.blockNumber === undefined ? null : gated.blockNumber.toString(),
      record: this.record(pledge, { ...assessment, decision: 'APPROVE' }, officer, gated.transactionId),
    };
  }

  private record(pledge: Pledge, assessment: Assessment, officer: Caller, transactionId: string | null): RecordedDecision {
    const decidedAt = new Date(this.deps.nowSeconds() * 1000).toISOString();
    return this.deps.decisions.recordAssessment({ id: pledge.id, bankMsp: pledge.bankMsp, borrowerId: pledge.ownerId }, 'assessment', assessment, officer.credential, decidedAt, transactionId);
  }
}
