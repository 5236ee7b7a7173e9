import { conserves } from '../domain/receivable';
import type { FakeLedger } from './fake-ledger';
import type { CapDraw, CapShardLimit, TrancheDraw } from '@scf/kernel/records/credit-line';
import { creditLineTermsHash, parseCreditLineTermsJson } from '@scf/kernel/records/line-terms';
import { creditLineTermsCollection } from '@scf/kernel/records/terms';
import { KeyType } from '@scf/kernel/keys';
import { formatAmount, sumOf } from '@scf/kernel/money';
import type { Slot, ConsortiumCap, CreditLine } from '@scf/kernel/records/credit-line';
import { type Financing, isLive } from '@scf/kernel/records/financing';
import type { Dilution, DilutionRequest } from '@scf/kernel/records/dilution';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import { type CommodityPrice, isLivePledge, type Pledge, type WarehouseReceipt } from '@scf/kernel/records/warehouse';

/** The committed records of each object type, decoded. */
export function recordsByType(ledger: FakeLedger): Map<string, unknown[]> {
  const byType = new Map<string, unknown[]>();
  for (const { key, value } of ledger.entries()) {
    const objectType = key.split('\u0000')[1] ?? '';
    const list = byType.get(objectType) ?? [];
    list.push(JSON.parse(value.toString('utf8')));
    byType.set(objectType, list);
  }
  return byType;
}

const sumDrawn = (slots: readonly Pick<Slot, 'drawn'>[]): bigint => sumOf(slots.map((s) => BigInt(s.drawn)));
const sumLimits = (slots: readonly Slot[]): bigint => sumOf(slots.map((s) => BigInt(s.limit)));

function walkStrings(value: unknown, visit: (text: string, path: string) => void, path = '$'): void {
  if (typeof value === 'string') {
    visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      walkStrings(item, visit, `${path}[${i}]`);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      walkStrings(v, visit, `${path}.${k}`);
    }
  }
}

/**
 * The ledger-wide invariants; returns the violations found (empty when sound):
 * conservation of every receivable tree, no double encumbrance, no stranded financing (live
 * principal the debtor can no longer repay), exposure equal to the sum of live principals and
 * within every limit, no negative amount anywhere, and the warehouse rules (warehouseViolations).
 */
export function violations(ledger: FakeLedger): string[] {
  const records = recordsByType(ledger);
  const get = <T>(type: string): T[] => (records.get(type) ?? []) as T[];
  const receivables = new Map(get<Receivable>(KeyType.receivable).map((r) => [r.id, r]));
  const financings = get<Financing>(KeyType.financing);
  const live = financings.filter(isLive);
  return [
    ...negativeAmounts(records),
    ...[...receivables.values()].flatMap((r) => receivableViolations(r, receivables, live)),
    ...live.flatMap((f) => liveFinancingViolations(f, receivables.get(f.receivableId))),
    ...financings.flatMap(principalViolations),
    ...doubleEncumbrances(live),
    ...creditLineViolations(ledger, get<CreditLine>(KeyType.creditLine), get<TrancheDraw>(KeyType.tranche), live),
    ...capViolations(get<ConsortiumCap>(KeyType.cap), get<CapShardLimit>(KeyType.capShard), get<CapDraw>(KeyType.capDraw), live),
    ...paymentViolations(get<Payment>(KeyType.payment)),
    ...pendingPaymentViolations([...receivables.values()], get<Payment>(KeyType.payment)),
    ...consentViolations(ledger, get<DilutionRequest>(KeyType.dilutionRequest), get<Dilution>(KeyType.dilution)),
    ...warehouseViolations(ledger, get<WarehouseReceipt>(KeyType.receipt), get<Pledge>(KeyType.pledge), get<CommodityPrice>(KeyType.price)),
  ];
}

/** Every string in every record that looks like a negative amount. */
function negativeAmounts(records: Map<string, unknown[]>): string[] {
  const found: string[] = [];
  for (const [type, list] of records) {
    for (const record of list) {
      walkStrings(record, (text, path) => {
        if (/^-\d/.test(text)) {
          found.push(`negative amount ${type} ${path}`);
        }
      });
    }
  }
  return found;
}

/** Settled, diluted and outstanding over a receivable and all its splits, recursively. */
function treeTotal(r: Receivable, receivables: ReadonlyMap<string, Receivable>): bigint {
  return (
    BigInt(r.settled) +
    BigInt(r.diluted) +
    BigInt(r.outstanding) +
    sumOf(r.childIds.map((id) => treeTotal(receivables.get(id) as Receivable, receivables)))
  );
}

