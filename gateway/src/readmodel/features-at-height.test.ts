import { FeaturesAtHeight } from './features-at-height';
import type { RiskFeatureReads } from './risk-features';
import type { SupplierHistory } from '../risk/inputs';
import type { Receivable } from '@scf/kernel/records/receivable';

/** A source that answers with what it was asked and the height it stood at, and counts its reads. */
function countingSource(state: { height: bigint; failNext?: boolean }): { source: RiskFeatureReads; reads: string[] } {
  const reads: string[] = [];
  const read = <T>(what: string, answer: T): Promise<T> => {
    reads.push(what);
    if (state.failNext === true) {
      state.failNext = false;
      return Promise.reject(new Error('read model unavailable'));
    }
    return Promise.resolve(answer);
  };
  const source: RiskFeatureReads = {
    supplierHistory: (id, now) => read(`supplier ${id} ${now}`, { tenureDays: Number(state.height) } as unknown as SupplierHistory),
    bankBook: (bank) => read(`book ${bank}`, { exposureBySupplier: { [bank]: state.height } }),
    recentRequestTimes: () => Promise.reject(new Error('the memo reads requestTimesById')),
    requestTimesById: (bank, borrower) =>
      read(`requests ${bank} ${borrower}`, [
        { id: 'f1', at: Number(state.height) },
        { id: 'f2', at: Number(state.height) + 1 },
      ]),
    transfersAround: (id, depth) => read(`transfers ${id} ${depth}`, [{ from: id, to: `h${String(state.height)}` }]),
    invoiceTwins: (r) => read(`twins ${r.id}`, { sameInvoiceIds: [], nearDuplicateIds: [] }),
  };
  return { source, reads };
}

describe('FeaturesAtHeight', () => {
  it('reads each feature once per height and arguments, and again at the next height', async () => {
    const state = { height: 7n };
    const { source, reads } = countingSource(state);
    const features = new FeaturesAtHeight(source, () => Promise.resolve(state.height));
    const ask = (): Promise<unknown[]> =>
      Promise.all([
        features.supplierHistory('s1', 100),
        features.bankBook('BankAMSP'),
        features.recentRequestTimes('BankAMSP', 's1', 'f1'),
        features.transfersAround('s1', 6),
      ]);
    const first = await ask();
    const again = await ask();
    expect(reads).toHaveLength(4);
    expect(again).toEqual(first);
    // Other arguments are other answers: another second, another depth.
    await features.supplierHistory('s1', 101);
    await features.transfersAround('s1', 5);
    expect(reads).toHaveLength(6);
    // One list of the borrower's requests, each financing's own left out of it.
    expect(first[2]).toEqual([8]);
    expect(await features.recentRequestTimes('BankAMSP', 's1', 'f2')).toEqual([7]);
    expect(await features.recentRequestTimes('BankAMSP', 's1')).toEqual([7, 8]);
    expect(reads).toHaveLength(6);
    // A new block: everything is read again, at the new height.
    state.height = 8n;
    const moved = await ask();
    expect(reads).toHaveLength(10);
    expect(moved[1]).toEqual({ exposureBySupplier: { BankAMSP: 8n } });
    expect(moved[3]).toEqual([{ from: 's1', to: 'h8' }]);
  });

  it('keeps no failed read, and hands out lists the caller may change', async () => {
    const state = { height: 1n, failNext: true };
    const { source, reads } = countingSource(state);
    const features = new FeaturesAtHeight(source, () => Promise.resolve(state.height));
    await expect(features.bankBook('BankAMSP')).rejects.toThrow('read model unavailable');
    await expect(features.bankBook('BankAMSP')).resolves.toEqual({ exposureBySupplier: { BankAMSP: 1n } });
    expect(reads).toEqual(['book BankAMSP', 'book BankAMSP']);
    const times = await features.recentRequestTimes('BankAMSP', 's1');
    times.push(99);
    expect(await features.recentRequestTimes('BankAMSP', 's1')).toEqual([1, 2]);
  });

  it('reads the invoice twins every time: they depend on the record passed in', async () => {
    const { source, reads } = countingSource({ height: 3n });
    const features = new FeaturesAtHeight(source, () => Promise.resolve(3n));
    const receivable = { id: 'r1' } as Receivable;
    await features.invoiceTwins(receivable);
    await features.invoiceTwins(receivable);
    expect(reads).toEqual(['twins r1', 'twins r1']);
  });
});
