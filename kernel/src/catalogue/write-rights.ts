import { KeyType } from '../keys';
import { allTermsCollections, creditLineTermsCollection } from '../records/terms';
import { BANK_ORGS } from '../roles';
import { type AnyTransaction, allTransactions, catalogue, fcn, tx } from './catalogue';

/**
 * The write rights: for every key class the chaincode writes, the transactions that may write
 * it — put, delete or set its key-level endorsement policy (a metadata write). Read off the
 * contracts and the ledger repositories (chaincode/src/ledger); a chaincode test runs every
 * scenario and the ledger property and fails on any write this table does not allow, so the
 * table cannot fall behind the code. The audit holds every committed write against it: a key
 * written by any other transaction was written by a chaincode that is not ours.
 */
export const WRITE_RIGHTS: Readonly<Record<KeyType, readonly AnyTransaction[]>> = {
  [KeyType.heartbeat]: [tx.system.Heartbeat],
  // The creation guards: ProtectCreationGuard (at the network's start-up) gives an org's guard its policy; every creation naming the org blind-writes it.
  [KeyType.guard]: [
    tx.system.ProtectCreationGuard,
    tx.participant.RegisterParticipant,
    tx.participant.RegisterInvitedParticipant,
    tx.participant.IssueInvitation,
    tx.participant.RegisterRiskKey,
    tx.creditLine.GrantCreditLine,
    tx.creditLine.SetConsortiumCap,
    tx.receivable.IssueReceivable,
    tx.receivable.SplitReceivable,
    tx.receivable.RequestDilution,
    tx.financing.RequestFinancing,
    tx.repayment.RecordPayment,
    tx.warehouse.IssueReceipt,
    tx.warehouse.RequestPledge,
  ],

  [KeyType.participant]: [
    tx.participant.RegisterParticipant,
    tx.participant.RegisterInvitedParticipant,
    tx.participant.SuspendParticipant,
    tx.participant.ReinstateParticipant,
  ],
  [KeyType.identity]: [
    tx.participant.RegisterParticipant,
    tx.participant.RegisterInvitedParticipant,
    tx.participant.SuspendParticipant,
    tx.participant.ReinstateParticipant,
  ],
  [KeyType.participantsByOrg]: [tx.participant.RegisterParticipant, tx.participant.RegisterInvitedParticipant],
  [KeyType.legalEntity]: [tx.participant.RegisterParticipant, tx.participant.RegisterInvitedParticipant],
  [KeyType.riskKey]: [tx.participant.RegisterRiskKey],
  // Issued by the inviter (its org's key-level policy), used up by the Suppliers admin's redemption.
  [KeyType.invitation]: [tx.participant.IssueInvitation, tx.participant.RegisterInvitedParticipant],

  [KeyType.creditLine]: [
    tx.creditLine.GrantCreditLine,
    tx.creditLine.RecordCreditLineTerms,
    tx.creditLine.SetCreditLineLimit,
    tx.creditLine.CloseCreditLine,
  ],
  // Tranches hold what is drawn: approval draws, a repaying acknowledgement releases.
  // (their limits are in the line's private terms: a limit change writes no tranche key).
  [KeyType.tranche]: [tx.creditLine.GrantCreditLine, tx.financing.ApproveFinancing, tx.repayment.AcknowledgePayment],
  [KeyType.linesByBank]: [tx.creditLine.GrantCreditLine],
  [KeyType.linesByCore]: [tx.creditLine.GrantCreditLine],
  [KeyType.cap]: [tx.creditLine.SetConsortiumCap],
  // A cap shard holds a slot's limit of one bank's share, set by the auditor only; the bank's draw key
  // beside it holds what that bank drew (created with the cap, then drawn and released by the bank's approvals and repayments).
  [KeyType.capShard]: [tx.creditLine.SetConsortiumCap],
  [KeyType.capDraw]: [tx.creditLine.SetConsortiumCap, tx.financing.ApproveFinancing, tx.repayment.AcknowledgePayment],

  [KeyType.fingerprint]: [tx.receivable.IssueReceivable, tx.warehouse.IssueReceipt],

  // Confirmation and splitting also set the receivable's key-level policy.
  [KeyType.receivable]: [
    tx.receivable.IssueReceivable,
    tx.receivable.ConfirmReceivable,
    tx.receivable.DisputeReceivable,
    tx.receivable.SplitReceivable,
    tx.receivable.RecordDilution,
    tx.receivable.AcceptDilution,
    tx.financing.ApproveFinancing,
    tx.repayment.RecordPayment,
    tx.repayment.AcknowledgePayment,
    tx.repayment.CancelPayment,
    tx.repayment.RejectPayment,
    tx.repayment.MarkDelinquency,
  ],
  // The indexes follow the receivable's owners (key-level policy): the financing bank joins while it is encumbered.
  [KeyType.receivablesByHolder]: [
    tx.receivable.IssueReceivable,
    tx.receivable.SplitReceivable,
    tx.financing.ApproveFinancing,
    tx.repayment.AcknowledgePayment,
  ],
  [KeyType.receivablesByDebtor]: [
    tx.receivable.IssueReceivable,
    tx.receivable.SplitReceivable,
    tx.financing.ApproveFinancing,
    tx.repayment.AcknowledgePayment,
  ],
  [KeyType.dilution]: [tx.receivable.RecordDilution, tx.receivable.AcceptDilution],
  // A debtor's dilution request and its pending index: asked, then accepted, rejected or withdrawn.
  [KeyType.dilutionRequest]: [
    tx.receivable.RequestDilution,
    tx.receivable.AcceptDilution,
    tx.receivable.RejectDilution,
    tx.receivable.WithdrawDilution,
  ],
  [KeyType.pendingDilutionsByHolder]: [
    tx.receivable.RequestDilution,
    tx.receivable.AcceptDilution,
    tx.receivable.RejectDilution,
    tx.receivable.WithdrawDilution,
  ],

  [KeyType.financing]: [
    tx.financing.RequestFinancing,
    tx.financing.ApproveFinancing,
    tx.financing.RejectFinancing,
    tx.financing.CancelFinancing,
    tx.financing.RecordTerms,
    tx.receivable.RecordDilution,
    tx.receivable.AcceptDilution,
    tx.repayment.AcknowledgePayment,
    tx.repayment.MarkDelinquency,
  ],
  [KeyType.financingsByBank]: [tx.financing.RequestFinancing],
  [KeyType.financingsByBorrower]: [tx.financing.RequestFinancing],
  [KeyType.financingsByReceivable]: [tx.financing.RequestFinancing],

  [KeyType.payment]: [tx.repayment.RecordPayment, tx.repayment.AcknowledgePayment, tx.repayment.CancelPayment, tx.repayment.RejectPayment],
  [KeyType.paymentsByReceivable]: [tx.repayment.RecordPayment],
  [KeyType.paymentReference]: [tx.repayment.RecordPayment],

  [KeyType.receipt]: [tx.warehouse.IssueReceipt, tx.warehouse.RedeemReceipt, tx.warehouse.AcceptPledge, tx.warehouse.ReleasePledge],
  // The owner index follows the receipt's owners: the bank joins while it is pledged.
  [KeyType.receiptsByOwner]: [tx.warehouse.IssueReceipt, tx.warehouse.AcceptPledge, tx.warehouse.ReleasePledge],
  [KeyType.price]: [tx.warehouse.SetPrice],
  // A price update revalues the live pledges on it.
  [KeyType.pledge]: [
    tx.warehouse.SetPrice,
    tx.warehouse.RequestPledge,
    tx.warehouse.CancelPledge,
    tx.warehouse.AcceptPledge,
    tx.warehouse.ReleasePledge,
    tx.warehouse.RecordPledgeTerms,
  ],
  [KeyType.livePledgesByCommodity]: [tx.warehouse.AcceptPledge, tx.warehouse.ReleasePledge],
};

