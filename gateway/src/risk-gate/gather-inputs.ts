import type { Slot } from '@scf/kernel/records/credit-line';
import type { ApprovalContext } from '@scf/kernel/records/approval-context';
import type { Ledger } from '../ledger/ledger';
import { timeGateLeg } from '../ops/metrics';
import type { RiskFeatureSource } from '../readmodel/risk-features';
import { type FinancingRiskInputs, type ReceivableCollateral, receivableCollateral, type RequestInput } from '../risk/inputs';
import type { RiskPolicy } from '../risk/policy';
import { approvalLineageFaults, type ProvenanceReader } from './provenance';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import type { CreditLineTerms } from '@scf/kernel/records/credit-line';
import { creditLineTermsHash, parseCreditLineTerms } from '@scf/kernel/records/line-terms';
import { evaluateJson, evaluateSealedJson } from '../usecases/ledger-json';
import { parseAmount } from '@scf/kernel/money';
import type { LineTermsMemo } from './line-terms-memo';
import type { Financing } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';

/**
 * The line's and the core enterprise's exposure as the pre-endorsement reads gave it: the totals
 * and the drawn amount of every tranche and cap shard (by index). The post-endorsement re-check
 * replaces the slots the approval drew on with their endorsed figures.
 */
export interface PreReadExposure {
  readonly lineDrawn: bigint;
  readonly tranches: ReadonlyMap<number, bigint>;
  readonly coreDrawn: bigint;
  readonly shards: ReadonlyMap<number, bigint>;
}

/**
 * What the ledger says about a financing before the approval is endorsed, and all that the
 * post-endorsement re-check compares with: the request's amount, the collateral's outstanding,
 * the line and the cap after it, the pre-read slots.
 */
export interface LedgerSnapshot {
  readonly financing: Financing;
  /** The line's private terms, read sealed on the bank's own peer; the approval passes them to every endorser (transient). */
  readonly lineTerms: CreditLineTerms;
  readonly receivable: Receivable;
  readonly inputs: Pick<FinancingRiskInputs, 'line' | 'consortium'> & {
    readonly request: Pick<RequestInput, 'amount'>;
    readonly receivable: Pick<ReceivableCollateral, 'outstanding'>;
  };
  readonly exposure: PreReadExposure;
}

/** What the gate knows about a financing before it endorses the approval: the ledger's part and the engine's whole inputs. */
export interface GateSnapshot extends LedgerSnapshot {
  readonly inputs: FinancingRiskInputs;
}

function drawnBySlot(slots: readonly Pick<Slot, 'index' | 'drawn'>[] | undefined, what: string): Map<number, bigint> {
  if (slots === undefined) {
    throw new Error(`the ledger's answer came without the ${what}`);
  }
  const bySlot = new Map<number, bigint>();
  for (const slot of slots) {
    if (!Number.isSafeInteger(slot.index) || slot.index < 0 || bySlot.has(slot.index)) {
      throw new Error(`the ledger's ${what} have a bad or repeated index ${String(slot.index)}`);
    }
    bySlot.set(slot.index, parseAmount(slot.drawn, `${what}[${String(slot.index)}].drawn`));
  }
  return bySlot;
}

/**
 * The risk engine's inputs for one financing request: the ledger's current state (read with
 * evaluate, so nothing is written) plus the borrower's history from the read model. Line and
 * consortium exposures are given as they would be after this financing. The ledger's part is one
 * query, scf.financing:GetApprovalContext (the financing, its line's tranches, the cap and its bank's draws on it,
 * the receivable's lineage with histories); then, at once, the line's private terms (sealed, as the
 * officer, unless `termsMemo` holds them for the line's current commitment), the receivable's provenance from the blocks (risk-gate/provenance.ts: the claimed
 * transactions, their signers) and the read model's features. Before issue 18 the same took GetFinancing, then three reads, then the lineage and
 * its histories: four rounds of evaluates where there are now two.
 */
