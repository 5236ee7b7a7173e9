/**
 * The bench's book, set up untimed before a workload: the consortium cap on `core`, Bank A's credit
 * lines, and confirmed receivables of supplier-1 with a REQUESTED financing each.
 */
import { call, type SubmitCall, tx } from '@scf/kernel/catalogue/catalogue';
import type { FabricClients } from './fabric';
import type { RestClient } from './rest';
import { inParallel } from './stats';

const isoDay = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const issue = (receivableId: string, amount: string): SubmitCall =>
  call(tx.receivable.IssueReceivable, {
    receivableId,
    debtorId: 'core',
    invoiceNumber: `INV-${receivableId}`,
    currency: 'USD',
    amount,
    issueDate: isoDay(-1),
    dueDate: isoDay(60),
  });

/** Every receivable the run issues for a financing gets a face of its own: equal faces and dates are near-duplicate invoices. */
let nextFace = 1_000_000_000n + BigInt(Date.now() % 1_000_000) * 1_000n;

export class BenchBook {
  constructor(
    private readonly fabric: FabricClients,
    private readonly rest: RestClient,
    private readonly run: string,
    private readonly log: (message: string) => void,
  ) {}

  async ensureCap(): Promise<void> {
    // A core enterprise without a cap answers `cap: null` (a fresh ledger), or 404.
    const exposure = await this.rest
      .ok<{ cap: string | null }>('auditor', 'GET', '/v1/consortium-caps/core/USD')
      .catch(() => ({ cap: null }));
    const wanted = 10n ** 13n;
    if (exposure.cap === null || BigInt(exposure.cap) < wanted) {
      await this.rest.ok('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: wanted.toString() });
    }
  }

  async grantLine(lineId: string): Promise<void> {
    await this.rest.ok('bank-a', 'POST', '/v1/credit-lines', {
      lineId,
      coreId: 'core',
      currency: 'USD',
      limit: '1000000000000',
      expiresOn: isoDay(365),
      maxAdvanceRateBps: '9000',
      maxTenorDays: 180,
      graceDays: 10,
    });
  }

  /** `count` confirmed receivables of about 10^9 held by supplier-1, each with a REQUESTED financing of 700 000 on `lineId`. */
  async prepareFinancings(prefix: string, count: number, lineId: string | ((index: number) => string)): Promise<string[]> {
    const lineOf = (index: number): string => (typeof lineId === 'string' ? lineId : lineId(index));
    const ids = Array.from({ length: count }, (_, i) => `${this.run}-${prefix}${i}`);
    const step = async (label: string, fn: (id: string) => Promise<unknown>): Promise<void> => {
      const t0 = performance.now();
      await inParallel(ids, 50, fn);
      this.log(`  set-up: ${count} × ${label} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    };
    await step(tx.receivable.IssueReceivable.name, (id) => this.fabric.mustSubmit('supplier-1', issue(id, (nextFace++).toString())));
    await step(tx.receivable.ConfirmReceivable.name, (id) =>
      this.fabric.mustSubmit('core', call(tx.receivable.ConfirmReceivable, { receivableId: id })),
    );
    await step(tx.financing.RequestFinancing.name, (id) =>
      this.fabric.mustSubmit(
        'supplier-1',
        call(tx.financing.RequestFinancing, {
          financingId: `${id}-f`,
          receivableId: id,
          lineId: lineOf(ids.indexOf(id)),
          amount: '700000',
        }),
      ),
    );
    return ids.map((id) => `${id}-f`);
  }
}
