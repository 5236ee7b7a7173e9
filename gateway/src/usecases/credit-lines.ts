import { randomBytes } from 'node:crypto';
import type { Ledger } from '../ledger/ledger';
import { type Committed, evaluateJson, evaluateSealedJson, type HistoryEntry, submitJson } from './ledger-json';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { formatEpochDay, parseIsoDate } from '@scf/kernel/dates';
import { formatAmount, parseAmount } from '@scf/kernel/money';
import {
  type ConsortiumCap,
  type CoreExposure,
  type CreditLine,
  type CreditLineExposure,
  type CreditLineTerms,
  type CreditLineView,
  exposureWithTerms,
  lineWithTerms,
  TRANCHES_PER_LINE,
} from '@scf/kernel/records/credit-line';
import { creditLineTermsHash, initialTrancheLimits } from '@scf/kernel/records/line-terms';
import { ROLE_HOME_ORGS } from '@scf/kernel/roles';
import { TransientKey } from '@scf/kernel/transient';

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

/** The line's terms as the bank's gateway builds them: a fresh secret salt, canonical amounts, the limit split evenly over the tranches. */
export function newLineTerms(grant: CreditLineGrant, salt: string = randomBytes(32).toString('hex')): CreditLineTerms {
  const limit = parseAmount(grant.limit, 'limit');
  return {
    salt,
    limit: formatAmount(limit),
    expiresOn: formatEpochDay(parseIsoDate(grant.expiresOn, 'expiresOn')),
    maxAdvanceRateBps: formatAmount(parseAmount(grant.maxAdvanceRateBps, 'maxAdvanceRateBps')),
    maxTenorDays: grant.maxTenorDays,
    graceDays: grant.graceDays,
    trancheLimits: initialTrancheLimits(limit, TRANCHES_PER_LINE),
  };
}

function lineTermsTransient(terms: CreditLineTerms): Readonly<Record<string, string>> {
  return { [TransientKey.lineTerms]: JSON.stringify(terms) };
}

/**
 * Grants a line in two transactions: GrantCreditLine puts the public line with the commitment to
 * its terms (its new keys need the chaincode-level policy, several orgs' peers), then
 * RecordCreditLineTerms stores the terms in the bank × core collection, endorsed by the caller's
 * bank peer only (the gateway must not send them to a peer outside the collection). The answer
 * is the line with its terms, as its bank reads it.
 */
export async function grantCreditLine(ledger: Ledger, grant: CreditLineGrant): Promise<Committed<CreditLineView>> {
  const terms = newLineTerms(grant);
  const { lineId, coreId, currency } = grant;
  await submitJson(ledger, call(tx.creditLine.GrantCreditLine, { lineId, coreId, currency, termsHash: creditLineTermsHash(terms) }));
  const recorded = await submitJson<CreditLine>(ledger, call(tx.creditLine.RecordCreditLineTerms, { lineId }), {
    transient: lineTermsTransient(terms),
    endorsingOrganizations: [ledger.identity.mspId],
  });
  return { ...lineWithTerms(recorded, terms), transactionId: recorded.transactionId, blockNumber: recorded.blockNumber };
}

/** The new limit travels in the transient map only, to the bank's own peer (which holds the terms it re-spreads). */
export async function setCreditLineLimit(ledger: Ledger, lineId: string, limit: string): Promise<Committed<CreditLineView>> {
  const updated = await submitJson<CreditLine>(ledger, call(tx.creditLine.SetCreditLineLimit, { lineId }), {
    transient: { [TransientKey.limit]: limit },
    endorsingOrganizations: [ledger.identity.mspId],
  });
  const terms = await getCreditLineTerms(ledger, lineId);
  return { ...lineWithTerms(updated, terms), transactionId: updated.transactionId, blockNumber: updated.blockNumber };
}

export function closeCreditLine(ledger: Ledger, lineId: string): Promise<Committed<CreditLine>> {
  return submitJson(ledger, call(tx.creditLine.CloseCreditLine, { lineId }));
}

export function setConsortiumCap(ledger: Ledger, coreId: string, currency: string, cap: string): Promise<Committed<ConsortiumCap>> {
  return submitJson(ledger, call(tx.creditLine.SetConsortiumCap, { coreId, currency, cap }));
}

/** The line's private terms, for its bank and core enterprise: evaluated, and sealed to the caller's key by the chaincode all the same. */
export function getCreditLineTerms(ledger: Ledger, lineId: string): Promise<CreditLineTerms> {
  return evaluateSealedJson(ledger, call(tx.creditLine.GetCreditLineTerms, { lineId }), lineId);
}

/** Whether the caller is one of the line's two parties who hold its terms (its bank's org, its core enterprise's org). */
function holdsTerms(ledger: Ledger, line: CreditLine): boolean {
  const mspId = ledger.identity.mspId;
  return line.termsRecorded && (mspId === line.bankMsp || ROLE_HOME_ORGS['core-enterprise'].includes(mspId));
}

/**
 * The line and what is drawn on it; for its bank and its core enterprise also its terms, its
 * headroom and each tranche's limit (read sealed, GetCreditLineTerms). The auditor and everyone
 * else get the public part only: the headroom would give the limit away.
 */
export async function getCreditLine(ledger: Ledger, lineId: string): Promise<CreditLineExposure> {
  const exposure = await evaluateJson<CreditLineExposure>(ledger, call(tx.creditLine.GetCreditLine, { lineId }));
  if (!holdsTerms(ledger, exposure.line)) {
    return exposure;
  }
  return exposureWithTerms(exposure, await getCreditLineTerms(ledger, lineId));
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
