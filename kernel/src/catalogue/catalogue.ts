import { type AccessRule, ANYONE, MEMBER, ORG_ADMIN, roles } from './access-rules';

/**
 * The contract catalogue: every contract the chaincode serves and, per transaction, whether it
 * is submitted or only evaluated, its arguments in order, who may call it and what it does.
 * The chaincode takes its contract names and access rules from here (and a test proves its
 * @Transaction methods match it); the gateway and the tests call the ledger only through
 * `call(tx.<contract>.<Transaction>, { <arg>: … })`, so a wrong name, kind or argument does
 * not compile.
 */

/** Submitted (endorsed, ordered, committed) or only evaluated on one peer. */
export type TransactionKind = 'submit' | 'evaluate';

interface TransactionSpec<K extends TransactionKind = TransactionKind, A extends readonly string[] = readonly string[]> {
  readonly kind: K;
  /** The chaincode function's parameters after the context, in order. */
  readonly args: A;
  readonly access: AccessRule;
  readonly description: string;
}

/** One transaction of one contract, as the catalogue declares it. */
export interface CatalogueTransaction<
  C extends string = string,
  N extends string = string,
  K extends TransactionKind = TransactionKind,
  A extends readonly string[] = readonly string[],
> extends TransactionSpec<K, A> {
  /** 'scf.financing' */
  readonly contract: C;
  /** 'RequestFinancing' */
  readonly name: N;
}

type TransactionsOf<C extends string, T extends Readonly<Record<string, TransactionSpec>>> = {
  readonly [N in keyof T & string]: CatalogueTransaction<C, N, T[N]['kind'], T[N]['args']>;
};

export interface CatalogueContract<
  C extends string = string,
  T extends Readonly<Record<string, TransactionSpec>> = Readonly<Record<string, TransactionSpec>>,
> {
  /** The name fabric-contract-api serves it under: 'scf.financing'. */
  readonly name: C;
  readonly transactions: TransactionsOf<C, T>;
}

function submit<const A extends readonly string[]>(args: A, access: AccessRule, description: string): TransactionSpec<'submit', A> {
  return { kind: 'submit', args, access, description };
}

function evaluate<const A extends readonly string[]>(args: A, access: AccessRule, description: string): TransactionSpec<'evaluate', A> {
  return { kind: 'evaluate', args, access, description };
}

function contract<const C extends string, T extends Readonly<Record<string, TransactionSpec>>>(name: C, specs: T): CatalogueContract<C, T> {
  const transactions = Object.fromEntries(
    Object.entries(specs).map(([transaction, spec]) => [transaction, Object.freeze({ contract: name, name: transaction, ...spec })]),
  );
  return Object.freeze({ name, transactions: Object.freeze(transactions) as TransactionsOf<C, T> });
}

const system = contract('scf.system', {
  Version: evaluate([], ANYONE, "The deployed chaincode's `{name, version}`."),
  Heartbeat: submit(
    ['label'],
    ANYONE,
    'Records which org wrote the heartbeat `label` and when, to prove endorsement, ordering and commit.',
  ),
  ReadHeartbeat: evaluate(['mspId', 'label'], ANYONE, 'The heartbeat an org last wrote under `label`.'),
  ProtectCreationGuard: submit(
    [],
    ORG_ADMIN,
    "Gives the admin's org its creation guard's policy (a peer of that org), once: a record naming the org then needs its peer. The network's start-up calls it for every org; later calls change nothing.",
  ),
});

