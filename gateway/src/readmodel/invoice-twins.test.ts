import { receivableFixture } from '../testing/ledger-fixtures';
import { entityIndex, invoiceTwinsOf } from './invoice-twins';
import type { Receivable } from '@scf/kernel/records/receivable';

const entityOf = entityIndex([
  { id: 'sup1', legalEntityId: 'E-SUP' },
  { id: 'sup1-desk2', legalEntityId: 'E-SUP' },
  { id: 'sup2', legalEntityId: 'E-OTHER' },
  { id: 'core', legalEntityId: 'E-CORE' },
]);

function root(id: string, patch: Partial<Receivable> = {}): Receivable {
  return {
    ...receivableFixture,
    id,
    rootId: id,
    creditorId: 'sup1',
    debtorId: 'core',
    invoiceNumber: 'INV-2024-0042',
    currency: 'USD',
    face: '1000000',
    issueDate: '2025-01-01',
    dueDate: '2025-04-01',
    ...patch,
  };
}

describe('invoiceTwinsOf', () => {
  const subject = root('r1');

  it('finds the same invoice under a look-alike number, also from a second participant id of the seller', () => {
    const twin = root('r2', { invoiceNumber: 'ІNV-٢٠٢٤-٠٠٤٢', creditorId: 'sup1-desk2', face: '5' });
    expect(invoiceTwinsOf(subject, [subject, twin], entityOf)).toEqual({ sameInvoiceIds: ['r2'], nearDuplicateIds: [] });
  });

  it('finds near-duplicates: same parties, currency, amount and dates, another number', () => {
    const near = root('r3', { invoiceNumber: 'INV-2024-0043' });
    const otherAmount = root('r4', { invoiceNumber: 'INV-2024-0044', face: '999999' });
    const otherDue = root('r5', { invoiceNumber: 'INV-2024-0045', dueDate: '2025-04-02' });
    const otherSeller = root('r6', { invoiceNumber: 'INV-2024-0046', creditorId: 'sup2' });
    expect(invoiceTwinsOf(subject, [near, otherAmount, otherDue, otherSeller], entityOf)).toEqual({
      sameInvoiceIds: [],
      nearDuplicateIds: ['r3'],
    });
  });

  it('ignores its own tree and parties the read model does not know', () => {
    const split = { ...root('r1-a'), rootId: 'r1' };
    expect(invoiceTwinsOf(subject, [split], entityOf)).toEqual({ sameInvoiceIds: [], nearDuplicateIds: [] });
    expect(invoiceTwinsOf(root('r9', { creditorId: 'stranger' }), [subject], entityOf)).toEqual({
      sameInvoiceIds: [],
      nearDuplicateIds: [],
    });
  });
});