export async function gatherFinancingInputs(
  ledger: Ledger,
  termsLedger: Ledger,
  termsMemo: LineTermsMemo,
  provenance: ProvenanceReader,
  features: RiskFeatureSource,
  policy: RiskPolicy,
  financingId: string,
  nowSeconds: number,
): Promise<GateSnapshot> {
  const { context, financing, receivable, amount, exposure } = await timeGateLeg('context', () => readApprovalContext(ledger, financingId));
  // The line's terms, the provenance and the features all follow from the context: read at once.
  const [lineTerms, provenanceFaults, [supplier, book, recentRequestTimes, transfers, twins]] = await Promise.all([
    timeGateLeg('line-terms', () =>
      termsMemo.terms(financing.bankMsp, context.line.line.id, context.line.line.termsHash, () => readLineTerms(termsLedger, context)),
    ),
    timeGateLeg('provenance', () => approvalLineageFaults(ledger, provenance, context.lineage)),
    timeGateLeg('features', () =>
      Promise.all([
        features.supplierHistory(financing.borrowerId, nowSeconds),
        features.bankBook(financing.bankMsp),
        features.recentRequestTimes(financing.bankMsp, financing.borrowerId, financing.id),
        features.transfersAround(financing.borrowerId, policy.circularTrade.maxDepth),
        features.invoiceTwins(receivable),
      ]),
    ),
  ]);
  const inputs: FinancingRiskInputs = {
    kind: 'financing',
    now: nowSeconds,
    request: { id: financing.id, borrowerId: financing.borrowerId, amount, currency: financing.currency },
    book,
    supplier,
    recentRequestTimes: recentRequestTimes.filter((t) => t < nowSeconds),
    transfers,
    // The chaincode refuses a second receivable on one invoice fingerprint; the read model's view
    // (same invoice under today's folding, near-duplicates) is checked here as well.
    receivable: receivableCollateral(receivable, financing.id, twins, provenanceFaults),
    line: {
      lineId: context.line.line.id,
      limit: parseAmount(lineTerms.limit, 'lineTerms.limit'),
      exposureAfter: exposure.lineDrawn + amount,
    },
    consortium: {
      cap: context.core.cap === null ? 0n : parseAmount(context.core.cap, 'consortium.cap'),
      aggregateAfter: exposure.coreDrawn + amount,
    },
  };
  return { financing, lineTerms, receivable, inputs, exposure };
}

/** The approval context and what the gate reads straight off it: the financing, its receivable, the amount, the pre-read exposure. */
async function readApprovalContext(
  ledger: Ledger,
  financingId: string,
): Promise<Pick<LedgerSnapshot, 'financing' | 'receivable' | 'exposure'> & { readonly context: ApprovalContext; readonly amount: bigint }> {
  const context = await evaluateJson<ApprovalContext>(ledger, call(tx.financing.GetApprovalContext, { financingId }));
  const { financing, line: lineView, core: coreView } = context;
  const receivable = context.lineage[context.lineage.length - 1]?.receivable;
  if (receivable === undefined || receivable.id !== financing.receivableId) {
    throw new Error(`the ledger's approval context for ${financingId} came without its receivable`);
  }
  const amount = parseAmount(financing.amount, 'financing.amount');
  const exposure: PreReadExposure = {
    lineDrawn: parseAmount(lineView.drawn, 'line.drawn'),
    tranches: drawnBySlot(lineView.tranches, 'credit line tranches'),
    coreDrawn: parseAmount(coreView.drawn, 'consortium.drawn'),
    shards: drawnBySlot(coreView.draws, 'cap draws'),
  };
  return { context, financing, receivable, amount, exposure };
}

/**
 * The line's private terms, read on the bank's own peer (GetCreditLineTerms, sealed to the reading
 * identity: the bank officer the gate acts for, whose key the gateway holds as a file; the risk
 * gateway's own key may be in an HSM that cannot open it) and checked against the line's commitment.
 */
async function readLineTerms(termsLedger: Ledger, context: ApprovalContext): Promise<CreditLineTerms> {
  const line = context.line.line;
  const terms = parseCreditLineTerms(
    await evaluateSealedJson<unknown>(termsLedger, call(tx.creditLine.GetCreditLineTerms, { lineId: line.id }), line.id),
  );
  if (creditLineTermsHash(terms) !== line.termsHash) {
    throw new Error(`the terms of credit line ${line.id} do not match the line's commitment`);
  }
  return terms;
}
