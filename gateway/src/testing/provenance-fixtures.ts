import { leiFromLabel } from '@scf/kernel/legal-entity';
import type { MspTrust } from '../ledger/channel-msps';
import { clientIdOf, decodeProcessedTransaction } from '../readmodel/decode-block';
import { processedTransactionOf, type TestEndorsement, type TestTransaction } from '../readmodel/testing/block-builder';
import {
  CORE_CA,
  CORE_PEER,
  CORE_USER,
  SUPPLIERS_CA,
  SUPPLIERS_PEER,
  SUPPLIERS_USER1,
  SUPPLIERS_USER2,
} from '../readmodel/testing/provenance-certs';
import { CONFIRM_FN, SPLIT_FN, type ReceivableVersion } from '../risk-gate/provenance-rules';
import type { ProvenanceReader, ProvenanceReaders } from '../risk-gate/provenance';
import type { RecordedCall } from './fakes';
import { tx } from '@scf/kernel/catalogue/catalogue';
import { KeyType } from '@scf/kernel/keys';
import type { Participant } from '@scf/kernel/records/participant';
import type { Receivable } from '@scf/kernel/records/receivable';

/**
 * Unit tests only: a ledger whose blocks bear out (or not) how a receivable became collateral.
 * The core enterprise (CoreMSP) confirms; supplier-1 and supplier-2 (SuppliersMSP) hold and split.
 * Each org has a CA, a peer and a client identity (readmodel/testing/provenance-certs.ts).
 */

const AT = '2026-01-01T00:00:00Z';
const participant = (id: string, mspId: string, certificate: string, role: Participant['role'], tier?: number): Participant => ({
  id,
  clientId: clientIdOf(certificate),
  mspId,
  name: id,
  legalEntityId: leiFromLabel(id),
  role,
  ...(tier === undefined ? {} : { tier }),
  status: 'ACTIVE',
  registeredAt: AT,
  updatedAt: AT,
});

export const PROVENANCE_PARTICIPANTS: readonly Participant[] = [
  participant('core', 'CoreMSP', CORE_USER.certificate, 'core-enterprise'),
  participant('supplier-1', 'SuppliersMSP', SUPPLIERS_USER1.certificate, 'supplier', 1),
  participant('supplier-2', 'SuppliersMSP', SUPPLIERS_USER2.certificate, 'supplier', 2),
];

/** The channel configuration's MSPs: core's and the suppliers' CAs. */
export const PROVENANCE_MSPS: ReadonlyMap<string, MspTrust> = new Map([
  ['CoreMSP', { mspId: 'CoreMSP', rootCerts: [CORE_CA], intermediateCerts: [] }],
  ['SuppliersMSP', { mspId: 'SuppliersMSP', rootCerts: [SUPPLIERS_CA], intermediateCerts: [] }],
]);

export const CORE_PEER_ENDORSEMENT: TestEndorsement = { mspId: 'CoreMSP', ...CORE_PEER };
export const SUPPLIERS_PEER_ENDORSEMENT: TestEndorsement = { mspId: 'SuppliersMSP', ...SUPPLIERS_PEER };

/** The client identity each participant signs with. */
const CLIENT_CERTS: Readonly<Record<string, string>> = {
  core: CORE_USER.certificate,
  'supplier-1': SUPPLIERS_USER1.certificate,
  'supplier-2': SUPPLIERS_USER2.certificate,
};

/** A ledger of receivables, their histories (oldest first), the transactions that wrote them and the participant registry. */
export class ProvenanceWorld {
  readonly receivables = new Map<string, Receivable>();
  readonly histories = new Map<string, ReceivableVersion[]>();
  readonly transactions = new Map<string, TestTransaction>();
  readonly participants = new Map<string, Participant>(PROVENANCE_PARTICIPANTS.map((p) => [p.id, p]));
  /** Transaction ids read through qscc, in order. */
  readonly transactionReads: string[] = [];
  msps: ReadonlyMap<string, MspTrust> = PROVENANCE_MSPS;

