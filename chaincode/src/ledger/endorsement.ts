import { KeyEndorsementPolicy } from 'fabric-shim';
import { ErrorCode, fail } from '@scf/kernel/errors';
import type { DilutionRequest } from '@scf/kernel/records/dilution';
import type { Financing } from '@scf/kernel/records/financing';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { Pledge, WarehouseReceipt } from '@scf/kernel/records/warehouse';

/**
 * The policy bytes per sorted owner set: building them through fabric-shim's protobuf classes
 * took ≈ 2.5% of a loaded server's CPU (twice per heartbeat). A pure function of the orgs, so
 * every endorser still writes the same bytes; a copy is handed out so no caller can change them.
 */
const policyByOrgs = new Map<string, Uint8Array>();
const POLICY_MEMO_LIMIT = 256;

/**
 * A key-level endorsement policy requiring a peer of every listed org (an AND).
 * Orgs are de-duplicated and sorted so every endorser produces identical bytes; malformed
 * bytes would lock the key forever, hence the unit test decoding them.
 */
export function peersOfAllOrgs(mspIds: readonly string[]): Uint8Array {
  const orgs = owningOrgs(mspIds);
  const key = orgs.join('\n');
  let bytes = policyByOrgs.get(key);
  if (bytes === undefined) {
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('PEER', ...orgs);
    bytes = policy.getPolicy();
    if (policyByOrgs.size >= POLICY_MEMO_LIMIT) {
      policyByOrgs.clear();
    }
    policyByOrgs.set(key, bytes);
  }
  return Uint8Array.from(bytes);
}

/** The orgs of an owner set, de-duplicated and sorted (the order every policy and guard write uses). */
export function owningOrgs(mspIds: readonly string[]): string[] {
  if (mspIds.length === 0 || mspIds.some((id) => id === '')) {
    return fail(ErrorCode.INTERNAL, 'an owner set needs at least one org and no empty org');
  }
  return [...new Set(mspIds)].sort();
}

/*
 * The ownership table (chaincode/README.md, "Who owns what"): the orgs whose peers must all
 * endorse any change of a key class. One function per record kind, used by its repository.
 */

/** A receivable: its holder's and debtor's orgs, plus the financing bank while it is encumbered. */
export function receivableOwners(receivable: Receivable, encumberingBankMsp: string | undefined): string[] {
  if (receivable.financingId !== undefined && encumberingBankMsp === undefined) {
    return fail(ErrorCode.INTERNAL, `the bank encumbering receivable ${receivable.id} is needed for its owner set`);
  }
  const bank = receivable.financingId === undefined || encumberingBankMsp === undefined ? [] : [encumberingBankMsp];
  return owningOrgs([receivable.holderMsp, receivable.debtorMsp, ...bank]);
}

/** A debtor's dilution request (and its pending-list entry): the debtor's and the holder's orgs. */
export function dilutionRequestOwners(request: DilutionRequest): string[] {
  return owningOrgs([request.holderMsp, request.debtorMsp]);
}

/** A financing: its bank's and its borrower's orgs. */
export function financingOwners(financing: Financing): string[] {
  return owningOrgs([financing.bankMsp, financing.borrowerMsp]);
}

/** A payment: the debtor's org and each payee's org (the bank, or the holder's org). */
export function paymentOwners(payment: Payment, receivable: Receivable): string[] {
  return owningOrgs([
    receivable.debtorMsp,
    ...payment.allocations.map((allocation) => (allocation.payeeKind === 'BANK' ? allocation.payeeId : receivable.holderMsp)),
  ]);
}

/** A warehouse receipt: the warehouse's and the owner's orgs, plus the pledge's bank while pledged. */
export function receiptOwners(receipt: WarehouseReceipt, pledgeBankMsp: string | undefined): string[] {
  if (receipt.pledgeId !== undefined && pledgeBankMsp === undefined) {
    return fail(ErrorCode.INTERNAL, `the bank of the pledge on receipt ${receipt.id} is needed for its owner set`);
  }
  const bank = receipt.pledgeId === undefined || pledgeBankMsp === undefined ? [] : [pledgeBankMsp];
  return owningOrgs([receipt.warehouseMsp, receipt.ownerMsp, ...bank]);
}

/**
 * A pledge: the owner's and the bank's orgs. Not the warehouse's: RecordPledgeTerms writes the
 * pledge together with the terms in the bank × owner collection, and a warehouse peer endorsing
 * it would receive the private terms in the transient map. The warehouse guards the pledge's
 * creation (it names the warehouse's receipt) and owns the receipt, which every acceptance and
 * release writes.
 */
export function pledgeOwners(pledge: Pledge): string[] {
  return owningOrgs([pledge.ownerMsp, pledge.bankMsp]);
}