/** Conservation of one receivable and its tree, and that its encumbrance is a live financing. */
function receivableViolations(r: Receivable, receivables: ReadonlyMap<string, Receivable>, live: readonly Financing[]): string[] {
  const found: string[] = [];
  if (!conserves(r)) {
    found.push(`receivable ${r.id} does not conserve`);
  }
  const childFaces = sumOf(r.childIds.map((id) => BigInt(receivables.get(id)?.face ?? '-1')));
  if (r.childIds.length > 0 && childFaces !== BigInt(r.splitOff)) {
    found.push(`children of ${r.id} do not sum to its split`);
  }
  if (r.parentId === undefined && treeTotal(r, receivables) !== BigInt(r.face)) {
    found.push(`tree of ${r.id}: face ≠ settled + outstanding + diluted over all splits`);
  }
  if (r.financingId !== undefined && !live.some((f) => f.id === r.financingId)) {
    found.push(`receivable ${r.id} encumbered by a financing that is not live`);
  }
  return found;
}

/**
 * Stranded: principal drawn that the debtor can no longer repay (RecordPayment needs a
 * CONFIRMED receivable and pays the bank first, up to what is outstanding).
 */
function isStranded(f: Financing, encumbered: Receivable): boolean {
  return (
    BigInt(f.outstandingPrincipal) > 0n &&
    (encumbered.status !== 'CONFIRMED' || BigInt(encumbered.outstanding) < BigInt(f.outstandingPrincipal))
  );
}

/** A live financing is its receivable's encumbrance, is not stranded, and its draws match its principal. */
function liveFinancingViolations(f: Financing, encumbered: Receivable | undefined): string[] {
  const found: string[] = [];
  if (encumbered?.financingId !== f.id) {
    found.push(`live financing ${f.id} is not the encumbrance of ${f.receivableId}`);
  }
  if (encumbered && isStranded(f, encumbered)) {
    found.push(
      `live financing ${f.id} is stranded: receivable ${encumbered.id} is ${encumbered.status} with ${encumbered.outstanding} outstanding under ${f.outstandingPrincipal} principal`,
    );
  }
  if (
    sumOf(f.trancheDraws.map((d) => BigInt(d.amount))) !== BigInt(f.outstandingPrincipal) ||
    sumOf(f.capDraws.map((d) => BigInt(d.amount))) !== BigInt(f.outstandingPrincipal)
  ) {
    found.push(`draws of ${f.id} differ from its outstanding principal`);
  }
  return found;
}

/** Once funded, outstanding plus repaid principal is the financed amount. */
function principalViolations(f: Financing): string[] {
  const funded = f.status !== 'REQUESTED' && f.status !== 'REJECTED' && f.status !== 'CANCELLED';
  return funded && BigInt(f.outstandingPrincipal) + BigInt(f.repaidPrincipal) !== BigInt(f.amount)
    ? [`financing ${f.id}: outstanding + repaid ≠ amount`]
    : [];
}

/** No receivable under more than one live financing. */
function doubleEncumbrances(live: readonly Financing[]): string[] {
  const liveByReceivable = new Map<string, number>();
  for (const f of live) {
    liveByReceivable.set(f.receivableId, (liveByReceivable.get(f.receivableId) ?? 0) + 1);
  }
  return [...liveByReceivable]
    .filter(([, count]) => count > 1)
    .map(([receivableId, count]) => `receivable ${receivableId} encumbered ${count} times`);
}

/** Slots (tranches or shards) whose limits sum to the limit, whose draws sum to the principal, none over its own limit. */
function slotsConsistent(own: readonly Slot[], limit: bigint, principal: bigint): boolean {
  return (
    sumLimits(own) === limit && sumDrawn(own) === principal && principal <= limit && own.every((s) => BigInt(s.drawn) <= BigInt(s.limit))
  );
}

const livePrincipal = (financings: readonly Financing[]): bigint => sumOf(financings.map((f) => BigInt(f.outstandingPrincipal)));

/** A line's private terms as its bank's peer holds them (undefined before RecordCreditLineTerms). */
function storedLineTerms(ledger: FakeLedger, line: CreditLine): ReturnType<typeof parseCreditLineTermsJson> | undefined {
  const key = `\u0000scf.terms\u0000creditline\u0000${line.id}\u0000`;
  const entry = ledger.readPrivate(creditLineTermsCollection(line.bankMsp), key);
  return entry === undefined ? undefined : parseCreditLineTermsJson(entry.value.toString('utf8'));
}

/**
 * Per line: its stored terms are the ones its public record commits to, its tranches' limits (from
 * the terms) sum to its limit, what they hold sums to the live principal on it, none over its limit.
 * A line without stored terms has nothing drawn on it.
 */
