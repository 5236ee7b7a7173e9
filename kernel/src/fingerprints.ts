import { canonicalJson, sha256Hex } from './canonical-json';
import { foldIdentifyingText, foldInvoiceNumber } from './text-fold';

/**
 * The fingerprints that stop the same invoice or the same goods from backing two assets. The
 * chaincode claims them (one fingerprint, one asset, forever); the gateway's risk gate computes
 * the same ones, so both are defined here once.
 *
 * Parties are legal entities (Participant.legalEntityId), not participant ids: one company
 * registered twice (two participant ids of one legal entity) still has one set of invoices.
 */

/**
 * Identifies the invoice, not its amounts or dates: re-issuing the same invoice with a
 * different amount must still collide. The number is folded (foldInvoiceNumber): look-alike
 * letters of other scripts, full-width forms and the digits of every script collide.
 */
export function invoiceFingerprint(sellerEntityId: string, debtorEntityId: string, invoiceNumber: string): string {
  return sha256Hex(
    canonicalJson({ kind: 'invoice', seller: sellerEntityId, debtor: debtorEntityId, invoice: foldInvoiceNumber(invoiceNumber) }),
  );
}

/**
 * Identifies the physical lot: the same goods can never back two receipts (or any other
 * asset). The location and lot id are compared folded ("Bay 3" is "bay  3" is "ВАY ３").
 */
export function lotFingerprint(warehouseEntityId: string, location: string, lotId: string): string {
  return sha256Hex(
    canonicalJson({
      kind: 'lot',
      warehouse: warehouseEntityId,
      location: foldIdentifyingText(location),
      lot: foldIdentifyingText(lotId),
    }),
  );
}
