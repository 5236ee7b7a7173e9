import { Info, Returns, Transaction } from 'fabric-contract-api';
import { acceptDilution, rejectDilution, requestDilution, withdrawDilution } from '../domain/consent';
import { recheckCoverage } from '../domain/financing';
import {
  confirmReceivable,
  diluteReceivable,
  disputeReceivable,
  issueReceivable,
  splitReceivable,
  type SplitPart,
} from '../domain/receivable';
import { requireFinancing, updateFinancing } from '../ledger/financings';
import { receivableOwners } from '../ledger/endorsement';
import { requireParticipant } from '../ledger/participants';
import {
  claimFingerprint,
  closeDilutionRequest,
  type Dilution,
  ensureDilutionIsNew,
  ensureFingerprintFree,
  insertDilution,
  insertDilutionRequest,
  insertReceivable,
  listDilutionRequests,
  listDilutions,
  listPendingDilutions,
  listReceivables,
  requireDilutionRequest,
  requireReceivable,
  updateReceivable,
} from '../ledger/receivables';
import type { Store } from '../ledger/store';
import { EVENTS } from './events';
import { ReadScope, requireVisibleReceivable } from './read-scope';
import { ScfContext, toJson } from './scf-context';
import { ScfContract } from './scf-contract';
import { catalogue } from '@scf/kernel/catalogue/catalogue';
import { isPlainObject, parseJsonQuietly } from '@scf/kernel/canonical-json';
import { formatEpochDay, parseIsoDate, parseLedgerTimestamp } from '@scf/kernel/dates';
import { ErrorCode, ensure } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import { formatAmount, parsePositiveAmount } from '@scf/kernel/money';
import { DILUTION_KINDS } from '@scf/kernel/records/dilution';
import { type Financing, isLive } from '@scf/kernel/records/financing';
import type { Receivable } from '@scf/kernel/records/receivable';
import { MAX_SPLIT_PARTS } from '@scf/kernel/records/receivable';
import { parseCurrency, parseEnum, parseId, parseText } from '@scf/kernel/text';

/** partsJson: [{"id":"…","amount":"…","holderId":"…"}, …] */
async function parseSplitParts(store: Store, partsJson: string): Promise<SplitPart[]> {
  const parsed = parseJsonQuietly(partsJson, 'parts');
  ensure(
    Array.isArray(parsed) && parsed.length >= 1 && parsed.length <= MAX_SPLIT_PARTS,
    ErrorCode.INVALID_ARGUMENT,
    `parts must be a JSON array of 1 to ${MAX_SPLIT_PARTS} parts`,
  );
  const parts: SplitPart[] = [];
  for (const [i, part] of parsed.entries()) {
    ensure(isPlainObject(part), ErrorCode.INVALID_ARGUMENT, `parts[${i}] must be an object`);
    const id = parseId(part.id, `parts[${i}].id`);
    await store.ensureAbsent(KeyType.receivable, [id], `receivable ${id}`);
    parts.push({
      id,
      amount: parsePositiveAmount(part.amount, `parts[${i}].amount`),
      holder: await requireParticipant(store, parseId(part.holderId, `parts[${i}].holderId`)),
    });
  }
  return parts;
}

/** Suppliers' claims on core enterprises: issue, confirm or dispute, split and transfer, dilute. */
@Info({ title: 'ReceivableContract', description: 'Receivables backed by invoices, multi-tier splitting, dilution' })
export class ReceivableContract extends ScfContract {
  constructor() {
    super(catalogue.receivable);
  }