const participant = contract('scf.participant', {
  RegisterParticipant: submit(
    ['participantId', 'clientId', 'name', 'role', 'tier', 'legalEntityId'],
    ORG_ADMIN,
    'Registers a participant of the admin\'s own org; clientId is `getID()` of the user\'s certificate, tier `"1"`..`"9"` for suppliers, `""` otherwise; legalEntityId the company\'s LEI, bound to the first org that registers it.',
  ),
  SuspendParticipant: submit(['participantId'], ORG_ADMIN, "Suspends a participant of the admin's own org: it can then do nothing."),
  ReinstateParticipant: submit(['participantId'], ORG_ADMIN, "Reinstates a suspended participant of the admin's own org."),
  RegisterRiskKey: submit(
    ['publicKeyPem'],
    ORG_ADMIN,
    "A bank org's admin registers (or replaces) the EC P-256 public key (SPKI PEM) its risk gateway signs its decisions with; the key belongs to the bank's org.",
  ),
  IssueInvitation: submit(
    ['codeHash', 'tier', 'ttlSeconds'],
    roles('core-enterprise', 'supplier'),
    'Invites a supplier of tier `"1"`..`"9"` with a one-time code of which the ledger keeps only the SHA-256 `codeHash`; it expires `ttlSeconds` (1..2592000) after this transaction\'s timestamp and belongs to the inviter\'s org.',
  ),
  RegisterInvitedParticipant: submit(
    ['invitationCode', 'participantId', 'clientId', 'name', 'legalEntityId'],
    ORG_ADMIN,
    "The Suppliers org admin redeems an invitation code: registers the newcomer as a supplier of the invited tier with `invitedBy`, and uses the code up (INVITATION_UNKNOWN, INVITATION_USED, INVITATION_EXPIRED); needs the inviting org's peer too.",
  ),
  GetRiskKey: evaluate(['bankMsp'], MEMBER, "A bank's registered risk-gateway key: `{bankMsp, publicKeyPem, registeredAt, registeredBy}`."),
  WhoAmI: evaluate([], ANYONE, "The caller's `{mspId, clientId, isAdmin, participant}`."),
  GetParticipant: evaluate(['participantId'], MEMBER, 'One participant.'),
  ListParticipantsByOrg: evaluate(['mspId'], MEMBER, 'The participants of an org.'),
  GetParticipantHistory: evaluate(['participantId'], MEMBER, 'Every version of a participant, newest first.'),
});

const creditLine = contract('scf.creditline', {
  GrantCreditLine: submit(
    ['lineId', 'coreId', 'currency', 'termsHash'],
    roles('bank'),
    "A bank grants a line on a core enterprise; the line belongs to the caller's bank org. Its terms stay off the public state: the line keeps `termsHash`, the SHA-256 of the canonical salted terms (RecordCreditLineTerms stores them).",
  ),
  RecordCreditLineTerms: submit(
    ['lineId'],
    roles('bank'),
    "The line's bank stores the line's terms (transient `lineTerms`: salt, limit, expiresOn, maxAdvanceRateBps, maxTenorDays, graceDays, trancheLimits) in its bank × core private collection, once; refused unless they hash to the line's termsHash (TERMS_MISMATCH).",
  ),
  SetCreditLineLimit: submit(
    ['lineId'],
    roles('bank'),
    "The line's bank changes its limit (transient `limit`, never an argument); refused below what is drawn. Re-spreads the tranche limits in the private terms and commits to the new terms.",
  ),
  CloseCreditLine: submit(['lineId'], roles('bank'), "The line's bank closes it."),
  SetConsortiumCap: submit(
    ['coreId', 'currency', 'cap'],
    roles('auditor'),
    "Caps what all banks together may advance against a core enterprise, split evenly into each bank org's share; refused when a share would fall below what its bank drew. The first cap in a currency also needs every bank org's peer (it creates each bank's draw keys).",
  ),
  GetCreditLine: evaluate(
    ['lineId'],
    MEMBER,
    "A line's public part with its drawn amount and each tranche's drawn amount: `{line, drawn, tranches}` (the terms, headroom and tranche limits come from GetCreditLineTerms).",
  ),
  GetCreditLineTerms: evaluate(
    ['lineId'],
    roles('bank', 'risk-gateway', 'core-enterprise'),
    "A line's private terms, for its bank (officers or risk gateway) and its core enterprise, sealed to the caller's certificate key (a submitted read leaves nothing readable in its block).",
  ),
  GetCoreExposure: evaluate(
    ['coreId', 'currency'],
    MEMBER,
    "A core enterprise's cap and exposure across all banks: `{cap, drawn, headroom, shares, shards}` (each bank's share with its drawn amount and headroom).",
  ),
  ListCreditLinesByBank: evaluate(['bankMsp'], MEMBER, 'The lines a bank org granted.'),
  ListCreditLinesByCore: evaluate(['coreId'], MEMBER, 'The lines granted on a core enterprise.'),
  GetCreditLineHistory: evaluate(['lineId'], MEMBER, 'Every version of a line, newest first.'),
});