/**
 * The private write rights: for every private data collection the chaincode writes in, the
 * transactions that may write there. Only the bank's terms are private (`scf.terms` in the bank ×
 * borrower collection), recorded once by the loan's bank, and a credit line's terms (in the bank ×
 * core collection), recorded by the line's bank and rewritten by its limit changes. The block
 * carries only hashed private keys, so the audit judges a private write by its collection.
 */
const LINE_TERMS_COLLECTIONS: ReadonlySet<string> = new Set(BANK_ORGS.map((bank) => creditLineTermsCollection(bank)));

export const PRIVATE_WRITE_RIGHTS: Readonly<Record<string, readonly AnyTransaction[]>> = Object.fromEntries(
  allTermsCollections().map((collection) => [
    collection,
    [
      tx.financing.RecordTerms,
      tx.warehouse.RecordPledgeTerms,
      ...(LINE_TERMS_COLLECTIONS.has(collection) ? [tx.creditLine.RecordCreditLineTerms, tx.creditLine.SetCreditLineLimit] : []),
    ],
  ]),
);

/** Whether the transaction named `fn` may write in the private data collection `collection`. */
export function mayWritePrivate(fn: string, collection: string): boolean {
  return (PRIVATE_WRITE_RIGHTS[collection] ?? []).some((writer) => fcn(writer) === fn);
}