function creditLineViolations(
  ledger: FakeLedger,
  lines: readonly CreditLine[],
  tranches: readonly TrancheDraw[],
  live: readonly Financing[],
): string[] {
  return lines.flatMap((line) => {
    const terms = storedLineTerms(ledger, line);
    const draws = tranches.filter((t) => t.lineId === line.id);
    const principal = livePrincipal(live.filter((f) => f.lineId === line.id));
    if (terms === undefined) {
      return principal === 0n && sumDrawn(draws) === 0n ? [] : [`credit line ${line.id} has draws but no terms`];
    }
    if (creditLineTermsHash(terms) !== line.termsHash) {
      return [`credit line ${line.id}'s stored terms do not match its commitment`];
    }
    const own = draws.map((t) => ({ ...t, limit: terms.trancheLimits[t.index] ?? '0' }));
    return slotsConsistent(own, BigInt(terms.limit), principal) ? [] : [`credit line ${line.id} exposure inconsistent or over its limit`];
  });
}

/**
 * Per cap: the banks' shares sum to the cap; per bank share: its slot limits sum to the share, its
 * draws to the live principal of that bank's financings on the core enterprise, none over its slot.
 */
function capViolations(
  caps: readonly ConsortiumCap[],
  limits: readonly CapShardLimit[],
  draws: readonly CapDraw[],
  live: readonly Financing[],
): string[] {
  return caps.flatMap((cap) => {
    const ofCap = (r: { readonly coreId: string; readonly currency: string }): boolean =>
      r.coreId === cap.coreId && r.currency === cap.currency;
    const shareTotal = sumOf(cap.shares.map((share) => BigInt(share.limit)));
    const found =
      shareTotal === BigInt(cap.cap) ? [] : [`consortium cap on ${cap.coreId}: shares sum to ${formatAmount(shareTotal)}, not the cap`];
    for (const share of cap.shares) {
      const own: Slot[] = limits
        .filter((l) => ofCap(l) && l.bankMsp === share.bankMsp)
        .map((l) => ({
          index: l.index,
          limit: l.limit,
          drawn: draws.find((d) => ofCap(d) && d.bankMsp === l.bankMsp && d.index === l.index)?.drawn ?? 'missing',
        }));
      const principal = livePrincipal(
        live.filter((f) => ofCap({ coreId: f.debtorId, currency: f.currency }) && f.bankMsp === share.bankMsp),
      );
      const drawKeys = draws.filter((d) => ofCap(d) && d.bankMsp === share.bankMsp).length;
      if (drawKeys !== own.length || own.some((s) => s.drawn === 'missing') || !slotsConsistent(own, BigInt(share.limit), principal)) {
        found.push(`${share.bankMsp}'s share of the consortium cap on ${cap.coreId} inconsistent or over its limit`);
      }
    }
    return found;
  });
}

function paymentViolations(payments: readonly Payment[]): string[] {
  return payments
    .filter((p) => sumOf(p.allocations.map((a) => BigInt(a.amount))) !== BigInt(p.amount))
    .map((p) => `payment ${p.id} allocations do not sum to it`);
}

/**
 * What a receivable reserves for a payment is exactly what that payment has not yet had
 * acknowledged, and only a PENDING payment is reserved: a cancelled or rejected payment leaves
 * nothing locked, and no share is both void and settled.
 */
function pendingPaymentViolations(receivables: readonly Receivable[], payments: readonly Payment[]): string[] {
  const found: string[] = [];
  for (const r of receivables) {
    const pending = payments.filter((p) => p.receivableId === r.id && p.status === 'PENDING');
    const unacknowledged = sumOf(
      pending.flatMap((p) => p.allocations.filter((a) => a.acknowledgedAt === undefined).map((a) => BigInt(a.amount))),
    );
    if (pending.length > 1 || r.pendingPaymentId !== pending[0]?.id || BigInt(r.pendingAmount) !== unacknowledged) {
      found.push(
        `receivable ${r.id} reserves ${r.pendingAmount} for ${r.pendingPaymentId ?? 'no payment'} but its pending payments ${JSON.stringify(pending.map((p) => p.id))} have ${unacknowledged} unacknowledged`,
      );
    }
  }
  return found;
}

/**
 * Consent: an ACCEPTED dilution request took effect as exactly one dilution of the same id and
 * amount, naming the debtor that asked; a request still PENDING took no effect; and the holders'
 * pending lists hold exactly the PENDING requests.
 */
