import { Info, Returns, Transaction } from 'fabric-contract-api';
import { markFinancingDefaulted, repayPrincipal } from '../domain/financing';
import { type Acknowledger, acknowledgePayment, allocate, closePayment } from '../domain/payment';
import {
  applySettlement,
  delinquencyOn,
  markDelinquency,
  releaseEncumbrance,
  releasePendingPayment,
  reservePayment,
} from '../domain/receivable';
import { planExposureRelease, saveExposure } from '../ledger/exposure';
import { requireFinancing, updateFinancing } from '../ledger/financings';
import { ensurePaymentIsNew, insertPayment, listPayments, requirePayment, updatePayment } from '../ledger/payments';
import { requireReceivable, updateReceivable } from '../ledger/receivables';
import { EVENTS } from './events';
import { ReadScope, requireVisibleReceivable } from './read-scope';
import { ScfContext, toJson } from './scf-context';
import { ScfContract } from './scf-contract';
import { catalogue } from '@scf/kernel/catalogue/catalogue';
import { parseIsoDate } from '@scf/kernel/dates';
import { ErrorCode, ensure } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import { formatAmount, parsePositiveAmount } from '@scf/kernel/money';
import { type Financing, isLive } from '@scf/kernel/records/financing';
import type { Participant } from '@scf/kernel/records/participant';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import { parseId, parseText } from '@scf/kernel/text';

/** The auditor, the debtor, the holder, or the financing bank (or its risk gateway) has a stake in a receivable. */
function hasStakeIn(participant: Participant, receivable: Receivable, financing: Financing | undefined): boolean {
  return (
    participant.role === 'auditor' ||
    participant.id === receivable.debtorId ||
    participant.id === receivable.holderId ||
    (financing !== undefined &&
      (participant.role === 'bank' || participant.role === 'risk-gateway') &&
      participant.mspId === financing.bankMsp)
  );
}

/** The caller as a payee of a payment (bank allocations are a bank officer's of that bank). */
function asPayee(participant: Participant): Acknowledger {
  return { participantId: participant.id, mspId: participant.mspId, isBankOfficer: participant.role === 'bank' };
}

/** Payments close the loop: the debtor pays, payees acknowledge, claims settle and exposure is released. */
@Info({ title: 'RepaymentContract', description: 'Payments by the debtor, payee acknowledgements, overdue and default' })
export class RepaymentContract extends ScfContract {
  constructor() {
    super(catalogue.repayment);
  }

  /**
   * The debtor records a payment (partial allowed, one awaiting acknowledgement at a time).
   * It is allocated bank first (up to the financing's outstanding principal), then holder.
   */
  @Transaction()
  @Returns('string')
  public async RecordPayment(ctx: ScfContext, paymentId: string, receivableId: string, amount: string, reference: string): Promise<string> {
    const id = parseId(paymentId, 'paymentId');
    const paid = parsePositiveAmount(amount, 'amount');
    const receivable = await requireReceivable(ctx.store, parseId(receivableId, 'receivableId'));
    const reserved = reservePayment(receivable, ctx.participant.id, id, paid, ctx.now.iso);
    const financing = receivable.financingId === undefined ? undefined : await requireFinancing(ctx.store, receivable.financingId);
    const live = financing && isLive(financing) ? financing : undefined;
    const payment: Payment = {
      id,
      receivableId: receivable.id,
      financingId: live?.id,
      debtorId: receivable.debtorId,
      currency: receivable.currency,
      amount: formatAmount(paid),
      reference: parseText(reference, 'reference', 100),
      allocations: allocate({
        amount: paid,
        holderId: receivable.holderId,
        financing: live && { id: live.id, bankMsp: live.bankMsp, outstandingPrincipal: BigInt(live.outstandingPrincipal) },
      }),
      status: 'PENDING',
      recordedAt: ctx.now.iso,
      updatedAt: ctx.now.iso,
    };
    await ensurePaymentIsNew(ctx.store, payment);
    await insertPayment(ctx.store, payment, receivable);
    await updateReceivable(ctx.store, reserved, receivable);
    ctx.emit(EVENTS.paymentRecorded, {
      paymentId: id,
      receivableId: receivable.id,
      amount: payment.amount,
      allocations: payment.allocations,
    });
    return toJson(payment);
  }

  /**
   * A payee confirms it received its allocation: a bank officer of the financing bank, or the
   * holder. That share is settled on the receivable; a bank share repays principal and
   * releases exposure on the tranches and cap shards it was drawn from.
   */
  @Transaction()
  @Returns('string')
  public async AcknowledgePayment(ctx: ScfContext, paymentId: string): Promise<string> {
    const payment = await requirePayment(ctx.store, parseId(paymentId, 'paymentId'));
    const { participant } = ctx;
    const ack = acknowledgePayment(payment, asPayee(participant), ctx.now.iso);
    const share = BigInt(ack.allocation.amount);
    const receivable = await requireReceivable(ctx.store, payment.receivableId);
    let settled = applySettlement(receivable, payment.id, share, ctx.now.iso);
    let repaid: Financing | undefined;
    if (ack.allocation.payeeKind === 'BANK') {
      const financing = await requireFinancing(ctx.store, payment.financingId ?? '');
      const release = await planExposureRelease(ctx.store, financing, share);
      repaid = repayPrincipal(financing, share, release, ctx.now.iso);
      if (repaid.status === 'REPAID') {
        settled = releaseEncumbrance(settled, financing.id, ctx.now.iso);
      }
      await saveExposure(ctx.store, release);
      await updateFinancing(ctx.store, repaid);
    }
    await updatePayment(ctx.store, ack.payment);
    await updateReceivable(ctx.store, settled, receivable, repaid?.bankMsp);
    ctx.emit(EVENTS.paymentAcknowledged, {
      paymentId: payment.id,
      receivableId: receivable.id,
      payeeKind: ack.allocation.payeeKind,
      amount: ack.allocation.amount,
      paymentStatus: ack.payment.status,
      receivableStatus: settled.status,
      financingStatus: repaid?.status,
    });
    return toJson({ payment: ack.payment, receivable: settled, financing: repaid ?? null });
  }

