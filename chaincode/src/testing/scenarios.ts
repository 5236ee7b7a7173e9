import type { FakeIdentity } from './fake-identity';
import { ID } from './identities';
import { ASSESSMENT, approvalArgs, grantArgs, limitTransient, lineTerms, lineTermsTransient, P, World } from './world';
import type { Role } from '@scf/kernel/roles';
import { leiFromLabel } from '@scf/kernel/legal-entity';
import { BANK_A_RISK_KEY, publicKeyOf } from '@scf/kernel/testing/risk-keys';
import { sha256Hex } from '@scf/kernel/canonical-json';

/** An open invitation of the matrix world, issued by the core enterprise. */
const MATRIX_INVITATION_CODE = 'matrix-open-invitation-code';

/** Every kind of caller the access matrix tries: each role, an org admin, an unregistered client, a suspended participant. */
export type CallerKind = Role | 'org-admin' | 'unregistered' | 'suspended';

export const CALLERS: Readonly<Record<CallerKind, FakeIdentity>> = {
  bank: ID.bankAOfficer,
  'risk-gateway': ID.bankAGateway,
  'core-enterprise': ID.core,
  supplier: ID.supplier1,
  warehouse: ID.warehouse,
  auditor: ID.auditor,
  'price-oracle': ID.oracle,
  'org-admin': ID.suppliersAdmin,
  unregistered: ID.stranger,
  suspended: ID.suspendedSupplier,
};

export const TERMS = JSON.stringify({
  salt: '0f'.repeat(16),
  rateKind: 'DISCOUNT',
  rateBps: '450',
  feeAmount: '2500',
  internalScore: 'BBB+',
});

/** The terms of line-bare, a BankA line granted in the matrix world whose terms are not recorded yet. */
const BARE_LINE_TERMS = lineTerms('line-bare', '500000');

export interface Call {
  readonly args: readonly string[];
  readonly transient?: Readonly<Record<string, string>>;
  /** Who acts instead of CALLERS[kind]: a transaction only a particular org's admin may call (a bank's RegisterRiskKey). */
  readonly as?: FakeIdentity;
}

/** The identity that makes `call` as a caller of `kind`. */
export function callerOf(kind: CallerKind, call: Call): FakeIdentity {
  return call.as ?? CALLERS[kind];
}

/**
 * A call of every transaction that succeeds on the matrix world for each caller the access
 * rules allow (the supplier is the holder, the core enterprise the debtor, the bank BankA).
 */