function consentViolations(ledger: FakeLedger, requests: readonly DilutionRequest[], dilutions: readonly Dilution[]): string[] {
  const found: string[] = [];
  for (const q of requests) {
    const applied = dilutions.find((d) => d.receivableId === q.receivableId && d.id === q.id);
    const agrees = applied !== undefined && applied.amount === q.amount && applied.requestedBy === q.debtorId;
    if ((q.status === 'ACCEPTED') !== agrees || (q.status !== 'ACCEPTED' && applied !== undefined)) {
      found.push(`dilution request ${q.id} on ${q.receivableId} is ${q.status} but its dilution is ${applied ? applied.amount : 'absent'}`);
    }
  }
  const listed = ledger
    .entries()
    .map(({ key }) => key.split('\u0000'))
    .filter((parts) => parts[1] === KeyType.pendingDilutionsByHolder)
    .map((parts) => `${parts[2] ?? ''}/${parts[3] ?? ''}/${parts[4] ?? ''}`)
    .sort();
  const pending = requests
    .filter((q) => q.status === 'PENDING')
    .map((q) => `${q.holderId}/${q.receivableId}/${q.id}`)
    .sort();
  if (JSON.stringify(listed) !== JSON.stringify(pending)) {
    found.push(`pending dilution list ${JSON.stringify(listed)} differs from the pending requests ${JSON.stringify(pending)}`);
  }
  return found;
}

/**
 * Receipts and pledges: at most one live pledge per receipt and it is the one the receipt
 * names, no redeemed receipt under a pledge, positive quantities and loans, every live pledge's
 * status agreeing with today's price (MARGIN_CALL exactly when the maintenance ratio is broken),
 * and the live-pledge index (what a price update revalues) holding exactly the live pledges.
 */
function warehouseViolations(
  ledger: FakeLedger,
  receipts: readonly WarehouseReceipt[],
  pledges: readonly Pledge[],
  prices: readonly CommodityPrice[],
): string[] {
  const live = pledges.filter(isLivePledge);
  return [
    ...receipts.flatMap((r) => receiptViolations(r, live)),
    ...pledges.flatMap((p) => pledgeViolations(p, receipts, prices)),
    ...liveIndexViolations(ledger, live),
  ];
}

function receiptViolations(r: WarehouseReceipt, live: readonly Pledge[]): string[] {
  const found: string[] = [];
  const own = live.filter((p) => p.receiptId === r.id);
  if (own.length > 1) {
    found.push(`receipt ${r.id} has ${own.length} live pledges`);
  }
  if (r.pledgeId !== own[0]?.id) {
    found.push(`receipt ${r.id} names pledge ${r.pledgeId ?? 'none'} but its live pledge is ${own[0]?.id ?? 'none'}`);
  }
  if (r.status === 'REDEEMED' && (r.pledgeId !== undefined || own.length > 0)) {
    found.push(`receipt ${r.id} redeemed while pledged`);
  }
  if (BigInt(r.quantity) <= 0n) {
    found.push(`receipt ${r.id} has no quantity`);
  }
  return found;
}

/** ACTIVE while the collateral at this price covers the maintenance ratio, MARGIN_CALL once it does not. */
function statusAtPrice(p: Pledge, price: CommodityPrice): Pledge['status'] {
  const healthy = BigInt(p.quantity) * BigInt(price.pricePerUnit) * 10_000n >= BigInt(p.loanAmount) * BigInt(p.maintenanceRatioBps ?? '0');
  return healthy ? 'ACTIVE' : 'MARGIN_CALL';
}

function pledgeViolations(p: Pledge, receipts: readonly WarehouseReceipt[], prices: readonly CommodityPrice[]): string[] {
  const found: string[] = [];
  const receipt = receipts.find((r) => r.id === p.receiptId);
  if (BigInt(p.loanAmount) <= 0n || p.quantity !== receipt?.quantity) {
    found.push(`pledge ${p.id}: loan not positive or quantity differs from receipt ${p.receiptId}`);
  }
  const price = prices.find((x) => x.commodity === p.commodity && x.grade === p.grade && x.unit === p.unit);
  if (isLivePledge(p) && price && price.currency === p.currency && p.status !== statusAtPrice(p, price)) {
    found.push(`pledge ${p.id} is ${p.status} at today's price of ${price.pricePerUnit}`);
  }
  return found;
}

/** The live-pledge index (what a price update revalues) holds exactly the live pledges. */
function liveIndexViolations(ledger: FakeLedger, live: readonly Pledge[]): string[] {
  const indexed = ledger
    .entries()
    .map(({ key }) => key.split('\u0000'))
    .filter((parts) => parts[1] === KeyType.livePledgesByCommodity)
    .map((parts) => parts[parts.length - 2] ?? '')
    .sort();
  if (JSON.stringify(indexed) !== JSON.stringify(live.map((p) => p.id).sort())) {
    return [`live pledge index ${JSON.stringify(indexed)} differs from the live pledges ${JSON.stringify(live.map((p) => p.id).sort())}`];
  }
  return [];
}