  /** The calling supplier issues a claim on `debtorId` from its invoice; amount in minor units, dates YYYY-MM-DD. */
  @Transaction()
  @Returns('string')
  public async IssueReceivable(
    ctx: ScfContext,
    receivableId: string,
    debtorId: string,
    invoiceNumber: string,
    currency: string,
    amount: string,
    issueDate: string,
    dueDate: string,
  ): Promise<string> {
    const issueDay = parseIsoDate(issueDate, 'issueDate');
    const dueDay = parseIsoDate(dueDate, 'dueDate');
    const debtor = await requireParticipant(ctx.store, parseId(debtorId, 'debtorId'));
    const receivable = issueReceivable(
      {
        id: parseId(receivableId, 'receivableId'),
        invoiceNumber: parseText(invoiceNumber, 'invoiceNumber', 64),
        currency: parseCurrency(currency, 'currency'),
        face: parsePositiveAmount(amount, 'amount'),
        issueDate: formatEpochDay(issueDay),
        dueDate: formatEpochDay(dueDay),
        issueDay,
        dueDay,
      },
      ctx.participant,
      debtor,
      ctx.now.iso,
    );
    await ctx.store.ensureAbsent(KeyType.receivable, [receivable.id], `receivable ${receivable.id}`);
    await ensureFingerprintFree(ctx.store, receivable.invoiceFingerprint);
    await insertReceivable(ctx.store, receivable);
    await claimFingerprint(ctx.store, receivable.invoiceFingerprint, { assetType: 'receivable', assetId: receivable.id }, [
      receivable.holderMsp,
      receivable.debtorMsp,
    ]);
    ctx.emit(EVENTS.receivableIssued, {
      receivableId: receivable.id,
      debtorId: receivable.debtorId,
      holderId: receivable.holderId,
      currency: receivable.currency,
      face: receivable.face,
    });
    return toJson(receivable);
  }

  /** The debtor confirms; from now on the receivable's key needs the debtor's and holder's orgs to endorse changes. */
  @Transaction()
  @Returns('string')
  public async ConfirmReceivable(ctx: ScfContext, receivableId: string): Promise<string> {
    const current = await requireReceivable(ctx.store, parseId(receivableId, 'receivableId'));
    const confirmed = confirmReceivable(current, ctx.participant.id, ctx.now.iso);
    await updateReceivable(ctx.store, confirmed, current);
    ctx.emit(EVENTS.receivableConfirmed, { receivableId: confirmed.id, debtorId: confirmed.debtorId });
    return toJson(confirmed);
  }

  @Transaction()
  @Returns('string')
  public async DisputeReceivable(ctx: ScfContext, receivableId: string, reason: string): Promise<string> {
    const current = await requireReceivable(ctx.store, parseId(receivableId, 'receivableId'));
    const disputed = disputeReceivable(current, ctx.participant.id, parseText(reason, 'reason', 500), ctx.now.iso);
    await updateReceivable(ctx.store, disputed, current);
    ctx.emit(EVENTS.receivableDisputed, { receivableId: disputed.id, debtorId: disputed.debtorId });
    return toJson(disputed);
  }

  /**
   * The holder splits the outstanding amount into parts (ids new, amounts summing exactly to
   * outstanding), each kept or transferred to an upstream supplier. One part is a transfer.
   */
  @Transaction()
  @Returns('string')
  public async SplitReceivable(ctx: ScfContext, receivableId: string, partsJson: string): Promise<string> {
    const current = await requireReceivable(ctx.store, parseId(receivableId, 'receivableId'));
    const { parent, children } = splitReceivable(current, ctx.participant, await parseSplitParts(ctx.store, partsJson), ctx.now.iso);
    await updateReceivable(ctx.store, parent, current);
    for (const child of children) {
      await insertReceivable(ctx.store, child);
    }
    ctx.emit(EVENTS.receivableSplit, {
      receivableId: parent.id,
      children: children.map((c) => ({ receivableId: c.id, holderId: c.holderId, face: c.face })),
    });
    return toJson({ parent, children });
  }

  /**
   * The holder's own credit note or return (kind CREDIT_NOTE | RETURN), in one step. On a
   * financed receivable it may only take the unfinanced margin (never the live principal, which
   * the debtor must still be able to repay), and the coverage at the advance rate is re-checked.
   */
  @Transaction()
  @Returns('string')
  public async RecordDilution(
    ctx: ScfContext,
    receivableId: string,
    dilutionId: string,
    kind: string,
    amount: string,
    reference: string,
  ): Promise<string> {
    const current = await requireReceivable(ctx.store, parseId(receivableId, 'receivableId'));
    const dilution: Dilution = {
      id: parseId(dilutionId, 'dilutionId'),
      receivableId: current.id,
      kind: parseEnum(kind, 'kind', DILUTION_KINDS),
      amount: formatAmount(parsePositiveAmount(amount, 'amount')),
      reference: parseText(reference, 'reference', 100),
      recordedBy: ctx.participant.id,
      recordedAt: ctx.now.iso,
    };
    const financing = await encumbering(ctx, current);
    const diluted = diluteReceivable(current, ctx.participant.id, BigInt(dilution.amount), livePrincipal(financing), ctx.now.iso);
    await ensureDilutionIsNew(ctx.store, current.id, dilution.id);
    const rechecked = await saveDilution(ctx, current, diluted, dilution, financing);
    return toJson({ receivable: diluted, dilution, financing: rechecked ?? null });
  }

