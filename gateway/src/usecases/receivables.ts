import type { Ledger } from '../ledger/ledger';
import { type Committed, evaluateJson, type HistoryEntry, submitJson } from './ledger-json';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import type { Financing } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';

import { type Dilution, type DilutionKind, type DilutionRequest, isExpired } from '@scf/kernel/records/dilution';
import { txTimeFromSeconds } from '@scf/kernel/dates';
import { whoAmI } from './participants';

export type { Dilution, DilutionKind } from '@scf/kernel/records/dilution';

export interface Issuance {
  readonly receivableId: string;
  readonly debtorId: string;
  readonly invoiceNumber: string;
  readonly currency: string;
  readonly amount: string;
  readonly issueDate: string;
  readonly dueDate: string;
}

export interface SplitPart {
  readonly id: string;
  readonly amount: string;
  readonly holderId: string;
}

export interface SplitResult {
  readonly parent: Receivable;
  readonly children: readonly Receivable[];
}

export interface DilutionRecord {
  readonly dilutionId: string;
  readonly kind: DilutionKind;
  readonly amount: string;
  readonly reference: string;
}

export interface DilutionResult {
  readonly receivable: Receivable;
  readonly dilution: Dilution;
  readonly financing: Financing | null;
}

export function issueReceivable(ledger: Ledger, issuance: Issuance): Promise<Committed<Receivable>> {
  const { receivableId, debtorId, invoiceNumber, currency, amount, issueDate, dueDate } = issuance;
  return submitJson(
    ledger,
    call(tx.receivable.IssueReceivable, { receivableId, debtorId, invoiceNumber, currency, amount, issueDate, dueDate }),
  );
}

export function confirmReceivable(ledger: Ledger, receivableId: string): Promise<Committed<Receivable>> {
  return submitJson(ledger, call(tx.receivable.ConfirmReceivable, { receivableId }));
}

export function disputeReceivable(ledger: Ledger, receivableId: string, reason: string): Promise<Committed<Receivable>> {
  return submitJson(ledger, call(tx.receivable.DisputeReceivable, { receivableId, reason }));
}

export function splitReceivable(ledger: Ledger, receivableId: string, parts: readonly SplitPart[]): Promise<Committed<SplitResult>> {
  const partsJson = JSON.stringify(parts.map(({ id, amount, holderId }) => ({ id, amount, holderId })));
  return submitJson(ledger, call(tx.receivable.SplitReceivable, { receivableId, partsJson }));
}

/**
 * A transfer is a one-part split of everything outstanding. The amount is read first; if it
 * changes before the split commits, the chaincode refuses the split (parts must sum to outstanding).
 */
export async function transferReceivable(
  ledger: Ledger,
  receivableId: string,
  newReceivableId: string,
  holderId: string,
): Promise<Committed<SplitResult>> {
  const { outstanding } = await getReceivable(ledger, receivableId);
  return splitReceivable(ledger, receivableId, [{ id: newReceivableId, amount: outstanding, holderId }]);
}

export function recordDilution(ledger: Ledger, receivableId: string, dilution: DilutionRecord): Promise<Committed<DilutionResult>> {
  const { dilutionId, kind, amount, reference } = dilution;
  return submitJson(ledger, call(tx.receivable.RecordDilution, { receivableId, dilutionId, kind, amount, reference }));
}

export interface DilutionAsk {
  readonly dilutionId: string;
  readonly kind: DilutionKind;
  readonly amount: string;
  readonly reference: string;
  readonly expiresAt: string;
}

export interface DilutionAcceptance {
  readonly receivable: Receivable;
  readonly dilution: Dilution;
  readonly request: DilutionRequest;
  readonly financing: Financing | null;
}

/** The debtor asks the holder to accept a credit note or return (scf.receivable:RequestDilution). */
export function requestDilution(ledger: Ledger, receivableId: string, ask: DilutionAsk): Promise<Committed<DilutionRequest>> {
  const { dilutionId, kind, amount, reference, expiresAt } = ask;
  return submitJson(ledger, call(tx.receivable.RequestDilution, { receivableId, dilutionId, kind, amount, reference, expiresAt }));
}

export function acceptDilution(ledger: Ledger, receivableId: string, dilutionId: string): Promise<Committed<DilutionAcceptance>> {
  return submitJson(ledger, call(tx.receivable.AcceptDilution, { receivableId, dilutionId }));
}

export function rejectDilution(
  ledger: Ledger,
  receivableId: string,
  dilutionId: string,
  reason: string,
): Promise<Committed<DilutionRequest>> {
  return submitJson(ledger, call(tx.receivable.RejectDilution, { receivableId, dilutionId, reason }));
}

export function withdrawDilution(ledger: Ledger, receivableId: string, dilutionId: string): Promise<Committed<DilutionRequest>> {
  return submitJson(ledger, call(tx.receivable.WithdrawDilution, { receivableId, dilutionId }));
}

export function listDilutionRequests(ledger: Ledger, receivableId: string): Promise<readonly DilutionRequest[]> {
  return evaluateJson(ledger, call(tx.receivable.ListDilutionRequests, { receivableId }));
}

/**
 * The debtors' dilution requests waiting for the caller (as holder) to accept or reject, each
 * marked expired by `nowSeconds` (an expired one can only be rejected now). None for a caller
 * that is not a registered participant.
 */
export async function pendingDilutionsFor(
  ledger: Ledger,
  nowSeconds: number,
): Promise<readonly { readonly request: DilutionRequest; readonly expired: boolean }[]> {
  const { participant } = await whoAmI(ledger);
  if (participant === null) {
    return [];
  }
  const pending = await evaluateJson<readonly DilutionRequest[]>(
    ledger,
    call(tx.receivable.ListPendingDilutions, { holderId: participant.id }),
  );
  const now = txTimeFromSeconds(BigInt(Math.floor(nowSeconds))).iso;
  return pending.map((request) => ({ request, expired: isExpired(request, now) }));
}

export function getReceivable(ledger: Ledger, receivableId: string): Promise<Receivable> {
  return evaluateJson(ledger, call(tx.receivable.GetReceivable, { receivableId }));
}

export function listReceivablesByHolder(ledger: Ledger, holderId: string): Promise<readonly Receivable[]> {
  return evaluateJson(ledger, call(tx.receivable.ListReceivablesByHolder, { holderId }));
}

export function listReceivablesByDebtor(ledger: Ledger, debtorId: string): Promise<readonly Receivable[]> {
  return evaluateJson(ledger, call(tx.receivable.ListReceivablesByDebtor, { debtorId }));
}

export function listDilutions(ledger: Ledger, receivableId: string): Promise<readonly Dilution[]> {
  return evaluateJson(ledger, call(tx.receivable.ListDilutions, { receivableId }));
}

export function getReceivableHistory(ledger: Ledger, receivableId: string): Promise<readonly HistoryEntry<Receivable>[]> {
  return evaluateJson(ledger, call(tx.receivable.GetReceivableHistory, { receivableId }));
}
