import type { Ledger } from '../ledger/ledger';
import { type Committed, evaluateJson, type HistoryEntry, submitJson } from './ledger-json';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import type { ConsortiumCap, CoreExposure, CreditLine, CreditLineExposure } from '@scf/kernel/records/credit-line';

export interface CreditLineGrant {
  readonly lineId: string;
  readonly coreId: string;
  readonly currency: string;
  readonly limit: string;
  readonly expiresOn: string;
  readonly maxAdvanceRateBps: string;
  readonly maxTenorDays: number;
  readonly graceDays: number;
}

export function grantCreditLine(ledger: Ledger, grant: CreditLineGrant): Promise<Committed<CreditLine>> {
  const { lineId, coreId, currency, limit, expiresOn, maxAdvanceRateBps, maxTenorDays, graceDays } = grant;
  return submitJson(
    ledger,
    call(tx.creditLine.GrantCreditLine, {
      lineId,
      coreId,
      currency,
      limit,
      expiresOn,
      maxAdvanceRateBps,
      maxTenorDays: String(maxTenorDays),
      graceDays: String(graceDays),
    }),
  );
}

export function setCreditLineLimit(ledger: Ledger, lineId: string, limit: string): Promise<Committed<CreditLine>> {
  return submitJson(ledger, call(tx.creditLine.SetCreditLineLimit, { lineId, limit }));
}

export function closeCreditLine(ledger: Ledger, lineId: string): Promise<Committed<CreditLine>> {
  return submitJson(ledger, call(tx.creditLine.CloseCreditLine, { lineId }));
}

export function setConsortiumCap(ledger: Ledger, coreId: string, currency: string, cap: string): Promise<Committed<ConsortiumCap>> {
  return submitJson(ledger, call(tx.creditLine.SetConsortiumCap, { coreId, currency, cap }));
}

export function getCreditLine(ledger: Ledger, lineId: string): Promise<CreditLineExposure> {
  return evaluateJson(ledger, call(tx.creditLine.GetCreditLine, { lineId }));
}

export function getCoreExposure(ledger: Ledger, coreId: string, currency: string): Promise<CoreExposure> {
  return evaluateJson(ledger, call(tx.creditLine.GetCoreExposure, { coreId, currency }));
}

export function listCreditLinesByBank(ledger: Ledger, bankMsp: string): Promise<readonly CreditLine[]> {
  return evaluateJson(ledger, call(tx.creditLine.ListCreditLinesByBank, { bankMsp }));
}

export function listCreditLinesByCore(ledger: Ledger, coreId: string): Promise<readonly CreditLine[]> {
  return evaluateJson(ledger, call(tx.creditLine.ListCreditLinesByCore, { coreId }));
}

export function getCreditLineHistory(ledger: Ledger, lineId: string): Promise<readonly HistoryEntry<CreditLine>[]> {
  return evaluateJson(ledger, call(tx.creditLine.GetCreditLineHistory, { lineId }));
}
