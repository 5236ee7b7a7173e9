import { demoParticipant } from '@scf/gateway/demo/demo-participants';
import type { CreditLineGrant } from '../../gateway/src/usecases/credit-lines';
import { CommitError, EndorseError, StatusCode } from '@hyperledger/fabric-gateway';
import { Contract } from '@scf/network';
import { blockHeight, utf8, withContract } from './fabric';
import { randomBytes } from 'node:crypto';
import { call, type ArgsOf, type ContractName, type EvaluateCall, type SubmitCall, tx } from '@scf/kernel/catalogue/catalogue';
import { type CreditLine, type CreditLineTerms, TRANCHES_PER_LINE } from '@scf/kernel/records/credit-line';
import type { Financing } from '@scf/kernel/records/financing';
import { creditLineTermsHash, initialTrancheLimits } from '@scf/kernel/records/line-terms';
import { TransientKey } from '@scf/kernel/transient';

/** Runs `fn` with a contract of the chaincode, signed by one demo participant's certificate. */
export function asParticipant<T>(participantId: string, contractName: ContractName, fn: (contract: Contract) => Promise<T>): Promise<T> {
  const p = demoParticipant(participantId);
  return withContract(p.org, p.user, contractName, fn).catch((error: unknown) => {
    throw withPeerDetails(error);
  });
}

/**
 * fabric-gateway's errors carry each peer's answer in `details`, which jest does not print: a
 * refusal then reads only "failed to endorse transaction". The peers' answers are appended to
 * the message (the error object, and its `details` for chaincodeErrorCode, stay the same).
 */
function withPeerDetails(error: unknown): unknown {
  const details = (error as { details?: { mspId?: string; address?: string; message?: string }[] }).details;
  if (error instanceof Error && Array.isArray(details) && details.length > 0 && !error.message.includes('\n  peer ')) {
    error.message += details.map((d) => `\n  peer ${d.mspId ?? '?'} ${d.address ?? ''}: ${d.message ?? ''}`).join('');
  }
  return error;
}

/** Submits a transaction (`call(tx.receivable.ConfirmReceivable, { receivableId })`) as a participant and parses the JSON it returns. */
export async function submitAs<T>(
  participantId: string,
  transaction: SubmitCall,
  options: { transient?: Record<string, string>; endorsingOrganizations?: string[] } = {},
): Promise<T> {
  await caughtUp(demoParticipant(participantId).org);
  const transient = await withLineTerms(transaction, options.transient);
  return asParticipant(participantId, transaction.contract, async (contract) => {
    const submitted = await contract.submitAsync(transaction.transaction, {
      arguments: [...transaction.args],
      transientData: transient,
      endorsingOrganizations: options.endorsingOrganizations,
    });
    const status = await submitted.getStatus();
    if (!status.successful) {
      throw new CommitError({
        code: status.code,
        transactionId: status.transactionId,
        message: `${transaction.transaction} committed as invalid (${String(status.code)})`,
      });
    }
    lastCommittedBlock = status.blockNumber > lastCommittedBlock ? status.blockNumber : lastCommittedBlock;
    // The commit status comes from the submitter's own peer: it holds that block.
    heightSeen(demoParticipant(participantId).org, status.blockNumber + 1n);
    return JSON.parse(utf8.decode(submitted.getResult())) as T;
  });
}

/** The highest block a submitAs of this test file saw commit (at the submitter's own peer). */
let lastCommittedBlock = 0n;
/** The highest height each org's peer was seen at: a peer already past the last commit needs no query. */
const heights = new Map<string, bigint>();

function heightSeen(orgName: string, height: bigint): bigint {
  const known = heights.get(orgName) ?? 0n;
  const highest = height > known ? height : known;
  heights.set(orgName, highest);
  return highest;
}

/**
 * Read-your-writes across peers: a submit returns once the submitter's peer committed, another
 * org's peer may be a block behind. An evaluation (and a submit, whose endorsement reads at the
 * caller's peer first) waits (bounded) until the caller's peer holds every block this test file saw commit.
 */
