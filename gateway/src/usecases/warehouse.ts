import { ApiError } from '../http/api-error';
import type { Ledger } from '../ledger/ledger';
import { type Committed, evaluateJson, evaluateSealedJson, type HistoryEntry, submitJson, termsTransient } from './ledger-json';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { ErrorCode } from '@scf/kernel/errors';
import type { PrivateTerms } from '@scf/kernel/records/terms';
import type { CommodityPrice, Pledge, WarehouseReceipt } from '@scf/kernel/records/warehouse';

export interface ReceiptIssue {
  readonly receiptId: string;
  readonly ownerId: string;
  readonly lotId: string;
  readonly commodity: string;
  readonly grade: string;
  readonly unit: string;
  readonly quantity: string;
  readonly location: string;
}

/** A price is keyed by commodity, grade and unit. */
export interface PriceKey {
  readonly commodity: string;
  readonly grade: string;
  readonly unit: string;
}

export interface PriceQuote {
  readonly currency: string;
  readonly pricePerUnit: string;
}

export interface PriceSet {
  readonly price: CommodityPrice;
  readonly changedPledges: readonly Pledge[];
}

export interface PledgeRequest {
  readonly pledgeId: string;
  readonly receiptId: string;
  readonly bankMsp: string;
  readonly loanAmount: string;
}

export interface PledgeTermsRecorded {
  readonly pledgeId: string;
  readonly termsRecorded: true;
}

export function issueReceipt(ledger: Ledger, issue: ReceiptIssue): Promise<Committed<WarehouseReceipt>> {
  const { receiptId, ownerId, lotId, commodity, grade, unit, quantity, location } = issue;
  return submitJson(ledger, call(tx.warehouse.IssueReceipt, { receiptId, ownerId, lotId, commodity, grade, unit, quantity, location }));
}

export function redeemReceipt(ledger: Ledger, receiptId: string): Promise<Committed<WarehouseReceipt>> {
  return submitJson(ledger, call(tx.warehouse.RedeemReceipt, { receiptId }));
}

export function setPrice(ledger: Ledger, key: PriceKey, quote: PriceQuote): Promise<Committed<PriceSet>> {
  return submitJson(
    ledger,
    call(tx.warehouse.SetPrice, {
      commodity: key.commodity,
      grade: key.grade,
      unit: key.unit,
      currency: quote.currency,
      pricePerUnit: quote.pricePerUnit,
    }),
  );
}

export function requestPledge(ledger: Ledger, request: PledgeRequest): Promise<Committed<Pledge>> {
  const { pledgeId, receiptId, bankMsp, loanAmount } = request;
  return submitJson(ledger, call(tx.warehouse.RequestPledge, { pledgeId, receiptId, bankMsp, loanAmount }));
}

export function cancelPledge(ledger: Ledger, pledgeId: string): Promise<Committed<Pledge>> {
  return submitJson(ledger, call(tx.warehouse.CancelPledge, { pledgeId }));
}

export function releasePledge(ledger: Ledger, pledgeId: string): Promise<Committed<Pledge>> {
  return submitJson(ledger, call(tx.warehouse.ReleasePledge, { pledgeId }));
}

/** Like financing terms: transient only, endorsed by the caller's bank org and the owner's org (the collection's members). */
export async function recordPledgeTerms(ledger: Ledger, pledgeId: string, terms: PrivateTerms): Promise<Committed<PledgeTermsRecorded>> {
  const { ownerMsp } = await getPledge(ledger, pledgeId);
  return submitJson(ledger, call(tx.warehouse.RecordPledgeTerms, { pledgeId }), {
    transient: termsTransient(terms),
    endorsingOrganizations: [ledger.identity.mspId, ownerMsp],
  });
}

/** Evaluated, and sealed to the caller's key by the chaincode all the same (see getFinancingTerms). */
export function getPledgeTerms(ledger: Ledger, pledgeId: string): Promise<PrivateTerms> {
  return evaluateSealedJson(ledger, call(tx.warehouse.GetPledgeTerms, { pledgeId }), pledgeId);
}

export function getReceipt(ledger: Ledger, receiptId: string): Promise<WarehouseReceipt> {
  return evaluateJson(ledger, call(tx.warehouse.GetReceipt, { receiptId }));
}

export function getPledge(ledger: Ledger, pledgeId: string): Promise<Pledge> {
  return evaluateJson(ledger, call(tx.warehouse.GetPledge, { pledgeId }));
}

/** The chaincode answers null for a price never set; over REST that is a 404 like any missing object. */
export async function getPrice(ledger: Ledger, key: PriceKey): Promise<CommodityPrice> {
  const price = await evaluateJson<CommodityPrice | null>(
    ledger,
    call(tx.warehouse.GetPrice, { commodity: key.commodity, grade: key.grade, unit: key.unit }),
  );
  if (price === null) {
    throw new ApiError(ErrorCode.NOT_FOUND, `no price is set for ${key.commodity} ${key.grade} per ${key.unit}`);
  }
  return price;
}

export function listReceiptsByOwner(ledger: Ledger, ownerId: string): Promise<readonly WarehouseReceipt[]> {
  return evaluateJson(ledger, call(tx.warehouse.ListReceiptsByOwner, { ownerId }));
}

export function getReceiptHistory(ledger: Ledger, receiptId: string): Promise<readonly HistoryEntry<WarehouseReceipt>[]> {
  return evaluateJson(ledger, call(tx.warehouse.GetReceiptHistory, { receiptId }));
}

export function getPledgeHistory(ledger: Ledger, pledgeId: string): Promise<readonly HistoryEntry<Pledge>[]> {
  return evaluateJson(ledger, call(tx.warehouse.GetPledgeHistory, { pledgeId }));
}
