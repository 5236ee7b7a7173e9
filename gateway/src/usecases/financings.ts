import type { Ledger } from '../ledger/ledger';
import { type Committed, evaluateJson, evaluateSealedJson, type HistoryEntry, submitJson, termsTransient } from './ledger-json';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import type { Financing } from '@scf/kernel/records/financing';
import type { PrivateTerms } from '@scf/kernel/records/terms';

export interface FinancingRequest {
  readonly financingId: string;
  readonly receivableId: string;
  readonly lineId: string;
  readonly amount: string;
}

export interface TermsRecorded {
  readonly financingId: string;
  readonly termsRecorded: true;
}

export interface DisclosureCheck {
  readonly financingId: string;
  readonly matches: boolean;
}

export function requestFinancing(ledger: Ledger, request: FinancingRequest): Promise<Committed<Financing>> {
  const { financingId, receivableId, lineId, amount } = request;
  return submitJson(ledger, call(tx.financing.RequestFinancing, { financingId, receivableId, lineId, amount }));
}

export function cancelFinancing(ledger: Ledger, financingId: string): Promise<Committed<Financing>> {
  return submitJson(ledger, call(tx.financing.CancelFinancing, { financingId }));
}

/**
 * The bank officer records its private terms. They go only in the transient map, and only to
 * peers of the caller's bank org and the borrower's org (the collection's members): without
 * endorsingOrganizations the gateway could pick a peer that must not see them.
 */
export async function recordFinancingTerms(ledger: Ledger, financingId: string, terms: PrivateTerms): Promise<Committed<TermsRecorded>> {
  const { borrowerMsp } = await getFinancing(ledger, financingId);
  return submitJson(ledger, call(tx.financing.RecordTerms, { financingId }), {
    transient: termsTransient(terms),
    endorsingOrganizations: [ledger.identity.mspId, borrowerMsp],
  });
}

/** Evaluated, and sealed to the caller's key by the chaincode all the same: even a submitted read leaves nothing readable in a block. */
export function getFinancingTerms(ledger: Ledger, financingId: string): Promise<PrivateTerms> {
  return evaluateSealedJson(ledger, call(tx.financing.GetTerms, { financingId }), financingId);
}

/** The auditor checks terms disclosed to it against the hash every peer holds (evaluated; transient). */
export function verifyTermsDisclosure(ledger: Ledger, financingId: string, disclosed: PrivateTerms): Promise<DisclosureCheck> {
  return evaluateJson(ledger, call(tx.financing.VerifyTermsDisclosure, { financingId }), { transient: termsTransient(disclosed) });
}

export function getFinancing(ledger: Ledger, financingId: string): Promise<Financing> {
  return evaluateJson(ledger, call(tx.financing.GetFinancing, { financingId }));
}

export function listFinancingsByBank(ledger: Ledger, bankMsp: string): Promise<readonly Financing[]> {
  return evaluateJson(ledger, call(tx.financing.ListFinancingsByBank, { bankMsp }));
}

export function listFinancingsByBorrower(ledger: Ledger, borrowerId: string): Promise<readonly Financing[]> {
  return evaluateJson(ledger, call(tx.financing.ListFinancingsByBorrower, { borrowerId }));
}

export function listFinancingsByReceivable(ledger: Ledger, receivableId: string): Promise<readonly Financing[]> {
  return evaluateJson(ledger, call(tx.financing.ListFinancingsByReceivable, { receivableId }));
}

export function getFinancingHistory(ledger: Ledger, financingId: string): Promise<readonly HistoryEntry<Financing>[]> {
  return evaluateJson(ledger, call(tx.financing.GetFinancingHistory, { financingId }));
}
