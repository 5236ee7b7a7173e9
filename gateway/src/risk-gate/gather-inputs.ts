import type { Financing } from '@scf/chaincode/domain/financing';
import { parseAmount } from '@scf/chaincode/domain/money';
import type { Receivable } from '@scf/chaincode/domain/receivable';
import type { Ledger } from '../ledger/ledger';
import type { RiskFeatureSource } from '../readmodel/risk-features';
import { type FinancingRiskInputs, receivableCollateral } from '../risk/inputs';
import type { RiskPolicy } from '../risk/policy';

const utf8 = new TextDecoder();

async function read<T>(ledger: Ledger, contract: string, transaction: string, args: string[]): Promise<T> {
  return JSON.parse(utf8.decode(await ledger.evaluate(contract, transaction, args))) as T;
}

interface LineView {
  readonly line: { readonly id: string; readonly limit: string };
  readonly drawn: string;
}
interface CoreExposureView {
  readonly cap: string | null;
  readonly drawn: string;
}

/** What the gate knows about a financing before it endorses the approval. */
export interface GateSnapshot {
  readonly financing: Financing;
  readonly receivable: Receivable;
  readonly inputs: FinancingRiskInputs;
}

/**
 * The risk engine's inputs for one financing request: the ledger's current state (read with
 * evaluate, so nothing is written) plus the borrower's history from the read model. Line and
 * consortium exposures are given as they would be after this financing.
 */
export async function gatherFinancingInputs(
  ledger: Ledger,
  features: RiskFeatureSource,
  policy: RiskPolicy,
  financingId: string,
  nowSeconds: number,
): Promise<GateSnapshot> {
  const financing = await read<Financing>(ledger, 'scf.financing', 'GetFinancing', [financingId]);
  const [receivable, lineView, coreView] = await Promise.all([
    read<Receivable>(ledger, 'scf.receivable', 'GetReceivable', [financing.receivableId]),
    read<LineView>(ledger, 'scf.creditline', 'GetCreditLine', [financing.lineId]),
    read<CoreExposureView>(ledger, 'scf.creditline', 'GetCoreExposure', [financing.debtorId, financing.currency]),
  ]);
  const amount = parseAmount(financing.amount, 'financing.amount');
  const [supplier, book, recentRequestTimes, transfers] = await Promise.all([
    features.supplierHistory(financing.borrowerId, nowSeconds),
    features.bankBook(financing.bankMsp),
    features.recentRequestTimes(financing.bankMsp, financing.borrowerId, financing.id),
    features.transfersAround(financing.borrowerId, policy.circularTrade.maxDepth),
  ]);
  const inputs: FinancingRiskInputs = {
    kind: 'financing',
    now: nowSeconds,
    request: { id: financing.id, borrowerId: financing.borrowerId, amount, currency: financing.currency },
    book,
    supplier,
    recentRequestTimes: recentRequestTimes.filter((t) => t < nowSeconds),
    transfers,
    // The chaincode keeps one key per invoice fingerprint and refuses a second receivable on it,
    // so a receivable that exists on the ledger is the only one its invoice backs.
    receivable: receivableCollateral(receivable, financing.id, true),
    line: { lineId: lineView.line.id, limit: parseAmount(lineView.line.limit, 'line.limit'), exposureAfter: parseAmount(lineView.drawn, 'line.drawn') + amount },
    consortium: {
      cap: coreView.cap === null ? 0n : parseAmount(coreView.cap, 'consortium.cap'),
      aggregateAfter: parseAmount(coreView.drawn, 'consortium.drawn') + amount,
    },
  };
  return { financing, receivable, inputs };
}
