import { chainsToMsp, organisationalUnitsOf } from '../audit/msp-trust';
import type { MspTrust } from '../ledger/channel-msps';
import type { DecodedTransaction } from '../readmodel/decode-block';
import { fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { compositeKey, KeyType } from '@scf/kernel/keys';
import type { Participant } from '@scf/kernel/records/participant';
import type { Receivable } from '@scf/kernel/records/receivable';

/**
 * The provenance rules of a financed receivable, pure: which committed transactions must have
 * made it what it is, and whether the blocks show that they were made by whom they must be.
 * World state alone is not evidence: two orgs serving a modified chaincode can commit any state
 * their own endorsements satisfy; what they cannot make is the debtor's signature on the
 * proposal and the debtor's peer's endorsement on the result.
 */

/** One committed version of a receivable as GetReceivableHistory gives it. */
export interface ReceivableVersion {
  readonly txId: string;
  readonly isDelete: boolean;
  readonly value?: Receivable;
}

/** A receivable of the lineage: its current state and every version of it, oldest first. */
export interface ReceivableTrail {
  readonly receivable: Receivable;
  readonly versions: readonly ReceivableVersion[];
}

/** A transaction that must have been signed by `signer` (a registered participant) and endorsed by a peer of `signerMsp`. */
export interface ProvenanceClaim {
  /** What the hop is, in words, for the explanation: "the confirmation of receivable r1". */
  readonly hop: string;
  readonly txId: string;
  /** `contract:transaction` it must have invoked, and its first argument. */
  readonly fn: string;
  readonly subjectId: string;
  /** The receivable key it must have written. */
  readonly writes: string;
  readonly signerId: string;
  readonly signerMsp: string;
  /** "debtor" or "holder", for the explanation. */
  readonly signerRole: string;
}

export type ClaimsOrFailure = { readonly claims: readonly ProvenanceClaim[] } | { readonly failure: string };

export const CONFIRM_FN = fcn(tx.receivable.ConfirmReceivable);
export const SPLIT_FN = fcn(tx.receivable.SplitReceivable);

const receivableKey = (id: string): string => compositeKey(KeyType.receivable, [id]);

/** The version that first took the root out of ISSUED: it must be the debtor's confirmation. */
function confirmationOf(root: ReceivableTrail): ReceivableVersion | string {
  const versions = root.versions.filter((v) => !v.isDelete && v.value !== undefined);
  const left = versions.find((v) => v.value?.status !== 'ISSUED');
  if (!left?.value) {
    return `receivable ${root.receivable.id} has no version past ISSUED in its history`;
  }
  if (left.value.status !== 'CONFIRMED') {
    return `receivable ${root.receivable.id} left ISSUED as ${left.value.status} (tx ${left.txId}), not by a confirmation`;
  }
  return left;
}

function sameParty(a: Receivable, b: Receivable): boolean {
  return a.debtorId === b.debtorId && a.debtorMsp === b.debtorMsp && a.holderId === b.holderId && a.holderMsp === b.holderMsp;
}

function splitClaim(parent: Receivable, child: ReceivableTrail): ProvenanceClaim | string {
  const first = child.versions[0];
  if (child.receivable.parentId !== parent.id || first?.value?.parentId !== parent.id) {
    return `receivable ${child.receivable.id} is not recorded as a part of ${parent.id}`;
  }
  if (!sameParty(first.value, child.receivable)) {
    return `receivable ${child.receivable.id}'s debtor or holder changed after the split that created it (tx ${first.txId})`;
  }
  return {
    hop: `the split of ${parent.id} that created ${child.receivable.id}`,
    txId: first.txId,
    fn: SPLIT_FN,
    subjectId: parent.id,
    writes: receivableKey(child.receivable.id),
    signerId: parent.holderId,
    signerMsp: parent.holderMsp,
    signerRole: `holder of ${parent.id}`,
  };
}

/**
 * The transactions to verify for a lineage given root first and the financed receivable last:
 * the root's confirmation (by its debtor) and each split on the way down (by the then-holder,
 * the parent's holder as the verified transaction before it wrote it). Or why the history
 * itself already fails.
 */
export function provenanceClaims(lineage: readonly ReceivableTrail[]): ClaimsOrFailure {
  const [root, ...parts] = lineage;
  if (!root || root.receivable.parentId !== undefined) {
    return { failure: 'the lineage does not start at a root receivable' };
  }
  const confirmation = confirmationOf(root);
  if (typeof confirmation === 'string') {
    return { failure: confirmation };
  }
  const confirmed = confirmation.value as Receivable;
  if (!sameParty(confirmed, root.receivable)) {
    return { failure: `receivable ${root.receivable.id}'s debtor or holder changed after its confirmation (tx ${confirmation.txId})` };
  }
  const claims: ProvenanceClaim[] = [
    {
      hop: `the confirmation of ${root.receivable.id}`,
      txId: confirmation.txId,
      fn: CONFIRM_FN,
      subjectId: root.receivable.id,
      writes: receivableKey(root.receivable.id),
      signerId: confirmed.debtorId,
      signerMsp: confirmed.debtorMsp,
      signerRole: `debtor of ${root.receivable.id}`,
    },
  ];
  let parent = root.receivable;
  for (const part of parts) {
    const claim = splitClaim(parent, part);
    if (typeof claim === 'string') {
      return { failure: claim };
    }
    claims.push(claim);
    parent = part.receivable;
  }
  return { claims };
}

/** What the blocks and the participant registry say about the claimed transactions. */
export interface ProvenanceEvidence {
  readonly transactions: ReadonlyMap<string, DecodedTransaction>;
  /** By participant id; undefined when the registry has none. */
  readonly participants: ReadonlyMap<string, Participant | undefined>;
  /** The channel configuration's application MSPs, by MSP id. */
  readonly msps: ReadonlyMap<string, MspTrust>;
}

const VALID = 0;

function invocationFault(claim: ProvenanceClaim, found: DecodedTransaction): string | undefined {
  if (found.validationCode !== VALID) {
    return `it is not a valid transaction (${found.validationName})`;
  }
  if (found.fn !== claim.fn || found.args[0] !== claim.subjectId) {
    return `it invoked ${found.fn}(${found.args[0] ?? ''}), not ${claim.fn}(${claim.subjectId})`;
  }
  if (!found.writes.some((w) => w.key === claim.writes && !w.isDelete)) {
    return `it did not write receivable key ${claim.writes}`;
  }
  return undefined;
}

function creatorFault(claim: ProvenanceClaim, found: DecodedTransaction, signer: Participant | undefined): string | undefined {
  if (!signer) {
    return `the ${claim.signerRole}, ${claim.signerId}, is not a registered participant`;
  }
  if (signer.mspId !== claim.signerMsp || found.creatorMsp !== claim.signerMsp || found.creatorId !== signer.clientId) {
    return `it was created by ${found.creatorMsp} ${found.creatorId || '(unreadable certificate)'}, not by the ${claim.signerRole}, ${claim.signerId} of ${claim.signerMsp}`;
  }
  return undefined;
}

function endorsementFault(claim: ProvenanceClaim, found: DecodedTransaction, msps: ReadonlyMap<string, MspTrust>): string | undefined {
  const trust = msps.get(claim.signerMsp);
  const byPeer = found.endorsements.some(
    (e) =>
      e.mspId === claim.signerMsp &&
      e.signatureValid &&
      chainsToMsp(e.certificate, trust) &&
      organisationalUnitsOf(e.certificate).includes('peer'),
  );
  if (byPeer) {
    return undefined;
  }
  const endorsers = found.endorsements.map((e) => `${e.mspId}${e.signatureValid ? '' : ' (bad signature)'}`).join(', ') || 'none';
  return `it carries no verifiable endorsement by a peer of ${claim.signerMsp} (endorsed by: ${endorsers})`;
}

/** Why one claimed transaction is not what it must be, or undefined when the blocks bear it out. */
export function claimFault(claim: ProvenanceClaim, evidence: ProvenanceEvidence): string | undefined {
  const found = evidence.transactions.get(claim.txId);
  const fault = !found
    ? 'the ledger does not hold it'
    : (invocationFault(claim, found) ??
      creatorFault(claim, found, evidence.participants.get(claim.signerId)) ??
      endorsementFault(claim, found, evidence.msps));
  return fault === undefined ? undefined : `${claim.hop} (tx ${claim.txId}): ${fault}`;
}

/** Every claimed transaction's fault; none when the provenance is verified. */
export function provenanceFaults(claims: readonly ProvenanceClaim[], evidence: ProvenanceEvidence): string[] {
  return claims.map((claim) => claimFault(claim, evidence)).filter((f): f is string => f !== undefined);
}
