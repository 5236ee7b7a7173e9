import type { InvoiceTwins } from '../risk/inputs';
import { invoiceFingerprint } from '@scf/kernel/fingerprints';
import type { Participant } from '@scf/kernel/records/participant';
import type { Receivable } from '@scf/kernel/records/receivable';

/** Fingerprints already computed; a seller's whole book is compared on every assessment. */
const fingerprints = new Map<string, string>();
const MAX_FINGERPRINTS = 100_000;

/**
 * The kernel's invoice fingerprint, remembered: it depends only on its three arguments, and
 * recomputing it (text folding, canonical JSON, SHA-256) for every receivable of the seller on
 * every assessment was 10% of the gateway's CPU under load (issue 18's profile).
 */
function fingerprintOf(seller: string, debtor: string, invoiceNumber: string): string {
  const key = `${seller}\u0000${debtor}\u0000${invoiceNumber}`;
  let fingerprint = fingerprints.get(key);
  if (fingerprint === undefined) {
    fingerprint = invoiceFingerprint(seller, debtor, invoiceNumber);
    if (fingerprints.size >= MAX_FINGERPRINTS) {
      fingerprints.clear();
    }
    fingerprints.set(key, fingerprint);
  }
  return fingerprint;
}

/**
 * Which of `candidates` (root receivables from the read model) are the same invoice as
 * `receivable`, or a near-duplicate of it. Parties compare by legal entity (`entityOf` maps a
 * participant id to it), so a second participant id of one company counts as the same seller.
 * Same invoice: the kernel's invoice fingerprint of the two, recomputed, is equal. Near-duplicate:
 * another number, but the same currency, face, issue date and due date. A candidate of the same
 * tree (its splits) is neither.
 */
export function invoiceTwinsOf(
  receivable: Receivable,
  candidates: readonly Receivable[],
  entityOf: (participantId: string) => string | undefined,
): InvoiceTwins {
  const seller = entityOf(receivable.creditorId);
  const debtor = entityOf(receivable.debtorId);
  if (seller === undefined || debtor === undefined) {
    return { sameInvoiceIds: [], nearDuplicateIds: [] };
  }
  const fingerprint = fingerprintOf(seller, debtor, receivable.invoiceNumber);
  const others = candidates.filter(
    (c) => c.rootId !== receivable.rootId && c.id === c.rootId && entityOf(c.creditorId) === seller && entityOf(c.debtorId) === debtor,
  );
  const sameInvoice = others.filter((c) => fingerprintOf(seller, debtor, c.invoiceNumber) === fingerprint);
  const nearDuplicates = others.filter(
    (c) =>
      !sameInvoice.includes(c) &&
      c.currency === receivable.currency &&
      c.face === receivable.face &&
      c.issueDate === receivable.issueDate &&
      c.dueDate === receivable.dueDate,
  );
  return { sameInvoiceIds: sameInvoice.map((c) => c.id).sort(), nearDuplicateIds: nearDuplicates.map((c) => c.id).sort() };
}

/** participant id → legal entity id, from the participants' records. */
export function entityIndex(
  participants: readonly Pick<Participant, 'id' | 'legalEntityId'>[],
): (participantId: string) => string | undefined {
  const byId = new Map(participants.map((p) => [p.id, p.legalEntityId]));
  return (participantId) => byId.get(participantId);
}
