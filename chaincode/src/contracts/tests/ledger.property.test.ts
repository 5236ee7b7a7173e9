import fc from 'fast-check';
import type { FakeIdentity } from '../../testing/fake-identity';
import type { Outcome, TestNetwork } from '../../testing/harness';
import { ID } from '../../testing/identities';
import { recordsByType, violations } from '../../testing/invariants';
import { acceptanceArgs, approvalArgs, limitTransient, P, World } from '../../testing/world';
import { writePairs, writeRightViolations } from '../../testing/write-rights';
import { KeyType } from '@scf/kernel/keys';
import { DRAW_START_MODULUS } from '@scf/kernel/records/credit-line';
import type { Financing } from '@scf/kernel/records/financing';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import { type CommodityPrice, isLivePledge, type Pledge, type WarehouseReceipt } from '@scf/kernel/records/warehouse';

const SUPPLIERS: readonly (readonly [string, FakeIdentity])[] = [
  [P.supplier1, ID.supplier1],
  [P.supplier2, ID.supplier2],
  [P.supplier3, ID.supplier3],
];
const supplierIdentity = (id: string): FakeIdentity => SUPPLIERS.find(([pid]) => pid === id)?.[1] ?? ID.stranger;
const bankOfficer = (msp: string): FakeIdentity => (msp === 'BankAMSP' ? ID.bankAOfficer : ID.bankBOfficer);
const bankGateway = (msp: string): FakeIdentity => (msp === 'BankAMSP' ? ID.bankAGateway : ID.bankBGateway);

type Op =
  | { kind: 'issue'; supplier: number; amount: number; dueInDays: number }
  | { kind: 'confirm' | 'dispute' | 'delinquency'; target: number }
  | { kind: 'split'; target: number; weights: number[]; recipients: number[] }
  | { kind: 'dilute'; target: number; percent: number; byDebtor: boolean; ofMargin: boolean }
  | { kind: 'request'; target: number; line: number; percent: number }
  | { kind: 'approve'; target: number; drawStart: string }
  | { kind: 'race'; a: number; b: number; drawStart: string }
  | { kind: 'pay'; target: number; percent: number }
  | { kind: 'ack'; target: number; byBank: boolean }
  | { kind: 'limit'; line: number; amount: number }
  | { kind: 'cap'; amount: number }
  | { kind: 'time'; days: number }
  | { kind: 'receipt'; owner: number; lot: number; location: number; commodity: number; quantity: number }
  | { kind: 'price'; commodity: number; price: number }
  | { kind: 'pledge'; target: number; bank: number; percent: number }
  | { kind: 'accept'; target: number; haircutBps: number; maintenanceBps: number }
  | { kind: 'release' | 'cancel' | 'redeem'; target: number };

/** The operation (union member) whose kind includes K. */
type OpOf<K extends Op['kind']> = Op extends infer T ? (T extends { kind: infer Kind } ? (K extends Kind ? T : never) : never) : never;
type Handler<O extends Op> = (o: O, r: Receivable | undefined) => Promise<void>;
type Handlers = { readonly [K in Op['kind']]: Handler<OpOf<K>> };

/** Goods: two commodity grades (the second has no price until an oracle sets one). */
const COMMODITIES = [
  ['COPPER', 'A', 'KG'],
  ['ALU', 'B', 'T'],
] as const;
/** Lots and locations, with case and spacing variants of the same ones: those are duplicates. */
const LOTS = ['LOT-1', 'lot-1', 'LOT-2', 'Lot-3', 'LOT-4'] as const;
const LOCATIONS = ['Bay 3', 'bay  3', 'BAY 4', 'Yard 1'] as const;
const OWNERS: readonly (readonly [string, FakeIdentity])[] = [...SUPPLIERS, [P.core, ID.core]];
const ownerIdentity = (id: string): FakeIdentity => OWNERS.find(([pid]) => pid === id)?.[1] ?? ID.stranger;
const BANKS = ['BankAMSP', 'BankBMSP'] as const;