  /**
   * The debtor asks the holder to accept a credit note or return. Nothing changes on the
   * receivable until the holder accepts (AcceptDilution) before `expiresAt`; the request is
   * listed for the holder (ListPendingDilutions) meanwhile.
   */
  @Transaction()
  @Returns('string')
  public async RequestDilution(
    ctx: ScfContext,
    receivableId: string,
    dilutionId: string,
    kind: string,
    amount: string,
    reference: string,
    expiresAt: string,
  ): Promise<string> {
    const current = await requireReceivable(ctx.store, parseId(receivableId, 'receivableId'));
    const request = requestDilution(
      current,
      ctx.participant.id,
      {
        id: parseId(dilutionId, 'dilutionId'),
        kind: parseEnum(kind, 'kind', DILUTION_KINDS),
        amount: parsePositiveAmount(amount, 'amount'),
        reference: parseText(reference, 'reference', 100),
        expiresAt: parseLedgerTimestamp(expiresAt, 'expiresAt'),
      },
      ctx.now,
    );
    await ensureDilutionIsNew(ctx.store, current.id, request.id);
    await insertDilutionRequest(ctx.store, request);
    ctx.emit(EVENTS.dilutionRequested, {
      receivableId: request.receivableId,
      dilutionId: request.id,
      holderId: request.holderId,
      amount: request.amount,
      expiresAt: request.expiresAt,
    });
    return toJson(request);
  }

  /**
   * The holder accepts the debtor's request before it expires: the dilution takes effect now,
   * judged on the receivable and its financing as they are now (only the unfinanced margin).
   */
  @Transaction()
  @Returns('string')
  public async AcceptDilution(ctx: ScfContext, receivableId: string, dilutionId: string): Promise<string> {
    const current = await requireReceivable(ctx.store, parseId(receivableId, 'receivableId'));
    const request = await requireDilutionRequest(ctx.store, current.id, parseId(dilutionId, 'dilutionId'));
    const financing = await encumbering(ctx, current);
    const accepted = acceptDilution(request, current, ctx.participant.id, livePrincipal(financing), ctx.now.iso);
    await closeDilutionRequest(ctx.store, accepted.request);
    const rechecked = await saveDilution(ctx, current, accepted.receivable, accepted.dilution, financing);
    return toJson({
      receivable: accepted.receivable,
      dilution: accepted.dilution,
      request: accepted.request,
      financing: rechecked ?? null,
    });
  }

  /** The holder rejects the debtor's request: nothing changes on the receivable. */
  @Transaction()
  @Returns('string')
  public async RejectDilution(ctx: ScfContext, receivableId: string, dilutionId: string, reason: string): Promise<string> {
    const current = await requireReceivable(ctx.store, parseId(receivableId, 'receivableId'));
    const request = await requireDilutionRequest(ctx.store, current.id, parseId(dilutionId, 'dilutionId'));
    const rejected = rejectDilution(request, current, ctx.participant.id, parseText(reason, 'reason', 500), ctx.now.iso);
    await closeDilutionRequest(ctx.store, rejected);
    ctx.emit(EVENTS.dilutionRejected, { receivableId: rejected.receivableId, dilutionId: rejected.id, debtorId: rejected.debtorId });
    return toJson(rejected);
  }

  /** The debtor withdraws its request. */
  @Transaction()
  @Returns('string')
  public async WithdrawDilution(ctx: ScfContext, receivableId: string, dilutionId: string): Promise<string> {
    const request = await requireDilutionRequest(ctx.store, parseId(receivableId, 'receivableId'), parseId(dilutionId, 'dilutionId'));
    const withdrawn = withdrawDilution(request, ctx.participant.id, ctx.now.iso);
    await closeDilutionRequest(ctx.store, withdrawn);
    ctx.emit(EVENTS.dilutionWithdrawn, { receivableId: withdrawn.receivableId, dilutionId: withdrawn.id, holderId: withdrawn.holderId });
    return toJson(withdrawn);
  }