const receivable = contract('scf.receivable', {
  IssueReceivable: submit(
    ['receivableId', 'debtorId', 'invoiceNumber', 'currency', 'amount', 'issueDate', 'dueDate'],
    roles('supplier'),
    'A supplier issues a receivable on a core enterprise (debtor) and becomes its creditor and holder.',
  ),
  ConfirmReceivable: submit(['receivableId'], roles('core-enterprise'), 'The debtor confirms the receivable.'),
  DisputeReceivable: submit(['receivableId', 'reason'], roles('core-enterprise'), 'The debtor disputes the receivable, only while ISSUED.'),
  SplitReceivable: submit(
    ['receivableId', 'partsJson'],
    roles('supplier'),
    'The holder splits the outstanding amount into 1-10 parts `[{"id","amount","holderId"}]` (to itself or upstream suppliers of a higher tier; one part is a transfer).',
  ),
  RecordDilution: submit(
    ['receivableId', 'dilutionId', 'kind', 'amount', 'reference'],
    roles('supplier'),
    'The holder records its own credit note or return (kind `CREDIT_NOTE`/`RETURN`) reducing what is outstanding, in one step.',
  ),
  RequestDilution: submit(
    ['receivableId', 'dilutionId', 'kind', 'amount', 'reference', 'expiresAt'],
    roles('core-enterprise'),
    'The debtor asks the holder to accept a credit note or return; nothing changes until the holder accepts it, at the latest at `expiresAt` (`YYYY-MM-DDTHH:MM:SSZ`, within 90 days).',
  ),
  AcceptDilution: submit(
    ['receivableId', 'dilutionId'],
    roles('supplier'),
    "The holder accepts the debtor's pending dilution before it expires; on a financed receivable only within what the bank's principal leaves. Returns `{receivable, dilution, request, financing}`.",
  ),
  RejectDilution: submit(['receivableId', 'dilutionId', 'reason'], roles('supplier'), "The holder rejects the debtor's pending dilution."),
  WithdrawDilution: submit(['receivableId', 'dilutionId'], roles('core-enterprise'), 'The debtor withdraws its pending dilution request.'),
  GetDilutionRequest: evaluate(['receivableId', 'dilutionId'], MEMBER, 'One dilution request.'),
  ListDilutionRequests: evaluate(['receivableId'], MEMBER, "The debtor's dilution requests on a receivable, whatever their status."),
  ListPendingDilutions: evaluate(
    ['holderId'],
    MEMBER,
    'The dilution requests waiting for a holder to accept or reject, with their expiry (expired ones included until cleared).',
  ),
  GetReceivable: evaluate(['receivableId'], MEMBER, 'One receivable.'),
  ListReceivablesByHolder: evaluate(['holderId'], MEMBER, 'The receivables a participant holds.'),
  ListReceivablesByDebtor: evaluate(['debtorId'], MEMBER, 'The receivables a core enterprise owes.'),
  ListDilutions: evaluate(['receivableId'], MEMBER, 'The dilutions recorded on a receivable.'),
  GetReceivableHistory: evaluate(['receivableId'], MEMBER, 'Every version of a receivable, newest first.'),
});

const financing = contract('scf.financing', {
  RequestFinancing: submit(
    ['financingId', 'receivableId', 'lineId', 'amount'],
    roles('supplier'),
    'The holder asks the bank of the line to advance an amount against its receivable.',
  ),
  ApproveFinancing: submit(
    ['financingId', 'assessmentJson', 'decisionJson', 'drawStart'],
    roles('risk-gateway'),
    'The risk gateway of the financing\'s bank approves with its assessment `{"decision":"APPROVE","policyVersion":"…","inputsHash":"<sha256 hex>"}` (a score or reason codes are refused: they stay with the bank) and the gate\'s signed decision `{decision: {kind: "financing-approval", bankMsp, financingId, receivableId, lineId, amount, policyVersion, inputsHash, expiresAt}, signature}` (kernel/src/records/gate-decision.ts), verified with the bank\'s registered risk key, bound to this financing and assessment, unexpired at the transaction timestamp; every hard rule is re-checked and the amount drawn, from tranche `drawStart mod 32` and cap slot `drawStart mod 128` on (`drawStart`: an integer below 2^20 that the gate counts up, so that approvals in flight together start on different slots; empty: slots hashed from the financing id). Returns `{financing, exposureAfter}`.',
  ),
  RejectFinancing: submit(
    ['financingId', 'assessmentJson'],
    roles('risk-gateway'),
    "The risk gateway of the financing's bank rejects with its assessment (decision `REJECT`).",
  ),
  CancelFinancing: submit(['financingId'], roles('supplier'), 'The borrower cancels its request, while REQUESTED.'),
  RecordTerms: submit(
    ['financingId'],
    roles('bank'),
    "The financing's bank records its private terms, passed in the transient map under `terms`, once.",
  ),
  GetTerms: evaluate(
    ['financingId'],
    roles('bank', 'risk-gateway', 'supplier'),
    "The private terms, for the financing's bank (officers or risk gateway) or the borrower, sealed to the caller's certificate key (a submitted read leaves nothing readable in its block).",
  ),
  VerifyTermsDisclosure: evaluate(
    ['financingId'],
    roles('auditor'),
    'The auditor checks terms disclosed to it (transient `terms`) against the on-chain hash: `{financingId, matches}`.',
  ),
  GetFinancing: evaluate(['financingId'], MEMBER, 'One financing.'),
  GetApprovalContext: evaluate(
    ['financingId'],
    MEMBER,
    "What a risk gate reads before approving, in one query: `{financing, line, core, lineage}` (the line's exposure as GetCreditLine gives it; of the cap, the cap, the total drawn over every bank and the draws of the financing bank's share, from the draw keys alone; the financed receivable and its parents, root first, each with its history newest first).",
  ),
  ListFinancingsByBank: evaluate(['bankMsp'], MEMBER, 'The financings of a bank org.'),
  ListFinancingsByBorrower: evaluate(['borrowerId'], MEMBER, 'The financings a participant borrowed.'),
  ListFinancingsByReceivable: evaluate(['receivableId'], MEMBER, 'The financings against a receivable.'),
  GetFinancingHistory: evaluate(['financingId'], MEMBER, 'Every version of a financing, newest first.'),
});

