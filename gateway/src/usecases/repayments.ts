import type { Ledger } from '../ledger/ledger';
import { type Committed, evaluateJson, type HistoryEntry, submitJson } from './ledger-json';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import type { Financing } from '@scf/kernel/records/financing';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';

export interface PaymentRecord {
  readonly paymentId: string;
  readonly receivableId: string;
  readonly amount: string;
  readonly reference: string;
}

export interface Acknowledgement {
  readonly payment: Payment;
  readonly receivable: Receivable;
  readonly financing: Financing | null;
}

export function recordPayment(ledger: Ledger, payment: PaymentRecord): Promise<Committed<Payment>> {
  const { paymentId, receivableId, amount, reference } = payment;
  return submitJson(ledger, call(tx.repayment.RecordPayment, { paymentId, receivableId, amount, reference }));
}

export function acknowledgePayment(ledger: Ledger, paymentId: string): Promise<Committed<Acknowledgement>> {
  return submitJson(ledger, call(tx.repayment.AcknowledgePayment, { paymentId }));
}

export interface PaymentClosure {
  readonly payment: Payment;
  readonly receivable: Receivable;
}

/** The debtor cancels its pending payment (a payee says the money never came). */
export function cancelPayment(ledger: Ledger, paymentId: string, reason: string): Promise<Committed<PaymentClosure>> {
  return submitJson(ledger, call(tx.repayment.CancelPayment, { paymentId, reason }));
}

/** A payee that has not acknowledged its share rejects the payment as never received. */
export function rejectPayment(ledger: Ledger, paymentId: string, reason: string): Promise<Committed<PaymentClosure>> {
  return submitJson(ledger, call(tx.repayment.RejectPayment, { paymentId, reason }));
}

export function markDelinquency(ledger: Ledger, receivableId: string): Promise<Committed<Receivable>> {
  return submitJson(ledger, call(tx.repayment.MarkDelinquency, { receivableId }));
}

export function getPayment(ledger: Ledger, paymentId: string): Promise<Payment> {
  return evaluateJson(ledger, call(tx.repayment.GetPayment, { paymentId }));
}

export function listPaymentsByReceivable(ledger: Ledger, receivableId: string): Promise<readonly Payment[]> {
  return evaluateJson(ledger, call(tx.repayment.ListPaymentsByReceivable, { receivableId }));
}

export function getPaymentHistory(ledger: Ledger, paymentId: string): Promise<readonly HistoryEntry<Payment>[]> {
  return evaluateJson(ledger, call(tx.repayment.GetPaymentHistory, { paymentId }));
}
