import { leiFromLabel } from '@scf/kernel/legal-entity';
import type { common } from '@hyperledger/fabric-protos';
import { buildBlock, type TestTransaction, type TestWrite } from './block-builder';
import type { CreditLine } from '@scf/kernel/records/credit-line';
import type { Financing } from '@scf/kernel/records/financing';
import type { Participant } from '@scf/kernel/records/participant';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import { fcn, tx as catalogueTx } from '@scf/kernel/catalogue/catalogue';
import { KeyType } from '@scf/kernel/keys';

const DAY_MS = 86_400_000;
/** 2025-01-01T00:00:00Z; day n of the scenario is START + n days. */
export const SCENARIO_START_MS = Date.UTC(2025, 0, 1);
const iso = (day: number): string => new Date(SCENARIO_START_MS + day * DAY_MS).toISOString();
const date = (day: number): string => iso(day).slice(0, 10);

function participant(id: string, mspId: string, role: Participant['role'], day: number, tier?: number): Participant {
  return {
    id,
    clientId: `x509::/CN=${id}::/CN=ca`,
    mspId,
    name: id,
    legalEntityId: leiFromLabel(id),
    role,
    ...(tier === undefined ? {} : { tier }),
    status: 'ACTIVE',
    registeredAt: iso(day),
    updatedAt: iso(day),
  };
}

function receivable(
  id: string,
  holderId: string,
  face: string,
  issueDay: number,
  dueDay: number,
  extra: Partial<Receivable> = {},
): Receivable {
  return {
    id,
    rootId: id,
    childIds: [],
    invoiceNumber: `INV-${id}`,
    invoiceFingerprint: `fp-${id}`,
    currency: 'USD',
    issueDate: date(issueDay),
    dueDate: date(dueDay),
    creditorId: holderId,
    debtorId: 'core',
    debtorMsp: 'CoreMSP',
    holderId,
    holderMsp: 'SuppliersMSP',
    face,
    outstanding: face,
    settled: '0',
    diluted: '0',
    splitOff: '0',
    status: 'ISSUED',
    delinquency: 'CURRENT',
    pendingAmount: '0',
    createdAt: iso(issueDay),
    updatedAt: iso(issueDay),
    ...extra,
  };
}

function financing(
  id: string,
  receivableId: string,
  bankMsp: string,
  borrowerId: string,
  amount: string,
  requestDay: number,
  maturityDay: number,
  extra: Partial<Financing> = {},
): Financing {
  return {
    id,
    receivableId,
    lineId: `line-${bankMsp}`,
    bankMsp,
    borrowerId,
    borrowerMsp: 'SuppliersMSP',
    debtorId: 'core',
    currency: 'USD',
    amount,
    outstandingPrincipal: '0',
    repaidPrincipal: '0',
    status: 'REQUESTED',
    maturityDate: date(maturityDay),
    requestedAt: iso(requestDay),
    trancheDraws: [],
    capDraws: [],
    coverageBreach: false,
    termsRecorded: false,
    updatedAt: iso(requestDay),
    ...extra,
  };
}

function line(bankMsp: string, day: number): CreditLine {
  return {
    id: `line-${bankMsp}`,
    bankMsp,
    grantedBy: bankMsp,
    coreId: 'core',
    currency: 'USD',
    termsHash: 'b2'.repeat(32),
    termsRecorded: true,
    trancheCount: 32,
    status: 'ACTIVE',
    createdAt: iso(day),
    updatedAt: iso(day),
  };
}

const w = (objectType: string, attributes: string[], value: unknown): TestWrite => ({ objectType, attributes, value });
const rw = (r: Receivable): TestWrite => w(KeyType.receivable, [r.id], r);
const fw = (f: Financing): TestWrite => w(KeyType.financing, [f.id], f);

let txCounter = 0;
function tx(fn: string, day: number, writes: TestWrite[], extra: Partial<TestTransaction> = {}): TestTransaction {
  txCounter += 1;
  const txId = `tx-${String(txCounter).padStart(4, '0')}`;
  return {
    txId,
    fn,
    timestampMs: SCENARIO_START_MS + day * DAY_MS,
    writes,
    response: writes[0]?.value,
    event: { name: `event.${fn}`, payload: { txId } },
    ...extra,
  };
}

/**
 * A small ledger history, one list of transactions per block: registrations, a credit line
 * from each bank, receivables issued over three months, a split that transfers a part, a
 * financing repaid on time, one repaid late, one defaulted, one rejected, a dilution, a
 * payment and its acknowledgement, and one MVCC-invalidated transaction (whose writes must not count).
 */