const repayment = contract('scf.repayment', {
  RecordPayment: submit(
    ['paymentId', 'receivableId', 'amount', 'reference'],
    roles('core-enterprise'),
    'The debtor records a (partial) payment; reference unique per debtor, one pending payment at a time.',
  ),
  AcknowledgePayment: submit(
    ['paymentId'],
    roles('bank', 'supplier'),
    "The paid bank's officer, or the holder, acknowledges receipt of a payment.",
  ),
  CancelPayment: submit(
    ['paymentId', 'reason'],
    roles('core-enterprise'),
    'The debtor cancels its payment while PENDING (a payee says the money never came): its unacknowledged shares are void and the receivable is free again.',
  ),
  RejectPayment: submit(
    ['paymentId', 'reason'],
    roles('bank', 'supplier'),
    'A payee that has not acknowledged its share (the bank officer or the holder) rejects the payment as not received: as CancelPayment, but by the payee.',
  ),
  MarkDelinquency: submit(
    ['receivableId'],
    roles('core-enterprise', 'supplier', 'bank', 'risk-gateway', 'auditor'),
    'A party with a stake (debtor, holder, financing bank, any auditor) marks an overdue receivable delinquent.',
  ),
  GetPayment: evaluate(['paymentId'], MEMBER, 'One payment.'),
  ListPaymentsByReceivable: evaluate(['receivableId'], MEMBER, 'The payments on a receivable.'),
  GetPaymentHistory: evaluate(['paymentId'], MEMBER, 'Every version of a payment, newest first.'),
});

