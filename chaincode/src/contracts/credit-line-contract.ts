import { Info, Returns, Transaction } from 'fabric-contract-api';
import { capShareLimits, closeCreditLine, resizedSlotLimits } from '../domain/credit-line';
import {
  coreExposure,
  drawnBySlot,
  getCap,
  insertCreditLine,
  listCreditLines,
  listTranches,
  requireCreditLine,
  saveCap,
  totalDrawn,
  updateCreditLine,
} from '../ledger/credit-lines';
import { requireParticipant } from '../ledger/participants';
import type { Store } from '../ledger/store';
import { EVENTS } from './events';
import { lineTermsStored, readLineTerms, sealedLineTerms, storeLineTerms, transientLimit, verifiedLineTerms } from './line-terms-support';
import { ReadScope } from './read-scope';
import { ScfContext, toJson } from './scf-context';
import { ScfContract } from './scf-contract';
import { catalogue, fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { parseIsoDate } from '@scf/kernel/dates';
import { ErrorCode, ensure } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import { formatAmount, parseAmount, parsePositiveAmount } from '@scf/kernel/money';
import {
  type ConsortiumCap,
  type CreditLine,
  type CreditLineTerms,
  SHARDS_PER_CAP,
  TRANCHES_PER_LINE,
  type CreditLineExposure,
} from '@scf/kernel/records/credit-line';
import type { Participant } from '@scf/kernel/records/participant';
import { BANK_ORGS } from '@scf/kernel/roles';
import { creditLineTermsHash } from '@scf/kernel/records/line-terms';
import { parseCurrency, parseId, parseMspId, parseSha256Hex } from '@scf/kernel/text';
import { directParties, mayRead } from '@scf/kernel/visibility';

async function requireCoreEnterprise(store: Store, coreId: string): Promise<Participant> {
  const core = await requireParticipant(store, parseId(coreId, 'coreId'));
  ensure(
    core.role === 'core-enterprise' && core.status === 'ACTIVE',
    ErrorCode.INVALID_ARGUMENT,
    `${core.id} is not an active core enterprise`,
  );
  return core;
}

async function requireOwnLine(ctx: ScfContext, lineId: string): Promise<CreditLine> {
  const line = await requireCreditLine(ctx.store, parseId(lineId, 'lineId'));
  ensure(line.bankMsp === ctx.caller.mspId, ErrorCode.FORBIDDEN, `credit line ${line.id} belongs to ${line.bankMsp}`);
  return line;
}

/** Banks' credit lines to core enterprises, and the consortium-wide cap on each core enterprise. */
@Info({ title: 'CreditLineContract', description: 'Credit lines (split into tranches) and consortium caps (split into shards)' })
export class CreditLineContract extends ScfContract {
  constructor() {
    super(catalogue.creditLine);
  }

  /**
   * A bank officer grants its bank's line. The public record keeps only `termsHash`, the commitment
   * to the line's salted terms; RecordCreditLineTerms then stores the terms themselves privately.
   * (Two transactions: creating the line's keys needs the chaincode-level policy, several orgs'
   * peers, but private terms may only go to the bank × core collection's members.)
   */
  @Transaction()
  @Returns('string')
  public async GrantCreditLine(ctx: ScfContext, lineId: string, coreId: string, currency: string, termsHash: string): Promise<string> {
    const core = await requireCoreEnterprise(ctx.store, coreId);
    const line: CreditLine = {
      id: parseId(lineId, 'lineId'),
      bankMsp: ctx.caller.mspId,
      grantedBy: ctx.participant.id,
      coreId: core.id,
      currency: parseCurrency(currency, 'currency'),
      termsHash: parseSha256Hex(termsHash, 'termsHash'),
      termsRecorded: false,
      trancheCount: TRANCHES_PER_LINE,
      status: 'ACTIVE',
      createdAt: ctx.now.iso,
      updatedAt: ctx.now.iso,
    };
    await ctx.store.ensureAbsent(KeyType.creditLine, [line.id], `credit line ${line.id}`);
    await insertCreditLine(ctx.store, line);
    ctx.emit(EVENTS.creditLineGranted, { lineId: line.id, bankMsp: line.bankMsp, coreId: line.coreId, currency: line.currency });
    return toJson(line);
  }

  /** The line's bank stores the terms it committed to (transient "lineTerms") in its bank × core collection, once. */
  @Transaction()
  @Returns('string')
  public async RecordCreditLineTerms(ctx: ScfContext, lineId: string): Promise<string> {
    const line = await requireOwnLine(ctx, lineId);
    const terms = verifiedLineTerms(ctx, line);
    ensure(parseIsoDate(terms.expiresOn, 'terms.expiresOn') >= ctx.now.day, ErrorCode.INVALID_ARGUMENT, 'terms.expiresOn is in the past');
    ensure(
      !line.termsRecorded && !(await lineTermsStored(ctx, line)),
      ErrorCode.ALREADY_EXISTS,
      `terms of credit line ${line.id} are already recorded`,
    );
    const recorded: CreditLine = { ...line, termsRecorded: true, updatedAt: ctx.now.iso };
    await storeLineTerms(ctx, recorded, terms);
    await updateCreditLine(ctx.store, recorded);
    ctx.emit(EVENTS.creditLineTermsRecorded, { lineId: line.id, bankMsp: line.bankMsp });
    return toJson(recorded);
  }

  /**
   * The new limit comes in the transient map ("limit"); the tranche limits are re-spread in the
   * private terms (refused below what is drawn) and the line commits to the new terms. Endorsed by
   * the bank's peer, which holds the current terms.
   */
  @Transaction()
  @Returns('string')
  public async SetCreditLineLimit(ctx: ScfContext, lineId: string): Promise<string> {
    const line = await requireOwnLine(ctx, lineId);
    const { terms } = await readLineTerms(ctx, line);
    const newLimit = parsePositiveAmount(transientLimit(ctx), 'limit');
    const tranches = await listTranches(ctx.store, line.id);
    const trancheLimits = resizedSlotLimits(
      newLimit,
      tranches.map((t) => BigInt(t.drawn)),
      `credit line ${line.id}`,
    );
    const updatedTerms: CreditLineTerms = { ...terms, limit: formatAmount(newLimit), trancheLimits };
    const updated: CreditLine = { ...line, termsHash: creditLineTermsHash(updatedTerms), updatedAt: ctx.now.iso };
    await storeLineTerms(ctx, updated, updatedTerms);
    await updateCreditLine(ctx.store, updated);
    ctx.emit(EVENTS.creditLineLimitChanged, { lineId: line.id });
    return toJson(updated);
  }

  /** No new financings; existing ones run to repayment. */
  @Transaction()
  @Returns('string')
  public async CloseCreditLine(ctx: ScfContext, lineId: string): Promise<string> {
    const closed = closeCreditLine(await requireOwnLine(ctx, lineId), ctx.now.iso);
    await updateCreditLine(ctx.store, closed);
    ctx.emit(EVENTS.creditLineClosed, { lineId: closed.id });
    return toJson(closed);
  }

  /**
   * The auditor caps one core enterprise's financed exposure across all banks, per currency; the
   * cap is split evenly into the bank orgs' shares, each bank's share into its slots.
   */
  @Transaction()
  @Returns('string')
  public async SetConsortiumCap(ctx: ScfContext, coreId: string, currency: string, cap: string): Promise<string> {
    const core = await requireCoreEnterprise(ctx.store, coreId);
    const code = parseCurrency(currency, 'currency');
    const total = parseAmount(cap, 'cap');
    const existing = await getCap(ctx.store, core.id, code);
    const slotCount = existing?.shardCount ?? SHARDS_PER_CAP;
    const drawnByBank = existing ? await drawnBySlot(ctx.store, core.id, code) : undefined;
    const shares = capShareLimits(total, BANK_ORGS, slotCount, drawnByBank, `the cap on ${core.id}`);
    const record: ConsortiumCap = {
      coreId: core.id,
      currency: code,
      cap: formatAmount(total),
      shares: shares.map(({ bankMsp, share }) => ({ bankMsp, limit: share })),
      shardCount: slotCount,
      setBy: ctx.participant.id,
      updatedAt: ctx.now.iso,
    };
    const slots = shares.flatMap(({ bankMsp, limits }) =>
      limits.map((limit, index) => ({ coreId: core.id, currency: code, bankMsp, index, limit })),
    );
    await saveCap(ctx.store, record, ctx.caller.mspId, slots, existing === undefined);
    ctx.emit(EVENTS.consortiumCapSet, { coreId: core.id, currency: code, cap: record.cap });
    return toJson(record);
  }

  /** The line's public part with what is drawn on it, in all and per tranche (its terms: GetCreditLineTerms). */
  @Transaction(false)
  @Returns('string')
  public async GetCreditLine(ctx: ScfContext, lineId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const stored = await requireCreditLine(ctx.store, parseId(lineId, 'lineId'));
    const line = scope.require(scope.seesCreditLine(stored), stored, `credit line ${stored.id}`);
    const tranches = await listTranches(ctx.store, line.id);
    const exposure: CreditLineExposure = { line, drawn: formatAmount(totalDrawn(tranches)), tranches };
    return toJson(exposure);
  }

  /** The line's private terms, for its bank (officers, risk gateway) and its core enterprise, sealed to the caller's key. */
  @Transaction(false)
  @Returns('string')
  public async GetCreditLineTerms(ctx: ScfContext, lineId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const line = await requireCreditLine(ctx.store, parseId(lineId, 'lineId'));
    // The visibility table's lineTerms row: the line's bank and its core enterprise, not the auditor.
    scope.require(mayRead(scope.reader, 'lineTerms', directParties('creditLine', line)), line, `the terms of credit line ${line.id}`);
    return toJson(await sealedLineTerms(ctx, line, fcn(tx.creditLine.GetCreditLineTerms), line.id));
  }

  /** A core enterprise's aggregate exposure across all banks against its cap, each bank's share, and the shards. */
  @Transaction(false)
  @Returns('string')
  public async GetCoreExposure(ctx: ScfContext, coreId: string, currency: string): Promise<string> {
    return toJson(await coreExposure(ctx.store, parseId(coreId, 'coreId'), parseCurrency(currency, 'currency')));
  }

  @Transaction(false)
  @Returns('string')
  public async ListCreditLinesByBank(ctx: ScfContext, bankMsp: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const lines = await listCreditLines(ctx.store, KeyType.linesByBank, parseMspId(bankMsp, 'bankMsp'));
    return toJson(lines.filter((line) => scope.seesCreditLine(line)));
  }

  @Transaction(false)
  @Returns('string')
  public async ListCreditLinesByCore(ctx: ScfContext, coreId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const lines = await listCreditLines(ctx.store, KeyType.linesByCore, parseId(coreId, 'coreId'));
    return toJson(lines.filter((line) => scope.seesCreditLine(line)));
  }

  @Transaction(false)
  @Returns('string')
  public async GetCreditLineHistory(ctx: ScfContext, lineId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const line = await requireCreditLine(ctx.store, parseId(lineId, 'lineId'));
    scope.require(scope.seesCreditLine(line), line, `credit line ${line.id}`);
    return toJson(await ctx.store.history(KeyType.creditLine, [line.id]));
  }
}
