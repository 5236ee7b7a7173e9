import { paymentOwners } from './endorsement';
import type { Store } from './store';
import { KeyType } from '@scf/kernel/keys';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';

/** A debtor's payment reference identifies one transfer of money: it can back one payment only. */
function referenceKey(payment: Payment): string[] {
  return [payment.debtorId, payment.reference.toUpperCase()];
}

export function requirePayment(store: Store, id: string): Promise<Payment> {
  return store.require<Payment>(KeyType.payment, [id], `payment ${id}`);
}

export async function ensurePaymentIsNew(store: Store, payment: Payment): Promise<void> {
  await store.ensureAbsent(KeyType.payment, [payment.id], `payment ${payment.id}`);
  await store.ensureAbsent(KeyType.paymentReference, referenceKey(payment), `a payment with reference ${payment.reference}`);
}

/** A payment, its reference and index belong to the debtor's org and the payees' orgs (`receivable`: the one it pays). */
export async function insertPayment(store: Store, payment: Payment, receivable: Receivable): Promise<void> {
  await store.put(KeyType.payment, [payment.id], payment);
  await store.put(KeyType.paymentReference, referenceKey(payment), payment.id);
  await store.putIndex(KeyType.paymentsByReceivable, [payment.receivableId, payment.id]);
  const owners = paymentOwners(payment, receivable);
  await store.guardCreation(owners);
  await store.protect(
    owners,
    [KeyType.payment, [payment.id]],
    [KeyType.paymentReference, referenceKey(payment)],
    [KeyType.paymentsByReceivable, [payment.receivableId, payment.id]],
  );
}

export async function updatePayment(store: Store, payment: Payment): Promise<void> {
  await store.put(KeyType.payment, [payment.id], payment);
}

export async function listPayments(store: Store, receivableId: string): Promise<Payment[]> {
  const ids = await store.listLastAttributes(KeyType.paymentsByReceivable, [receivableId]);
  return Promise.all(ids.map((id) => requirePayment(store, id)));
}