export function scenarioTransactions(): TestTransaction[][] {
  txCounter = 0;
  const r1 = receivable('r1', 'supplier-1', '1000000', 0, 60);
  const r2 = receivable('r2', 'supplier-1', '500000', 31, 90);
  const r3 = receivable('r3', 'supplier-1', '700000', 62, 120);
  const r4 = receivable('r4', 'supplier-2', '300000', 5, 40);
  const r1c = { ...r1, status: 'CONFIRMED' as const, updatedAt: iso(1) };
  const r1split = {
    ...r1c,
    status: 'SPLIT' as const,
    outstanding: '0',
    splitOff: '1000000',
    childIds: ['r1-a', 'r1-b'],
    updatedAt: iso(2),
  };
  const r1a = {
    ...receivable('r1-a', 'supplier-1', '600000', 0, 60, { rootId: 'r1', parentId: 'r1', status: 'CONFIRMED', createdAt: iso(2) }),
  };
  const r1b = {
    ...receivable('r1-b', 'supplier-2', '400000', 0, 60, {
      rootId: 'r1',
      parentId: 'r1',
      creditorId: 'supplier-1',
      status: 'CONFIRMED',
      createdAt: iso(2),
    }),
  };
  const f1 = financing('f1', 'r1-a', 'BankAMSP', 'supplier-1', '400000', 3, 60);
  const f1active = { ...f1, status: 'ACTIVE' as const, outstandingPrincipal: '400000', decidedAt: iso(4), updatedAt: iso(4) };
  const f1repaid = { ...f1active, status: 'REPAID' as const, outstandingPrincipal: '0', repaidPrincipal: '400000', updatedAt: iso(55) };
  const f2 = financing('f2', 'r2', 'BankAMSP', 'supplier-1', '300000', 32, 90);
  const f2active = { ...f2, status: 'ACTIVE' as const, outstandingPrincipal: '300000', decidedAt: iso(33), updatedAt: iso(33) };
  const f2repaidLate = { ...f2active, status: 'REPAID' as const, outstandingPrincipal: '0', repaidPrincipal: '300000', updatedAt: iso(95) };
  const f3 = financing('f3', 'r3', 'BankBMSP', 'supplier-1', '500000', 63, 120);
  const f3active = { ...f3, status: 'ACTIVE' as const, outstandingPrincipal: '500000', decidedAt: iso(64), updatedAt: iso(64) };
  const f3defaulted = { ...f3active, status: 'DEFAULTED' as const, updatedAt: iso(140) };
  const f4 = financing('f4', 'r4', 'BankBMSP', 'supplier-2', '200000', 6, 40);
  const f4rejected = { ...f4, status: 'REJECTED' as const, decidedAt: iso(7), updatedAt: iso(7) };
  const f5 = financing('f5', 'r1-b', 'BankAMSP', 'supplier-2', '250000', 8, 60);
  const f5active = { ...f5, status: 'ACTIVE' as const, outstandingPrincipal: '250000', decidedAt: iso(9), updatedAt: iso(9) };
  const payment: Payment = {
    id: 'p1',
    receivableId: 'r1-a',
    financingId: 'f1',
    debtorId: 'core',
    currency: 'USD',
    amount: '600000',
    reference: 'WIRE-1',
    allocations: [
      { payeeKind: 'BANK', payeeId: 'BankAMSP', amount: '400000' },
      { payeeKind: 'HOLDER', payeeId: 'supplier-1', amount: '200000' },
    ],
    status: 'PENDING',
    recordedAt: iso(54),
    updatedAt: iso(54),
  };
  const paymentAcked: Payment = {
    ...payment,
    allocations: [
      { payeeKind: 'BANK', payeeId: 'BankAMSP', amount: '400000', acknowledgedBy: 'bank-a', acknowledgedAt: iso(55) },
      { payeeKind: 'HOLDER', payeeId: 'supplier-1', amount: '200000' },
    ],
    updatedAt: iso(55),
  };
  return [
    [
      tx(fcn(catalogueTx.participant.RegisterParticipant), 0, [
        w(KeyType.participant, ['supplier-1'], participant('supplier-1', 'SuppliersMSP', 'supplier', 0, 1)),
      ]),
      tx(fcn(catalogueTx.participant.RegisterParticipant), 0, [
        w(KeyType.participant, ['supplier-2'], participant('supplier-2', 'SuppliersMSP', 'supplier', 0, 2)),
      ]),
      tx(fcn(catalogueTx.participant.RegisterParticipant), 0, [
        w(KeyType.participant, ['core'], participant('core', 'CoreMSP', 'core-enterprise', 0)),
      ]),
      tx(fcn(catalogueTx.participant.RegisterParticipant), 0, [
        w(KeyType.participant, ['bank-a'], participant('bank-a', 'BankAMSP', 'bank', 0)),
      ]),
    ],
    [
      tx(fcn(catalogueTx.creditLine.GrantCreditLine), 0, [w(KeyType.creditLine, ['line-BankAMSP'], line('BankAMSP', 0))]),
      tx(fcn(catalogueTx.creditLine.GrantCreditLine), 0, [w(KeyType.creditLine, ['line-BankBMSP'], line('BankBMSP', 0))]),
      tx(fcn(catalogueTx.creditLine.SetConsortiumCap), 0, [
        w(KeyType.cap, ['core', 'USD'], {
          coreId: 'core',
          currency: 'USD',
          cap: '1000000000',
          shardCount: 32,
          setBy: 'auditor',
          updatedAt: iso(0),
        }),
      ]),
    ],
    [
      tx(fcn(catalogueTx.receivable.IssueReceivable), 0, [rw(r1)]),
      tx(fcn(catalogueTx.receivable.ConfirmReceivable), 1, [rw(r1c)]),
      tx(fcn(catalogueTx.receivable.IssueReceivable), 5, [rw(r4)]),
    ],
    [tx(fcn(catalogueTx.receivable.SplitReceivable), 2, [rw(r1split), rw(r1a), rw(r1b)])],
    [
      tx(fcn(catalogueTx.financing.RequestFinancing), 3, [fw(f1)]),
      tx(fcn(catalogueTx.financing.RequestFinancing), 6, [fw(f4)]),
      tx(fcn(catalogueTx.financing.RequestFinancing), 8, [fw(f5)]),
    ],
    [
      tx(fcn(catalogueTx.financing.ApproveFinancing), 4, [fw(f1active), rw({ ...r1a, financingId: 'f1', updatedAt: iso(4) })]),
      tx(fcn(catalogueTx.financing.RejectFinancing), 7, [fw(f4rejected)]),
      // Lost an MVCC race: its writes are in the block but never applied.
      tx(fcn(catalogueTx.financing.ApproveFinancing), 7, [fw({ ...f4, status: 'ACTIVE', outstandingPrincipal: '999999' })], {
        validationCode: 11,
      }),
      tx(fcn(catalogueTx.financing.ApproveFinancing), 9, [fw(f5active)]),
    ],
    [
      tx(fcn(catalogueTx.receivable.IssueReceivable), 31, [rw(r2)]),
      tx(fcn(catalogueTx.financing.RequestFinancing), 32, [fw(f2)]),
      tx(fcn(catalogueTx.financing.ApproveFinancing), 33, [fw(f2active)]),
      tx(fcn(catalogueTx.receivable.RecordDilution), 34, [
        rw({ ...r2, diluted: '50000', outstanding: '450000', updatedAt: iso(34) }),
        w(KeyType.dilution, ['r2', 'd1'], {
          id: 'd1',
          receivableId: 'r2',
          kind: 'CREDIT_NOTE',
          amount: '50000',
          reference: 'CN-1',
          recordedBy: 'supplier-1',
          recordedAt: iso(34),
        }),
      ]),
    ],
    [
      tx(fcn(catalogueTx.repayment.RecordPayment), 54, [w(KeyType.payment, ['p1'], payment)]),
      tx(fcn(catalogueTx.repayment.AcknowledgePayment), 55, [w(KeyType.payment, ['p1'], paymentAcked), fw(f1repaid)]),
    ],
    [
      tx(fcn(catalogueTx.receivable.IssueReceivable), 62, [rw(r3)]),
      tx(fcn(catalogueTx.financing.RequestFinancing), 63, [fw(f3)]),
      tx(fcn(catalogueTx.financing.ApproveFinancing), 64, [fw(f3active)]),
    ],
    [
      tx(fcn(catalogueTx.repayment.AcknowledgePayment), 95, [fw(f2repaidLate)]),
      tx(fcn(catalogueTx.repayment.MarkDelinquency), 140, [fw(f3defaulted)]),
    ],
  ];
}

export function scenarioBlocks(): common.Block[] {
  return scenarioTransactions().map((transactions, number) => buildBlock(number, transactions));
}

/** Day 150 of the scenario, epoch seconds. */
export const SCENARIO_NOW_SECONDS = Math.floor((SCENARIO_START_MS + 150 * DAY_MS) / 1000);
