import { randomBytes } from 'node:crypto';
import { ApiError } from '../http/api-error';
import { isRefusal } from '../ledger/errors';
import type { Ledger } from '../ledger/ledger';
import type { LineTermsKeeper } from '../store/line-terms-keeper';
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
import { ErrorCode } from '@scf/kernel/errors';
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
 *
 * The salted terms are kept (`keeper`, the gateway's SQLite) before the commitment is sent and
 * forgotten once recorded: a grant cut between the two (a crash, a lost answer, a failed second
 * transaction) is finished by granting the same line with the same terms again, which reuses the
 * kept salt, finds the line committed to it and records the terms. Other terms for a line that is
 * waiting for its own are refused (ALREADY_EXISTS), never kept over them.
 */
export async function grantCreditLine(ledger: Ledger, grant: CreditLineGrant, keeper: LineTermsKeeper): Promise<Committed<CreditLineView>> {
  const bankMsp = ledger.identity.mspId;
  const { lineId, coreId, currency } = grant;
  const terms = await termsToGrant(ledger, keeper, grant);
  const termsHash = creditLineTermsHash(terms);
  keeper.keep(bankMsp, lineId, terms);
  try {
    await submitJson(ledger, call(tx.creditLine.GrantCreditLine, { lineId, coreId, currency, termsHash }));
  } catch (error) {
    // Anything but a repeat may still have committed: the kept terms stay for the retry.
    if (!isRefusal(error, ErrorCode.ALREADY_EXISTS)) {
      throw error;
    }
    // A repeat: of an earlier attempt with these very terms (go on to record them), or a line with
    // other terms, which these will never be.
    if (!(await awaitingTerms(ledger, lineId, termsHash))) {
      keeper.forget(bankMsp, lineId);
      throw error;
    }
  }
  const recorded = await submitJson<CreditLine>(ledger, call(tx.creditLine.RecordCreditLineTerms, { lineId }), {
    transient: lineTermsTransient(terms),
    endorsingOrganizations: [bankMsp],
  });
  keeper.forget(bankMsp, lineId);
  return { ...lineWithTerms(recorded, terms), transactionId: recorded.transactionId, blockNumber: recorded.blockNumber };
}

/** The kept terms when `grant` repeats them (same terms, the kept salt); fresh terms when nothing of this line waits for its own. */
async function termsToGrant(ledger: Ledger, keeper: LineTermsKeeper, grant: CreditLineGrant): Promise<CreditLineTerms> {
  const kept = keeper.kept(ledger.identity.mspId, grant.lineId);
  if (kept === undefined) {
    return newLineTerms(grant);
  }
  const keptHash = creditLineTermsHash(kept);
  if (creditLineTermsHash(newLineTerms(grant, kept.salt)) === keptHash) {
    return kept;
  }
  if (await awaitingTerms(ledger, grant.lineId, keptHash)) {
    throw new ApiError(
      ErrorCode.ALREADY_EXISTS,
      `credit line ${grant.lineId} was granted with other terms that are not recorded yet: grant it again with the same terms`,
    );
  }
  return newLineTerms(grant);
}

/** Whether the caller's bank's line `lineId` is on the ledger, committed to `termsHash`, its terms not yet recorded. */
async function awaitingTerms(ledger: Ledger, lineId: string, termsHash: string): Promise<boolean> {
  try {
    const { line } = await evaluateJson<CreditLineExposure>(ledger, call(tx.creditLine.GetCreditLine, { lineId }));
    return line.bankMsp === ledger.identity.mspId && line.termsHash === termsHash && !line.termsRecorded;
  } catch (error) {
    if (isRefusal(error, ErrorCode.NOT_FOUND)) {
      return false;
    }
    throw error;
  }
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