async function caughtUp(orgName: string): Promise<void> {
  if ((heights.get(orgName) ?? 0n) > lastCommittedBlock) {
    return;
  }
  const deadline = Date.now() + 15_000;
  while (heightSeen(orgName, BigInt(await blockHeight(orgName))) <= lastCommittedBlock) {
    if (Date.now() > deadline) {
      throw new Error(`${orgName}'s peer is still below block ${String(lastCommittedBlock)} after 15 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function evaluateAs<T>(
  participantId: string,
  query: EvaluateCall,
  options: { transient?: Record<string, string> } = {},
): Promise<T> {
  await caughtUp(demoParticipant(participantId).org);
  return asParticipant(participantId, query.contract, async (contract) => {
    const result = await contract.evaluate(query.transaction, { arguments: [...query.args], transientData: options.transient });
    return JSON.parse(utf8.decode(result)) as T;
  });
}

/** Outcome of one submit: COMMITTED, REFUSED:<chaincode code> at endorsement, or INVALID:<validation code> at commit. */
export async function outcome(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'COMMITTED';
  } catch (error) {
    if (error instanceof EndorseError) {
      return `REFUSED:${chaincodeErrorCode(error) ?? 'UNKNOWN'}`;
    }
    if (error instanceof CommitError) {
      return `INVALID:${Object.entries(StatusCode).find(([, code]) => code === error.code)?.[0] ?? String(error.code)}`;
    }
    throw error;
  }
}

/** A currency code of this run ('Q' and two random letters), for figures other runs and tests must not share. */
export function runCurrency(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const pick = (): string => letters.charAt(Math.floor(Math.random() * letters.length));
  return `Q${pick()}${pick()}`;
}

/** Ids unique to this run: the ledger outlives test runs when `npm start` keeps the network up. */
export function runId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/**
 * A receivable face of about 1,000,000 (1,000,001 … 1,009,999) that other runs and tests on the
 * same day are unlikely to share: the risk gate sends a financing to review when another root
 * receivable of the same seller and debtor has the same amount and dates (INVOICE_NEAR_DUPLICATE).
 */
export function runUniqueFace(): bigint {
  return 1_000_000n + BigInt(1 + Math.floor(Math.random() * 9_999));
}

/** ISO date `days` from today (UTC); the chaincode compares dates with the transaction timestamp. */
export function isoDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Parses the chaincode's JSON error code out of an EndorseError's details. */
export function chaincodeErrorCode(error: unknown): string | undefined {
  const details = (error as { details?: { message: string }[] }).details ?? [];
  for (const detail of details) {
    const start = detail.message.indexOf('{"code":');
    if (start >= 0) {
      try {
        return (JSON.parse(detail.message.slice(start)) as { code: string }).code;
      } catch {
        continue;
      }
    }
  }
  return undefined;
}

/** POST /v1/credit-lines' body for the same line as lineTerms (the REST API takes the day counts as numbers). */
export function restLineTerms(lineId: string, overrides: Partial<LineGrant> = {}): Record<string, string | number> {
  const { maxTenorDays, graceDays, ...terms } = lineTerms(lineId, overrides);
  return { ...terms, maxTenorDays: Number(maxTenorDays), graceDays: Number(graceDays) };
}

/** A line as a bank grants it (the gateway's grant, with the day counts as the chaincode's decimal strings). */
export type LineGrant = Omit<CreditLineGrant, 'maxTenorDays' | 'graceDays'> & { readonly maxTenorDays: string; readonly graceDays: string };

/** The line the ledger tests use: USD 50,000,000 to 'core' for a year, 90 % advance, 180-day tenor (grantLineAs grants it). */
export function lineTerms(lineId: string, overrides: Partial<LineGrant> = {}): LineGrant {
  return {
    lineId,
    coreId: 'core',
    currency: 'USD',
    limit: '50000000',
    expiresOn: isoDay(365),
    maxAdvanceRateBps: '9000',
    maxTenorDays: '180',
    graceDays: '10',
    ...overrides,
  };
}

/** The terms of the lines this test file granted (each test file runs in one jest worker), as the banks' gateways keep them. */
const grantedTerms = new Map<string, CreditLineTerms>();

/** The private terms of a line this test file granted; throws for another. */
export function grantedLineTerms(lineId: string): CreditLineTerms {
  const terms = grantedTerms.get(lineId);
  if (terms === undefined) {
    throw new Error(`line ${lineId} was not granted by this test file`);
  }
  return terms;
}

/**
 * Grants a line as a bank's gateway does: GrantCreditLine with the commitment to freshly salted
 * terms, then RecordCreditLineTerms with the terms in the transient map, endorsed by the bank's
 * own peer only. Returns the line as recorded (its public part).
 */
export async function grantLineAs(participantId: string, grant: LineGrant): Promise<CreditLine> {
  const { lineId, coreId, currency } = grant;
  const limit = BigInt(grant.limit);
  const terms: CreditLineTerms = {
    salt: randomBytes(32).toString('hex'),
    limit: grant.limit,
    expiresOn: grant.expiresOn,
    maxAdvanceRateBps: grant.maxAdvanceRateBps,
    maxTenorDays: Number(grant.maxTenorDays),
    graceDays: Number(grant.graceDays),
    trancheLimits: initialTrancheLimits(limit, TRANCHES_PER_LINE),
  };
  await submitAs(participantId, call(tx.creditLine.GrantCreditLine, { lineId, coreId, currency, termsHash: creditLineTermsHash(terms) }));
  grantedTerms.set(lineId, terms);
  return submitAs<CreditLine>(participantId, call(tx.creditLine.RecordCreditLineTerms, { lineId }), {
    transient: { [TransientKey.lineTerms]: JSON.stringify(terms) },
    endorsingOrganizations: [`${demoParticipant(participantId).org}MSP`],
  });
}

/**
 * What a bank's gateway adds to an approval: the line's terms in the transient map (every endorser
 * checks them against the line's commitment). A test passing its own `lineTerms` (a tamper) keeps them.
 */
async function withLineTerms(
  transaction: SubmitCall,
  transient: Record<string, string> | undefined,
): Promise<Record<string, string> | undefined> {
  if (transaction.transaction !== tx.financing.ApproveFinancing.name || (transient !== undefined && TransientKey.lineTerms in transient)) {
    return transient;
  }
  const financing = await evaluateAs<Financing>('auditor', call(tx.financing.GetFinancing, { financingId: String(transaction.args[0]) }));
  const terms = grantedTerms.get(financing.lineId);
  return terms === undefined ? transient : { ...transient, [TransientKey.lineTerms]: JSON.stringify(terms) };
}

/** IssueReceivable's arguments for an invoice on 'core' (USD 1,000,000, issued yesterday, due in 60 days). */
export function invoiceTerms(
  receivableId: string,
  overrides: Partial<ArgsOf<typeof tx.receivable.IssueReceivable>> = {},
): ArgsOf<typeof tx.receivable.IssueReceivable> {
  return {
    receivableId,
    debtorId: 'core',
    invoiceNumber: `INV-${receivableId}`,
    currency: 'USD',
    amount: '1000000',
    issueDate: isoDay(-1),
    dueDate: isoDay(60),
    ...overrides,
  };
}