const KEY_TYPES: ReadonlySet<string> = new Set(Object.values(KeyType));

/** Whether `objectType` is one of the chaincode's key classes. */
export function isKeyType(objectType: string): objectType is KeyType {
  return KEY_TYPES.has(objectType);
}

/** The transactions that may write keys of `objectType`; none for a class the chaincode never writes. */
export function writersOf(objectType: string): readonly AnyTransaction[] {
  return isKeyType(objectType) ? WRITE_RIGHTS[objectType] : [];
}

/** Whether the transaction named `fn` ('scf.financing:ApproveFinancing') may write keys of `objectType`. */
export function mayWrite(fn: string, objectType: string): boolean {
  return writersOf(objectType).some((writer) => fcn(writer) === fn);
}

/**
 * Writes an earlier version of the chaincode made that this one does not. The audit replays a
 * ledger from its first block, and a long-lived ledger keeps those versions' transactions: until
 * ProtectCreationGuard, every org's start-up heartbeat gave its creation guard its policy.
 */
export const EARLIER_WRITE_RIGHTS: Readonly<Partial<Record<KeyType, readonly AnyTransaction[]>>> = {
  [KeyType.guard]: [tx.system.Heartbeat],
};

/** mayWrite, or a write an earlier chaincode version made (EARLIER_WRITE_RIGHTS): what the audit holds a block's writes against. */
export function mayHaveWritten(fn: string, objectType: string): boolean {
  const earlier = isKeyType(objectType) ? (EARLIER_WRITE_RIGHTS[objectType] ?? []) : [];
  return mayWrite(fn, objectType) || earlier.some((writer) => fcn(writer) === fn);
}

const BY_FCN: ReadonlyMap<string, AnyTransaction> = new Map(allTransactions().map((t) => [fcn(t), t]));

/**
 * The catalogue transaction a block's function name invokes, split as fabric-contract-api
 * splits it: up to the first ':' is the contract, and a name without one (or with an empty
 * contract: 'Heartbeat', ':Heartbeat') runs on the default contract, scf.system. Undefined for
 * anything the catalogue does not have.
 */
export function transactionOfFcn(fn: string): AnyTransaction | undefined {
  const colon = fn.indexOf(':');
  const contract = colon < 0 ? '' : fn.slice(0, colon);
  const name = colon < 0 ? fn : fn.slice(colon + 1);
  return BY_FCN.get(`${contract.trim() === '' ? catalogue.system.name : contract}:${name}`);
}