const target = fc.nat(1000);
/** An approval's draw start: empty (hashed from the financing id) or any number the chaincode takes; two racing approvals share one. */
const drawStart = fc.oneof(fc.constant(''), fc.nat(DRAW_START_MODULUS - 1).map(String));
const percent = fc.integer({ min: 1, max: 100 });
/** Half the time a small limit, so approvals regularly meet a line with too little headroom (LIMIT_EXCEEDED). */
const tightLimit = fc.oneof(fc.integer({ min: 0, max: 12_000_000 }), fc.integer({ min: 0, max: 2_000_000 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('issue' as const),
      supplier: fc.nat(2),
      amount: fc.integer({ min: 1, max: 4_000_000 }),
      dueInDays: fc.integer({ min: 1, max: 200 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constantFrom('confirm' as const, 'dispute' as const, 'delinquency' as const), target }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('split' as const),
      target,
      weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
      recipients: fc.array(fc.nat(2), { minLength: 3, maxLength: 3 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('dilute' as const), target, percent, byDebtor: fc.boolean(), ofMargin: fc.boolean() }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('request' as const), target, line: fc.nat(1), percent }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('approve' as const), target, drawStart }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('race' as const), a: target, b: target, drawStart }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('pay' as const), target, percent }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('ack' as const), target, byBank: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('limit' as const), line: fc.nat(1), amount: tightLimit }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('cap' as const), amount: fc.integer({ min: 0, max: 15_000_000 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('time' as const), days: fc.integer({ min: 0, max: 60 }) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('receipt' as const),
      owner: fc.nat(OWNERS.length - 1),
      lot: fc.nat(LOTS.length - 1),
      location: fc.nat(LOCATIONS.length - 1),
      commodity: fc.nat(COMMODITIES.length - 1),
      quantity: fc.integer({ min: 1, max: 10_000 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('price' as const),
      commodity: fc.nat(COMMODITIES.length - 1),
      price: fc.integer({ min: 1, max: 1000 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('pledge' as const), target, bank: fc.nat(1), percent: fc.integer({ min: 1, max: 100 }) }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('accept' as const),
      target,
      haircutBps: fc.integer({ min: 0, max: 5000 }),
      maintenanceBps: fc.integer({ min: 10_000, max: 15_000 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('release' as const), target }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constantFrom('cancel' as const, 'redeem' as const), target }), weight: 2 },
);

/** Drives the real contracts with an operation, picking its target among what exists. */
class Driver {
  private issued = 0;
  readonly refusals = new Map<string, number>();
  /** Dilutions committed on a receivable under a live financing. */
  financedDilutions = 0;
  /** Pending payments cancelled by the debtor or rejected by a payee. */
  voidedPayments = 0;
  /** Dilutions the debtor asked for that took effect on the holder's acceptance. */
  acceptedDilutions = 0;
  /** Committed warehouse transactions by kind, and rules broken by a committed transition. */
  readonly warehouseCommits = new Map<string, number>();
  readonly transitionViolations: string[] = [];

  constructor(private readonly net: TestNetwork) {}

  private all<T>(type: string): T[] {
    return (recordsByType(this.net.ledger).get(type) ?? []) as T[];
  }

  private pick<T>(list: readonly T[], index: number): T | undefined {
    return list.length === 0 ? undefined : list[index % list.length];
  }

  private async submit(who: FakeIdentity, fcn: string, args: readonly string[]): Promise<void> {
    this.record(await this.net.submit(who, fcn, args));
  }

  private record(outcome: Outcome): void {
    if (!outcome.ok) {
      if (outcome.code === 'INTERNAL' || outcome.code === 'NOT_JSON') {
        throw new Error(`unexpected failure: ${outcome.raw}`);
      }
      this.refusals.set(outcome.code, (this.refusals.get(outcome.code) ?? 0) + 1);
    }
  }

  /** Mostly a target in a state where the operation can succeed, sometimes any target (to exercise refusals). */
  private choose<T>(all: readonly T[], fits: (item: T) => boolean, index: number): T | undefined {
    const fitting = all.filter(fits);
    return index % 4 === 0 || fitting.length === 0 ? this.pick(all, index) : this.pick(fitting, index);
  }

  private receivableFor(o: Op, receivables: readonly Receivable[]): Receivable | undefined {
    if (!('target' in o)) {
      return undefined;
    }
    const confirmedFree = (r: Receivable): boolean =>
      r.status === 'CONFIRMED' && r.financingId === undefined && r.pendingPaymentId === undefined;
    switch (o.kind) {
      case 'confirm':
      case 'dispute':
        return this.choose(receivables, (r) => r.status === 'ISSUED' || r.status === 'DISPUTED', o.target);
      case 'split':
      case 'request':
        return this.choose(receivables, confirmedFree, o.target);
      case 'pay':
        return this.choose(receivables, (r) => r.status === 'CONFIRMED' && r.pendingPaymentId === undefined, o.target);
      case 'dilute':
        // Half the time a financed one, to exercise the rule that a dilution never reaches into live principal.
        return this.choose(receivables, (r) => r.status === 'CONFIRMED' && (r.financingId !== undefined) === o.ofMargin, o.target);
      default:
        return this.pick(receivables, o.target);
    }
  }

  /** One handler per kind of operation; each gets the receivable receivableFor picked (if the operation targets one). */
  private readonly handlers: Handlers = {
    issue: (o) => this.issue(o),
    confirm: (o, r) => this.confirmOrDispute(o, r),
    dispute: (o, r) => this.confirmOrDispute(o, r),
    delinquency: (_o, r) => this.delinquency(r),
    split: (o, r) => this.split(o, r),
    dilute: (o, r) => this.dilute(o, r),
    request: (o, r) => this.request(o, r),
    approve: (o) => this.approve(o),
    race: (o) => this.race(o),
    pay: (o, r) => this.pay(o, r),
    ack: (o) => this.ack(o),
    limit: async (o) => {
      const who = o.line === 0 ? ID.bankAOfficer : ID.bankBOfficer;
      const lineId = o.line === 0 ? 'line1' : 'line2';
      this.record(
        await this.net.submit(who, 'scf.creditline:SetCreditLineLimit', [lineId], { transient: limitTransient(String(o.amount)) }),
      );
    },
    cap: (o) => this.submit(ID.auditor, 'scf.creditline:SetConsortiumCap', [P.core, 'USD', String(o.amount)]),
    time: (o) => {
      this.net.advanceDays(o.days);
      return Promise.resolve();
    },
    receipt: (o) => this.receipt(o),
    price: (o) => this.price(o),
    pledge: (o) => this.pledge(o),
    accept: (o) => this.accept(o),
    release: (o) => this.release(o),
    cancel: (o) => this.cancel(o),
    redeem: (o) => this.redeem(o),
  };

  async run(o: Op): Promise<void> {
    const r = this.receivableFor(o, this.all<Receivable>(KeyType.receivable));
    const handle = this.handlers[o.kind] as Handler<Op>;
    await handle(o, r);
  }

  private async issue(o: OpOf<'issue'>): Promise<void> {
    const [, who] = SUPPLIERS[o.supplier] ?? SUPPLIERS[0] ?? ['', ID.supplier1];
    this.issued += 1;
    const due = new Date((this.net.seconds + o.dueInDays * 86_400) * 1000).toISOString().slice(0, 10);
    await this.submit(who, 'scf.receivable:IssueReceivable', [
      `r${this.issued}`,
      P.core,
      `INV-${this.issued}`,
      'USD',
      String(o.amount),
      '2025-01-01',
      due,
    ]);
  }

  private async confirmOrDispute(o: OpOf<'confirm' | 'dispute'>, r: Receivable | undefined): Promise<void> {
    if (r) {
      await this.submit(
        ID.core,
        o.kind === 'confirm' ? 'scf.receivable:ConfirmReceivable' : 'scf.receivable:DisputeReceivable',
        o.kind === 'confirm' ? [r.id] : [r.id, 'reason'],
      );
    }
  }

  private async delinquency(r: Receivable | undefined): Promise<void> {
    if (r) {
      await this.submit(ID.auditor, 'scf.repayment:MarkDelinquency', [r.id]);
    }
  }

  private async split(o: OpOf<'split'>, r: Receivable | undefined): Promise<void> {
    if (!r) {
      return;
    }
    const total = BigInt(r.outstanding);
    const weightSum = BigInt(o.weights.reduce((a, b) => a + b, 0));
    const amounts = o.weights.map((w) => (total * BigInt(w)) / weightSum);
    amounts[0] = (amounts[0] ?? 0n) + total - amounts.reduce((a, b) => a + b, 0n);
    const parts = amounts.map((amount, i) => ({
      id: `${r.id}.${i}`,
      amount: amount.toString(),
      holderId: SUPPLIERS[o.recipients[i] ?? 0]?.[0] ?? P.supplier1,
    }));
    await this.submit(supplierIdentity(r.holderId), 'scf.receivable:SplitReceivable', [r.id, JSON.stringify(parts)]);
  }

  private async dilute(o: OpOf<'dilute'>, r: Receivable | undefined): Promise<void> {
    if (!r) {
      return;
    }
    // Of what is outstanding, or (ofMargin) of the unfinanced margin above the live principal.
    const financing = this.all<Financing>(KeyType.financing).find((f) => f.id === r.financingId);
    const base =
      o.ofMargin && financing
        ? BigInt(r.outstanding) - BigInt(r.pendingAmount) - BigInt(financing.outstandingPrincipal)
        : BigInt(r.outstanding);
    const amount = (base * BigInt(o.percent)) / 100n;
    const id = `d${this.net.seconds}-${this.issued}-${o.percent}`;
    const args = [r.id, id, 'CREDIT_NOTE', amount.toString(), 'CN'];
    let outcome: Outcome;
    if (o.byDebtor) {
      // The debtor only asks; the holder's acceptance is what changes the receivable.
      const expiresAt = new Date((this.net.seconds + 86_400) * 1000).toISOString().replace('.000Z', 'Z');
      const asked = await this.net.submit(ID.core, 'scf.receivable:RequestDilution', [...args, expiresAt]);
      this.record(asked);
      if (!asked.ok) {
        return;
      }
      outcome = await this.net.submit(supplierIdentity(r.holderId), 'scf.receivable:AcceptDilution', [r.id, id]);
      this.acceptedDilutions += outcome.ok ? 1 : 0;
    } else {
      outcome = await this.net.submit(supplierIdentity(r.holderId), 'scf.receivable:RecordDilution', args);
    }
    this.record(outcome);
    if (outcome.ok && financing) {
      this.financedDilutions += 1;
    }
  }

  private async request(o: OpOf<'request'>, r: Receivable | undefined): Promise<void> {
    if (!r) {
      return;
    }
    const amount = (BigInt(r.outstanding) * 9000n * BigInt(o.percent)) / 1_000_000n;
    const id = `f${this.all<Financing>(KeyType.financing).length + 1}`;
    await this.submit(supplierIdentity(r.holderId), 'scf.financing:RequestFinancing', [
      id,
      r.id,
      o.line === 0 ? 'line1' : 'line2',
      amount.toString(),
    ]);
  }

  private async approve(o: OpOf<'approve'>): Promise<void> {
    const f = this.choose(this.all<Financing>(KeyType.financing), (x) => x.status === 'REQUESTED', o.target);
    if (f) {
      await this.submit(bankGateway(f.bankMsp), 'scf.financing:ApproveFinancing', approvalArgs(f, undefined, o.drawStart));
    }
  }

  /** Two approvals endorsed on the same state before either commits, then both committed. */
  private async race(o: OpOf<'race'>): Promise<void> {
    const financings = this.all<Financing>(KeyType.financing);
    const a = this.choose(financings, (x) => x.status === 'REQUESTED', o.a);
    const b = this.choose(financings, (x) => x.status === 'REQUESTED', o.b);
    if (!a || !b || a.id === b.id) {
      return;
    }
    const endorsed = [
      await this.net.simulate(bankGateway(a.bankMsp), 'scf.financing:ApproveFinancing', approvalArgs(a, undefined, o.drawStart)),
      await this.net.simulate(bankGateway(b.bankMsp), 'scf.financing:ApproveFinancing', approvalArgs(b, undefined, o.drawStart)),
    ];
    for (const e of endorsed) {
      if (e.ok) {
        this.net.ledger.commit(e.tx);
      } else {
        this.record(e);
      }
    }
  }

  private async pay(o: OpOf<'pay'>, r: Receivable | undefined): Promise<void> {
    if (r) {
      const amount = (BigInt(r.outstanding) * BigInt(o.percent)) / 100n;
      await this.submit(ID.core, 'scf.repayment:RecordPayment', [
        `p${this.all(KeyType.payment).length + 1}`,
        r.id,
        amount.toString(),
        `W${this.net.seconds}-${this.all(KeyType.payment).length}`,
      ]);
    }
  }

  private async ack(o: OpOf<'ack'>): Promise<void> {
    // One in eight times the payee says the money never came (the generator's distribution is kept, so the seed still reaches what it did).
    if (o.target % 8 === 7) {
      return this.voidPayment(o);
    }
    const payment = this.pick(
      this.all<Payment>(KeyType.payment).filter((p) => p.status === 'PENDING'),
      o.target,
    );
    const allocation = payment?.allocations.find((a) => a.acknowledgedAt === undefined && (a.payeeKind === 'BANK') === o.byBank);
    if (payment && allocation) {
      await this.submit(
        allocation.payeeKind === 'BANK' ? bankOfficer(allocation.payeeId) : supplierIdentity(allocation.payeeId),
        'scf.repayment:AcknowledgePayment',
        [payment.id],
      );
    }
  }

  /** A pending payment disputed: rejected by a payee that has not acknowledged (byBank), or cancelled by the debtor. */
  private async voidPayment(o: OpOf<'ack'>): Promise<void> {
    const payment = this.pick(
      this.all<Payment>(KeyType.payment).filter((p) => p.status === 'PENDING'),
      o.target,
    );
    const allocation = payment?.allocations.find((a) => a.acknowledgedAt === undefined);
    if (!payment || !allocation) {
      return;
    }
    const payee = allocation.payeeKind === 'BANK' ? bankOfficer(allocation.payeeId) : supplierIdentity(allocation.payeeId);
    const outcome = o.byBank
      ? await this.net.submit(payee, 'scf.repayment:RejectPayment', [payment.id, 'not received'])
      : await this.net.submit(ID.core, 'scf.repayment:CancelPayment', [payment.id, 'not received']);
    this.record(outcome);
    if (outcome.ok) {
      this.voidedPayments += 1;
    }
  }

  private async submitWarehouse(kind: string, who: FakeIdentity, fcn: string, args: readonly string[]): Promise<boolean> {
    const outcome = await this.net.submit(who, fcn, args);
    this.record(outcome);
    if (outcome.ok) {
      this.warehouseCommits.set(kind, (this.warehouseCommits.get(kind) ?? 0) + 1);
    }
    return outcome.ok;
  }

  private priceOf(commodity: string, grade: string, unit: string): CommodityPrice | undefined {
    return this.all<CommodityPrice>(KeyType.price).find((x) => x.commodity === commodity && x.grade === grade && x.unit === unit);
  }

  private async receipt(o: OpOf<'receipt'>): Promise<void> {
    const receipts = this.all<WarehouseReceipt>(KeyType.receipt);
    const [ownerId] = OWNERS[o.owner] ?? [P.supplier1];
    const [commodity, grade, unit] = COMMODITIES[o.commodity] ?? COMMODITIES[0];
    await this.submitWarehouse(o.kind, ID.warehouse, 'scf.warehouse:IssueReceipt', [
      `w${receipts.length + 1}`,
      ownerId,
      LOTS[o.lot] ?? 'LOT-1',
      commodity,
      grade,
      unit,
      String(o.quantity),
      LOCATIONS[o.location] ?? 'Bay 3',
    ]);
  }

  private async price(o: OpOf<'price'>): Promise<void> {
    const [commodity, grade, unit] = COMMODITIES[o.commodity] ?? COMMODITIES[0];
    await this.submitWarehouse(o.kind, ID.oracle, 'scf.warehouse:SetPrice', [commodity, grade, unit, 'USD', String(o.price)]);
  }

  private async pledge(o: OpOf<'pledge'>): Promise<void> {
    const receipts = this.all<WarehouseReceipt>(KeyType.receipt);
    const pledges = this.all<Pledge>(KeyType.pledge);
    const receipt = this.choose(receipts, (r) => r.status === 'ISSUED' && r.pledgeId === undefined, o.target);
    if (!receipt) {
      return;
    }
    // A share of the goods' value today (of quantity × 100 while there is no price).
    const value = BigInt(receipt.quantity) * BigInt(this.priceOf(receipt.commodity, receipt.grade, receipt.unit)?.pricePerUnit ?? '100');
    const loan = (value * BigInt(o.percent)) / 100n;
    await this.submitWarehouse(o.kind, ownerIdentity(receipt.ownerId), 'scf.warehouse:RequestPledge', [
      `pl${pledges.length + 1}`,
      receipt.id,
      BANKS[o.bank] ?? 'BankAMSP',
      String(loan > 0n ? loan : 1n),
    ]);
  }

  private async accept(o: OpOf<'accept'>): Promise<void> {
    const receipts = this.all<WarehouseReceipt>(KeyType.receipt);
    const pledge = this.choose(this.all<Pledge>(KeyType.pledge), (p) => p.status === 'REQUESTED', o.target);
    if (!pledge) {
      return;
    }
    const receipt = receipts.find((r) => r.id === pledge.receiptId);
    const price = receipt && this.priceOf(receipt.commodity, receipt.grade, receipt.unit);
    const accepted = await this.submitWarehouse(
      o.kind,
      bankOfficer(pledge.bankMsp),
      'scf.warehouse:AcceptPledge',
      acceptanceArgs(pledge, String(o.haircutBps), String(o.maintenanceBps), price),
    );
    if (accepted) {
      this.judgeAcceptance(o, pledge, receipt, price);
    }
  }

  /** Judged independently of the domain code, on the state the acceptance read. */
  private judgeAcceptance(
    o: OpOf<'accept'>,
    pledge: Pledge,
    receipt: WarehouseReceipt | undefined,
    price: CommodityPrice | undefined,
  ): void {
    const maxLoan =
      receipt && price ? (BigInt(receipt.quantity) * BigInt(price.pricePerUnit) * (10_000n - BigInt(o.haircutBps))) / 10_000n : -1n;
    if (BigInt(pledge.loanAmount) > maxLoan) {
      this.transitionViolations.push(
        `pledge ${pledge.id} accepted with loan ${pledge.loanAmount} above value × (1 − haircut) = ${maxLoan}`,
      );
    }
    if (!receipt || receipt.pledgeId !== undefined || receipt.status !== 'ISSUED') {
      this.transitionViolations.push(
        `pledge ${pledge.id} accepted on receipt ${pledge.receiptId} that was ${receipt?.status ?? 'missing'} / pledged under ${receipt?.pledgeId ?? 'none'}`,
      );
    }
  }

  private async release(o: OpOf<'release'>): Promise<void> {
    const pledge = this.choose(this.all<Pledge>(KeyType.pledge), isLivePledge, o.target);
    if (pledge) {
      await this.submitWarehouse(o.kind, bankOfficer(pledge.bankMsp), 'scf.warehouse:ReleasePledge', [pledge.id]);
    }
  }

  private async cancel(o: OpOf<'cancel'>): Promise<void> {
    const pledge = this.choose(this.all<Pledge>(KeyType.pledge), (p) => p.status === 'REQUESTED', o.target);
    if (pledge) {
      await this.submitWarehouse(o.kind, ownerIdentity(pledge.ownerId), 'scf.warehouse:CancelPledge', [pledge.id]);
    }
  }

  private async redeem(o: OpOf<'redeem'>): Promise<void> {
    const receipts = this.all<WarehouseReceipt>(KeyType.receipt);
    const receipt = this.choose(receipts, (r) => r.status === 'ISSUED' && r.pledgeId === undefined, o.target);
    if (!receipt) {
      return;
    }
    const redeemed = await this.submitWarehouse(o.kind, ID.warehouse, 'scf.warehouse:RedeemReceipt', [receipt.id]);
    if (redeemed && (receipt.pledgeId !== undefined || receipt.status !== 'ISSUED')) {
      this.transitionViolations.push(
        `receipt ${receipt.id} redeemed while ${receipt.status} / pledged under ${receipt.pledgeId ?? 'none'}`,
      );
    }
  }
}

const RUNS = 80;

describe('ledger properties over random sequences of operations', () => {
  let base: World;

  beforeAll(async () => {
    base = await World.withLines();
    for (const [i, amount] of ['1000000', '2500000', '400000', '7000000', '999', '3333333'].entries()) {
      await base.confirmedReceivable(`base${i}`, amount);
    }
    // Goods in the warehouse from the start, one of them priced.
    await base.submitOk(ID.oracle, 'scf.warehouse:SetPrice', ['COPPER', 'A', 'KG', 'USD', '250']);
    await base.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', ['wb1', P.supplier1, 'BASE-1', 'COPPER', 'A', 'KG', '4000', 'Bay 9']);
    await base.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', ['wb2', P.core, 'BASE-2', 'ALU', 'B', 'T', '30', 'Bay 9']);
    await base.submitOk(ID.warehouse, 'scf.warehouse:IssueReceipt', ['wb3', P.supplier2, 'BASE-3', 'COPPER', 'A', 'KG', '100', 'Yard 2']);
  });

  it('conservation, no double encumbrance, no stranded financing, exposure within limits, no negative amount; one live pledge per receipt, loans within value × (1 − haircut), no redemption under a pledge', async () => {
    const refusals = new Map<string, number>();
    let committed = 0;
    let financedDilutions = 0;
    let voidedPayments = 0;
    let acceptedDilutions = 0;
    const warehouseCommits = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 15, maxLength: 50 }), async (ops) => {
        const net = base.net.fork();
        const driver = new Driver(net);
        for (const o of ops) {
          await driver.run(o);
          expect(violations(net.ledger)).toEqual([]);
          expect(driver.transitionViolations).toEqual([]);
        }
        // Every write of the sequence is one the kernel's write-rights table (what the audit checks) allows.
        expect(writeRightViolations(writePairs(net.ledger))).toEqual([]);
        committed += net.ledger.blocks.filter((b) => b.code === 'VALID').length;
        financedDilutions += driver.financedDilutions;
        voidedPayments += driver.voidedPayments;
        acceptedDilutions += driver.acceptedDilutions;
        for (const [kind, n] of driver.warehouseCommits) {
          warehouseCommits.set(kind, (warehouseCommits.get(kind) ?? 0) + n);
        }
        for (const [code, n] of driver.refusals) {
          refusals.set(code, (refusals.get(code) ?? 0) + n);
        }
      }),
      // A fixed seed keeps CI reproducible (the coverage expectations below depend on what the
      // runs reach); set FC_SEED to explore other sequences.
      { numRuns: RUNS, seed: Number(process.env.FC_SEED ?? '20261129') },
    );
    // The sequences must reach the interesting states, or the property proves little.
    expect(committed).toBeGreaterThan(RUNS * 20);
    expect(financedDilutions).toBeGreaterThan(5);
    expect(voidedPayments).toBeGreaterThan(5);
    expect(acceptedDilutions).toBeGreaterThan(5);
    const rarelyCommitted = ['receipt', 'price', 'pledge', 'accept', 'release', 'cancel', 'redeem'].filter(
      (kind) => (warehouseCommits.get(kind) ?? 0) < 5,
    );
    expect(rarelyCommitted).toEqual([]);
    expect([...refusals.keys()]).toEqual(
      expect.arrayContaining([
        'ENCUMBERED',
        'INVALID_STATE',
        'LIMIT_EXCEEDED',
        'CAP_EXCEEDED',
        'DUPLICATE_FINGERPRINT',
        'COLLATERAL_INSUFFICIENT',
      ]),
    );
  }, 120_000);
});