  @Transaction(false)
  @Returns('string')
  public async GetDilutionRequest(ctx: ScfContext, receivableId: string, dilutionId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const request = await requireDilutionRequest(ctx.store, parseId(receivableId, 'receivableId'), parseId(dilutionId, 'dilutionId'));
    return toJson(scope.require(await scope.seesDilutionRequest(request), request, `dilution request ${request.id}`));
  }

  @Transaction(false)
  @Returns('string')
  public async ListDilutionRequests(ctx: ScfContext, receivableId: string): Promise<string> {
    const receivable = await requireVisibleReceivable(new ReadScope(ctx), ctx.store, parseId(receivableId, 'receivableId'), 'dilution');
    return toJson(await listDilutionRequests(ctx.store, receivable.id));
  }

  @Transaction(false)
  @Returns('string')
  public async ListPendingDilutions(ctx: ScfContext, holderId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    return toJson(
      await scope.filter(await listPendingDilutions(ctx.store, parseId(holderId, 'holderId')), (r) => scope.seesDilutionRequest(r)),
    );
  }

  @Transaction(false)
  @Returns('string')
  public async GetReceivable(ctx: ScfContext, receivableId: string): Promise<string> {
    return toJson(await requireVisibleReceivable(new ReadScope(ctx), ctx.store, parseId(receivableId, 'receivableId'), 'receivable'));
  }

  @Transaction(false)
  @Returns('string')
  public async ListReceivablesByHolder(ctx: ScfContext, holderId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const receivables = await listReceivables(ctx.store, KeyType.receivablesByHolder, parseId(holderId, 'holderId'));
    return toJson(await scope.filter(receivables, (r) => scope.seesReceivable(r)));
  }

  @Transaction(false)
  @Returns('string')
  public async ListReceivablesByDebtor(ctx: ScfContext, debtorId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const receivables = await listReceivables(ctx.store, KeyType.receivablesByDebtor, parseId(debtorId, 'debtorId'));
    return toJson(await scope.filter(receivables, (r) => scope.seesReceivable(r)));
  }

  @Transaction(false)
  @Returns('string')
  public async ListDilutions(ctx: ScfContext, receivableId: string): Promise<string> {
    const receivable = await requireVisibleReceivable(new ReadScope(ctx), ctx.store, parseId(receivableId, 'receivableId'), 'dilution');
    return toJson(await listDilutions(ctx.store, receivable.id));
  }

  @Transaction(false)
  @Returns('string')
  public async GetReceivableHistory(ctx: ScfContext, receivableId: string): Promise<string> {
    const receivable = await requireVisibleReceivable(new ReadScope(ctx), ctx.store, parseId(receivableId, 'receivableId'), 'receivable');
    return toJson(await ctx.store.history(KeyType.receivable, [receivable.id]));
  }
}

/** The financing encumbering a receivable, if any. */
async function encumbering(ctx: ScfContext, receivable: Receivable): Promise<Financing | undefined> {
  return receivable.financingId === undefined ? undefined : requireFinancing(ctx.store, receivable.financingId);
}

/** What a live financing still has drawn against its receivable (0n if none). */
function livePrincipal(financing: Financing | undefined): bigint {
  return financing && isLive(financing) ? BigInt(financing.outstandingPrincipal) : 0n;
}

/**
 * Writes a dilution that took effect (the holder's own or an accepted request): the receivable,
 * the dilution record, and the financing if its coverage at the advance rate changed.
 */
async function saveDilution(
  ctx: ScfContext,
  current: Receivable,
  diluted: Receivable,
  dilution: Dilution,
  financing: Financing | undefined,
): Promise<Financing | undefined> {
  const rechecked = financing && recheckCoverage(financing, BigInt(diluted.outstanding), ctx.now.iso);
  await updateReceivable(ctx.store, diluted, current);
  await insertDilution(ctx.store, dilution, receivableOwners(diluted, financing?.bankMsp));
  if (rechecked) {
    await updateFinancing(ctx.store, rechecked);
  }
  ctx.emit(EVENTS.receivableDiluted, {
    receivableId: diluted.id,
    dilutionId: dilution.id,
    amount: dilution.amount,
    outstanding: diluted.outstanding,
    financingId: rechecked?.id,
    coverageBreach: rechecked?.coverageBreach,
    requestedBy: dilution.requestedBy,
  });
  return rechecked;
}
