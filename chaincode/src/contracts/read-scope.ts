import { listFinancings } from '../ledger/financings';
import { requireReceivable } from '../ledger/receivables';
import type { HistoryItem, Store } from '../ledger/store';
import { requirePledge } from '../ledger/warehouse';
import type { ScfContext } from './scf-context';
import { ErrorCode, fail } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import type { CreditLine } from '@scf/kernel/records/credit-line';
import type { DilutionRequest } from '@scf/kernel/records/dilution';
import type { Financing } from '@scf/kernel/records/financing';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { Pledge, WarehouseReceipt } from '@scf/kernel/records/warehouse';
import { directParties, mayRead, mergeParties, type Parties, type Reader, readerOf, type RecordType, redact } from '@scf/kernel/visibility';

/** How far a split tree is walked (as the approval context's lineage). */
const MAX_TREE = 64;

/**
 * What the caller of a query may read, by the kernel's visibility table and the caller's
 * certificate (never an argument): a Get of a record it may not read is refused, a List keeps
 * only what it may read, and a field only some readers see is left out for the others.
 */
export class ReadScope {
  readonly reader: Reader;

  constructor(private readonly ctx: ScfContext) {
    this.reader = readerOf(ctx.caller);
  }

  /** Every receivable along `receivable`'s split tree: its parents up to the root and all its children. */
  private async tree(receivable: Receivable): Promise<Receivable[]> {
    const store = this.ctx.store;
    const nodes = [receivable];
    for (let top = receivable; top.parentId !== undefined && nodes.length < MAX_TREE;) {
      top = await requireReceivable(store, top.parentId);
      nodes.push(top);
    }
    const queue = [...receivable.childIds];
    for (let next = queue.shift(); next !== undefined && nodes.length < MAX_TREE; next = queue.shift()) {
      const child = await requireReceivable(store, next);
      nodes.push(child);
      queue.push(...child.childIds);
    }
    return nodes;
  }

  /** A receivable's readers: its creditor, debtor, the holders along its split tree and every bank asked to finance one of them. */
  async receivableParties(receivable: Receivable): Promise<Parties> {
    const nodes = await this.tree(receivable);
    const banks: string[] = [];
    for (const node of nodes) {
      const financings = await listFinancings(this.ctx.store, KeyType.financingsByReceivable, node.id);
      banks.push(...financings.map((f) => f.bankMsp));
    }
    return mergeParties(directParties('receivable', receivable), {
      holders: nodes.map((n) => n.holderId),
      'financing-banks': banks,
    });
  }

  /** Whether the direct parties already decide (the auditor, or a party named on the record), before the ledger is read further. */
  private directly(type: RecordType, parties: Parties): boolean {
    return mayRead(this.reader, type, parties);
  }

  async seesReceivable(receivable: Receivable, type: RecordType = 'receivable'): Promise<boolean> {
    if (this.directly(type, directParties('receivable', receivable))) {
      return true;
    }
    if (this.reader.kind === 'nobody' || this.reader.kind === 'org-admin') {
      return false;
    }
    return mayRead(this.reader, type, await this.receivableParties(receivable));
  }

  async seesReceivableId(receivableId: string, type: RecordType): Promise<boolean> {
    return this.seesReceivable(await requireReceivable(this.ctx.store, receivableId), type);
  }

  seesFinancing(financing: Financing): boolean {
    return mayRead(this.reader, 'financing', directParties('financing', financing));
  }

  /** The financing as this reader may see it (the bank's assessment only for that bank and the auditor). */
  financing(financing: Financing): Financing {
    return redact(this.reader, 'financing', financing, directParties('financing', financing));
  }

  seesCreditLine(line: CreditLine): boolean {
    return mayRead(this.reader, 'creditLine', directParties('creditLine', line));
  }

  seesPledge(pledge: Pledge): boolean {
    return mayRead(this.reader, 'pledge', directParties('pledge', pledge));
  }

  /** A receipt: its owner, its warehouse, and every bank it was pledged or offered to (a bank values the goods it is offered, and keeps its records of them). */
  async seesReceipt(receipt: WarehouseReceipt): Promise<boolean> {
    const parties = directParties('receipt', receipt);
    if (mayRead(this.reader, 'receipt', parties) || this.reader.kind !== 'bank') {
      return mayRead(this.reader, 'receipt', parties);
    }
    const banks: string[] = [];
    if (receipt.pledgeId !== undefined) {
      banks.push((await requirePledge(this.ctx.store, receipt.pledgeId)).bankMsp);
    }
    // Pledges have no index by receipt: a bank reads a receipt not pledged to it now rarely, so this scan is rare.
    const offered = await this.ctx.store.list<Pledge>(KeyType.pledge, []);
    banks.push(...offered.filter((p) => p.receiptId === receipt.id).map((p) => p.bankMsp));
    return mayRead(this.reader, 'receipt', { ...parties, bank: banks });
  }

  async seesPayment(payment: Payment): Promise<boolean> {
    return this.directly('payment', directParties('payment', payment)) || (await this.seesReceivableId(payment.receivableId, 'payment'));
  }

  async seesDilutionRequest(request: DilutionRequest): Promise<boolean> {
    return (
      this.directly('dilution', { holders: [request.holderId], debtor: [request.debtorId] }) ||
      (await this.seesReceivableId(request.receivableId, 'dilution'))
    );
  }

  /** `record` when `visible`, else FORBIDDEN naming what was asked for. */
  require<T>(visible: boolean, record: T, what: string): T {
    if (!visible) {
      fail(ErrorCode.FORBIDDEN, `${what} is not visible to the caller`);
    }
    return record;
  }

  /** The items of `list` this reader may see, in order. */
  async filter<T>(list: readonly T[], sees: (item: T) => boolean | Promise<boolean>): Promise<T[]> {
    const kept: T[] = [];
    for (const item of list) {
      if (await sees(item)) {
        kept.push(item);
      }
    }
    return kept;
  }
}

/** A record's history, after `current` (the record as it is now) was checked: each version passed through `shape`. */
export function historyAs<T>(items: readonly HistoryItem<T>[], shape: (value: T) => T): HistoryItem<T>[] {
  return items.map((item) => (item.value === undefined ? item : { ...item, value: shape(item.value) }));
}

/** The receivable, refused (FORBIDDEN) unless the caller may read records of `type` on it. */
export async function requireVisibleReceivable(
  scope: ReadScope,
  store: Store,
  receivableId: string,
  type: RecordType,
): Promise<Receivable> {
  const receivable = await requireReceivable(store, receivableId);
  return scope.require(await scope.seesReceivable(receivable, type), receivable, `receivable ${receivable.id}`);
}