  /**
   * The debtor cancels its pending payment (a payee says the money never came): the shares not
   * yet acknowledged are void and the receivable is free for a new payment.
   */
  @Transaction()
  @Returns('string')
  public async CancelPayment(ctx: ScfContext, paymentId: string, reason: string): Promise<string> {
    return this.closePayment(ctx, 'CANCELLED', paymentId, reason);
  }

  /** A payee whose share is not acknowledged rejects the payment as never received: as CancelPayment. */
  @Transaction()
  @Returns('string')
  public async RejectPayment(ctx: ScfContext, paymentId: string, reason: string): Promise<string> {
    return this.closePayment(ctx, 'REJECTED', paymentId, reason);
  }

  private async closePayment(ctx: ScfContext, how: 'CANCELLED' | 'REJECTED', paymentId: string, reason: string): Promise<string> {
    const payment = await requirePayment(ctx.store, parseId(paymentId, 'paymentId'));
    const closure = closePayment(payment, how, asPayee(ctx.participant), parseText(reason, 'reason', 500), ctx.now.iso);
    const receivable = await requireReceivable(ctx.store, payment.receivableId);
    const freed = releasePendingPayment(receivable, payment.id, closure.unapplied, ctx.now.iso);
    await updatePayment(ctx.store, closure.payment);
    await updateReceivable(ctx.store, freed, receivable);
    ctx.emit(how === 'CANCELLED' ? EVENTS.paymentCancelled : EVENTS.paymentRejected, {
      paymentId: payment.id,
      receivableId: receivable.id,
      closedBy: ctx.participant.id,
      voided: formatAmount(closure.unapplied),
    });
    return toJson({ payment: closure.payment, receivable: freed });
  }

  /**
   * Anyone with a stake (debtor, holder, the financing bank, the auditor) marks a receivable
   * OVERDUE after its due date or DEFAULTED after the line's grace period, judged by the
   * transaction timestamp. A default also marks the live financing DEFAULTED.
   */
  @Transaction()
  @Returns('string')
  public async MarkDelinquency(ctx: ScfContext, receivableId: string): Promise<string> {
    const receivable = await requireReceivable(ctx.store, parseId(receivableId, 'receivableId'));
    const financing = receivable.financingId === undefined ? undefined : await requireFinancing(ctx.store, receivable.financingId);
    ensure(
      hasStakeIn(ctx.participant, receivable, financing),
      ErrorCode.FORBIDDEN,
      `the caller has no stake in receivable ${receivable.id}`,
    );
    const dueDay = parseIsoDate(receivable.dueDate, 'dueDate');
    const lastDayBeforeDefault = financing?.defaultsAfter === undefined ? dueDay : parseIsoDate(financing.defaultsAfter, 'defaultsAfter');
    const level = delinquencyOn(dueDay, lastDayBeforeDefault, ctx.now.day);
    const marked = markDelinquency(receivable, level, ctx.now.iso);
    const defaulted = financing && level === 'DEFAULTED' ? markFinancingDefaulted(financing, ctx.now.iso) : undefined;
    await updateReceivable(ctx.store, marked, receivable);
    if (defaulted && defaulted !== financing) {
      await updateFinancing(ctx.store, defaulted);
    }
    ctx.emit(EVENTS.delinquencyMarked, { receivableId: marked.id, delinquency: marked.delinquency, financingId: defaulted?.id });
    return toJson(marked);
  }

  @Transaction(false)
  @Returns('string')
  public async GetPayment(ctx: ScfContext, paymentId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const payment = await requirePayment(ctx.store, parseId(paymentId, 'paymentId'));
    return toJson(scope.require(await scope.seesPayment(payment), payment, `payment ${payment.id}`));
  }

  @Transaction(false)
  @Returns('string')
  public async ListPaymentsByReceivable(ctx: ScfContext, receivableId: string): Promise<string> {
    const receivable = await requireVisibleReceivable(new ReadScope(ctx), ctx.store, parseId(receivableId, 'receivableId'), 'payment');
    return toJson(await listPayments(ctx.store, receivable.id));
  }

  @Transaction(false)
  @Returns('string')
  public async GetPaymentHistory(ctx: ScfContext, paymentId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const payment = await requirePayment(ctx.store, parseId(paymentId, 'paymentId'));
    scope.require(await scope.seesPayment(payment), payment, `payment ${payment.id}`);
    return toJson(await ctx.store.history(KeyType.payment, [payment.id]));
  }
}
