import { receivableCollateral } from './inputs';
import type { Receivable } from '@scf/kernel/records/receivable';

const AT = '2025-01-10T00:00:00Z';

/** A confirmed, unfinanced receivable as the chaincode stores it. */
function confirmedReceivable(id = 'r1', face = 1_000_000n): Receivable {
  return {
    id,
    rootId: id,
    childIds: [],
    invoiceNumber: `INV-${id}`,
    invoiceFingerprint: '0'.repeat(64),
    currency: 'USD',
    issueDate: '2025-01-01',
    dueDate: '2025-04-01',
    creditorId: 'sup1',
    debtorId: 'core1',
    debtorMsp: 'CoreMSP',
    holderId: 'sup1',
    holderMsp: 'SuppliersMSP',
    face: face.toString(),
    outstanding: face.toString(),
    settled: '0',
    diluted: '0',
    splitOff: '0',
    status: 'CONFIRMED',
    delinquency: 'CURRENT',
    pendingAmount: '0',
    createdAt: AT,
    updatedAt: AT,
  };
}

const NO_TWINS = { sameInvoiceIds: [], nearDuplicateIds: [] };

describe('receivableCollateral', () => {
  it('takes the chaincode state as is, parsing its amounts', () => {
    const receivable = { ...confirmedReceivable('r9', 1_000_000n), outstanding: '600000' };
    expect(receivableCollateral(receivable, 'fin1', NO_TWINS, [])).toEqual({
      id: 'r9',
      status: 'CONFIRMED',
      delinquency: 'CURRENT',
      face: 1_000_000n,
      outstanding: 600_000n,
      dueDate: '2025-04-01',
      encumbered: false,
      fingerprintUnique: true,
      nearDuplicateIds: [],
      provenanceFaults: [],
    });
  });

  it('is unique only when no other tree has the same invoice; near-duplicates are passed on', () => {
    const twins = receivableCollateral(confirmedReceivable(), 'fin1', { sameInvoiceIds: ['r7'], nearDuplicateIds: ['r8'] }, []);
    expect(twins).toMatchObject({ fingerprintUnique: false, nearDuplicateIds: ['r8'] });
  });

  it('is encumbered only by another financing', () => {
    const receivable = { ...confirmedReceivable(), financingId: 'fin1' };
    expect(receivableCollateral(receivable, 'fin1', NO_TWINS, []).encumbered).toBe(false);
    expect(receivableCollateral(receivable, 'fin2', NO_TWINS, []).encumbered).toBe(true);
  });
});