  /** Commits `transaction`, which writes `written` (each receivable's new version). */
  commit(transaction: TestTransaction, written: readonly Receivable[]): void {
    this.transactions.set(transaction.txId, {
      ...transaction,
      writes: written.map((r) => ({ objectType: KeyType.receivable, attributes: [r.id], value: r })),
    });
    for (const r of written) {
      this.receivables.set(r.id, r);
      this.histories.set(r.id, [...(this.histories.get(r.id) ?? []), { txId: transaction.txId, isDelete: false, value: r }]);
    }
  }

  /** Rewrites what one committed transaction looks like in the blocks (the history keeps pointing at it). */
  tamper(txId: string, change: (t: TestTransaction) => TestTransaction): void {
    const found = this.transactions.get(txId);
    if (!found) {
      throw new Error(`no transaction ${txId}`);
    }
    this.transactions.set(txId, change(found));
  }

  readers(): ProvenanceReaders & ProvenanceReader {
    const reader: ProvenanceReader = {
      transaction: (txId) => {
        this.transactionReads.push(txId);
        const found = this.transactions.get(txId);
        return found ? Promise.resolve(decodeProcessedTransaction(processedTransactionOf(found))) : Promise.reject(new Error(`no ${txId}`));
      },
      msps: () => Promise.resolve(this.msps),
    };
    return { ...reader, forIdentity: () => reader };
  }

  /** The chaincode's answers to the provenance reads (GetReceivable, GetReceivableHistory newest first, GetParticipant); undefined for other calls. */
  answer(call: RecordedCall): unknown {
    const id = String(call.args[0]);
    switch (call.transaction) {
      case tx.receivable.GetReceivable.name:
        return this.receivables.get(id);
      case tx.receivable.GetReceivableHistory.name:
        return [...(this.histories.get(id) ?? [])].reverse();
      case tx.participant.GetParticipant.name:
        return this.participants.get(id);
      default:
        return undefined;
    }
  }
}

/** A signed, endorsed transaction of `signerId` (its client certificate, its org's MSP id). */
export function signedBy(
  txId: string,
  fn: string,
  args: readonly string[],
  signerId: string,
  endorsements: readonly TestEndorsement[],
): TestTransaction {
  const signer = PROVENANCE_PARTICIPANTS.find((p) => p.id === signerId);
  return {
    txId,
    fn,
    args,
    mspId: signer?.mspId ?? 'UnknownMSP',
    creatorCert: CLIENT_CERTS[signerId] ?? SUPPLIERS_USER1.certificate,
    endorsements,
  };
}

/** Issued by its holder, then confirmed by its debtor, endorsed by both orgs' peers (as the key-level policy asks). */
export function issueAndConfirm(world: ProvenanceWorld, confirmed: Receivable): void {
  const endorsed = [CORE_PEER_ENDORSEMENT, SUPPLIERS_PEER_ENDORSEMENT];
  world.commit(
    signedBy(`issue-${confirmed.id}`, 'scf.receivable:IssueReceivable', [confirmed.id], confirmed.holderId, [SUPPLIERS_PEER_ENDORSEMENT]),
    [{ ...confirmed, status: 'ISSUED' }],
  );
  world.commit(signedBy(`confirm-${confirmed.id}`, CONFIRM_FN, [confirmed.id], confirmed.debtorId, endorsed), [confirmed]);
}

/** `parent`'s holder splits it into `children` (the last of which is usually the transferred part). */
export function split(world: ProvenanceWorld, parent: Receivable, children: readonly Receivable[], signerId = parent.holderId): void {
  const endorsed = [CORE_PEER_ENDORSEMENT, SUPPLIERS_PEER_ENDORSEMENT];
  const after = { ...parent, childIds: children.map((c) => c.id), outstanding: '0' };
  world.commit(signedBy(`split-${parent.id}`, SPLIT_FN, [parent.id, '[]'], signerId, endorsed), [after, ...children]);
}

/** A part of `parent` held by `holderId`. */
export function childOf(parent: Receivable, id: string, holderId: string, face: string): Receivable {
  const holder = PROVENANCE_PARTICIPANTS.find((p) => p.id === holderId);
  return {
    ...parent,
    id,
    parentId: parent.id,
    childIds: [],
    holderId,
    holderMsp: holder?.mspId ?? 'UnknownMSP',
    face,
    outstanding: face,
  };
}