export const SCENARIOS: Readonly<Record<string, (caller: CallerKind) => Call>> = {
  'scf.system:Version': () => ({ args: [] }),
  'scf.system:Heartbeat': () => ({ args: ['hb2'] }),
  'scf.system:ReadHeartbeat': () => ({ args: ['AuditorMSP', 'hb'] }),
  'scf.system:ProtectCreationGuard': () => ({ args: [] }),

  'scf.participant:RegisterParticipant': () => ({
    args: ['sup7', ID.newSupplier.getID(), 'Supplier Seven', 'supplier', '2', leiFromLabel('sup7')],
  }),
  'scf.participant:SuspendParticipant': () => ({ args: [P.supplier2] }),
  'scf.participant:ReinstateParticipant': () => ({ args: ['sup-suspended'] }),
  'scf.participant:RegisterRiskKey': (caller) => ({
    args: [publicKeyOf(BANK_A_RISK_KEY)],
    as: caller === 'org-admin' ? ID.bankAAdmin : undefined,
  }),
  'scf.participant:IssueInvitation': () => ({ args: [sha256Hex('matrix-new-invitation-code'), '2', '3600'] }),
  'scf.participant:RegisterInvitedParticipant': () => ({
    args: [MATRIX_INVITATION_CODE, 'sup-invited', ID.newSupplier.getID(), 'Invited Ltd', leiFromLabel('sup-invited')],
  }),
  'scf.participant:GetRiskKey': () => ({ args: ['BankAMSP'] }),
  'scf.participant:WhoAmI': () => ({ args: [] }),
  'scf.participant:GetParticipant': () => ({ args: [P.supplier1] }),
  'scf.participant:ListParticipantsByOrg': () => ({ args: ['SuppliersMSP'] }),
  'scf.participant:GetParticipantHistory': () => ({ args: [P.supplier1] }),

  'scf.creditline:GrantCreditLine': () => ({
    args: grantArgs('line9', P.core, lineTerms('line9', '1000000', '2025-12-31', '8000', 90, 0)),
  }),
  'scf.creditline:RecordCreditLineTerms': () => ({ args: ['line-bare'], transient: lineTermsTransient(BARE_LINE_TERMS) }),
  'scf.creditline:SetCreditLineLimit': () => ({ args: ['line1'], transient: limitTransient('20000000') }),
  'scf.creditline:CloseCreditLine': () => ({ args: ['line1'] }),
  'scf.creditline:SetConsortiumCap': () => ({ args: [P.core, 'USD', '60000000'] }),
  'scf.creditline:GetCreditLine': () => ({ args: ['line1'] }),
  'scf.creditline:GetCreditLineTerms': () => ({ args: ['line1'] }),
  'scf.creditline:GetCoreExposure': () => ({ args: [P.core, 'USD'] }),
  'scf.creditline:ListCreditLinesByBank': () => ({ args: ['BankAMSP'] }),
  'scf.creditline:ListCreditLinesByCore': () => ({ args: [P.core] }),
  'scf.creditline:GetCreditLineHistory': () => ({ args: ['line1'] }),

  'scf.receivable:IssueReceivable': () => ({ args: ['r-new', P.core, 'INV-NEW', 'USD', '1000', '2025-01-20', '2025-06-01'] }),
  'scf.receivable:ConfirmReceivable': () => ({ args: ['r-issued'] }),
  'scf.receivable:DisputeReceivable': () => ({ args: ['r-issued', 'quantity short'] }),
  'scf.receivable:SplitReceivable': () => ({
    args: ['r-conf', JSON.stringify([{ id: 'r-conf-a', amount: '1000000', holderId: P.supplier2 }])],
  }),
  'scf.receivable:RecordDilution': () => ({ args: ['r-conf', 'd1', 'CREDIT_NOTE', '10', 'CN-1'] }),
  'scf.receivable:RequestDilution': () => ({ args: ['r-conf', 'dr-new', 'CREDIT_NOTE', '10', 'CN-NEW', '2025-02-20T00:00:00Z'] }),
  'scf.receivable:AcceptDilution': () => ({ args: ['r-conf', 'dr-1'] }),
  'scf.receivable:RejectDilution': () => ({ args: ['r-conf', 'dr-1', 'no such return'] }),
  'scf.receivable:WithdrawDilution': () => ({ args: ['r-conf', 'dr-1'] }),
  'scf.receivable:GetDilutionRequest': () => ({ args: ['r-conf', 'dr-1'] }),
  'scf.receivable:ListDilutionRequests': () => ({ args: ['r-conf'] }),
  'scf.receivable:ListPendingDilutions': () => ({ args: [P.supplier1] }),
  'scf.receivable:GetReceivable': () => ({ args: ['r-conf'] }),
  'scf.receivable:ListReceivablesByHolder': () => ({ args: [P.supplier1] }),
  'scf.receivable:ListReceivablesByDebtor': () => ({ args: [P.core] }),
  'scf.receivable:ListDilutions': () => ({ args: ['r-conf'] }),
  'scf.receivable:GetReceivableHistory': () => ({ args: ['r-conf'] }),

  'scf.financing:RequestFinancing': () => ({ args: ['f-new', 'r-conf', 'line1', '1000'] }),
  'scf.financing:ApproveFinancing': () => ({
    args: approvalArgs({ id: 'f-req', bankMsp: 'BankAMSP', receivableId: 'r-req', lineId: 'line1', amount: '500000' }),
  }),
  'scf.financing:RejectFinancing': () => ({ args: ['f-req', JSON.stringify({ ...ASSESSMENT, decision: 'REJECT' })] }),
  'scf.financing:CancelFinancing': () => ({ args: ['f-req'] }),
  'scf.financing:RecordTerms': () => ({ args: ['f-late'], transient: { terms: TERMS } }),
  'scf.financing:GetTerms': () => ({ args: ['f-active'] }),
  'scf.financing:VerifyTermsDisclosure': () => ({ args: ['f-active'], transient: { terms: TERMS } }),
  'scf.financing:GetFinancing': () => ({ args: ['f-active'] }),
  'scf.financing:GetApprovalContext': () => ({ args: ['f-active'] }),
  'scf.financing:ListFinancingsByBank': () => ({ args: ['BankAMSP'] }),
  'scf.financing:ListFinancingsByBorrower': () => ({ args: [P.supplier1] }),
  'scf.financing:ListFinancingsByReceivable': () => ({ args: ['r-fin'] }),
  'scf.financing:GetFinancingHistory': () => ({ args: ['f-active'] }),

  'scf.repayment:RecordPayment': () => ({ args: ['pay-new', 'r-conf', '100', 'WIRE-NEW'] }),
  'scf.repayment:AcknowledgePayment': () => ({ args: ['pay-pending'] }),
  'scf.repayment:CancelPayment': () => ({ args: ['pay-pending', 'not received'] }),
  'scf.repayment:RejectPayment': () => ({ args: ['pay-pending', 'not received'] }),
  'scf.repayment:MarkDelinquency': () => ({ args: ['r-late'] }),
  'scf.repayment:GetPayment': () => ({ args: ['pay-pending'] }),
  'scf.repayment:ListPaymentsByReceivable': () => ({ args: ['r-fin'] }),
  'scf.repayment:GetPaymentHistory': () => ({ args: ['pay-pending'] }),

  'scf.warehouse:IssueReceipt': () => ({ args: ['w-new', P.supplier1, 'LOT-NEW', 'COPPER', 'A', 'KG', '10', 'Bay 9'] }),
  'scf.warehouse:RedeemReceipt': () => ({ args: ['w-free'] }),
  'scf.warehouse:SetPrice': () => ({ args: ['COPPER', 'A', 'KG', 'USD', '120'] }),
  'scf.warehouse:RequestPledge': (caller) => ({ args: ['p-new', caller === 'core-enterprise' ? 'w-core' : 'w-free', 'BankAMSP', '100'] }),
  'scf.warehouse:CancelPledge': (caller) => ({ args: [caller === 'core-enterprise' ? 'p-core-req' : 'p-req'] }),
  'scf.warehouse:AcceptPledge': () => ({ args: matrixAcceptance }),
  'scf.warehouse:ReleasePledge': () => ({ args: ['p-active'] }),
  'scf.warehouse:RecordPledgeTerms': () => ({ args: ['p-req'], transient: { terms: TERMS } }),
  'scf.warehouse:GetPledgeTerms': (caller) => ({ args: [caller === 'core-enterprise' ? 'p-core-active' : 'p-active'] }),
  'scf.warehouse:GetReceipt': () => ({ args: ['w-free'] }),
  'scf.warehouse:GetPledge': () => ({ args: ['p-active'] }),
  'scf.warehouse:GetPrice': () => ({ args: ['COPPER', 'A', 'KG'] }),
  'scf.warehouse:ListReceiptsByOwner': () => ({ args: [P.supplier1] }),
  'scf.warehouse:GetReceiptHistory': () => ({ args: ['w-free'] }),
  'scf.warehouse:GetPledgeHistory': () => ({ args: ['p-active'] }),
};