const warehouse = contract('scf.warehouse', {
  IssueReceipt: submit(
    ['receiptId', 'ownerId', 'lotId', 'commodity', 'grade', 'unit', 'quantity', 'location'],
    roles('warehouse'),
    'A warehouse issues a receipt for goods it holds.',
  ),
  RedeemReceipt: submit(['receiptId'], roles('warehouse'), 'The issuing warehouse redeems an unpledged receipt.'),
  SetPrice: submit(
    ['commodity', 'grade', 'unit', 'currency', 'pricePerUnit'],
    roles('price-oracle'),
    'The price oracle sets a commodity price and revalues the live pledges on it.',
  ),
  RequestPledge: submit(
    ['pledgeId', 'receiptId', 'bankMsp', 'loanAmount'],
    roles('supplier', 'core-enterprise'),
    "The receipt's owner asks a bank for a loan against it.",
  ),
  CancelPledge: submit(['pledgeId'], roles('supplier', 'core-enterprise'), 'The owner cancels its pledge request, while REQUESTED.'),
  AcceptPledge: submit(
    ['pledgeId', 'haircutBps', 'maintenanceRatioBps', 'decisionJson'],
    roles('bank'),
    'The pledge\'s bank accepts it (maintenanceRatioBps ≥ 10000) with its risk gate\'s signed decision `{decision: {kind: "pledge-acceptance", bankMsp, pledgeId, receiptId, loanAmount, haircutBps, maintenanceRatioBps, priceSetAt, policyVersion, inputsHash, expiresAt}, signature}` for these terms at the current price, unexpired: `{pledge, valuation: {receiptId, quantity, currency, pricePerUnit, priceSetAt, value, haircutBps, maxLoan, loanAmount}}`.',
  ),
  ReleasePledge: submit(['pledgeId'], roles('bank'), "The pledge's bank releases it once the loan is repaid."),
  RecordPledgeTerms: submit(
    ['pledgeId'],
    roles('bank'),
    "The pledge's bank records its private terms, passed in the transient map under `terms`.",
  ),
  GetPledgeTerms: evaluate(
    ['pledgeId'],
    roles('bank', 'supplier', 'core-enterprise'),
    "The private terms, for the pledge's bank or the owner, sealed to the caller's certificate key.",
  ),
  GetReceipt: evaluate(['receiptId'], MEMBER, 'One warehouse receipt.'),
  GetPledge: evaluate(['pledgeId'], MEMBER, 'One pledge.'),
  GetPrice: evaluate(['commodity', 'grade', 'unit'], MEMBER, 'The current price of a commodity.'),
  ListReceiptsByOwner: evaluate(['ownerId'], MEMBER, 'The receipts a participant owns.'),
  GetReceiptHistory: evaluate(['receiptId'], MEMBER, 'Every version of a receipt, newest first.'),
  GetPledgeHistory: evaluate(['pledgeId'], MEMBER, 'Every version of a pledge, newest first.'),
});

/** Every contract, the chaincode's default (scf.system) first. */
export const catalogue = Object.freeze({ system, participant, creditLine, receivable, financing, repayment, warehouse });
export type Catalogue = typeof catalogue;

/** The transactions by contract: `tx.financing.GetFinancing`. */
export const tx: { readonly [C in keyof Catalogue]: Catalogue[C]['transactions'] } = Object.freeze({
  system: system.transactions,
  participant: participant.transactions,
  creditLine: creditLine.transactions,
  receivable: receivable.transactions,
  financing: financing.transactions,
  repayment: repayment.transactions,
  warehouse: warehouse.transactions,
});

/** Any transaction of the catalogue, as its precise type. */
export type AnyTransaction = {
  [C in keyof Catalogue]: Catalogue[C]['transactions'][keyof Catalogue[C]['transactions']];
}[keyof Catalogue];
export type ContractName = Catalogue[keyof Catalogue]['name'];
export type TransactionName = AnyTransaction['name'];

/** Every transaction of the catalogue, contract by contract. */
export function allTransactions(): readonly AnyTransaction[] {
  return Object.values(catalogue).flatMap((c) => Object.values<AnyTransaction>(c.transactions));
}

/** A transaction's arguments by name: `{ financingId: 'f-1' }`. */
export type ArgsOf<T extends CatalogueTransaction> = { readonly [A in T['args'][number]]: string };

/** A call ready for the ledger: the arguments are in the chaincode's order. Made only by `call`. */
export interface ChaincodeCall<K extends TransactionKind = TransactionKind> {
  readonly contract: ContractName;
  readonly transaction: TransactionName;
  readonly kind: K;
  readonly args: readonly string[];
}
export type EvaluateCall = ChaincodeCall<'evaluate'>;
export type SubmitCall = ChaincodeCall<'submit'>;

/** The named arguments of `call`: none for a transaction without arguments. */
export type CallArgs<T extends CatalogueTransaction> = T['args'] extends readonly [] ? [] : [args: ArgsOf<T>];

/** `call(tx.financing.GetFinancing, { financingId })`: the named arguments put in the catalogue's order. */
export function call<T extends AnyTransaction>(transaction: T, ...named: CallArgs<T>): ChaincodeCall<T['kind']> {
  const values: Readonly<Record<string, unknown>> = named[0] ?? {};
  const args = transaction.args.map((name: string) => {
    const value = values[name];
    if (typeof value !== 'string') {
      throw new TypeError(`${transaction.contract}:${transaction.name} needs the argument ${name}`);
    }
    return value;
  });
  return { contract: transaction.contract, transaction: transaction.name, kind: transaction.kind, args };
}

/** 'scf.participant:RegisterParticipant': the name a block's transaction carries. */
export function fcn<T extends CatalogueTransaction>(transaction: T): `${T['contract']}:${T['name']}` {
  return `${transaction.contract}:${transaction.name}`;
}
