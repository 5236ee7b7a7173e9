/**
 * Every object type of the composite keys the chaincode writes. The attributes each takes
 * are listed beside it; index types hold a marker value and are read with partial-key
 * queries, never by scanning the namespace.
 */
export const KeyType = {
  heartbeat: 'scf.heartbeat', // [mspId, label]
  guard: 'scf.guard', // [mspId]: key-level policy that org's peer; every creation naming the org writes it
  participant: 'scf.participant', // [participantId]
  identity: 'scf.identity', // [mspId, clientId] → the participant record (a copy; participantId before)
  participantsByOrg: 'scf.participant.byOrg', // [mspId, participantId]
  legalEntity: 'scf.entity', // [legalEntityId] → the org it is bound to
  riskKey: 'scf.riskkey', // [bankMsp]: the public key the bank's risk gateway signs its decisions with
  invitation: 'scf.invitation', // [sha256 of the code]: a one-time supplier invitation (records/invitation.ts)
  creditLine: 'scf.creditline', // [lineId]
  tranche: 'scf.creditline.tranche', // [lineId, index]
  linesByBank: 'scf.creditline.byBank', // [bankMsp, lineId]
  linesByCore: 'scf.creditline.byCore', // [coreId, lineId]
  cap: 'scf.cap', // [coreId, currency]
  capShard: 'scf.cap.shard', // [coreId, currency, bankMsp, index]: a slot's limit of that bank's share (the auditor's)
  capDraw: 'scf.cap.draw', // [coreId, currency, bankMsp, index]: what that bank drew on the slot (the bank's)
  fingerprint: 'scf.fingerprint', // [sha256] → the asset it backs
  receivable: 'scf.receivable', // [receivableId]
  receivablesByHolder: 'scf.receivable.byHolder', // [holderId, receivableId]
  receivablesByDebtor: 'scf.receivable.byDebtor', // [debtorId, receivableId]
  dilution: 'scf.receivable.dilution', // [receivableId, dilutionId]
  dilutionRequest: 'scf.receivable.dilutionRequest', // [receivableId, dilutionId]: a debtor's dilution awaiting the holder
  pendingDilutionsByHolder: 'scf.receivable.dilutionRequest.pending', // [holderId, receivableId, dilutionId] while PENDING
  financing: 'scf.financing', // [financingId]
  financingsByBank: 'scf.financing.byBank', // [bankMsp, financingId]
  financingsByBorrower: 'scf.financing.byBorrower', // [borrowerId, financingId]
  financingsByReceivable: 'scf.financing.byReceivable', // [receivableId, financingId]
  payment: 'scf.payment', // [paymentId]
  paymentsByReceivable: 'scf.payment.byReceivable', // [receivableId, paymentId]
  paymentReference: 'scf.payment.reference', // [debtorId, normalised reference]
  receipt: 'scf.warehouse.receipt', // [receiptId]
  receiptsByOwner: 'scf.warehouse.receipt.byOwner', // [ownerId, receiptId]
  price: 'scf.warehouse.price', // [commodity, grade, unit]
  pledge: 'scf.warehouse.pledge', // [pledgeId]
  livePledgesByCommodity: 'scf.warehouse.pledge.live', // [commodity, grade, unit, pledgeId]
} as const;

export type KeyType = (typeof KeyType)[keyof typeof KeyType];

/** Slot indexes are zero-padded so that key order is numeric order. */
export function slotAttribute(index: number): string {
  return index.toString().padStart(3, '0');
}

/** Fabric's composite-key separator: keys are `\0type\0attr…\0`. */
const SEPARATOR = '\u0000';

export interface CompositeKey {
  readonly objectType: string;
  readonly attributes: readonly string[];
}

/** The composite key of `objectType` and `attributes`, exactly as the shim's createCompositeKey builds it. */
export function compositeKey(objectType: string, attributes: readonly string[]): string {
  return `${SEPARATOR}${[objectType, ...attributes].join(SEPARATOR)}${SEPARATOR}`;
}

/** Splits a composite key into its object type and attributes; undefined for a simple key. */
export function parseCompositeKey(key: string): CompositeKey | undefined {
  if (!key.startsWith(SEPARATOR) || !key.endsWith(SEPARATOR) || key.length < 2) {
    return undefined;
  }
  const [objectType = '', ...attributes] = key.slice(1, -1).split(SEPARATOR);
  return objectType === '' ? undefined : { objectType, attributes };
}