async function receipt(world: World, id: string, owner: string, lot: string): Promise<void> {
  await world.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', [id, owner, lot, 'COPPER', 'A', 'KG', '100', 'Bay 1']);
}

async function pledge(world: World, id: string, receiptId: string, owner: FakeIdentity, accept: boolean): Promise<void> {
  await world.submitOk(owner, 'scf.warehouse:RequestPledge', [id, receiptId, 'BankAMSP', '1000']);
  if (accept) {
    await world.submitOk(ID.bankAOfficer, 'scf.warehouse:AcceptPledge', await world.acceptArgs(id, '2000', '11000'));
    await world.submitOk(ID.bankAOfficer, 'scf.warehouse:RecordPledgeTerms', [id], { transient: { terms: TERMS } });
  }
}

/** AcceptPledge of p-req with the bank's signed decision, made by matrixWorld (it depends on the price it set). */
let matrixAcceptance: readonly string[] = [];

/** Every object the scenarios name, in the state they need; the clock ends at 2025-01-25. */
export async function matrixWorld(): Promise<World> {
  const world = await World.withLines();
  await world.submitOk(ID.suppliersAdmin, 'scf.participant:RegisterParticipant', [
    'sup-suspended',
    ID.suspendedSupplier.getID(),
    'Suspended Ltd',
    'supplier',
    '1',
    leiFromLabel('sup-suspended'),
  ]);
  await world.submitOk(ID.suppliersAdmin, 'scf.participant:SuspendParticipant', ['sup-suspended']);
  await world.submitOk(ID.auditor, 'scf.system:Heartbeat', ['hb']);
  await world.submitOk(ID.bankAOfficer, 'scf.creditline:GrantCreditLine', grantArgs('line-bare', P.core, BARE_LINE_TERMS));

  await world.submitOk(ID.supplier1, 'scf.receivable:IssueReceivable', [
    'r-issued',
    P.core,
    'INV-ISSUED',
    'USD',
    '1000',
    '2025-01-05',
    '2025-04-01',
  ]);
  await world.confirmedReceivable('r-conf');
  await world.submitOk(ID.core, 'scf.receivable:RequestDilution', ['r-conf', 'dr-1', 'RETURN', '20', 'RET-1', '2025-03-01T00:00:00Z']);
  await world.confirmedReceivable('r-req');
  await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f-req', 'r-req', 'line1', '500000']);
  await world.financedReceivable('r-fin', 'f-active', '800000');
  await world.submitOk(ID.bankAOfficer, 'scf.financing:RecordTerms', ['f-active'], { transient: { terms: TERMS } });
  await world.submitOk(ID.supplier1, 'scf.receivable:IssueReceivable', [
    'r-late',
    P.core,
    'INV-LATE',
    'USD',
    '200000',
    '2025-01-01',
    '2025-01-20',
  ]);
  await world.submitOk(ID.core, 'scf.receivable:ConfirmReceivable', ['r-late']);
  await world.submitOk(ID.supplier1, 'scf.financing:RequestFinancing', ['f-late', 'r-late', 'line1', '100000']);
  await world.submitOk(ID.bankAGateway, 'scf.financing:ApproveFinancing', await world.approveArgs('f-late'));
  await world.submitOk(ID.core, 'scf.repayment:RecordPayment', ['pay-pending', 'r-fin', '1000000', 'WIRE-P']);

  await world.submitOk(ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '100']);
  await receipt(world, 'w-free', P.supplier1, 'LOT-1');
  await receipt(world, 'w-core', P.core, 'LOT-2');
  await receipt(world, 'w-req', P.supplier1, 'LOT-3');
  await receipt(world, 'w-core-req', P.core, 'LOT-4');
  await receipt(world, 'w-active', P.supplier1, 'LOT-5');
  await receipt(world, 'w-core-active', P.core, 'LOT-6');
  await pledge(world, 'p-req', 'w-req', ID.supplier1, false);
  await pledge(world, 'p-core-req', 'w-core-req', ID.core, false);
  await pledge(world, 'p-active', 'w-active', ID.supplier1, true);
  await pledge(world, 'p-core-active', 'w-core-active', ID.core, true);

  world.net.seconds = Date.UTC(2025, 0, 25) / 1000;
  await world.submitOk(ID.core, 'scf.participant:IssueInvitation', [sha256Hex(MATRIX_INVITATION_CODE), '2', '86400']);
  matrixAcceptance = await world.acceptArgs('p-req', '2000', '11000');
  return world;
}
